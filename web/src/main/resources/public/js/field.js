// 转移工作台: the phone page. Grid workers and cadres see their grid's households in order of urgency and mark each
// notified / moving / with relatives / refused / unreachable; updates wait in a queue while the phone is offline and
// go out when it is back. Shelter staff check households in by the code on the transfer sheet, typed or photographed.
import * as api from './api.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import { notTaking } from './shelters.js';
import { createQueue } from './queue.js';
import * as vocabulary from './vocabulary.js';

const t = i18n.t;
const $ = id => document.getElementById(id);
const state = { grid: null, transfers: [] };

await vocabulary.load();
i18n.apply();

const queue = createQueue(localStorage, sendUpdate, showPending);

$('lang').addEventListener('click', () => { i18n.toggle(); render(); showPending(queue.pending()); });
$('logout').addEventListener('click', () => { api.logout(); location.reload(); });
$('tab-households').addEventListener('click', () => tab('households'));
$('tab-checkin').addEventListener('click', () => tab('checkin'));
window.addEventListener('online', () => { network(); queue.flush().then(refusedShown).then(load); });
window.addEventListener('offline', network);
$('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    await api.login($('username').value, $('password').value);
    await start();
  } catch (err) {
    $('login-error').textContent = api.loginProblem(err, t);
  }
});
$('grid-form').addEventListener('submit', e => { e.preventDefault(); state.grid = $('grid').value.trim(); load(); });
$('checkin-form').addEventListener('submit', e => { e.preventDefault(); checkIn($('code').value); });
$('walkin-form').addEventListener('submit', e => { e.preventDefault(); walkIn(); });
$('scan').addEventListener('change', scanned);

// Also try now and then: a phone's 'online' event is not always sent when the network comes back.
setInterval(() => { if (queue.pending().length) queue.flush().then(refusedShown).then(load); }, 5000);

network();
if (api.hasToken()) {
  await start();
} else {
  $('login-form').hidden = false;
}

async function start() {
  $('login-form').hidden = true;
  $('tabs').hidden = false;
  $('logout').hidden = false;
  const area = api.claims().area || '';
  if (/^\d{15}$/.test(area)) {
    state.grid = area;
    $('grid').value = area;
  }
  tab('households');
  showPending(queue.pending());
  await queue.flush().then(refusedShown);
  await load();
  await shelters();
}

function tab(which) {
  $('households').hidden = which !== 'households';
  $('checkin').hidden = which !== 'checkin';
  $('tab-households').classList.toggle('on', which === 'households');
  $('tab-checkin').classList.toggle('on', which === 'checkin');
}

function network() {
  const el = $('net');
  el.textContent = navigator.onLine ? '' : t('field_offline');
  el.classList.toggle('offline', !navigator.onLine);
}

function showPending(items) {
  $('pending').textContent = items.length ? t('field_pending').replace('{n}', items.length) : '';
  render();
}

async function load() {
  if (!state.grid) return;
  try {
    const page = await api.get('/api/evacuation/transfers?grid=' + encodeURIComponent(state.grid) + '&size=500');
    state.transfers = page.transfers;
    $('field-error').textContent = page.total === 0 ? t('field_none') : '';
    render();
  } catch (err) {
    if (navigator.onLine) $('field-error').textContent = i18n.problem(err);
  }
}

/** The list, with what is queued for each household shown over its last known status. */
function render() {
  const queued = new Map(queue.pending().map(i => [i.transfer, i]));
  replace($('transfer-list'), ...state.transfers.map(tr => {
    const q = queued.get(tr.id);
    const status = q ? q.status : tr.status;
    const li = h('li', { class: 'transfer', 'data-id': String(tr.id) },
      h('div', { class: 'who' }, `${vocabulary.label('risk_colors', tr.color)} · ${tr.contact_name || ''} `
        + `${tr.members}${t('people_unit')}` + (tr.vulnerable_members ? ` · ${t('vulnerable')} ${tr.vulnerable_members}` : '')),
      h('div', { class: 'where' }, [tr.address, tr.unit ? tr.unit + t('field_unit') : '', tr.floor + t('field_floor'),
        tr.room || ''].filter(Boolean).join(' ')),
      h('div', { class: 'where' }, tr.shelter_name ? `→ ${tr.shelter_name}${i18n.paren(tr.distance_m + ' m')}`
        : `${t('field_unplaced')}: ${t('unplaced_' + tr.unplaced_reason)}`),
      h('div', { class: 'where' }, `${t('field_code')} ${tr.code}` + (tr.cadre_name ? ` · ${t('field_cadre')} ${tr.cadre_name}` : '')),
      h('span', { class: 'status' }, vocabulary.label('transfer_statuses', status)),
      q ? h('span', { class: 'queued' }, t('field_queued')) : '',
      h('div', { class: 'actions' }, tr.phone ? h('button', { type: 'button', class: 'call',
        onclick: e => call(tr, e.currentTarget) }, `${t('field_call')} ${tr.phone}`) : '',
        ...nextSteps(status).map(s =>
        h('button', { type: 'button', 'data-status': s, onclick: () => mark(tr, s) },
          vocabulary.label('transfer_statuses', s)))));
    li.style.borderLeftColor = vocabulary.hex('risk_colors', tr.color) || '#999';
    return li;
  }));
}

/** The steps a field update may take from a status: the server's rule on the words' attributes (TransferStatus). */
export function nextSteps(status) {
  const steps = vocabulary.where('transfer_statuses', 'field_step');
  const last = vocabulary.where('transfer_statuses', 'final');
  if (last.includes(status)) return [];
  if (vocabulary.where('transfer_statuses', 'settled').includes(status)) return last;
  return steps.filter(s => !last.includes(s) && s !== status);
}

