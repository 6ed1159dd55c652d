// The flood-office map: login, scenario and warning level, colour layers, the district's counts and who must move.
import * as api from './api.js';
import { clear, h, replace } from './dom.js';
import * as i18n from './i18n.js';
import * as layers from './layers.js';
import { gridPanel } from './gridpanel.js';
import { gridSearch } from './search.js';
import { ticketsModule } from './tickets.js';
import { evacuationModule } from './evacuation.js';
import { redistrictModule } from './redistrict.js';
import * as vocabulary from './vocabulary.js';
import * as sheet from './sheet.js';

const state = { scenario: null, warning: 'II', overlays: {}, control: null, summaryAbort: null, names: {}, grid: null,
  home: '', role: null, highlight: null };
/** The level of an area or grid code by its length (6 district, 9 street, 12 community, 15 grid). */
const LEVELS = { 6: 'district', 9: 'street', 12: 'community', 15: 'grid' };
const CHILD = { district: 'street', street: 'community', community: 'grid' };

const config = await (await fetch('/config.json')).json();
await vocabulary.load();
const COLOUR_KEYS = vocabulary.codes('risk_colors');
warningOptions();
// maxZoom is set on the map itself: with no basemap there is no tile layer to give one.
const map = L.map('map', { center: config.center, zoom: config.zoom, maxZoom: config.max_zoom, preferCanvas: true });
if (config.basemap_url) {
  L.tileLayer(config.basemap_url, { attribution: config.basemap_attribution, maxZoom: config.max_zoom }).addTo(map);
}
map.attributionControl.addAttribution('gridmap · NBS 2023 · GSHHG');
phoneLayout();
const panel = gridPanel(map, state);
gridSearch(map, code => panel.show(code));

i18n.apply();
// The login box is modal: it has its own language switch (the header's is behind it).
document.getElementById('login-lang').addEventListener('click', () => document.getElementById('lang').click());
document.getElementById('lang').addEventListener('click', async () => {
  i18n.toggle();
  warningOptions();
  for (const o of document.getElementById('scenario').options) {
    const s = (state.scenarios || []).find(x => x.code === o.value);
    if (s) o.textContent = i18n.scenarioName(s);
  }
  legend();
  if (state.tickets) { // the ticket panel is built in one language: build it again in the other
    state.tickets.stop();
    state.tickets = ticketsModule(map, state.ticketArea);
    await state.tickets.start();
  }
  if (state.scenario) {
    await overlays(); // the layer switcher's labels
    await refresh();
  }
  if (state.evacuation) await state.evacuation.refresh();
});
document.getElementById('logout').addEventListener('click', () => { api.logout(); location.reload(); });
document.getElementById('scenario').addEventListener('change', async e => {
  state.scenario = e.target.value;
  await overlays();
  await refresh();
  if (state.evacuation) state.evacuation.refresh(); // its 一键转换 names the scenario on screen
});
document.getElementById('warning').addEventListener('change', e => {
  state.warning = e.target.value;
  refresh();
  if (state.evacuation) state.evacuation.refresh();
});

const dialog = document.getElementById('login');
document.getElementById('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    await api.login(document.getElementById('username').value, document.getElementById('password').value);
    dialog.close();
    await start();
  } catch (err) {
    document.getElementById('login-error').textContent = api.loginProblem(err, i18n.t);
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
  state.scenarios = scenarios;
  const select = document.getElementById('scenario');
  clear(select);
  for (const s of scenarios) {
    select.add(new Option(i18n.scenarioName(s), s.code));
  }
  state.scenario = scenarios.find(s => s.current_run_id)?.code || scenarios[0]?.code;
  select.value = state.scenario;
  document.getElementById('logout').hidden = false;
  const claims = api.claims();
  const area = claims.area || config.district_code || '';
  state.home = area;
  state.role = (claims.roles || [])[0] || null;
  await gridNames(area);
  await overlays();
  await refresh();
  await zoomTo(area, false);
  document.getElementById('user').textContent = claims.sub || '';
  if (!state.tickets) {
    state.ticketArea = area;
    state.tickets = ticketsModule(map, area);
    await state.tickets.start();
  }
  if (!state.evacuation && (claims.roles || [])[0] !== 'HOTLINE') {
    const el = document.getElementById('evacuation');
    el.hidden = false;
    state.evacuation = evacuationModule(el, () => ({ scenario: state.scenario, warning: state.warning,
      scenarioName: (s => s && i18n.scenarioName(s))((state.scenarios || []).find(x => x.code === state.scenario)) }));
    await state.evacuation.start();
  }
  // 网格调整 for the staff who redraw grids: opened from its fold, closed (its layer and tools removed) with it.
  if (!state.redistrict && ['ADMIN', 'DISTRICT_OFFICE', 'STREET_STAFF', 'COMMUNITY_STAFF'].includes(state.role)) {
    document.getElementById('redistrict-section').hidden = false;
    state.redistrict = redistrictModule(map, document.getElementById('redistrict'), {
      onPublished: async () => { layers.newTileEpoch(); await overlays(); await refresh(); },
      scenario: () => state.scenario,
    });
    const fold = document.getElementById('redistrict-details');
    fold.addEventListener('toggle', () => (fold.open ? state.redistrict.start() : state.redistrict.stop()));
  }
}

