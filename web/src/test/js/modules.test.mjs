// The page's modules render server text as text: tickets, the grid panel, search and the map popups are driven with a
// fake document (where innerHTML, outerHTML and insertAdjacentHTML throw), a fake Leaflet and a fake fetch, and every
// server string is an XSS payload. The ids, classes and data-* attributes the browser test relies on are checked too.
// Run from the repository root: node --test web/src/test/js/
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fakeDocument, tags, withIds } from './fakedom.mjs';

// What GET /api/vocabulary gives (VocabularyTest on the server checks this file against it).
const VOCABULARY = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

const XSS = '<img src=x onerror=alert(document.domain)>';
const XSS2 = '<script>window.__xss=1</script>';
const GRID = '220802001001001';

// api.js and i18n.js read the storages when they load: a token (payload {}), the Chinese page.
const storage = values => ({ getItem: k => values[k] ?? null, setItem: (k, v) => { values[k] = v; },
  removeItem: k => { delete values[k]; } });
globalThis.sessionStorage = storage({ 'gridmap.token': 'x.e30.y' });
globalThis.localStorage = storage({});
const vocabulary = await import('../../main/resources/public/js/vocabulary.js');

let routes = {};
globalThis.fetch = async (path, options = {}) => {
  const key = Object.keys(routes).find(prefix => path.startsWith(prefix));
  if (!key) throw new Error('no fake route for ' + path);
  const r = await routes[key](path, options);
  if (r instanceof Error) throw r;
  const status = r.status || 200;
  return { ok: status < 400, status, statusText: 'fake', json: async () => r.body };
};
const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

function fakeLeaflet() {
  const L = { popups: [], markers: [], icons: [], bound: [] };
  L.popup = () => {
    const p = { contents: [] };
    p.setLatLng = () => p;
    p.setContent = c => {
      assert.notEqual(typeof c, 'string', 'popup content must be a node');
      p.contents.push(c);
      p.content = c;
      return p;
    };
    p.openOn = () => { L.popups.push(p); return p; };
    return p;
  };
  L.geoJSON = (data, options = {}) => {
    for (const f of data.features || []) {
      const layer = options.pointToLayer ? options.pointToLayer(f, [0, 0]) : {};
      layer.bindPopup = content => { L.bound.push(content); return layer; };
      if (options.onEachFeature) options.onEachFeature(f, layer);
    }
    const layer = { data, options, addTo: () => layer };
    return layer;
  };
  L.rectangles = [];
  L.rectangle = (bounds, options = {}) => {
    const r = { bounds, options, addTo: () => { L.rectangles.push(r); return r; } };
    return r;
  };
  L.marker = (latlng, options = {}) => {
    const m = { latlng, options, handlers: {} };
    m.on = (type, fn) => { m.handlers[type] = fn; return m; };
    m.addTo = () => m;
    m.getLatLng = () => latlng;
    L.markers.push(m);
    return m;
  };
  L.divIcon = options => {
    assert.notEqual(typeof options.html, 'string', 'divIcon html must be a node');
    L.icons.push(options);
    return { options };
  };
  L.DomEvent = { disableClickPropagation: el => el };
  L.markerClusterGroup = () => {
    const c = { layers: [] };
    c.clearLayers = () => { c.layers = []; };
    c.addLayers = ms => { c.layers.push(...ms); };
    c.addTo = () => c;
    return c;
  };
  L.vectorGrid = { protobuf: (url, options) => {
    const layer = { url, options, handlers: {}, _map: {} };
    layer.on = (type, fn) => { layer.handlers[type] = fn; return layer; };
    return layer;
  } };
  return L;
}

function fakeMap() {
  const map = { handlers: {}, container: { style: {}, children: [], append(el) { this.children.push(el); } }, fitted: [] };
  map.on = (type, fn) => { (map.handlers[type] ||= []).push(fn); };
  map.off = (type, fn) => { map.handlers[type] = (map.handlers[type] || []).filter(f => f !== fn); };
  map.fire = (type, e) => (map.handlers[type] || []).forEach(fn => fn(e));
  map.getContainer = () => map.container;
  map.getBounds = () => ({ getWest: () => 122.8, getSouth: () => 45.6, getEast: () => 122.9, getNorth: () => 45.7 });
  map.removeLayer = () => {};
  map.fitBounds = b => map.fitted.push(b);
  return map;
}