/** 拨打: the number is revealed only here, on purpose, and the server audits the reveal; then the phone dials. */
async function call(tr, button) {
  button.disabled = true;
  try {
    const x = await api.post(`/api/households/${encodeURIComponent(tr.household_id)}/reveal`,
      { reason: t('field_call_reason') });
    if (!x.phone) throw new Error(t('field_no_phone'));
    const link = h('a', { class: 'button tel', href: 'tel:' + x.phone.replace(/[^0-9+]/g, '') },
      `${t('field_call')} ${x.contact_name || ''} ${x.phone}`);
    button.replaceWith(link);
    link.click();
  } catch (err) {
    button.disabled = false;
    $('field-error').textContent = i18n.problem(err);
  }
}

function mark(tr, status) {
  let note = null;
  if (vocabulary.where('transfer_statuses', 'needs_note').includes(status)) {
    note = prompt(t('field_note_' + status));
    if (!note || !note.trim()) return;
  }
  queue.add({ transfer: tr.id, status, note });
  queue.flush().then(refusedShown).then(() => { if (navigator.onLine) load(); });
}

async function sendUpdate(item) {
  if (!navigator.onLine) return 'retry';
  // A request on a dying connection can hang: give up after 8 s and try again later (the key keeps it single).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 8000);
  let r;
  try {
    r = await fetch(`/api/evacuation/transfers/${item.transfer}/events`, {
      method: 'POST', signal: abort.signal,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': item.key, ...api.bearer() },
      body: JSON.stringify(item.note ? { status: item.status, note: item.note } : { status: item.status }),
    });
  } finally {
    clearTimeout(timer);
  }
  if (r.ok) return 'sent';
  if (r.status >= 500 || r.status === 401 || r.status === 429) return 'retry';
  try { return i18n.problem(api.problemOf(r.status, await r.json())); } catch (e) { return r.statusText; }
}

function refusedShown(refused) {
  if (refused && refused.length) {
    $('field-error').textContent = refused.map(i => `${t('field_not_sent')}: ${i.problem}`).join(i18n.punct('semi'));
  }
}

// ------------------------------------------------------------------------------------------------ check-in

async function shelters() {
  try {
    const list = await api.get('/api/evacuation/shelters');
    const chosen = $('shelter').value;
    replace($('shelter'), ...list.map(s => h('option', { value: s.shelter_id },
      `${s.name}${i18n.paren(s.occupancy + '/' + s.capacity)}` + (s.takes_households ? '' : ` · ${notTaking(s)}`))));
    if (chosen) $('shelter').value = chosen;
  } catch (err) { /* shown when checking in */ }
}

async function checkIn(raw) {
  const code = (raw || '').trim().toUpperCase();
  const shelter = $('shelter').value;
  const out = $('checkin-result');
  out.className = '';
  try {
    const r = await fetch(`/api/evacuation/shelters/${encodeURIComponent(shelter)}/check-ins`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...api.bearer() },
      body: JSON.stringify({ code }),
    });
    const body = await r.json();
    if (r.ok) {
      out.className = 'ok';
      out.textContent = (body.already_checked_in ? t('field_already') : t('field_checked_in'))
        + ` ${body.household_id} · ${body.members}${t('people_unit')}`;
      $('code').value = '';
      shelters();
    } else {
      out.className = 'full';
      const next = (body.suggestions || []).map(s => s.name + i18n.paren(s.room + i18n.punct('comma') + s.distance_m + ' m')).join(i18n.punct('list'));
      out.textContent = i18n.problem(api.problemOf(r.status, body)) + (next ? ` · ${t('field_next')}: ${next}` : '');
    }
  } catch (err) {
    out.className = 'full';
    out.textContent = t('field_offline');
  }
}

/** A photo of the QR code: decoded in the page (jsQR), then checked in. */
async function scanned(e) {
  const file = e.target.files && e.target.files[0];
  if (!file) return;
  const out = $('checkin-result');
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const g = canvas.getContext('2d');
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const img = g.getImageData(0, 0, canvas.width, canvas.height);
    const found = window.jsQR(img.data, img.width, img.height);
    const code = found && /GM:([0-9A-Z]{10})/.exec(found.data);
    if (!code) {
      out.className = 'full';
      out.textContent = t('field_no_code');
      return;
    }
    $('code').value = code[1];
    await checkIn(code[1]);
  } catch (err) {
    out.className = 'full';
    out.textContent = t('field_no_code');
  } finally {
    e.target.value = '';
  }
}

/** 现场登记: people who came without a plan take places at once (one registration per submit, even if retried). */
async function walkIn() {
  const out = $('walkin-result');
  const shelter = $('shelter').value;
  const key = 'walk-in-' + (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random());
  const body = { members: Number($('walkin-members').value), vulnerable: Number($('walkin-vulnerable').value || 0),
    contact_name: $('walkin-name').value || null, phone: $('walkin-phone').value || null,
    came_from: $('walkin-from').value || null };
  try {
    const r = await fetch(`/api/evacuation/shelters/${encodeURIComponent(shelter)}/walk-ins`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json',
        'Idempotency-Key': key, ...api.bearer() }, body: JSON.stringify(body) });
    const x = await r.json();
    if (!r.ok) {
      const next = (x.suggestions || []).map(s => s.name + i18n.paren(s.room + i18n.punct('comma') + s.distance_m + ' m')).join(i18n.punct('list'));
      out.textContent = i18n.problem(api.problemOf(r.status, x)) + (next ? ` · ${t('field_next')} ${next}` : '');
      return;
    }
    out.textContent = `${t('walkin_done')}: ${x.members} ${t('people_unit')} → ${x.shelter_id}`;
    $('walkin-form').reset();
    shelters();
  } catch (err) {
    out.textContent = err.message;
  }
}