async function overlays() {
  for (const l of Object.values(state.overlays)) map.removeLayer(l);
  if (state.control) state.control.remove();
  const o = {};
  const tiles = [layers.floodZones(state.scenario), layers.gridRisk(state.scenario, gridClicked),
    layers.buildings(state.scenario, () => !!(state.tickets && state.tickets.isPlacing())
      || !!(state.redistrict && state.redistrict.isDrawing())), layers.areas()];
  o[i18n.t('zones')] = tiles[0].addTo(map);
  o[i18n.t('grids')] = tiles[1].addTo(map);
  o[i18n.t('buildings')] = tiles[2].addTo(map);
  o[i18n.t('areas')] = tiles[3].addTo(map);
  o[i18n.t('coverage_findings')] = layers.coverageFindings(); // off by default: QA staff switch it on
  o[i18n.t('waters')] = (await layers.collection('waters', { color: '#2b8cbe', weight: 2, fillOpacity: 0.3 })).addTo(map);
  o[i18n.t('shelters')] = (await layers.collection('shelters', null,
    p => h('div', null, h('b', null, p.name), h('br'), `${i18n.t('occupancy')} ${p.occupancy ?? 0} / ${p.capacity}`,
      h('br'), vocabulary.label('shelter_statuses', p.status)))).addTo(map);
  state.overlays = o;
  state.control = L.control.layers(null, o, { collapsed: window.matchMedia('(max-width: 760px), (max-height: 500px)').matches }).addTo(map);
}

function gridClicked(p, latlng) {
  if (state.tickets && state.tickets.isPlacing()) return; // the click places a ticket's pin
  if (state.redistrict && state.redistrict.isDrawing()) return; // the click is a point of a line being drawn
  // Before a run the tile carries no counts: say so, never show zeros or green.
  const known = p.worst_color !== undefined && p.worst_color !== null;
  const rows = known ? h('table', null, h('tbody', null, COLOUR_KEYS.map(c => h('tr', null,
    h('td', null, swatch(c), vocabulary.label('risk_colors', c)), h('td', null, p[c.toLowerCase()])))))
    : h('p', { class: 'unknown' }, swatch(null), i18n.t('not_computed'));
  L.popup().setLatLng(latlng)
    .setContent(h('div', null, h('b', null, p.name), h('br'), p.grid_code, rows))
    .openOn(map);
  // A neighbouring area's grid is shown for orientation; its panel is for the staff whose area it is.
  if (!state.home || String(p.grid_code).startsWith(state.home)) panel.show(p.grid_code);
}

/** The warning levels, least severe first (Ⅳ … Ⅰ), named in the page's language; II is the default. */
function warningOptions() {
  const select = document.getElementById('warning');
  const chosen = select.value || state.warning;
  clear(select);
  for (const code of [...vocabulary.codes('warning_levels')].reverse()) {
    select.add(new Option(vocabulary.label('warning_levels', code), code));
  }
  select.value = chosen;
}

function legend() {
  const el = document.getElementById('legend');
  const box = (style, label) => h('div', null, h('span', { class: 'swatch', style }), label);
  replace(el, h('h2', null, i18n.t('legend')),
    COLOUR_KEYS.map(c => h('div', null, swatch(c), vocabulary.label('risk_colors', c))),
    h('div', null, swatch(null), i18n.t('not_computed')),
    h('h3', null, i18n.t('zones')), layers.DEPTH_BANDS.map(b => box({ background: b.hex }, b.label)),
    h('div', null, h('span', { class: 'shelter-icon legend-icon' }), i18n.t('shelters')),
    h('div', null, h('span', { class: 'legend-route' }), i18n.t('routes')));
}

/** The colour square before a colour's name (c is one of COLOUR_KEYS). */
function swatch(c) {
  return vocabulary.swatch(c);
}

