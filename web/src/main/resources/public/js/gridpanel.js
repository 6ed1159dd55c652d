// The selected grid in the side panel: counts per colour, stewards (phones masked by the server), coverage findings,
// and the link to its printable transfer sheet. The grid's outline is highlighted on the map.
import * as api from './api.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import { problem, t } from './i18n.js';
import * as vocabulary from './vocabulary.js';
import { findingDetail } from './findings.js';


/** A route's popup as DOM (never HTML from data): building → shelter, length, the roads it follows. */
export function routeText(p) {
  return h('div', { class: 'route-popup' }, h('b', null, `${p.building_id} → ${p.shelter_name}`), h('br'),
    `${t('route_length')} ${(p.length_m / 1000).toFixed(1)} km · ${p.households} ${t('hh_unit')} · ${p.people} `
    + `${t('people_unit')}`, p.via.length ? [h('br'), `${t('route_via')} ${p.via.join(' → ')}`] : null);
}

export function gridPanel(map, state) {
  const el = document.getElementById('grid-panel');
  let outline = null;
  let routes = null;
  let abort = null;

  async function show(code) {
    state.grid = code;
    el.hidden = false;
    replace(el, h('p', null, t('loading')));
    if (abort) abort.abort();
    abort = new AbortController();
    try {
      const signal = abort.signal;
      const [g, s, lineage] = await Promise.all([
        api.get('/api/grids/' + code, signal),
        api.get(`/api/risk/summary?area=${code}&scenario=${encodeURIComponent(state.scenario)}`
          + `&warning_level=${state.warning}`, signal).catch(() => null),
        api.get(`/api/grids/${code}/lineage`, signal).catch(() => []),
      ]);
      // 网格沿革: which grids this one was made from at a redistricting, and where this code's older versions went
      const steps = (Array.isArray(lineage) ? lineage : []).map(l => h('li', null, t(l.direction === 'FROM'
        ? 'lineage_from' : 'lineage_to').replace('{grid}', `${l.name} ${l.grid_code}`).replace('{v}', l.version)
        .replace('{n}', l.households).replace('{when}', i18n.when(l.valid_from))));
      if (outline) map.removeLayer(outline);
      outline = L.geoJSON(g.geometry, { style: { color: '#00e5ff', weight: 4, fill: false }, interactive: false }).addTo(map);
      drawRoutes(code, signal);
      const counts = s ? h('tbody', null, vocabulary.codes('risk_colors').map(c => h('tr', null,
        h('td', null, vocabulary.swatch(c), vocabulary.label('risk_colors', c)), h('td', null, s.total.households[c])))) : null;
      const move = s ? h('p', { class: 'must-move', id: 'grid-must-move' }, `${t('must_move')}: ${s.must_move_households} `
        + `${t('hh_unit')} · ${s.must_move_people} ${t('people_unit')}`) : h('p', null, t('no_results'));
      const stewards = g.stewards.length ? g.stewards.map(p => h('li', null, `${t('role_' + p.role)} ${p.name} ${p.phone || ''}`))
        : h('li', null, t('no_stewards'));
      const findings = g.coverage_findings.length ? g.coverage_findings.map(f => h('li', null, t('finding_' + f.kind)
        + `${f.other_grid_code && f.other_grid_code !== code ? ' · ' + f.other_grid_code : ''}`
        + `${f.other_grid_code === code ? ' · ' + f.grid_code : ''}`, h('br'),
        h('small', null, findingDetail(f, g.households, g.rural))))
        : h('li', null, t('no_findings'));
      const print = `/print.html?grid=${encodeURIComponent(code)}&scenario=${encodeURIComponent(state.scenario)}`
        + `&warning=${encodeURIComponent(state.warning)}`;
      replace(el,
        h('h2', null, h('span', null, `${t('grid')} ${g.name}`),
          h('button', { class: 'link', id: 'grid-close', on: { click: hide } }, t('close'))),
        h('div', null, g.grid_code, h('br'), `${g.street_name || ''} · ${g.community_name}`),
        move, h('table', { id: 'grid-counts' }, counts),
        h('h3', null, t('stewards')), h('ul', { id: 'grid-stewards' }, stewards),
        h('h3', null, t('findings')), h('ul', { id: 'grid-findings' }, findings),
        steps.length ? [h('h3', null, t('lineage')), h('ul', { id: 'grid-lineage' }, steps)] : null,
        // The sheet lists households: not for roles that may not read them (the hotline).
        state.role !== 'HOTLINE' && h('div', { class: 'actions' },
          h('a', { class: 'button', id: 'grid-print', href: print }, t('print_sheet'))));
    } catch (err) {
      if (err.name !== 'AbortError') replace(el, h('p', { class: 'error' }, problem(err)));
    }
  }

  /** The grid's evacuation routes (building → shelter by road), when it is in flood mode and the caller may see them. */
  async function drawRoutes(code, signal) {
    if (routes) map.removeLayer(routes);
    routes = null;
    let fc;
    try {
      fc = await api.get('/api/evacuation/routes?grid=' + code, signal);
    } catch (err) {
      return; // not in flood mode, or a role without household access: no routes to show
    }
    if (state.grid !== code || !fc.features.length) return;
    routes = L.geoJSON(fc, {
      style: { className: 'route', weight: 3, opacity: 0.85, dashArray: '8 4' },
      onEachFeature: (f, layer) => layer.bindPopup(routeText(f.properties)),
    }).addTo(map);
  }

  function hide() {
    state.grid = null;
    el.hidden = true;
    if (outline) map.removeLayer(outline);
    if (routes) map.removeLayer(routes);
    outline = null;
    routes = null;
  }

  return { show, hide };
}