const settle = (ms = 5) => new Promise(resolve => setTimeout(resolve, ms));
let doc;
let L;

beforeEach(() => {
  doc = fakeDocument();
  globalThis.document = doc;
  globalThis.Option = function Option(text, value) {
    const o = doc.createElement('option');
    o.appendChild(doc.createTextNode(text));
    o.value = value;
    return o;
  };
  L = fakeLeaflet();
  globalThis.L = L;
  routes = {};
  vocabulary.use(vocabulary.index(VOCABULARY));
});

/** No element but the ones the modules make on purpose; in particular no img or script from a payload. */
function assertNoInjectedElements() {
  const made = new Set(tags(doc));
  for (const tag of ['img', 'script', 'iframe', 'svg', 'object']) assert.ok(!made.has(tag), 'a <' + tag + '> was made');
  for (const el of doc.created) {
    for (const name of el.attributes.keys()) {
      assert.ok(!name.startsWith('on') && name !== 'style', `<${el.tagName.toLowerCase()} ${name}>`);
    }
  }
}

const byId = id => {
  const el = doc.getElementById(id);
  assert.ok(el, '#' + id);
  return el;
};
const children = el => el.childNodes.filter(c => c.nodeType === 1);
const find = (root, pred) => [...root.descendants()].filter(pred);

