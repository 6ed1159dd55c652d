// 工单 on the map: clustered markers by status (loaded by bounding box, stale requests aborted), a list beside the
// map with filters, filing by clicking the map (grid and community shown, boundary warning, duplicate suggestions),
// a ticket's timeline, the area's figures, and a live feed (Server-Sent Events read with fetch, which can send the
// bearer token) that refreshes everything when a ticket in the area changes.
import * as api from './api.js';
import { readEvents } from './events.js';
import { clear, h, replace } from './dom.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import * as vocabulary from './vocabulary.js';
import * as sheet from './sheet.js';

const statusColour = status => vocabulary.hex('ticket_statuses', status);
const statusName = status => vocabulary.label('ticket_statuses', status);
const levelName = level => vocabulary.label('ticket_levels', level);
const isOpen = tk => vocabulary.where('ticket_statuses', 'open').includes(tk.status);

/** At most {@code n} characters of a text (whole code points), with "…" when cut: a list shows a line, not a page. */
export function excerpt(text, n) {
  const cps = Array.from(text || '');
  return cps.length > n ? cps.slice(0, n).join('') + '…' : (text || '');
}

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

  const label = (text, field) => h('label', null, text, ' ', field);
  replace(el, h('h2', null, t('tickets')),
    h('div', { class: 'actions' }, h('button', { class: 'link', id: 'ticket-new' }, t('ticket_new'))),
    h('form', { id: 'ticket-form', hidden: true },
      h('p', { id: 'ticket-route' }),
      h('ul', { id: 'ticket-dups', class: 'dups' }),
      label(t('category'), h('select', { id: 'ticket-category', required: true },
        h('option', { value: '' }, t('choose')))), // chosen by the operator, never a silent default
      label(t('urgency'), h('select', { id: 'ticket-urgency' }, h('option', { value: 'false' }, t('normal')),
        h('option', { value: 'true' }, t('urgent')))),
      label(t('source'), h('select', { id: 'ticket-source' },
        h('option', { value: 'HOTLINE_12345' }, '12345'), h('option', { value: 'HOTLINE_3650000' }, '3650000'),
        h('option', { value: 'PATROL' }, t('source_patrol')), h('option', { value: 'WEB' }, t('source_web')))),
      label(t('description'), h('textarea', { id: 'ticket-description', required: true, maxlength: 4000, rows: 3 })),
      label(t('address'), h('input', { id: 'ticket-address', maxlength: 300 })),
      label(t('reporter'), h('input', { id: 'ticket-reporter', maxlength: 60 })),
      label(t('phone'), h('input', { id: 'ticket-phone', maxlength: 30 })),
      h('p', { class: 'error', id: 'ticket-error', role: 'alert' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ticket-submit' }, t('submit')), ' ',
        h('button', { type: 'button', class: 'link', id: 'ticket-cancel' }, t('cancel')))),
    h('p', { id: 'ticket-filed', class: 'must-move' }),
    h('div', { class: 'filters' },
      h('select', { id: 'ticket-filter-status' }, h('option', { value: 'open' }, t('open_tickets')),
        h('option', { value: '' }, t('all_tickets')), h('option', { value: 'overdue' }, t('overdue'))),
      h('select', { id: 'ticket-filter-category' }, h('option', { value: '' }, t('all_categories'))),
      h('select', { id: 'ticket-filter-scope', 'aria-label': t('in_view_only') },
        h('option', { value: 'view' }, t('in_view_only')), h('option', { value: 'area' }, t('all_in_area')))),
    h('ul', { id: 'ticket-list', class: 'ticket-list' }),
    h('div', { id: 'ticket-detail' }),
    h('div', { id: 'ticket-stats' }));

  document.getElementById('ticket-new').addEventListener('click', e => {
    placing = true;
    map.getContainer().style.cursor = 'crosshair';
    document.getElementById('ticket-filed').textContent = t('ticket_place');
    // On a phone the sheet folds so the map can be tapped; a line over the map says what to do.
    sheet.expand(false);
    hint(t('ticket_place'));
    // From the keyboard (Enter or Space: no pointer), the pin starts at the map's centre and the arrow keys move it.
    if (e.detail === 0) place(map.getCenter(), true);
  });
  // A grid worker files what they find on patrol; the hotline and the offices what a caller reports.
  if (((api.claims().roles || [])[0]) === 'GRID_WORKER') {
    const patrol = document.querySelector('#ticket-source option[value="PATROL"]');
    patrol.defaultSelected = true; // kept by the form's reset too
    patrol.selected = true;
  }
  document.getElementById('ticket-cancel').addEventListener('click', resetForm);
  document.getElementById('ticket-filter-status').addEventListener('change', refresh);
  document.getElementById('ticket-filter-category').addEventListener('change', refresh);
  document.getElementById('ticket-filter-scope').addEventListener('change', refresh);
  document.getElementById('ticket-form').addEventListener('submit', submit);
  document.getElementById('ticket-category').addEventListener('change', () => pin && suggest(pin.getLatLng()));
  const onMapClick = e => { if (placing) place(e.latlng); };
  map.on('click', onMapClick);
  map.on('moveend', refresh);

  /** Takes the module off the map: its listeners, its layers, its requests and the live feed. */
  function stop() {
    map.off('click', onMapClick);
    map.off('moveend', refresh);
    if (feedAbort) feedAbort.abort();
    if (listAbort) listAbort.abort();
    for (const layer of [cluster, pin, pinGrid]) if (layer) map.removeLayer(layer);
    clear(el);
  }

  async function start() {
    categories = await api.get('/api/tickets/categories');
    const cat = document.getElementById('ticket-category');
    const filter = document.getElementById('ticket-filter-category');
    const en = i18n.currentLang() === 'en';
    for (const c of categories.filter(k => k.active)) {
      // In English the category's English name; the department is named as it is (data, Chinese only).
      cat.add(new Option(en ? c.name_en || c.code : `${c.name} · ${c.department}`, c.code));
      filter.add(new Option(en ? c.name_en || c.code : c.name, c.code));
    }
    cluster.addTo(map);
    await refresh();
    listen();
  }

  /** A line over the map while a pin is being placed (null removes it). */
  function hint(text) {
    let el = document.getElementById('map-hint');
    if (!text) { el?.remove(); return; }
    if (!el) {
      el = h('div', { id: 'map-hint', role: 'status' }, h('span'), ' ',
        h('button', { type: 'button', class: 'link', on: { click: resetForm } }, t('cancel')));
      L.DomEvent.disableClickPropagation(el); // a tap on the hint is not a place on the map
      map.getContainer().append(el);
    }
    el.firstChild.textContent = text;
  }

  async function place(latlng, keyboard = false) {
    const first = placing;
    placing = false;
    map.getContainer().style.cursor = '';
    hint(null);
    if (pin) map.removeLayer(pin);
    pin = L.marker(latlng, { draggable: true, keyboard: true, title: t('ticket_pin') }).addTo(map);
    pin.on('dragend', () => place(pin.getLatLng()));
    idempotencyKey = idempotencyKey || crypto.randomUUID(); // one key per ticket: retries of this form reuse it
    document.getElementById('ticket-form').hidden = false;
    document.getElementById('ticket-filed').textContent = '';
    if (keyboard) pinKeys(pin);
    if (first && !keyboard && sheet.isSheet()) {
      // On a phone: the sheet opens at the form, the pin kept in sight above it.
      sheet.expand(true);
      document.getElementById('ticket-form').scrollIntoView({ block: 'start' });
    }
    const route = document.getElementById('ticket-route');
    try {
      const r = await api.get(`/api/tickets/route?lon=${latlng.lng}&lat=${latlng.lat}`);
      const g = await api.get('/api/grids/' + r.grid_code);
      if (pinGrid) map.removeLayer(pinGrid);
      pinGrid = L.geoJSON(g.geometry, { style: { color: '#ff00aa', weight: 3, fill: false }, interactive: false }).addTo(map);
      let warn = null;
      if (r.routing === 'NEAREST') warn = t('warn_outside');
      else if (r.needs_confirmation) warn = `${t('warn_boundary')} (${r.boundary_m} m)`;
      replace(route, `${t('routed_to')} `, h('b', { id: 'ticket-grid' }, g.name), ` ${r.grid_code}`, h('br'),
        `${g.street_name || ''} · ${g.community_name}`,
        warn && [h('br'), h('span', { class: 'error', id: 'ticket-warn' }, warn)]);
    } catch (err) {
      replace(route, h('span', { class: 'error' }, i18n.problem(err)));
    }
    await suggest(latlng);
  }

  /** Arrow keys move the focused pin 10 px (Shift: 50 px); the grid and duplicates follow when it rests. */
  function pinKeys(marker) {
    const icon = marker.getElement && marker.getElement();
    if (!icon) return;
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    let timer = null;
    icon.addEventListener('keydown', e => {
      if (e.key === 'Tab' && !e.shiftKey) { // on to the form, not the map's other markers
        e.preventDefault();
        document.getElementById('ticket-category').focus();
        return;
      }
      const d = steps[e.key];
      if (!d) return;
      e.preventDefault();
      e.stopPropagation(); // not the map's own arrow-key panning
      const px = e.shiftKey ? 50 : 10;
      const p = map.latLngToContainerPoint(marker.getLatLng());
      marker.setLatLng(map.containerPointToLatLng([p.x + d[0] * px, p.y + d[1] * px]));
      clearTimeout(timer);
      timer = setTimeout(() => place(marker.getLatLng(), true), 400);
    });
    document.getElementById('ticket-filed').textContent = t('ticket_place_keys');
    icon.focus({ preventScroll: true });
  }

  async function suggest(latlng) {
    const list = document.getElementById('ticket-dups');
    const category = document.getElementById('ticket-category').value;
    try {
      if (!category) { clear(list); return; } // duplicates are of the same category: none to look for yet
      const dups = await api.get(`/api/tickets/duplicates?lon=${latlng.lng}&lat=${latlng.lat}&category=${category}`);
      replace(list, dups.length ? [h('li', null, h('b', null, t('possible_duplicates'))), dups.map(d =>
        h('li', { dataset: { id: d.id } }, `${d.number} · ${Math.round(d.distance_m)} m · ${excerpt(d.description, 80)}`))] : null);
    } catch (err) { clear(list); }
  }

  /** A ticket's category in the page's language (the catalogue carries both names). */
  function categoryName(tk) {
    return (i18n.currentLang() === 'en' && tk.category_name_en) || tk.category_name;
  }

  async function submit(e) {
    e.preventDefault();
    const ll = pin.getLatLng();
    const body = { source: document.getElementById('ticket-source').value,
      category: document.getElementById('ticket-category').value,
      description: document.getElementById('ticket-description').value,
      address: document.getElementById('ticket-address').value || null, lon: ll.lng, lat: ll.lat,
      reporter_name: document.getElementById('ticket-reporter').value || null,
      reporter_phone: document.getElementById('ticket-phone').value || null,
      urgent: document.getElementById('ticket-urgency').value === 'true' };
    const error = document.getElementById('ticket-error');
    error.textContent = '';
    try {
      const r = await fetch('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey, ...api.bearer() }, body: JSON.stringify(body) });
      const json = await r.json();
      if (!r.ok) { error.textContent = i18n.problem(api.problemOf(r.status, json)); return; }
      resetForm();
      replace(document.getElementById('ticket-filed'), `${t('ticket_filed')} `,
        h('b', { id: 'ticket-number' }, json.ticket.number));
      await refresh();
      show(json.ticket.id);
    } catch (err) {
      error.textContent = t('network_retry'); // the same key is kept: submitting again cannot file twice
    }
  }

  function resetForm() {
    placing = false;
    hint(null);
    map.getContainer().style.cursor = '';
    if (pin) map.removeLayer(pin);
    if (pinGrid) map.removeLayer(pinGrid);
    pin = pinGrid = null;
    idempotencyKey = null;
    document.getElementById('ticket-form').reset();
    document.getElementById('ticket-form').hidden = true;
    clear(document.getElementById('ticket-dups'));
  }

  async function refresh() {
    if (!categories.length) return;
    if (listAbort) listAbort.abort();
    listAbort = new AbortController();
    const b = map.getBounds();
    const f = document.getElementById('ticket-filter-status').value;
    const category = document.getElementById('ticket-filter-category').value;
    const inView = document.getElementById('ticket-filter-scope').value !== 'area';
    let q = '/api/tickets?size=1000' + (inView ? `&bbox=${b.getWest()},${b.getSouth()},${b.getEast()},${b.getNorth()}` : '');
    if (f === 'open') q += '&status=' + vocabulary.where('ticket_statuses', 'open').join(',');
    if (f === 'overdue') q += '&overdue=true';
    if (category) q += '&category=' + category;
    try {
      const page = await api.get(q, listAbort.signal);
      // 紧急 first (open ones), then as the server ordered them (newest first).
      page.tickets.sort((a, b) => Number(!!(b.urgent && isOpen(b))) - Number(!!(a.urgent && isOpen(a))));
      cluster.clearLayers();
      cluster.addLayers(page.tickets.map(tk => L.marker([tk.lat, tk.lon], { title: tk.number,
        icon: L.divIcon({ className: 'ticket-icon' + (tk.overdue ? ' overdue' : '') + (tk.urgent ? ' urgent' : ''),
          iconSize: [16, 16],
          html: h('span', { style: { background: statusColour(tk.status) } }) }) }) // CSSOM: allowed by the CSP
        .on('click', () => reveal(tk.id))));
      replace(document.getElementById('ticket-list'), page.tickets.slice(0, 50).map(tk =>
        h('li', { dataset: { id: tk.id }, class: [tk.overdue && 'overdue', tk.urgent && 'urgent'].filter(Boolean).join(' '),
          tabindex: '0', role: 'button', on: { click: () => reveal(tk.id), keydown: listKeys } },
          h('span', { class: 'dot', style: { background: statusColour(tk.status) } }),
          tk.urgent && h('span', { class: 'badge urgent' }, t('urgent')), h('b', null, tk.number),
          ` ${categoryName(tk)} · ${statusName(tk.status)} · ${levelName(tk.level)}${tk.overdue ? ' · ' + t('overdue') : ''}`, h('br'),
          h('small', { class: 'clamp' }, excerpt(tk.description, 160)))),
        page.total > 50 && h('li', null, h('small', null, t(inView ? 'more_in_view' : 'more_in_area')
          .replace('{n}', page.total))),
        inView && h('li', { class: 'scope-note' }, h('small', null, t('list_in_view'))));
      await stats();
    } catch (err) {
      if (err.name !== 'AbortError') {
        replace(document.getElementById('ticket-list'), h('li', { class: 'error' }, i18n.problem(err)));
      }
    }
  }

  /** Enter or Space opens the focused ticket; the arrow keys move along the list. */
  function listKeys(e) {
    const li = e.currentTarget;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal(li.dataset.id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      let next = e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
      while (next && !next.dataset.id) next = e.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling;
      next?.focus();
    }
  }

  async function show(id) {
    render(await api.get('/api/tickets/' + id));
  }

  /** Opens a ticket and brings its detail into sight (it sits below the list). */
  async function reveal(id) {
    await show(id);
    sheet.expand(true);
    const title = document.getElementById('ticket-detail-title');
    title?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    title?.focus?.({ preventScroll: true });
  }

  /** What an event recorded beyond its action, in words (text only: notes are what users typed). */
  function eventDetails(data) {
    if (!data || typeof data !== 'object') return [];
    const out = [];
    if (data.assignee) out.push(`${t('arg_assignee')}${i18n.punct('colon')}${data.assignee}`);
    if (data.rating) out.push(`${t('arg_rating')}${i18n.punct('colon')}${t('rating_' + data.rating)}${i18n.paren(data.rating)}`);
    if (Array.isArray(data.departments) && data.departments.length) {
      out.push(`${t('called_departments')}${i18n.punct('colon')}${data.departments.join(i18n.punct('list'))}`);
    }
    if (data.department && !data.grid_code) out.push(`${t('arg_department')}${i18n.punct('colon')}${data.department}`);
    if (data.from_grid && data.to_grid) out.push(`${t('rerouted')}${i18n.punct('colon')}${data.from_grid} → ${data.to_grid}`);
    if (data.duplicate_of) out.push(`${t('duplicate_of')}${i18n.punct('colon')}${ticketNumber(data.duplicate_of)}`);
    if (data.duplicate) out.push(`${t('duplicate_linked')}${i18n.punct('colon')}${ticketNumber(data.duplicate)}`);
    if (data.note) out.push(`${t('arg_note')}${i18n.punct('colon')}${data.note}`);
    return out;
  }

  /** A ticket's number from its id when the list knows it, else the id. */
  function ticketNumber(id) {
    const li = document.querySelector(`#ticket-list li[data-id="${Number(id)}"] b`);
    return li ? li.textContent : '#' + Number(id);
  }

  /** A ticket's detail: what was entered (contact masked), its timeline, and the actions the caller may take now. */
  function render(d) {
    const tk = d.ticket;
    const events = d.events.map(e => h('li', null,
      h('small', null, `${i18n.when(e.at)} · ${e.actor}`), h('br'),
      t('action_' + e.action) + (e.to_level && e.from_level && e.to_level !== e.from_level
        ? ` → ${levelName(e.to_level)}` : '') + (e.reason ? i18n.punct('colon') + e.reason : ''),
      eventDetails(e.data).map(line => [h('br'), h('small', { class: 'event-detail' }, line)])));
    const entered = [[t('address'), tk.address], [t('reporter'), tk.reporter_name], [t('phone'), tk.reporter_phone],
      [t('assignee'), tk.assignee]].filter(([, v]) => v);
    const detail = document.getElementById('ticket-detail');
    replace(detail, h('h3', { tabindex: -1, id: 'ticket-detail-title' }, `${tk.number} · ${categoryName(tk)}`),
      h('p', { id: 'ticket-detail-status' }, tk.urgent && [h('span', { class: 'badge urgent' }, t('urgent')), ' '],
        `${statusName(tk.status)} · `, h('span', { id: 'ticket-detail-level' }, levelName(tk.level)),
        ` · ${tk.department}`, tk.overdue && [' · ', h('b', { class: 'error' }, t('overdue'))]),
      h('p', null, tk.description, h('br'),
        h('small', null, `${tk.grid_code} · ${t('due')} ${i18n.when(tk.due_at)}`)),
      entered.length > 0 && h('dl', { class: 'entered', id: 'ticket-entered' },
        entered.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      d.may_reveal && /\*/.test(`${tk.reporter_name || ''}${tk.reporter_phone || ''}`) && revealForm(d),
      actionBar(tk, d.actions || [], d.calls || []),
      h('ol', { class: 'timeline', id: 'ticket-timeline' }, events));
    detail.dataset.id = tk.id;
    return detail;
  }

  /** 显示联系方式: the reporter's contact in clear for the follow-up call, with a reason (audited by the server). */
  function revealForm(d) {
    const reason = h('input', { id: 'ticket-reveal-reason', maxlength: 500, required: true, minlength: 2,
      placeholder: t('reveal_reason_hint'), 'aria-label': t('arg_reason') });
    const error = h('span', { class: 'error', role: 'alert' });
    return h('form', { class: 'reveal', id: 'ticket-reveal', on: { submit: async e => {
      e.preventDefault();
      try {
        const clear = await api.post(`/api/tickets/${d.ticket.id}/reveal`, { reason: reason.value.trim() });
        render({ ...d, ticket: { ...d.ticket, ...clear }, may_reveal: false });
      } catch (err) {
        error.textContent = i18n.problem(err);
      }
    } } }, reason, ' ', h('button', { type: 'submit', class: 'small', id: 'ticket-reveal-submit' }, t('reveal_contact')),
    ' ', error);
  }

  /** One button per action allowed now; a button opens the fields its action takes, then posts it. */
  function actionBar(tk, actions, calls) {
    if (!actions.length) return null;
    const form = h('form', { class: 'ticket-action', id: 'ticket-action-form', hidden: true });
    const open = a => {
      const fields = [...a.required.map(f => [f, true]), ...a.optional.map(f => [f, false])];
      const input = ([f, required]) => {
        // The server's limits: names 60 characters, a grid code 15 digits, a ticket number 20, texts 1000.
        const max = { assignee: 60, department: 60, departments: 700, grid_code: 15, duplicate_of: 20 }[f] || 1000;
        const attrs = { name: f, id: 'ticket-action-' + f, required, maxlength: max };
        const waiting = calls.filter(k => !k.reported_at).map(k => k.department);
        const field = f === 'rating' // no rating chosen for the caller: 请选择 first
          ? h('select', attrs, h('option', { value: '' }, t('choose')),
            [5, 4, 3, 2, 1].map(n => h('option', { value: n }, `${n} · ${t('rating_' + n)}`)))
          : f === 'department' && waiting.length // 报到: one of the departments called that has not reported yet
            ? h('select', attrs, h('option', { value: '' }, t('choose')), waiting.map(dep => h('option', { value: dep }, dep)))
          : f === 'reason' || f === 'note' ? h('textarea', { ...attrs, rows: 2 }) : h('input', attrs);
        return h('label', null, t('arg_' + f) + (required ? ' *' : ''), ' ', field);
      };
      replace(form, h('b', null, t('do_' + a.action.toUpperCase().replace('-', '_'))), fields.map(input),
        h('p', { class: 'error', id: 'ticket-action-error', role: 'alert' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ticket-action-submit' }, t('submit')), ' ',
          h('button', { type: 'button', class: 'link', on: { click: () => { form.hidden = true; } } }, t('cancel'))));
      form.hidden = false;
      form.onsubmit = async e => {
        e.preventDefault();
        const body = {};
        for (const [f] of fields) {
          const v = form.elements[f].value.trim();
          if (!v) continue;
          body[f] = f === 'rating' ? Number(v) : f === 'departments' ? v.split(/[,，、\s]+/).filter(Boolean) : v;
        }
        try {
          render(await api.post(`/api/tickets/${tk.id}/actions/${a.action}`, body));
          await refresh();
          document.getElementById('ticket-detail-title')?.focus?.();
        } catch (err) {
          document.getElementById('ticket-action-error').textContent = i18n.problem(err);
        }
      };
      (form.querySelector('input, select, textarea') || form.querySelector('button')).focus();
    };
    return h('div', { id: 'ticket-actions' },
      h('div', { class: 'actions' }, actions.map(a => h('button', { type: 'button', class: 'small',
        dataset: { action: a.action }, on: { click: () => open(a) } },
        t('do_' + a.action.toUpperCase().replace('-', '_'))))),
      form);
  }

  async function stats() {
    try {
      const s = (await api.get('/api/tickets/stats?area=' + area)).total;
      const pct = v => v === null ? '—' : (v * 100).toFixed(2) + '%';
      const row = (label, value, id) => h('tr', null, h('td', null, label), h('td', { id }, value));
      replace(document.getElementById('ticket-stats'), h('h3', null, t('ticket_stats')),
        h('table', { id: 'ticket-stats-table' }, h('tbody', null,
          row(t('received'), s.received),
          row(t('resolved_rate'), s.received > 0 && s.resolved === 0 ? t('none_resolved') : pct(s.resolved_rate),
            'stat-resolved-rate'),
          row(t('on_time_rate'), s.resolved === 0 ? '—' : pct(s.on_time_rate)),
          row(t('satisfaction_rate'), pct(s.satisfaction_rate)),
          row(t('backlog'), s.backlog),
          row(t('overdue'), s.overdue))));
    } catch (err) { /* figures are secondary */ }
  }

  /** The live feed: refreshes the list, markers and the open ticket on every change in the area. */
  async function listen() {
    if (feedAbort) feedAbort.abort();
    feedAbort = new AbortController();
    try {
      const r = await fetch('/api/tickets/stream', { headers: { Accept: 'text/event-stream', ...api.bearer() },
        signal: feedAbort.signal });
      let timer = null;
      await readEvents(r, (name, data) => {
        if (name !== 'ticket') return;
        clearTimeout(timer);
        timer = setTimeout(async () => {
          await refresh();
          const open = document.getElementById('ticket-detail').dataset.id;
          if (open && Number(open) === data.id) show(open);
        }, 300);
      });
    } catch (err) {
      if (err.name === 'AbortError') return;
    }
    setTimeout(listen, 3000); // reconnect
  }

  return { start, stop, refresh, isPlacing: () => placing };
}
