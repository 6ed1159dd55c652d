// 网格划分登记表: the current grids of an area (the caller's, or ?area=) — code, name, community, households,
// buildings, people, area and stewards — ready for A4, in the page's language. Names of people come masked.
import * as api from './api.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import * as vocabulary from './vocabulary.js';

const t = i18n.t;
const status = document.getElementById('status');
i18n.apply();
await vocabulary.load();

try {
  if (!api.hasToken()) throw new Error(t('login_first'));
  const area = new URLSearchParams(location.search).get('area') || api.claims().area || '';
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(area)) throw new Error(t('register_link_bad'));
  const [rows, a] = await Promise.all([api.get('/api/redistricting/register?area=' + area),
    api.get('/api/areas/' + area).catch(() => null)]);
  document.getElementById('register-area').textContent = a ? `${a.name}${i18n.paren(area)}` : area;
  const total = rows.reduce((n, r) => n + r.households, 0);
  document.getElementById('register-meta').textContent = t('register_meta').replace('{grids}', rows.length)
    .replace('{hh}', total);
  const num = { class: 'num' };
  replace(document.getElementById('register-table'),
    h('thead', null, h('tr', null, ['#', t('grid_code'), t('rd_name'), t('community'), t('hh_unit'), t('building'),
      t('people_unit'), t('area_km2'), t('stewards'), t('since')].map(x => h('th', null, x)))),
    h('tbody', null, rows.map((r, k) => h('tr', null, h('td', num, k + 1), h('td', null, r.grid_code),
      h('td', null, r.name), h('td', null, r.community_name), h('td', num, r.households), h('td', num, r.buildings),
      h('td', num, r.people), h('td', num, (r.area_m2 / 1e6).toFixed(3)),
      h('td', null, r.stewards.map(s => `${t('role_' + s.role)} ${s.name}`).join(i18n.punct('semi'))),
      h('td', null, `${i18n.when(r.valid_from).slice(0, 10)}${r.version > 1 ? ' · v' + r.version : ''}`)))));
  document.getElementById('printed-at').textContent = new Date().toLocaleString(i18n.currentLang() === 'en'
    ? 'en-GB' : 'zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  document.querySelectorAll('#sheet-sign .colon').forEach(el => { el.textContent = i18n.punct('colon'); });
  const button = document.getElementById('print');
  button.disabled = false;
  button.onclick = () => window.print();
  document.body.dataset.ready = 'true';
} catch (err) {
  status.textContent = i18n.problem(err);
  document.body.dataset.error = err.message;
}