describe('tickets', async () => {
  const { ticketsModule } = await import('../../main/resources/public/js/tickets.js');

  function ticketRoutes() {
    routes['/api/tickets/categories'] = () => ({ body: [{ code: 'FLOOD', name: XSS, department: XSS2, active: true }] });
    routes['/api/tickets/stream'] = () => abortError();
    routes['/api/tickets/stats'] = () => ({ body: { total: { received: 60, resolved_rate: 0.5, on_time_rate: null,
      satisfaction_rate: 1, backlog: 3, overdue: 1 } } });
    routes['/api/tickets/route'] = () => ({ body: { grid_code: GRID, routing: 'NEAREST' } });
    routes['/api/grids/'] = () => ({ body: { name: XSS, grid_code: GRID, street_name: XSS2, community_name: XSS,
      geometry: {} } });
    routes['/api/tickets/duplicates'] = () => ({ body: [{ id: 3, number: 'GD-0', distance_m: 12.3, description: XSS }] });
    routes['/api/tickets/7'] = () => ({ body: {
      ticket: { id: 7, number: 'GD-7', category_name: XSS, status: 'PENDING', level: 'COMMUNITY', department: XSS,
        overdue: true, description: XSS, grid_code: GRID, due_at: '2026-07-01T08:00:00Z' },
      events: [{ at: '2026-07-01T07:00:00Z', actor: XSS, action: 'CREATE', reason: XSS2, from_level: null,
        to_level: 'COMMUNITY' }],
      actions: [{ action: 'dispatch', name: XSS, required: [], optional: ['assignee', 'note'] },
        { action: 'link-duplicate', name: '合并重复', required: ['duplicate_of'], optional: ['reason'] }] } });
    routes['/api/tickets?'] = () => ({ body: { total: 60, tickets: [{ id: 7, lat: 45.62, lon: 122.84, number: 'GD-7',
      status: 'PENDING', level: 'STREET', overdue: true, category_name: XSS, description: XSS2 }] } });
  }

  test('the list, markers, detail and figures show server text literally', async () => {
    withIds(doc, 'tickets');
    ticketRoutes();
    const map = fakeMap();
    const tickets = ticketsModule(map, '220802');
    await tickets.start();

    const list = byId('ticket-list');
    assert.equal(list.className, 'ticket-list');
    const items = children(list);
    assert.equal(items.length, 3, 'one ticket, the "more in view" line and the note that the list follows the view');
    assert.equal(items[0].getAttribute('data-id'), '7');
    assert.equal(items[0].className, 'overdue');
    assert.ok(items[0].textContent.includes(XSS) && items[0].textContent.includes(XSS2));
    assert.deepEqual(items[0].childNodes[0].style, { background: '#e6550d' });
    assert.equal(items[1].textContent, '视野内共 60 件，仅列出前 50 件');
    assert.ok(items[2].textContent.startsWith('仅列出当前地图范围内的工单'));

    assert.equal(L.icons.length, 1);
    assert.equal(L.icons[0].className, 'ticket-icon overdue');
    assert.equal(L.icons[0].html.tagName, 'SPAN');
    assert.deepEqual(L.icons[0].html.style, { background: '#e6550d' });
    const marker = L.markers.find(m => m.options.title === 'GD-7');
    assert.ok(marker);

    const stats = byId('ticket-stats-table');
    assert.ok(stats.textContent.includes('办结率'));
    assert.equal(byId('stat-resolved-rate').textContent, '50.00%');
    assert.equal(find(stats, el => el.tagName === 'TR').length, 6);

    await marker.handlers.click();
    const detail = byId('ticket-detail');
    assert.equal(detail.dataset.id, '7');
    assert.equal(byId('ticket-detail-level').textContent, '社区');
    assert.ok(byId('ticket-detail-status').textContent.includes('待受理'), 'the status named from the vocabulary');
    assert.ok(byId('ticket-detail-status').textContent.includes('已超时'));
    assert.ok(detail.textContent.includes(XSS));
    const timeline = byId('ticket-timeline');
    assert.equal(timeline.className, 'timeline');
    assert.ok(timeline.textContent.includes('登记：' + XSS2));
    assert.ok(timeline.textContent.includes(XSS));

    // The actions the server allows, as buttons named by the page (not by the server's text).
    const buttons = find(byId('ticket-actions'), el => el.tagName === 'BUTTON');
    assert.deepEqual(buttons.map(b => b.getAttribute('data-action')), ['dispatch', 'link-duplicate']);
    assert.deepEqual(buttons.map(b => b.textContent), ['派遣', '合并重复']);

    items[0].click(); // the list opens the ticket too
    await settle();
    assert.equal(byId('ticket-detail').dataset.id, '7');

    const category = byId('ticket-category');
    assert.equal(category.options[0].textContent, `${XSS} · ${XSS2}`);
    assertNoInjectedElements();
  });

  test('stop() leaves no listener on the map and ends the live feed', async () => {
    withIds(doc, 'tickets');
    ticketRoutes();
    let feedSignal = null;
    routes['/api/tickets/stream'] = (path, options) => { feedSignal = options.signal; return abortError(); };
    const map = fakeMap();
    const tickets = ticketsModule(map, '220802');
    await tickets.start();
    assert.ok((map.handlers.click || []).length > 0 && (map.handlers.moveend || []).length > 0);
    tickets.stop();
    assert.deepEqual(map.handlers.click, [], 'no click listener left');
    assert.deepEqual(map.handlers.moveend, [], 'no moveend listener left');
    if (feedSignal) assert.equal(feedSignal.aborted, true, 'the feed request is aborted');
  });

  test('filing: the routed grid, the boundary warning, duplicates and the filed number', async () => {
    withIds(doc, 'tickets');
    ticketRoutes();
    const map = fakeMap();
    const tickets = ticketsModule(map, '220802');
    await tickets.start();
    assert.equal(byId('ticket-form').hidden, true);

    byId('ticket-category').value = 'FLOOD'; // the operator chooses it (no default): duplicates are of a category
    byId('ticket-new').click();
    assert.equal(tickets.isPlacing(), true);
    map.fire('click', { latlng: { lat: 45.62, lng: 122.84 } });
    await settle();
    assert.equal(byId('ticket-form').hidden, false);
    assert.equal(byId('ticket-grid').textContent, XSS);
    assert.ok(byId('ticket-route').textContent.includes(GRID));
    assert.equal(byId('ticket-warn').className, 'error');
    const dups = children(byId('ticket-dups'));
    assert.equal(dups.length, 2);
    assert.equal(dups[1].getAttribute('data-id'), '3');
    assert.equal(dups[1].textContent, `GD-0 · 12 m · ${XSS}`);

    let posted = null;
    routes['/api/tickets'] = (path, options) => {
      if (options.method !== 'POST') return routes['/api/tickets?'](path, options);
      posted = options;
      return { body: { ticket: { id: 7, number: 'GD-7' } } };
    };
    const form = byId('ticket-form');
    form.dispatch('submit', { preventDefault: () => {} });
    await settle();
    assert.ok(posted.headers['Idempotency-Key']);
    assert.equal(byId('ticket-number').textContent, 'GD-7');
    assert.equal(byId('ticket-filed').textContent, '已登记工单 GD-7');
    assert.equal(form.hidden, true);
    assert.equal(children(byId('ticket-dups')).length, 0);
    assert.equal(byId('ticket-detail').dataset.id, '7');
    assertNoInjectedElements();
  });

  test('a server error message is text', async () => {
    withIds(doc, 'tickets');
    ticketRoutes();
    const map = fakeMap();
    const tickets = ticketsModule(map, '220802');
    await tickets.start();
    routes['/api/tickets/route'] = () => ({ status: 422, body: { detail: XSS } });
    byId('ticket-new').click();
    map.fire('click', { latlng: { lat: 45.62, lng: 122.84 } });
    await settle();
    const error = children(byId('ticket-route'))[0];
    assert.equal(error.className, 'error');
    assert.equal(error.textContent, XSS);

    routes['/api/tickets?'] = () => ({ status: 500, body: { detail: XSS2 } });
    await tickets.refresh();
    const li = children(byId('ticket-list'))[0];
    assert.equal(li.className, 'error');
    assert.equal(li.textContent, XSS2);
    assertNoInjectedElements();
  });
});

