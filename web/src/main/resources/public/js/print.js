// The printable transfer sheet of one grid: the grid on a map with its buildings in four colours and the shelters,
// then every household that must move at the chosen warning level, with floor, people and vulnerable members.
// Personal data stays masked (the household read is audited by the server).
import * as api from './api.js';
import * as i18n from './i18n.js';
import { COLOURS } from './layers.js';

const t = i18n.t;
const params = new URLSearchParams(location.search);
const grid = params.get('grid');
const scenario = params.get('scenario');
const warning = params.get('warning') || 'II';
const status = document.getElementById('status');
i18n.apply();

try {
  if (!api.hasToken()) throw new Error(t('login_first'));
  if (!/^\d{15}$/.test(grid || '') || !scenario) throw new Error('grid=<15 digits>&scenario=<code> are required');
  await render();
} catch (err) {
  status.textContent = err.message;
  document.body.dataset.error = err.message;
}

async function render() {
  const [g, s] = await Promise.all([
    api.get('/api/grids/' + grid),
    api.get(`/api/risk/summary?area=${grid}&scenario=${encodeURIComponent(scenario)}&warning_level=${warning}`),
  ]);
  document.title = `${t('sheet_title')} · ${g.name} ${g.grid_code}`;
  document.getElementById('grid-name').textContent = `${g.name}（${g.grid_code}）`;
  const chiefs = g.stewards.map(p => `${t('role_' + p.role)} ${p.name} ${p.phone || ''}`).join('；');
  document.getElementById('sheet-meta').textContent = `${g.street_name || ''} ${g.community_name} · ${t('scenario')} `
    + `${scenario} · ${t('warning')} ${t('level_' + warning.toLowerCase())} · ${t('sheet_subtitle')}`
    + (chiefs ? ` · ${chiefs}` : '');

  const households = [];
  for (const colour of s.must_move_colors) {
    for (let page = 1; ; page++) {
      const p = await api.get(`/api/risk/households?grid=${grid}&scenario=${encodeURIComponent(scenario)}`
        + `&color=${colour}&size=500&page=${page}`);
      households.push(...p.households);
      if (page * p.size >= p.total) break;
    }
  }
  households.sort((a, b) => a.building_id.localeCompare(b.building_id) || (a.unit || 0) - (b.unit || 0)
    || a.floor - b.floor || (a.room || '').localeCompare(b.room || ''));
  const people = households.reduce((n, h) => n + h.members, 0);
  const vulnerable = households.reduce((n, h) => n + h.vulnerable_members, 0);
  document.getElementById('sheet-summary').innerHTML = ['RED', 'ORANGE', 'YELLOW', 'GREEN']
    .map(c => `<span class="swatch c-${c}"></span>${t(c)} ${s.total.households[c]}`).join('　')
    + `<br><b id="sheet-total">${t('total_move')}：${households.length} ${t('households')} · ${people} ${t('people')}`
    + ` · ${t('vulnerable')} ${vulnerable}</b>`;
  const table = document.getElementById('sheet-table');
  if (!households.length) {
    table.outerHTML = `<p id="sheet-table">${t('sheet_none')}</p>`;
  } else {
    table.innerHTML = `<thead><tr><th>#</th><th>${t('building')}</th><th>${t('unit')}</th><th>${t('floor')}</th>`
      + `<th>${t('room')}</th><th>${t('members')}</th><th>${t('vulnerable')}</th><th>${t('color')}</th>`
      + `<th>${t('depth_m')}</th><th>${t('contact')}</th><th>${t('phone')}</th><th>✓</th></tr></thead><tbody>`
      + households.map((h, k) => `<tr><td class="num">${k + 1}</td><td>${h.building_id}</td><td>${h.unit ?? ''}</td>`
        + `<td class="num">${h.floor}</td><td>${h.room ?? ''}</td><td class="num">${h.members}</td>`
        + `<td class="num">${h.vulnerable_members || ''}</td><td><span class="swatch c-${h.color}"></span>${t(h.color)}</td>`
        + `<td class="num">${Number(h.effective_depth_m).toFixed(2)}</td><td>${h.contact_name ?? ''}</td>`
        + `<td>${h.phone ?? ''}</td><td></td></tr>`).join('') + '</tbody>';
  }
  document.getElementById('printed-at').textContent = new Date().toLocaleString('zh-CN', { hour12: false });
  await drawMap(g);
  const button = document.getElementById('print');
  button.disabled = false;
  button.addEventListener('click', () => window.print());
  document.body.dataset.ready = 'true';
}

/** The grid, its buildings in colour and the shelters; resolves once the tiles are drawn (or after 8 s). */
function drawMap(g) {
  const map = L.map('sheet-map', { zoomControl: false, attributionControl: true, preferCanvas: true, maxZoom: 20 });
  const outline = L.geoJSON(g.geometry, { style: { color: '#000', weight: 3, fill: false, dashArray: '6 4' } });
  map.fitBounds(outline.getBounds(), { padding: [12, 12] });
  const buildings = L.vectorGrid.protobuf('/tiles/buildings/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario), {
    minZoom: 13, maxNativeZoom: 20, maxZoom: 20, fetchOptions: { headers: api.bearer() },
    vectorTileLayerStyles: {
      buildings: p => ({ weight: 0.6, color: '#222', fill: true, fillOpacity: 0.9, fillColor: COLOURS[p.color] }),
    },
  });
  const loaded = new Promise(resolve => { buildings.once('load', resolve); setTimeout(resolve, 8000); });
  buildings.addTo(map);
  outline.addTo(map);
  fetch('/ogc/collections/shelters/items?limit=1000&bbox=' + map.getBounds().pad(0.5).toBBoxString(),
    { headers: { Accept: 'application/geo+json' } })
    .then(r => r.json())
    .then(fc => L.geoJSON(fc, { pointToLayer: (f, ll) => L.marker(ll, { icon: L.divIcon({ className: 'shelter',
      html: `<span style="background:#5e3c99;color:#fff;padding:1px 3px;font-size:9px;white-space:nowrap">安置点 `
        + `${f.properties.name}</span>` }) }) }).addTo(map))
    .catch(() => { /* shelters are context only */ });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(`gridmap · ${t('scenario')} ${scenario}`);
  return loaded;
}
