// Grid search in the header: a grid code (prefix) or a grid, community or street name; pick a result to zoom to it.
import * as api from './api.js';
import { clear, h, replace } from './dom.js';
import { t } from './i18n.js';

export function gridSearch(map, onPick) {
  const input = document.getElementById('grid-search');
  const list = document.getElementById('search-results');
  let timer = null;
  let abort = null;

  const close = () => { list.hidden = true; clear(list); };
  const pick = m => {
    close();
    input.value = `${m.name}（${m.grid_code}）`;
    map.fitBounds([[m.bbox[1], m.bbox[0]], [m.bbox[3], m.bbox[2]]], { maxZoom: 16 });
    onPick(m.grid_code);
  };

  const item = m => h('li', { tabindex: 0, dataset: { code: m.grid_code },
    on: { click: () => pick(m), keydown: e => { if (e.key === 'Enter') pick(m); } } },
    h('b', null, m.name), ` ${m.grid_code}`, h('br'), h('small', null, `${m.street_name || ''} · ${m.community_name}`));

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q || !api.hasToken()) { close(); return; }
    timer = setTimeout(async () => {
      if (abort) abort.abort();
      abort = new AbortController();
      try {
        const matches = await api.get('/api/grids?limit=12&q=' + encodeURIComponent(q), abort.signal);
        replace(list, matches.length ? matches.map(item) : h('li', { class: 'none' }, t('search_none')));
        list.hidden = false;
      } catch (err) {
        if (err.name !== 'AbortError') close();
      }
    }, 250);
  });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter') list.querySelector('li[data-code]')?.click();
    if (e.key === 'Escape') close();
  });
}
