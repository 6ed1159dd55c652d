// Grid search in the header: a grid code (prefix) or a grid, community or street name; pick a result to zoom to it.
import * as api from './api.js';
import { t } from './i18n.js';

export function gridSearch(map, onPick) {
  const input = document.getElementById('grid-search');
  const list = document.getElementById('search-results');
  let timer = null;
  let abort = null;

  const close = () => { list.hidden = true; list.innerHTML = ''; };
  const pick = m => {
    close();
    input.value = `${m.name}（${m.grid_code}）`;
    map.fitBounds([[m.bbox[1], m.bbox[0]], [m.bbox[3], m.bbox[2]]], { maxZoom: 16 });
    onPick(m.grid_code);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q || !api.hasToken()) { close(); return; }
    timer = setTimeout(async () => {
      if (abort) abort.abort();
      abort = new AbortController();
      try {
        const matches = await api.get('/api/grids?limit=12&q=' + encodeURIComponent(q), abort.signal);
        list.innerHTML = '';
        if (!matches.length) {
          list.innerHTML = `<li class="none">${t('search_none')}</li>`;
        }
        for (const m of matches) {
          const li = document.createElement('li');
          li.tabIndex = 0;
          li.dataset.code = m.grid_code;
          li.innerHTML = `<b>${m.name}</b> ${m.grid_code}<br><small>${m.street_name || ''} · ${m.community_name}</small>`;
          li.addEventListener('click', () => pick(m));
          li.addEventListener('keydown', e => { if (e.key === 'Enter') pick(m); });
          list.appendChild(li);
        }
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
