// 工单 on the map: clustered markers by status (loaded by bounding box, stale requests aborted), a list beside the
// map with filters, filing by clicking the map (grid and community shown, boundary warning, duplicate suggestions),
// a ticket's timeline, the area's figures, and a live feed (Server-Sent Events read with fetch, which can send the
// bearer token) that refreshes everything when a ticket in the area changes.
import * as api from './api.js';
import { t } from './i18n.js';

const OPEN = ['PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED'];
const STATUS_COLOURS = { PENDING: '#e6550d', DISPATCHED: '#fd8d3c', IN_PROGRESS: '#3182bd', RETURNED: '#756bb1',
  REOPENED: '#e6550d', RESOLVED: '#31a354', VISITED: '#31a354', CLOSED: '#969696' };

export function ticketsModule(map, area) {
  const el = document.getElementById('tickets');
  const cluster = L.markerClusterGroup({ maxClusterRadius: 45, showCoverageOnHover: false });
  let listAbort = null;
  let placing = false;
  let pin = null;
  let pinGrid = null;
  let categories = [];
  let idempotencyKey = null;
  let feedAbort = null;

  el.innerHTML = `<h2>${t('tickets')}</h2>
    <div class="actions"><button class="link" id="ticket-new">${t('ticket_new')}</button></div>
    <form id="ticket-form" hidden>
      <p id="ticket-route"></p>
      <ul id="ticket-dups" class="dups"></ul>
      <label>${t('category')} <select id="ticket-category"></select></label>
      <label>${t('source')} <select id="ticket-source">
        <option value="HOTLINE_12345">12345</option><option value="HOTLINE_3650000">3650000</option>
        <option value="PATROL">${t('source_patrol')}</option><option value="WEB">${t('source_web')}</option></select></label>
      <label>${t('description')} <textarea id="ticket-description" required maxlength="4000" rows="3"></textarea></label>
      <label>${t('address')} <input id="ticket-address" maxlength="300"></label>
      <label>${t('reporter')} <input id="ticket-reporter" maxlength="60"></label>
      <label>${t('phone')} <input id="ticket-phone" maxlength="30"></label>
      <p class="error" id="ticket-error" role="alert"></p>
      <div class="actions"><button type="submit" id="ticket-submit">${t('submit')}</button>
        <button type="button" class="link" id="ticket-cancel">${t('cancel')}</button></div>
    </form>
    <p id="ticket-filed" class="must-move"></p>
    <div class="filters">
      <select id="ticket-filter-status"><option value="open">${t('open_tickets')}</option>
        <option value="">${t('all_tickets')}</option><option value="overdue">${t('overdue')}</option></select>
      <select id="ticket-filter-category"><option value="">${t('all_categories')}</option></select>
    </div>
    <ul id="ticket-list" class="ticket-list"></ul>
    <div id="ticket-detail"></div>
    <div id="ticket-stats"></div>`;

  document.getElementById('ticket-new').addEventListener('click', () => {
    placing = true;
    map.getContainer().style.cursor = 'crosshair';
    document.getElementById('ticket-filed').textContent = t('ticket_place');
  });
  document.getElementById('ticket-cancel').addEventListener('click', resetForm);
  document.getElementById('ticket-filter-status').addEventListener('change', refresh);
  document.getElementById('ticket-filter-category').addEventListener('change', refresh);
  document.getElementById('ticket-form').addEventListener('submit', submit);
  document.getElementById('ticket-category').addEventListener('change', () => pin && suggest(pin.getLatLng()));
  map.on('click', e => { if (placing) place(e.latlng); });
  map.on('moveend', refresh);

  async function start() {
    categories = await api.get('/api/tickets/categories');
    const cat = document.getElementById('ticket-category');
    const filter = document.getElementById('ticket-filter-category');
    for (const c of categories.filter(k => k.active)) {
      cat.add(new Option(`${c.name} · ${c.department}`, c.code));
      filter.add(new Option(c.name, c.code));
    }
    cluster.addTo(map);
    await refresh();
    listen();
  }

  async function place(latlng) {
    placing = false;
    map.getContainer().style.cursor = '';
    if (pin) map.removeLayer(pin);
    pin = L.marker(latlng, { draggable: true }).addTo(map);
    pin.on('dragend', () => place(pin.getLatLng()));
    idempotencyKey = idempotencyKey || crypto.randomUUID(); // one key per ticket: retries of this form reuse it
    document.getElementById('ticket-form').hidden = false;
    document.getElementById('ticket-filed').textContent = '';
    const route = document.getElementById('ticket-route');
    try {
      const r = await api.get(`/api/tickets/route?lon=${latlng.lng}&lat=${latlng.lat}`);
      const g = await api.get('/api/grids/' + r.grid_code);
      if (pinGrid) map.removeLayer(pinGrid);
      pinGrid = L.geoJSON(g.geometry, { style: { color: '#ff00aa', weight: 3, fill: false }, interactive: false }).addTo(map);
      let warn = '';
      if (r.routing === 'NEAREST') warn = `<br><span class="error" id="ticket-warn">${t('warn_outside')}</span>`;
      else if (r.needs_confirmation) warn = `<br><span class="error" id="ticket-warn">${t('warn_boundary')} `
        + `(${r.boundary_m} m)</span>`;
      route.innerHTML = `${t('routed_to')} <b id="ticket-grid">${g.name}</b> ${r.grid_code}<br>${g.street_name || ''} · `
        + `${g.community_name}${warn}`;
    } catch (err) {
      route.innerHTML = `<span class="error">${err.message}</span>`;
    }
    await suggest(latlng);
  }

  async function suggest(latlng) {
    const list = document.getElementById('ticket-dups');
    const category = document.getElementById('ticket-category').value;
    try {
      const dups = await api.get(`/api/tickets/duplicates?lon=${latlng.lng}&lat=${latlng.lat}&category=${category}`);
      list.innerHTML = dups.length ? `<li><b>${t('possible_duplicates')}</b></li>` + dups.map(d =>
        `<li data-id="${d.id}">${d.number} · ${Math.round(d.distance_m)} m · ${d.description}</li>`).join('') : '';
    } catch (err) { list.innerHTML = ''; }
  }

  async function submit(e) {
    e.preventDefault();
    const ll = pin.getLatLng();
    const body = { source: document.getElementById('ticket-source').value,
      category: document.getElementById('ticket-category').value,
      description: document.getElementById('ticket-description').value,
      address: document.getElementById('ticket-address').value || null, lon: ll.lng, lat: ll.lat,
      reporter_name: document.getElementById('ticket-reporter').value || null,
      reporter_phone: document.getElementById('ticket-phone').value || null };
    const error = document.getElementById('ticket-error');
    error.textContent = '';
    try {
      const r = await fetch('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey, ...api.bearer() }, body: JSON.stringify(body) });
      const json = await r.json();
      if (!r.ok) { error.textContent = json.detail || r.statusText; return; }
      resetForm();
      document.getElementById('ticket-filed').innerHTML = `${t('ticket_filed')} <b id="ticket-number">`
        + `${json.ticket.number}</b>`;
      await refresh();
      show(json.ticket.id);
    } catch (err) {
      error.textContent = t('network_retry'); // the same key is kept: submitting again cannot file twice
    }
  }

  function resetForm() {
    placing = false;
    map.getContainer().style.cursor = '';
    if (pin) map.removeLayer(pin);
    if (pinGrid) map.removeLayer(pinGrid);
    pin = pinGrid = null;
    idempotencyKey = null;
    document.getElementById('ticket-form').reset();
    document.getElementById('ticket-form').hidden = true;
    document.getElementById('ticket-dups').innerHTML = '';
  }

  async function refresh() {
    if (!categories.length) return;
    if (listAbort) listAbort.abort();
    listAbort = new AbortController();
    const b = map.getBounds();
    const f = document.getElementById('ticket-filter-status').value;
    const category = document.getElementById('ticket-filter-category').value;
    let q = `/api/tickets?size=1000&bbox=${b.getWest()},${b.getSouth()},${b.getEast()},${b.getNorth()}`;
    if (f === 'open') q += '&status=' + OPEN.join(',');
    if (f === 'overdue') q += '&overdue=true';
    if (category) q += '&category=' + category;
    try {
      const page = await api.get(q, listAbort.signal);
      cluster.clearLayers();
      cluster.addLayers(page.tickets.map(tk => L.marker([tk.lat, tk.lon], { title: tk.number,
        icon: L.divIcon({ className: 'ticket-icon' + (tk.overdue ? ' overdue' : ''), iconSize: [16, 16],
          html: `<span style="background:${STATUS_COLOURS[tk.status]}"></span>` }) })
        .on('click', () => show(tk.id))));
      document.getElementById('ticket-list').innerHTML = page.tickets.slice(0, 50).map(tk =>
        `<li data-id="${tk.id}" class="${tk.overdue ? 'overdue' : ''}"><span class="dot" style="background:`
        + `${STATUS_COLOURS[tk.status]}"></span><b>${tk.number}</b> ${tk.category_name} · ${tk.status_zh} · `
        + `${tk.level_zh}${tk.overdue ? ' · ' + t('overdue') : ''}<br><small>${tk.description}</small></li>`).join('')
        + (page.total > 50 ? `<li><small>${t('more_in_view').replace('{n}', page.total)}</small></li>` : '');
      document.querySelectorAll('#ticket-list li[data-id]').forEach(li => li.addEventListener('click',
        () => show(li.dataset.id)));
      await stats();
    } catch (err) {
      if (err.name !== 'AbortError') document.getElementById('ticket-list').innerHTML = `<li class="error">${err.message}</li>`;
    }
  }

  async function show(id) {
    const d = await api.get('/api/tickets/' + id);
    const tk = d.ticket;
    const events = d.events.map(e => `<li><small>${new Date(e.at).toLocaleString('zh-CN', { hour12: false })}`
      + ` · ${e.actor}</small><br>${t('action_' + e.action)}${e.to_level && e.from_level && e.to_level !== e.from_level
        ? ` → ${t('level_' + e.to_level)}` : ''}${e.reason ? '：' + e.reason : ''}</li>`).join('');
    document.getElementById('ticket-detail').innerHTML = `<h3>${tk.number} · ${tk.category_name}</h3>`
      + `<p id="ticket-detail-status">${tk.status_zh} · <span id="ticket-detail-level">${tk.level_zh}</span> · `
      + `${tk.department}${tk.overdue ? ' · <b class="error">' + t('overdue') + '</b>' : ''}</p>`
      + `<p>${tk.description}<br><small>${tk.grid_code} · ${t('due')} `
      + `${new Date(tk.due_at).toLocaleString('zh-CN', { hour12: false })}</small></p>`
      + `<ol class="timeline" id="ticket-timeline">${events}</ol>`;
    document.getElementById('ticket-detail').dataset.id = tk.id;
  }

  async function stats() {
    try {
      const s = (await api.get('/api/tickets/stats?area=' + area)).total;
      const pct = v => v === null ? '—' : (v * 100).toFixed(2) + '%';
      document.getElementById('ticket-stats').innerHTML = `<h3>${t('ticket_stats')}</h3><table id="ticket-stats-table">`
        + `<tr><td>${t('received')}</td><td>${s.received}</td></tr>`
        + `<tr><td>${t('resolved_rate')}</td><td id="stat-resolved-rate">${pct(s.resolved_rate)}</td></tr>`
        + `<tr><td>${t('on_time_rate')}</td><td>${pct(s.on_time_rate)}</td></tr>`
        + `<tr><td>${t('satisfaction_rate')}</td><td>${pct(s.satisfaction_rate)}</td></tr>`
        + `<tr><td>${t('backlog')}</td><td>${s.backlog}</td></tr>`
        + `<tr><td>${t('overdue')}</td><td>${s.overdue}</td></tr></table>`;
    } catch (err) { /* figures are secondary */ }
  }

  /** The live feed: refreshes the list, markers and the open ticket on every change in the area. */
  async function listen() {
    if (feedAbort) feedAbort.abort();
    feedAbort = new AbortController();
    try {
      const r = await fetch('/api/tickets/stream', { headers: { Accept: 'text/event-stream', ...api.bearer() },
        signal: feedAbort.signal });
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let timer = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const parts = buffer.split('\n\n');
        buffer = parts.pop();
        for (const part of parts) {
          if (!/^event: ?ticket$/m.test(part)) continue;
          const data = JSON.parse(part.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5)).join(''));
          clearTimeout(timer);
          timer = setTimeout(async () => {
            await refresh();
            const open = document.getElementById('ticket-detail').dataset.id;
            if (open && Number(open) === data.id) show(open);
          }, 300);
        }
      }
    } catch (err) {
      if (err.name === 'AbortError') return;
    }
    setTimeout(listen, 3000); // reconnect
  }

  return { start, refresh, isPlacing: () => placing };
}