describe('grid panel', async () => {
  const { gridPanel } = await import('../../main/resources/public/js/gridpanel.js');

  test('name, streets, stewards and findings are text; ids and the print link as before', async () => {
    withIds(doc, 'grid-panel');
    routes['/api/grids/'] = () => ({ body: { name: XSS, grid_code: GRID, street_name: XSS2, community_name: XSS,
      geometry: {}, stewards: [{ role: 'GRID_CHIEF', name: XSS, phone: '137****1111' }],
      coverage_findings: [{ kind: 'OVERLAP', grid_code: GRID, other_grid_code: '220802001001002', area_m2: 12.4,
        detail: 'overlap of 12 m²' }, { kind: 'UNUSABLE_GEOMETRY', grid_code: GRID, detail: XSS2 }] } });
    routes['/api/risk/summary'] = () => ({ body: { total: { households: { RED: 1, ORANGE: 2, YELLOW: 3, GREEN: 4 } },
      must_move_households: 3, must_move_people: 7 } });
    const state = { scenario: 'R50', warning: 'II' };
    const panel = gridPanel(fakeMap(), state);
    await panel.show(GRID);
    const el = byId('grid-panel');
    assert.equal(el.hidden, false);
    assert.equal(state.grid, GRID);
    assert.ok(el.textContent.includes('网格 ' + XSS));
    assert.ok(el.textContent.includes(`${XSS2} · ${XSS}`));
    assert.equal(byId('grid-must-move').textContent, '须转移: 3 户 · 7 人');
    assert.equal(byId('grid-must-move').className, 'must-move');
    assert.equal(find(byId('grid-counts'), e => e.tagName === 'TR').length, 4);
    const stewards = children(byId('grid-stewards'));
    assert.equal(stewards.length, 1);
    assert.equal(stewards[0].textContent, `网格长 ${XSS} 137****1111`);
    const findings = children(byId('grid-findings'));
    assert.equal(findings.length, 2);
    assert.equal(findings[0].textContent, '网格重叠 · 220802001001002面积 12 平方米', 'worded in the page\'s language');
    assert.ok(findings[1].textContent.endsWith(XSS2), 'a technical reason is kept, as text');
    const print = byId('grid-print');
    assert.equal(print.getAttribute('href'), `/print.html?grid=${GRID}&scenario=R50&warning=II`);
    assert.ok(!print.getAttribute('target'), 'the sheet opens in this tab, whose login it needs');
    assert.equal(print.className, 'button');
    const close = byId('grid-close');
    assert.equal(close.className, 'link');
    close.click();
    assert.equal(el.hidden, true);
    assert.equal(state.grid, null);
    assertNoInjectedElements();
  });

  test('an error detail is text', async () => {
    withIds(doc, 'grid-panel');
    routes['/api/grids/'] = () => ({ status: 404, body: { detail: XSS } });
    routes['/api/risk/summary'] = () => ({ status: 404, body: { detail: XSS } });
    await gridPanel(fakeMap(), { scenario: 'R50', warning: 'II' }).show(GRID);
    const p = children(byId('grid-panel'))[0];
    assert.equal(p.className, 'error');
    assert.equal(p.textContent, XSS);
    assertNoInjectedElements();
  });
});

