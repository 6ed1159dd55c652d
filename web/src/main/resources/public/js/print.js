// The printable transfer sheet of one grid: the grid on a map with its buildings in four colours and the shelters,
// then every household that must move at the chosen warning level, with floor, people and vulnerable members.
// Personal data stays masked (the household read is audited by the server).
import * as api from './api.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import * as vocabulary from './vocabulary.js';

const t = i18n.t;
const params = new URLSearchParams(location.search);
const grid = params.get('grid');
const scenario = params.get('scenario');
const warning = params.get('warning') || 'II';
// 打印含电话: phones in clear, asked for on this page with a reason (audited by the server); never in the URL.
let revealReason = null;
let sheetMap = null; // the sheet's Leaflet map (drawn again when the list is shown with phones)
const status = document.getElementById('status');
i18n.apply();
await vocabulary.load();

try {
  if (!api.hasToken()) throw new Error(t('login_first'));
  // Checked here as the server checks them: the scenario also goes into the map's attribution, which Leaflet sets as HTML.
  if (!/^\d{15}$/.test(grid || '') || !/^[A-Za-z0-9_-]{1,32}$/.test(scenario || '')) {
    throw new Error(t('sheet_link_bad'));
  }
  await render();
} catch (err) {
  status.textContent = i18n.problem(err);
  document.body.dataset.error = err.message;
}