async function refresh() {
  const el = document.getElementById('summary');
  if (!state.scenario) return;
  if (state.summaryAbort) state.summaryAbort.abort();
  state.summaryAbort = new AbortController();
  try {
    const home = state.home;
    const level = LEVELS[home.length] || 'district';
    const s = await api.get(`/api/risk/summary?area=${encodeURIComponent(home)}&scenario=${encodeURIComponent(state.scenario)}`
      + `&warning_level=${state.warning}`, state.summaryAbort.signal);
    // The caller's own area, named as its users say it (全区, 本街道, 本社区, 我的网格), its children one level down.
    const title = level === 'district' ? i18n.t('district') : `${i18n.t('my_' + level)} · ${state.names[home] || home}`;
    const childLevel = CHILD[level];
    const head = h('tr', null, h('th', null, i18n.t(childLevel || level)), COLOUR_KEYS.map(c => h('th', null, swatch(c),
      h('span', { class: 'visually-hidden' }, vocabulary.label('risk_colors', c)))),
      h('th', null, i18n.t('must_move')));
    const row = (name, counts, code, cls, parent) => {
      const move = s.must_move_colors.reduce((n, c) => n + counts.households[c], 0);
      return h('tr', code ? { class: cls, dataset: { code, parent } } : null, h('td', null, name),
        COLOUR_KEYS.map(c => h('td', null, counts.households[c])), h('td', { class: 'must-move' }, move));
    };
    state.summaryRow = row;
    const children = childLevel ? s.children.filter(c => c.code !== home) : [];
    replace(el, h('h2', { id: 'summary-title' }, `${title} · ${i18n.t('households')}`), await runInfo(),
      h('p', { class: 'must-move', id: 'must-move' }, `${i18n.t('must_move')}: ${s.must_move_households} `
        + `${i18n.t('hh_unit')} · ${s.must_move_people} ${i18n.t('people_unit')}`),
      h('table', { id: 'summary-table' }, h('tbody', null, head, row(i18n.t('total'), s.total),
        children.map(c => row(state.names[c.code] || c.code, c.counts, c.code, 'street-row')))));
    el.querySelectorAll('tr.street-row').forEach(tr => rowControls(tr));
    if (state.grid) panel.show(state.grid); // the selected grid follows the scenario, warning level and language
  } catch (err) {
    if (err.name === 'AbortError') return;
    replace(el, h('p', { id: 'no-results' }, err.status === 409 ? i18n.t('no_results') : i18n.problem(err)),
      err.status === 409 ? await runInfo() : null);
  }
}

/** Which 四色 run the colours come from (run, rule version, when) and, for the district office, a button to run. */
async function runInfo() {
  const sc = (state.scenarios || []).find(x => x.code === state.scenario);
  const role = (api.claims().roles || [])[0];
  const out = h('div', { id: 'run-info', class: 'run-info' });
  if (sc && sc.current_run_id) {
    try {
      const run = await api.get('/api/risk/runs/' + sc.current_run_id);
      const when = i18n.when(run.finished_at || run.started_at);
      out.append(h('small', null, i18n.t('run_from').replace('{run}', run.id).replace('{rules}', run.rule_set_version)
        .replace('{when}', when)));
    } catch (err) { /* the figures stand without their provenance line */ }
  }
  if (role === 'ADMIN' || role === 'DISTRICT_OFFICE') {
    const status = h('span', { id: 'run-status', role: 'status' },
      state.runDone && sc && state.runDone === sc.current_run_id ? i18n.t('run_done').replace('{run}', state.runDone) : '');
    const button = h('button', { id: 'run-start', type: 'button' },
      i18n.t(sc && sc.current_run_id ? 'run_again' : 'run_start'));
    button.addEventListener('click', () => startRun(button, status));
    out.append(h('div', { class: 'actions' }, button, ' ', status));
  }
  return out;
}

/** Starts a 四色 run for the scenario shown and follows it to the end; then the map and figures redraw. */
async function startRun(button, status) {
  button.disabled = true;
  try {
    let run = await api.post('/api/risk/runs', { scenario: state.scenario });
    while (run.status === 'RUNNING' || run.status === 'QUEUED') {
      status.textContent = `${i18n.t('run_running')} ${Math.round(run.progress * 100)}%`;
      await new Promise(resolve => setTimeout(resolve, 1000));
      run = await api.get('/api/risk/runs/' + run.id);
    }
    if (run.status !== 'SUCCEEDED') throw new Error(run.message || run.status);
    state.runDone = run.id; // the redrawn panel says the run finished
    state.scenarios = await api.get('/api/risk/scenarios');
    await overlays();
    await refresh();
  } catch (err) {
    status.textContent = `${i18n.t('run_failed')}: ${i18n.problem(err)}`;
    button.disabled = false;
  }
}

