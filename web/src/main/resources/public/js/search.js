// Place search in the header (server-side, in the caller's area): an address, a building's code, a road, a grid, a
// community or a street. Pick a result (click, Enter, or the arrow keys) to zoom to it; a grid opens its panel, other
// places are outlined for a while.
import * as api from './api.js';
import { clear, h, replace } from './dom.js';
import { paren, problem, t } from './i18n.js';
import * as sheet from './sheet.js';

export function gridSearch(map, onPick) {
  const input = document.getElementById('grid-search');
  const list = document.getElementById('search-results');
  let timer = null;
  let abort = null;
  let mark = null;

  const close = () => { list.hidden = true; clear(list); input.setAttribute('aria-expanded', 'false'); };
  const items = () => [...list.childNodes].filter(li => li.dataset && li.dataset.code);
  const pick = m => {
    close();
    input.value = m.kind === 'GRID' ? m.name + paren(m.code) : m.name;
    const bounds = [[m.bbox[1], m.bbox[0]], [m.bbox[3], m.bbox[2]]];
    map.fitBounds(bounds, { maxZoom: m.kind === 'BUILDING' ? 18 : 16, ...sheet.fitPadding(map) });
    if (mark) map.removeLayer(mark);
    mark = null;
    if (m.kind === 'GRID') {
      onPick(m.code);
    } else {
      // The place found, outlined until the next search (no basemap: this is how it shows where to look).
      mark = L.rectangle(bounds, { color: '#ff00aa', weight: 3, fill: false, dashArray: '6 4', interactive: false })
        .addTo(map);
    }
    input.focus?.();
  };
  const move = (li, step) => {
    const all = items();
    const next = all[(all.indexOf(li) + step + all.length) % all.length];
    next?.focus?.();
  };

  const item = m => h('li', { tabindex: 0, role: 'option', dataset: { code: m.code, kind: m.kind },
    on: { click: () => pick(m), keydown: e => {
      if (e.key === 'Enter') pick(m);
      else if (e.key === 'ArrowDown') { e.preventDefault?.(); move(e.currentTarget || e.target, 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault?.(); move(e.currentTarget || e.target, -1); }
      else if (e.key === 'Escape') { close(); input.focus?.(); }
    } } },
    h('span', { class: 'kind' }, t('place_' + m.kind)), ' ', h('b', null, m.name),
    m.kind === 'GRID' || m.kind === 'BUILDING' ? ` ${m.code}` : '',
    m.detail && [h('br'), h('small', null, m.detail)]);

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q || !api.hasToken()) { close(); return; }
    timer = setTimeout(async () => {
      if (abort) abort.abort();
      abort = new AbortController();
      try {
        const matches = await api.get('/api/places?limit=20&q=' + encodeURIComponent(q), abort.signal);
        replace(list, matches.length ? matches.map(item) : h('li', { class: 'none' }, t('search_none')));
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      } catch (err) {
        if (err.name === 'AbortError') return;
        replace(list, h('li', { class: 'none' }, problem(err))); // say why, e.g. too long
        list.hidden = false;
      }
    }, 250);
  });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter') items()[0]?.click();
    if (e.key === 'ArrowDown' && items().length) { e.preventDefault?.(); items()[0].focus?.(); }
    if (e.key === 'Escape') close();
  });
}