describe('search', async () => {
  const { gridSearch } = await import('../../main/resources/public/js/search.js');

  test('results are text with data-code; picking one zooms and closes the list', async () => {
    withIds(doc, 'grid-search', 'search-results');
    routes['/api/places?'] = () => ({ body: [{ kind: 'GRID', name: XSS, code: GRID, detail: XSS2, grid_code: GRID,
      bbox: [122.8, 45.6, 122.9, 45.7] }, { kind: 'BUILDING', name: XSS2, code: 'BC000001', detail: XSS,
      grid_code: GRID, bbox: [122.81, 45.61, 122.811, 45.611] }] });
    const picked = [];
    const map = fakeMap();
    gridSearch(map, code => picked.push(code));
    const input = byId('grid-search');
    const list = byId('search-results');
    input.value = '洮北';
    input.dispatch('input');
    await settle(300);
    assert.equal(list.hidden, false);
    const [li, building] = children(list);
    assert.equal(li.getAttribute('data-code'), GRID);
    assert.equal(li.getAttribute('tabindex'), '0');
    assert.equal(li.textContent, `网格 ${XSS} ${GRID}${XSS2}`);
    assert.equal(building.textContent, `楼栋 ${XSS2} BC000001${XSS}`);
    li.click();
    assert.deepEqual(picked, [GRID]);
    assert.equal(map.fitted.length, 1);
    assert.equal(list.hidden, true);
    assert.equal(children(list).length, 0);
    assert.equal(input.value, `${XSS}（${GRID}）`);

    // A building: zoomed to, not a grid panel.
    input.dispatch('input');
    await settle(300);
    children(list)[1].click();
    assert.deepEqual(picked, [GRID], 'a building opens no grid panel');
    assert.equal(L.rectangles.length, 1, 'the building is outlined');
    assert.equal(map.fitted.length, 2);
    assert.equal(input.value, XSS2);

    routes['/api/places?'] = () => ({ body: [] });
    input.dispatch('input');
    await settle(300);
    assert.equal(children(list)[0].className, 'none');
    assertNoInjectedElements();
  });
});

describe('map popups', async () => {
  const layers = await import('../../main/resources/public/js/layers.js');

  test('a building: its id and the reason are text', async () => {
    routes['/api/buildings/'] = () => ({ body: { color: 'RED', reason_zh: XSS2, reason_en: 'x' } });
    const layer = layers.buildings('R50');
    await layer.handlers.click({ layer: { properties: { building_id: XSS, color: 'RED', floors: 5, structure: XSS2 } },
      latlng: [0, 0] });
    const [popup] = L.popups;
    assert.equal(popup.contents.length, 2);
    assert.equal(popup.contents[0].textContent, `${XSS}红色 · 5F · ${XSS2}`);
    assert.equal(popup.content.textContent, `${XSS} 红色${XSS2}`);
    assert.equal(find(popup.content, e => e.className === 'swatch' && e.dataset.color === 'RED').length, 1);
    assertNoInjectedElements();
  });

  test('a coverage finding: its detail is text', () => {
    const layer = layers.coverageFindings();
    layer.handlers.click({ layer: { properties: { kind: 'UNUSABLE_GEOMETRY', grid_code: GRID, other_grid_code: XSS,
      detail: XSS2 } }, latlng: [0, 0] });
    assert.ok(L.popups[0].content.textContent.endsWith(`${GRID} / ${XSS}${XSS2}`));
    assertNoInjectedElements();
  });

  test('a collection\'s popups are built by the caller, as nodes', async () => {
    routes['/ogc/collections/'] = () => ({ body: { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: XSS, capacity: 300 }, geometry: { type: 'Point', coordinates: [0, 0] } }] } });
    const { h } = await import('../../main/resources/public/js/dom.js');
    await layers.collection('shelters', null, p => h('div', null, h('b', null, p.name), ` ${p.capacity}`));
    assert.equal(L.markers[0].options.title, XSS);
    assert.equal(L.icons[0].className, 'shelter-icon');
    assert.equal(typeof L.bound[0], 'function');
    assert.equal(L.bound[0]().textContent, `${XSS} 300`);
    assertNoInjectedElements();
  });
});
