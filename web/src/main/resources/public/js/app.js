// The flood-office map: login, scenario and warning level, colour layers, the district's counts and who must move.
import * as api from './api.js';
import * as i18n from './i18n.js';
import * as layers from './layers.js';

const state = { scenario: null, warning: 'II', overlays: {}, control: null, summaryAbort: null, names: {} };
const COLOUR_KEYS = ['RED', 'ORANGE', 'YELLOW', 'GREEN'];

const config = await (await fetch('/config.json')).json();
// maxZoom is set on the map itself: with no basemap there is no tile layer to give one.
const map = L.map('map', { center: config.center, zoom: config.zoom, maxZoom: config.max_zoom, preferCanvas: true });
if (config.basemap_url) {
  L.tileLayer(config.basemap_url, { attribution: config.basemap_attribution, maxZoom: config.max_zoom }).addTo(map);
}
map.attributionControl.addAttribution('gridmap · NBS 2023 · GSHHG');
window.gridmapMap = map;

i18n.apply();
document.getElementById('lang').addEventListener('click', async () => {
  i18n.toggle();
  legend();
  if (state.scenario) {
    await overlays(); // the layer switcher's labels
    await refresh();
  }
});
document.getElementById('logout').addEventListener('click', () => { api.logout(); location.reload(); });
document.getElementById('scenario').addEventListener('change', e => { state.scenario = e.target.value; overlays(); refresh(); });
document.getElementById('warning').addEventListener('change', e => { state.warning = e.target.value; refresh(); });

const dialog = document.getElementById('login');
document.getElementById('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    await api.login(document.getElementById('username').value, document.getElementById('password').value);
    dialog.close();
    await start();
  } catch (err) {
    document.getElementById('login-error').textContent = i18n.t('login_failed');
  }
});

legend();
if (api.hasToken()) {
  start().catch(() => dialog.showModal());
} else {
  dialog.showModal();
}

async function start() {
  for (const a of await api.get('/api/areas')) {
    state.names[a.code] = a.name;
  }
  const scenarios = await api.get('/api/risk/scenarios');
  const select = document.getElementById('scenario');
  select.innerHTML = '';
  for (const s of scenarios) {
    select.add(new Option(s.name, s.code));
  }
  state.scenario = scenarios.find(s => s.current_run_id)?.code || scenarios[0]?.code;
  select.value = state.scenario;
  document.getElementById('logout').hidden = false;
  await overlays();
  await refresh();
}

async function overlays() {
  for (const l of Object.values(state.overlays)) map.removeLayer(l);
  if (state.control) state.control.remove();
  const o = {};
  o[i18n.t('zones')] = layers.floodZones(state.scenario).addTo(map);
  o[i18n.t('grids')] = layers.gridRisk(state.scenario, gridPopup).addTo(map);
  o[i18n.t('buildings')] = layers.buildings(state.scenario).addTo(map);
  o[i18n.t('areas')] = layers.areas().addTo(map);
  o[i18n.t('waters')] = (await layers.collection('waters', { color: '#3182bd', weight: 2, fillOpacity: 0.3 })).addTo(map);
  o[i18n.t('shelters')] = (await layers.collection('shelters', null,
    p => `<b>${p.name}</b><br>${i18n.t('capacity')} ${p.capacity}`)).addTo(map);
  state.overlays = o;
  state.control = L.control.layers(null, o, { collapsed: false }).addTo(map);
}

function gridPopup(p, latlng) {
  const rows = COLOUR_KEYS.map(c => `<tr><td><span class="swatch c-${c}"></span>${i18n.t(c)}</td>`
    + `<td>${p[c.toLowerCase()]}</td></tr>`).join('');
  L.popup().setLatLng(latlng).setContent(`<b>${p.name}</b><br>${p.grid_code}<table>${rows}</table>`).openOn(map);
}

function legend() {
  const el = document.getElementById('legend');
  el.innerHTML = `<h2>${i18n.t('legend')}</h2>` + COLOUR_KEYS.map(c =>
    `<div><span class="swatch c-${c}"></span>${i18n.t(c)}</div>`).join('');
}

async function refresh() {
  const el = document.getElementById('summary');
  if (!state.scenario) return;
  if (state.summaryAbort) state.summaryAbort.abort();
  state.summaryAbort = new AbortController();
  try {
    const s = await api.get(`/api/risk/summary?area=220802&scenario=${encodeURIComponent(state.scenario)}`
      + `&warning_level=${state.warning}`, state.summaryAbort.signal);
    const head = `<tr><th>${i18n.t('street')}</th>` + COLOUR_KEYS.map(c => `<th><span class="swatch c-${c}"></span></th>`)
      .join('') + `<th>${i18n.t('must_move')}</th></tr>`;
    const row = (name, counts) => {
      const move = s.must_move_colors.reduce((n, c) => n + counts.households[c], 0);
      return `<tr><td>${name}</td>` + COLOUR_KEYS.map(c => `<td>${counts.households[c]}</td>`).join('')
        + `<td class="must-move">${move}</td></tr>`;
    };
    el.innerHTML = `<h2>${i18n.t('district')} · ${i18n.t('households')}</h2>`
      + `<p class="must-move" id="must-move">${i18n.t('must_move')}: ${s.must_move_households} ${i18n.t('households')} · `
      + `${s.must_move_people} ${i18n.t('people')}</p>`
      + `<table id="summary-table">${head}${row(i18n.t('district'), s.total)}`
      + s.children.map(c => row(state.names[c.code] || c.code, c.counts)).join('') + '</table>';
  } catch (err) {
    if (err.name === 'AbortError') return;
    el.innerHTML = `<p>${err.status === 409 ? i18n.t('no_results') : err.message}</p>`;
  }
}
