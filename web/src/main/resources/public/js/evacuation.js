// 转移进度: the live evacuation figures of the caller's area (households and people per status, unplaced per reason,
// shelters' occupancy), updated by the server's event stream; the district office switches flood mode here.
import * as api from './api.js';
import { readEvents } from './events.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import { notTaking } from './shelters.js';
import * as vocabulary from './vocabulary.js';

const OFFICE = ['ADMIN', 'DISTRICT_OFFICE', 'STREET_STAFF'];

/**
 * @param el       the panel section to fill
 * @param context  () => ({ scenario, warning }) as chosen in the header
 */
export function evacuationModule(el, context) {
  const t = i18n.t;
  const claims = api.claims();
  const role = (claims.roles || [])[0];
  let feedAbort = null;
  let timer = null;
  let stopped = false;

  async function start() {
    stopped = false;
    await refresh();
    listen();
  }

  function stop() {
    stopped = true;
    if (feedAbort) feedAbort.abort();
    clearTimeout(timer);
  }

  async function refresh() {
    let s;
    try {
      s = await api.get('/api/evacuation/summary');
    } catch (err) {
      replace(el, h('h2', null, t('evac_title')), h('p', { class: 'error' }, i18n.problem(err)));
      return;
    }
    const rows = vocabulary.codes('transfer_statuses').map(code => h('tr', null,
      h('td', null, vocabulary.label('transfer_statuses', code)),
      h('td', { dataset: { count: code } }, String(s.total.by_status[code] ?? 0)),
      h('td', null, String(s.total.people_by_status[code] ?? 0))));
    const unplaced = Object.entries(s.total.unplaced).map(([reason, n]) =>
      h('li', null, `${t('unplaced_' + reason)}: ${n} ${t('hh_unit')}`));
    const shelters = s.shelters.map(x => h('tr', { class: x.nearly_full ? 'nearly-full' : null },
      h('td', null, x.name),
      h('td', { dataset: { occupancy: x.shelter_id } }, `${x.occupancy}/${x.capacity}`),
      h('td', null, String(x.reserved)),
      h('td', null, x.takes_households ? (x.nearly_full ? t('evac_nearly_full') : vocabulary.label('shelter_statuses', x.status))
        : notTaking(x))));
    replace(el,
      h('h2', null, t('evac_title')),
      OFFICE.includes(role) ? floodModeButton() : '',
      h('p', null, `${t('evac_total')}: ${s.total.households} ${t('hh_unit')} · ${s.total.people} ${t('people_unit')}`
        + ` · ${t('vulnerable')} ${s.total.vulnerable_people} · ${t('evac_no_cadre')} ${s.total.without_cadre}`),
      h('table', { id: 'evac-table' }, h('thead', null, h('tr', null, h('th', null, t('evac_status')),
        h('th', null, t('hh_unit')), h('th', null, t('people_unit')))), h('tbody', null, rows)),
      unplaced.length ? h('ul', { class: 'unplaced' }, unplaced) : '',
      // The shelters (a district has a hundred) fold away, so the tickets below stay within reach; the office opens them.
      h('details', { id: 'shelter-details', open: OFFICE.includes(role) ? true : null },
        h('summary', null, `${t('shelters')} (${s.shelters.length})`),
        h('table', { id: 'shelter-table' }, h('thead', null, h('tr', null, h('th', null, t('shelters')),
          h('th', null, t('occupancy')), h('th', null, t('evac_reserved')), h('th', null, t('evac_status')))),
        h('tbody', null, shelters))),
      h('p', { class: 'actions' }, h('a', { href: '/transfer.html' }, t('evac_field_page')), ' ',
        exportButton('xlsx', false, t('evac_export_xlsx')), ' ', exportButton('csv', false, t('evac_export_csv')),
        role !== 'HOTLINE' ? [' ', exportButton('xlsx', true, t('evac_export_list'))] : null));
  }

  /** A download of the figures (or the transfer list) with the login's token; the server audits each one. */
  function exportButton(format, transfers, label) {
    const button = h('button', { type: 'button', class: 'link', dataset: { export: format + (transfers ? '-list' : '') } },
      label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await fetch(`/api/evacuation/export?format=${format}&transfers=${transfers}`,
          { headers: api.bearer() });
        if (!r.ok) throw api.problemOf(r.status, await r.json().catch(() => ({ detail: r.statusText })));
        const url = URL.createObjectURL(await r.blob());
        const a = document.createElement('a'); // a blob: URL of our own answer (h() allows no blob: links)
        a.href = url;
        a.download = `gridmap-evacuation${transfers ? '-list' : ''}.${format}`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (err) {
        button.title = i18n.problem(err);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  /**
   * 一键转换 for the scenario and level on screen now (read when clicked, not when the panel was drawn), after an
   * explicit confirmation that names the area, the scenario and the level: one click moves a whole district.
   */
  function floodModeButton() {
    const out = h('span', { id: 'flood-mode-status', role: 'status' });
    const what = () => {
      const c = context();
      return `${c.scenarioName || c.scenario || ''} · ${vocabulary.label('warning_levels', c.warning)}`;
    };
    const box = h('p', { id: 'flood-mode-box' });
    const go = async () => {
      const { scenario, warning } = context();
      replace(box, button, ' ', out);
      button.disabled = true;
      try {
        const r = await fetch('/api/evacuation/flood-mode', { method: 'POST', headers: { 'Content-Type': 'application/json',
          Accept: 'application/json', ...api.bearer() }, body: JSON.stringify({ area: claims.area, scenario,
          warning_level: warning }) });
        const plan = await r.json();
        out.textContent = r.ok ? t('evac_planning') : i18n.problem(api.problemOf(r.status, plan));
      } finally {
        button.disabled = false;
      }
    };
    const button = h('button', { type: 'button', id: 'flood-mode', onclick: () => {
      const yes = h('button', { type: 'button', id: 'flood-mode-confirm', class: 'danger', onclick: go },
        t('evac_confirm_yes'));
      const no = h('button', { type: 'button', id: 'flood-mode-cancel', onclick: () => replace(box, button, ' ', out) },
        t('cancel'));
      replace(box, h('span', { role: 'alert' }, t('evac_confirm').replace('{what}', what())), ' ', yes, ' ', no);
      yes.focus();
    } }, t('evac_switch') + i18n.paren(what()));
    replace(box, button, ' ', out);
    return box;
  }

  /** The server's events: any change in the area refreshes the figures (at most every half second). */
  async function listen() {
    if (stopped) return;
    feedAbort = new AbortController();
    try {
      const r = await fetch('/api/evacuation/stream', { headers: { Accept: 'text/event-stream', ...api.bearer() },
        signal: feedAbort.signal });
      await readEvents(r, name => {
        if (name === 'transfer' || name === 'plan' || name === 'shelter') {
          clearTimeout(timer);
          timer = setTimeout(refresh, 500);
        }
      });
    } catch (err) {
      if (err.name === 'AbortError') return;
    }
    if (!stopped) setTimeout(listen, 3000);
  }

  return { start, stop, refresh };
}
