// The selected grid in the side panel: counts per colour, stewards (phones masked by the server), coverage findings,
// and the link to its printable transfer sheet. The grid's outline is highlighted on the map.
import * as api from './api.js';
import { t } from './i18n.js';

const COLOUR_KEYS = ['RED', 'ORANGE', 'YELLOW', 'GREEN'];

export function gridPanel(map, state) {
  const el = document.getElementById('grid-panel');
  let outline = null;
  let abort = null;

  async function show(code) {
    state.grid = code;
    el.hidden = false;
    el.innerHTML = `<p>${t('loading')}</p>`;
    if (abort) abort.abort();
    abort = new AbortController();
    try {
      const signal = abort.signal;
      const [g, s] = await Promise.all([
        api.get('/api/grids/' + code, signal),
        api.get(`/api/risk/summary?area=${code}&scenario=${encodeURIComponent(state.scenario)}`
          + `&warning_level=${state.warning}`, signal).catch(() => null),
      ]);
      if (outline) map.removeLayer(outline);
      outline = L.geoJSON(g.geometry, { style: { color: '#00e5ff', weight: 4, fill: false }, interactive: false }).addTo(map);
      const counts = s ? COLOUR_KEYS.map(c => `<tr><td><span class="swatch c-${c}"></span>${t(c)}</td>`
        + `<td>${s.total.households[c]}</td></tr>`).join('') : '';
      const move = s ? `<p class="must-move" id="grid-must-move">${t('must_move')}: ${s.must_move_households} `
        + `${t('households')} · ${s.must_move_people} ${t('people')}</p>` : `<p>${t('no_results')}</p>`;
      const stewards = g.stewards.length ? g.stewards.map(p => `<li>${t('role_' + p.role)} ${p.name} ${p.phone || ''}</li>`)
        .join('') : `<li>${t('no_stewards')}</li>`;
      const findings = g.coverage_findings.length ? g.coverage_findings.map(f => `<li>${t('finding_' + f.kind)}`
        + `${f.other_grid_code && f.other_grid_code !== code ? ' · ' + f.other_grid_code : ''}`
        + `${f.other_grid_code === code ? ' · ' + f.grid_code : ''}<br><small>${f.detail}</small></li>`).join('')
        : `<li>${t('no_findings')}</li>`;
      const print = `/print.html?grid=${code}&scenario=${encodeURIComponent(state.scenario)}&warning=${state.warning}`;
      el.innerHTML = `<h2><span>${t('grid')} ${g.name}</span><button class="link" id="grid-close">${t('close')}</button></h2>`
        + `<div>${g.grid_code}<br>${g.street_name || ''} · ${g.community_name}</div>`
        + `${move}<table id="grid-counts">${counts}</table>`
        + `<h3>${t('stewards')}</h3><ul id="grid-stewards">${stewards}</ul>`
        + `<h3>${t('findings')}</h3><ul id="grid-findings">${findings}</ul>`
        + `<div class="actions"><a class="button" id="grid-print" href="${print}" target="_blank">${t('print_sheet')}</a></div>`;
      document.getElementById('grid-close').addEventListener('click', hide);
    } catch (err) {
      if (err.name !== 'AbortError') el.innerHTML = `<p class="error">${err.message}</p>`;
    }
  }

  function hide() {
    state.grid = null;
    el.hidden = true;
    if (outline) map.removeLayer(outline);
    outline = null;
  }

  return { show, hide };
}