/**
 * A row of the summary: the map zooms to that area and outlines it; a street or community row opens into its
 * children (and closes again); a grid row opens the grid's panel.
 */
/**
 * A summary row as a control: click, Enter or Space drills down; the arrow keys move between rows (Up/Down) and
 * open or close a street or community (Right/Left); a row that opens says whether it is open (aria-expanded).
 */
function rowControls(tr) {
  tr.tabIndex = 0;
  if (tr.dataset.code.length < 15) tr.setAttribute('aria-expanded', 'false');
  tr.addEventListener('click', e => { e.stopPropagation(); drillDown(tr); });
  tr.addEventListener('keydown', e => {
    const rows = [...tr.parentElement.querySelectorAll('tr[tabindex]')];
    const at = rows.indexOf(tr);
    const opens = tr.dataset.code.length < 15;
    if (e.key === 'Enter' || e.key === ' ') drillDown(tr);
    else if (e.key === 'ArrowDown' && at < rows.length - 1) rows[at + 1].focus();
    else if (e.key === 'ArrowUp' && at > 0) rows[at - 1].focus();
    else if (e.key === 'ArrowRight' && opens && !tr.classList.contains('open')) drillDown(tr);
    else if (e.key === 'ArrowLeft' && opens && tr.classList.contains('open')) drillDown(tr);
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
}

async function drillDown(tr) {
  const code = tr.dataset.code;
  if (code.length === 15) {
    panel.show(code);
    await zoomTo(code, true);
    return;
  }
  const open = tr.classList.toggle('open');
  tr.setAttribute('aria-expanded', String(open));
  tr.parentElement.querySelectorAll(`tr.community-row[data-parent="${CSS.escape(code)}"]`).forEach(r => r.remove());
  await zoomTo(code, true);
  if (!open) return;
  try {
    await gridNames(code);
    const s = await api.get(`/api/risk/summary?area=${code}&scenario=${encodeURIComponent(state.scenario)}`
      + `&warning_level=${state.warning}`);
    const rows = s.children.filter(c => c.code !== code).map(c => state.summaryRow(state.names[c.code] || c.code,
      c.counts, c.code, 'community-row', code));
    rows.forEach(r => rowControls(r));
    tr.after(...rows);
  } catch (err) {
    tr.classList.remove('open');
  }
}

/** Names of the grids in a community (the summary shows names, not codes). */
async function gridNames(code) {
  if (code.length === 15) {
    try { state.names[code] = (await api.get('/api/grids/' + code)).name; } catch (err) { /* the code stands */ }
    return;
  }
  if (code.length !== 12) return;
  try {
    for (const g of await api.get(`/api/grids?limit=100&q=${code}`)) state.names[g.grid_code] = g.name;
  } catch (err) { /* codes stand in for names */ }
}

/** Fits the map to an area or grid; outlined unless it is the caller's own area at login. */
async function zoomTo(code, outline) {
  if (!code) return;
  try {
    const geometry = code.length === 15 ? (await api.get('/api/grids/' + code)).geometry
      : (await api.get('/api/areas/' + code)).geometry;
    if (!geometry) return;
    const shape = L.geoJSON(geometry, { style: { color: '#ff00aa', weight: 3, fill: false }, interactive: false });
    map.fitBounds(shape.getBounds(), { maxZoom: 17, ...sheet.fitPadding(map) });
    if (state.highlight) map.removeLayer(state.highlight);
    state.highlight = outline && code.length < 15 ? shape.addTo(map) : null;
  } catch (err) { /* the map stays where it is */ }
}

/** On a phone: the header's controls behind a menu button, the panel a bottom sheet that expands, the map resized. */
function phoneLayout() {
  const header = document.querySelector('header');
  const menu = document.getElementById('menu-toggle');
  menu.addEventListener('click', () => {
    const open = header.classList.toggle('menu-open');
    menu.setAttribute('aria-expanded', String(open));
  });
  const panelEl = document.getElementById('panel');
  document.getElementById('sheet-toggle').addEventListener('click', () => sheet.expand(!panelEl.classList.contains('expanded')));
  // The map's height follows the header's (which wraps on a phone and grows when the menu opens).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--header-h', header.offsetHeight + 'px');
    map.invalidateSize();
  }).observe(header);
}