async function render() {
  const [g, s] = await Promise.all([
    api.get('/api/grids/' + grid),
    api.get(`/api/risk/summary?area=${grid}&scenario=${encodeURIComponent(scenario)}`
      + `&warning_level=${encodeURIComponent(warning)}`),
  ]);
  document.title = `${t('sheet_title')} · ${g.name} ${g.grid_code}`;
  document.getElementById('grid-name').textContent = g.name + i18n.paren(g.grid_code);
  // With phones: the stewards' too (the same reason, audited by the server).
  const stewards = revealReason ? await api.post(`/api/grids/${grid}/stewards/reveal`, { reason: revealReason })
    : g.stewards;
  const chiefs = stewards.map(p => `${t('role_' + p.role)} ${p.name} ${p.phone || ''}`).join(i18n.punct('semi'));
  document.getElementById('sheet-meta').textContent = `${g.street_name || ''} ${g.community_name} · ${t('scenario')} `
    + `${await scenarioLabel(scenario)} · ${t('warning')} ${vocabulary.label('warning_levels', warning)} · ${t('sheet_subtitle')}`
    + (chiefs ? ` · ${chiefs}` : '');

  const households = [];
  for (const colour of s.must_move_colors) {
    for (let page = 1; ; page++) {
      const p = revealReason
        ? await api.post('/api/risk/households/reveal', { grid, scenario, color: colour, size: 500, page,
          reason: revealReason })
        : await api.get(`/api/risk/households?grid=${grid}&scenario=${encodeURIComponent(scenario)}`
          + `&color=${colour}&size=500&page=${page}`);
      households.push(...p.households);
      if (page * p.size >= p.total) break;
    }
  }
  households.sort((a, b) => a.building_id.localeCompare(b.building_id) || (a.unit || 0) - (b.unit || 0)
    || a.floor - b.floor || (a.room || '').localeCompare(b.room || ''));
  const people = households.reduce((n, h) => n + h.members, 0);
  const vulnerable = households.reduce((n, h) => n + h.vulnerable_members, 0);
  replace(document.getElementById('sheet-summary'),
    vocabulary.codes('risk_colors').map((c, k) => [k ? '　' : null, vocabulary.swatch(c),
      `${vocabulary.label('risk_colors', c)} ${s.total.households[c]}`]),
    h('br'), h('b', { id: 'sheet-total' }, `${t('total_move')}${i18n.punct('colon')}${households.length} ${t('hh_unit')} · ${people} `
      + `${t('people_unit')} · ${t('vulnerable')} ${vulnerable}`));
  // The transfer plan, when the grid is in flood mode: shelter, cadre and check-in code (a QR of the code only).
  const plan = new Map();
  let routes = { features: [] };
  try {
    const p = await api.get(`/api/evacuation/transfers?grid=${grid}&size=500`);
    for (const tr of p.transfers) plan.set(tr.household_id, tr);
    if (p.transfers.length) routes = await api.get(`/api/evacuation/routes?grid=${grid}`);
  } catch (err) { /* no evacuation yet: the sheet lists who must move */ }
  const routeOf = new Map(routes.features.map(f => [`${f.properties.building_id}|${f.properties.shelter_id}`,
    f.properties]));
  const table = document.getElementById('sheet-table');
  if (!households.length) {
    table.replaceWith(h('p', { id: 'sheet-table' }, t('sheet_none')));
  } else {
    const num = { class: 'num' };
    // The part every address on the sheet shares (e.g. the city and district) is said once, above the table.
    const common = commonPrefix(households.map(x => x.address).filter(Boolean));
    if (common) document.getElementById('sheet-meta').append(` · ${t('address')}${i18n.punct('colon')}${common}…`);
    replace(table,
      h('thead', null, h('tr', null, ['#', t('building'), t('unit'), t('floor'), t('room'), t('members'), t('vulnerable'),
        t('color'), t('depth_m'), t('contact'), t('phone'), t('shelter'), t('field_cadre'), t('field_code'), '✓']
        .map(label => h('th', null, label)))),
      h('tbody', null, households.map((hh, k) => h('tr', null,
        h('td', num, k + 1), buildingCell(hh, households[k - 1], common),
        h('td', null, hh.unit ?? ''),
        h('td', num, hh.floor), h('td', null, hh.room ?? ''), h('td', num, hh.members),
        h('td', num, hh.vulnerable_members || ''), h('td', { class: 'color' }, vocabulary.swatch(hh.color), vocabulary.label('risk_colors', hh.color)),
        // Upper floors stand above the water: say so instead of a negative depth.
        Number(hh.effective_depth_m) > 0 ? h('td', num, Number(hh.effective_depth_m).toFixed(2))
          : h('td', { class: 'above' }, t('above_water')), h('td', null, hh.contact_name ?? ''),
        h('td', null, hh.phone ?? ''), transferCells(plan.get(hh.household_id), routeOf), h('td')))));
  }
  // The office clock (China Standard Time), as every other time on the page, whatever the device's zone.
  document.getElementById('printed-at').textContent = new Date().toLocaleString(i18n.currentLang() === 'en' ? 'en-GB'
    : 'zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  document.querySelectorAll('#sheet-sign .colon').forEach(el => { el.textContent = i18n.punct('colon'); });
  await drawMap(g, routes);
  const button = document.getElementById('print');
  button.disabled = false;
  button.onclick = () => window.print();
  const orientation = document.getElementById('orientation');
  orientation.onchange = () => {
    document.body.classList.toggle('landscape', orientation.value === 'landscape');
    sheetMap && sheetMap.fire('gridmap:refit');
  };
  phonesOption();
  document.body.dataset.ready = 'true';
}

/** The scenario's name in the page's language (its code when the list cannot be read). */
async function scenarioLabel(code) {
  try {
    const s = (await api.get('/api/risk/scenarios')).find(x => x.code === code);
    return s ? i18n.scenarioName(s) : code;
  } catch (err) {
    return code;
  }
}

/** The authorised option to print callable phones: a reason, then the list again with phones in clear (audited). */
function phonesOption() {
  const role = (api.claims().roles || [])[0];
  const box = document.getElementById('phones-option');
  if (!box || revealReason || role === 'HOTLINE') return;
  const reason = h('input', { id: 'phones-reason', maxlength: 500, placeholder: t('phones_reason'), required: true });
  const error = h('span', { class: 'error', id: 'phones-error', role: 'alert' });
  const go = h('button', { id: 'phones-print', type: 'button' }, t('phones_print'));
  go.onclick = async () => {
    if (reason.value.trim().length < 2) { error.textContent = t('phones_reason'); return; }
    revealReason = reason.value.trim();
    document.body.dataset.ready = 'false';
    try {
      await render();
      replace(box, h('b', { id: 'phones-shown' }, t('phones_shown')));
      document.querySelector('[data-i18n="masked_note"]').textContent = t('phones_shown');
    } catch (err) {
      revealReason = null;
      error.textContent = i18n.problem(err);
    }
  };
  replace(box, h('label', null, t('phones_label'), ' ', reason), ' ', go, ' ', error);
}

/** The building's code, and its address (without the common part) on its first household's row only. */
function buildingCell(hh, previous, common) {
  if (previous && previous.building_id === hh.building_id) return h('td', { class: 'same' }, '〃');
  const address = hh.address ? hh.address.slice(common.length) : '';
  return h('td', null, hh.building_id, address && [' ', h('small', null, address)]); // one line: more rows a page
}

function commonPrefix(texts) {
  if (texts.length < 2) return '';
  let p = texts[0];
  for (const x of texts) while (!x.startsWith(p)) p = p.slice(0, -1);
  // Cut back to a whole administrative name (ending 市, 区, 县, 镇, 街道 or 路) so no road name is split.
  const m = p.match(/^.*(市|区|县|镇|街道)/);
  return m && m[0].length >= 2 ? m[0] : '';
}

/** Shelter (with the route's length and roads), cadre, and the check-in code with its QR (no personal data in it). */
function transferCells(tr, routeOf) {
  if (!tr) return [h('td'), h('td'), h('td')];
  const route = routeOf.get(`${tr.building_id}|${tr.shelter_id}`);
  return [
    h('td', null, tr.shelter_name ? [`${tr.shelter_name} ${(tr.distance_m / 1000).toFixed(1)} km`,
      route && route.via.length ? [' ', h('small', null, `${t('route_via')} ${route.via.join(' → ')}`)] : null]
      : t('unplaced_' + tr.unplaced_reason)),
    h('td', null, tr.cadre_name ?? ''),
    h('td', { class: 'code' }, h('img', { src: `/api/evacuation/qr/${encodeURIComponent(tr.code)}.svg`, alt: tr.code,
      width: '24', height: '24' }), tr.code),
  ];
}

/** The grid, its buildings in colour, the shelters and the evacuation routes; resolves once the tiles are drawn. */
function drawMap(g, routes) {
  if (sheetMap) sheetMap.remove();
  const map = L.map('sheet-map', { zoomControl: false, attributionControl: true, preferCanvas: true, maxZoom: 20,
    zoomSnap: 0.25 });
  sheetMap = map;
  const outline = L.geoJSON(g.geometry, { style: { color: '#000', weight: 3, fill: false, dashArray: '6 4' } });
  const fit = () => { map.invalidateSize(false); map.fitBounds(outline.getBounds(), { padding: [12, 12], animate: false }); };
  fit();
  map.on('gridmap:refit', fit);
  // The printed page is narrower or wider than the window: fit the whole grid again for paper, and back after.
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', fit);
  window.matchMedia('print').addEventListener('change', fit);
  const buildings = L.vectorGrid.protobuf('/tiles/buildings/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario), {
    minZoom: 13, maxNativeZoom: 20, maxZoom: 20, fetchOptions: { headers: api.bearer() },
    vectorTileLayerStyles: {
      buildings: p => ({ weight: 0.6, color: '#222', fill: true, fillOpacity: 0.9, fillColor: vocabulary.hex('risk_colors', p.color) }),
    },
  });
  const loaded = new Promise(resolve => { buildings.once('load', resolve); setTimeout(resolve, 8000); });
  buildings.addTo(map);
  L.geoJSON(routes, { style: { className: 'route', weight: 2.5, dashArray: '6 3' }, interactive: false }).addTo(map);
  outline.addTo(map);
  fetch('/ogc/collections/shelters/items?limit=1000&bbox=' + map.getBounds().pad(0.5).toBBoxString(),
    { headers: { Accept: 'application/geo+json' } })
    .then(r => r.json())
    .then(fc => L.geoJSON(fc, { pointToLayer: (f, ll) => L.marker(ll, { icon: L.divIcon({ className: 'shelter',
      html: h('span', null, t('shelter') + ' ', f.properties.name) }) }) }).addTo(map)) // styled in print.css
    .catch(() => { /* shelters are context only */ });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(`gridmap · ${t('scenario')} ${scenario}`);
  return loaded;
}
