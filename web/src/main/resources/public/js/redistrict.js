// 网格调整: a redistricting mode for street and community staff (and the district office). Pick the area, open or
// start a draft, select grids in the side table, split one by drawing a line, move buildings by drawing around them
// (to the selected grid, or to a new one), merge, lock, undo and redo, run an automatic proposal, and publish. The
// draft's grids are drawn from the server (derived from its building assignment), coloured by the household band;
// every edit carries the draft's version (If-Match), and an edit someone else made first is said, not overwritten.
import * as api from './api.js';
import { h, replace } from './dom.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import * as vocabulary from './vocabulary.js';
import * as sheet from './sheet.js';

/** The band's colours (not the 四色 palette: a band is not a flood risk). */
export const BAND_COLOURS = { IN: '#2b8cbe', FEW: '#e08214', MANY: '#7b3294' };

/** A grid row's words: households and band, contiguity. */
export function bandWords(g) {
  const band = t('band_' + g.band);
  return `${g.households} ${t('hh_unit')} · ${band}${g.contiguous ? '' : ' · ' + t('not_contiguous')}`;
}

/** The selection after a click on a row: alone, or added to / taken from the others with Ctrl or Shift. */
export function nextSelection(selected, key, additive) {
  const out = new Set(additive ? selected : []);
  if (additive && selected.has(key)) out.delete(key); else out.add(key);
  return out;
}

/**
 * A grid's households per 四色 colour in the vocabulary's order, most urgent first ("红 3 · 橙 5 …"), or '' without a
 * scenario.
 */
export function colourWords(g, label, codes = vocabulary.codes('risk_colors')) {
  if (!g.colours) return '';
  return codes.filter(c => g.colours[c]).map(c => `${label(c)} ${g.colours[c]}`).join(' · ');
}

export function redistrictModule(map, el, { onPublished, scenario = () => null } = {}) {
  const claims = api.claims();
  let draft = null;
  let etag = null;
  let layer = null;
  let selected = new Set();
  let drawing = null; // 'split' | 'lasso' while a line or polygon is being drawn
  let multi = false; // 多选: each tap adds or removes a grid (a phone has no Ctrl or Shift)
  const onCreate = e => drawn(e);

  function start() {
    el.hidden = false;
    map.on('pm:create', onCreate);
    chooser();
  }

  function stop() {
    map.off('pm:create', onCreate);
    mapHint(null);
    drawing = null;
    if (map.pm) map.pm.disableDraw();
    if (layer) layer.remove();
    layer = null;
    draft = null;
  }

  /** The entry: the area (the caller's own, or one of its communities) and its drafts. */
  async function chooser() {
    stop();
    map.on('pm:create', onCreate);
    const area = h('select', { id: 'redistrict-area' });
    const own = claims.area || '';
    const options = [];
    try {
      if (own.length === 12) {
        options.push({ code: own, name: t('my_community') });
      } else {
        if (own.length === 9) options.push({ code: own, name: t('my_street') });
        const list = await api.get(`/api/areas?level=COMMUNITY${own.length === 9 ? '&parent=' + own : ''}`);
        for (const a of list) options.push({ code: a.code, name: a.name });
      }
    } catch (err) { /* the code box below still works */ }
    for (const o of options) area.add(new Option(`${o.name} ${o.code}`, o.code));
    const list = h('ul', { id: 'redistrict-drafts', class: 'drafts' });
    const error = h('p', { class: 'error', id: 'redistrict-error', role: 'alert' });
    const create = h('button', { type: 'button', id: 'redistrict-new' }, t('rd_new'));
    create.addEventListener('click', async () => {
      try {
        const r = await api.versioned('POST', '/api/redistricting/drafts', { area: area.value });
        await open(r.body.id); // read again with the scenario on screen (its 四色 counts)
      } catch (err) { error.textContent = i18n.problem(err); }
    });
    const drafts = async () => {
      try {
        const ds = await api.get('/api/redistricting/drafts?area=' + encodeURIComponent(area.value));
        replace(list, ds.filter(d => d.status === 'OPEN').map(d => h('li', null,
          h('button', { type: 'button', class: 'link', dataset: { draft: d.id }, on: { click: () => open(d.id) } },
            `${d.name} · ${t('rd_version')} ${d.version} · ${d.owner} · ${i18n.when(d.updated_at)}`))));
      } catch (err) { error.textContent = i18n.problem(err); }
    };
    area.addEventListener('change', drafts);
    const register = h('a', { id: 'rd-register-current', href: '/register.html' }, t('register_print'));
    area.addEventListener('change', () => register.setAttribute('href',
      `/register.html?area=${encodeURIComponent(area.value)}`));
    if (area.value) register.setAttribute('href', `/register.html?area=${encodeURIComponent(area.value)}`);
    replace(el, h('h2', null, t('rd_title')),
      h('label', null, t('rd_area'), ' ', area), ' ', create, list, h('p', null, register), error);
    if (options.length) drafts();
  }

  /** The draft's address, with the scenario on screen (each grid's 四色 counts come back with every answer). */
  const path = (id, action) => {
    const sc = scenario();
    return `/api/redistricting/drafts/${id}${action ? '/' + action : ''}${sc ? '?scenario=' + encodeURIComponent(sc) : ''}`;
  };

  async function open(id) {
    const r = await api.versioned('GET', path(id));
    await show(r.body, r.etag);
  }

  /** Draws the draft: its grids on the map and in the table, the tallies, the checks and the tools. */
  async function show(d, tag) {
    draft = d;
    etag = tag;
    selected = new Set([...selected].filter(k => d.grids.some(g => g.key === k)));
    await drawGrids();
    const s = d.summary;
    const rows = d.grids.map(g => h('tr', {
      dataset: { key: g.key, band: g.band }, class: [selected.has(g.key) && 'selected', g.locked && 'locked']
        .filter(Boolean).join(' '), tabindex: '0',
      on: { click: e => select(g.key, multi || e.ctrlKey || e.metaKey || e.shiftKey), keydown: e => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(g.key, e.ctrlKey || e.shiftKey); }
      } } },
      h('td', null, h('span', { class: 'swatch', style: { background: BAND_COLOURS[g.band] } }), String(g.key)),
      h('td', null, g.name), h('td', { class: 'num' }, String(g.households)),
      h('td', null, t('band_' + g.band)), h('td', null, g.contiguous ? '' : t('not_contiguous')),
      h('td', { class: 'num' }, g.polsby_popper.toFixed(2)),
      h('td', { class: 'colours' }, colourWords(g, c => vocabulary.label('risk_colors', c))),
      h('td', null, g.locked ? t('rd_locked') : '')));
    const findings = d.findings.filter(f => f.kind !== 'HOUSEHOLD_BAND').slice(0, 8).map(f =>
      h('li', null, `${t('finding_' + f.kind)}${f.grid_key ? ' · ' + f.grid_key : ''}${f.building_id ? ' · '
        + f.building_id : ''}`));
    const button = (id, label, action, disabled) => h('button', { type: 'button', id, disabled: !!disabled,
      on: { click: action } }, label);
    const one = selected.size === 1;
    replace(el,
      h('h2', null, `${t('rd_title')} · ${d.name}`),
      h('p', { id: 'redistrict-summary' }, t('rd_summary').replace('{grids}', s.grids).replace('{in}', s.in_band)
        .replace('{out}', s.out_of_band).replace('{hh}', s.households).replace('{v}', d.version)
        + (s.unassigned_buildings ? ' · ' + t('rd_unassigned').replace('{n}', s.unassigned_buildings) : '')),
      d.status !== 'OPEN' ? h('p', { id: 'rd-closed' }, t('rd_status_' + d.status), ' ',
        h('button', { type: 'button', id: 'rd-close', on: { click: () => chooser() } }, t('rd_close'))) : null,
      d.status !== 'OPEN' ? null : h('div', { class: 'actions tools' },
        h('label', { class: 'multi' }, h('input', { type: 'checkbox', id: 'rd-multi', checked: multi,
          on: { change: e => { multi = e.target.checked; } } }), ' ', t('rd_multi')),
        button('rd-split', t('rd_split'), () => draw('split'), !one),
        button('rd-lasso', t('rd_lasso'), () => draw('lasso')),
        button('rd-merge', t('rd_merge'), () => edit('merge', { grids: [...selected] }), selected.size < 2),
        button('rd-lock', t('rd_lock'), () => lock(), !one),
        button('rd-undo', t('rd_undo'), () => edit('undo'), !d.undoable),
        button('rd-redo', t('rd_redo'), () => edit('redo'), !d.redoable),
        button('rd-propose', t('rd_propose'), () => edit('proposal', { mode: 'SCRATCH' })),
        button('rd-rebalance', t('rd_rebalance'), () => edit('proposal', { mode: 'REBALANCE' })),
        button('rd-publish', t('rd_publish'), () => confirmPublish()),
        button('rd-close', t('rd_close'), () => chooser())),
      h('p', { id: 'rd-hint', role: 'status' }, drawing ? t(drawing === 'split' ? 'rd_hint_split' : 'rd_hint_lasso')
        : t('rd_hint_select')),
      h('p', { class: 'error', id: 'rd-error', role: 'alert' }),
      d.proposal ? h('p', { id: 'rd-proposal' }, t('rd_proposed').replace('{s}', d.proposal.seconds)
        .replace('{n}', d.proposal.households_changing_grid)
        .replace('{p}', (100 * d.proposal.share_changing_grid).toFixed(1))
        + (d.proposal.exceptions.length ? ' · ' + t('rd_exceptions').replace('{n}', d.proposal.exceptions.length) : ''))
        : null,
      d.published ? h('p', { id: 'rd-published', class: 'ok' }, t('rd_done').replace('{grids}', d.published.grids)
        .replace('{tickets}', d.published.tickets_moved).replace('{stewards}', d.published.stewards_moved), ' ',
        h('a', { id: 'rd-register', href: `/register.html?area=${encodeURIComponent(d.area_code)}` },
          t('register_print'))) : null,
      h('div', { class: 'table-scroll' }, h('table', { id: 'rd-grids' },
        h('thead', null, h('tr', null, [t('rd_key'), t('rd_name'), t('hh_unit'), t('rd_band'), t('rd_contiguity'),
          t('rd_compactness'), t('rd_colours'), ''].map(x => h('th', null, x)))), h('tbody', null, rows))),
      findings.length ? [h('h3', null, t('rd_checks')), h('ul', { id: 'rd-findings' }, findings)]
        : h('p', { id: 'rd-findings-none' }, t('rd_clean')));
  }

  async function drawGrids() {
    const r = await fetch(`/api/redistricting/drafts/${draft.id}/grids`, { headers: { Accept: 'application/geo+json',
      ...api.bearer() } });
    if (!r.ok) throw api.problemOf(r.status, await r.json().catch(() => ({})));
    const geo = await r.json();
    if (layer) layer.remove();
    layer = L.geoJSON(geo, {
      pmIgnore: true,
      style: f => ({ color: selected.has(f.properties.key) ? '#111' : '#333', weight: selected.has(f.properties.key) ? 3 : 1,
        fillColor: BAND_COLOURS[f.properties.band], fillOpacity: 0.35 }),
      onEachFeature: (f, l) => {
        l.bindTooltip(`${f.properties.key} · ${f.properties.households} ${t('hh_unit')}`, { sticky: true });
        l.on('click', e => {
          if (drawing) return;
          L.DomEvent.stopPropagation(e); // not the grid tiles' panel below
          select(f.properties.key, multi || e.originalEvent.ctrlKey || e.originalEvent.shiftKey);
        });
      },
    }).addTo(map);
    if (!selected.size && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  }

  function select(key, additive) {
    if (drawing) return; // a click while drawing places a point of the line
    selected = nextSelection(selected, key, additive);
    show(draft, etag);
  }

  /** A line over the map while drawing (on a phone the panel is folded away): what to do, and a way out. */
  function mapHint(text) {
    document.getElementById('map-hint')?.remove();
    if (!text) return;
    const el = h('div', { id: 'map-hint', role: 'status' }, h('span', null, text), ' ',
      h('button', { type: 'button', class: 'link', on: { click: cancelDraw } }, t('cancel')));
    L.DomEvent.disableClickPropagation(el); // a tap on the hint is not a point of the line
    map.getContainer().append(el);
  }

  function cancelDraw() {
    drawing = null;
    map.doubleClickZoom.enable();
    if (map.pm) map.pm.disableDraw();
    mapHint(null);
    sheet.expand(true);
    show(draft, etag);
  }

  function draw(kind) {
    drawing = kind;
    map.doubleClickZoom.disable(); // the double click that ends a line is not a zoom
    if (map.pm.setLang) map.pm.setLang(i18n.currentLang() === 'en' ? 'en' : 'zh'); // Geoman's own drawing tips
    sheet.expand(false); // on a phone the sheet folds so the map can be drawn on
    mapHint(t(kind === 'split' ? 'rd_hint_split' : 'rd_hint_lasso'));
    map.pm.enableDraw(kind === 'split' ? 'Line' : 'Polygon', { snappable: false, continueDrawing: false,
      finishOn: 'dblclick' });
    show(draft, etag);
  }

  async function drawn(e) {
    const geometry = e.layer.toGeoJSON().geometry;
    e.layer.remove();
    const kind = drawing;
    drawing = null;
    setTimeout(() => map.doubleClickZoom.enable(), 400);
    mapHint(null);
    sheet.expand(true);
    if (kind === 'split') {
      await edit('split', { grid: [...selected][0], line: geometry });
    } else if (kind === 'lasso') {
      await edit('moves', { polygon: geometry, ...(selected.size === 1 ? { to_grid: [...selected][0] } : {}) });
    }
  }

  async function lock() {
    const key = [...selected][0];
    const g = draft.grids.find(x => x.key === key);
    await edit('lock', { grid: key, locked: !(g && g.locked) });
  }

  /** One edit of the draft, made on the version shown; the answer is the draft after it. */
  async function edit(action, body) {
    const error = document.getElementById('rd-error');
    try {
      const r = await api.versioned('POST', path(draft.id, action), body ?? {}, etag);
      await show(r.body, r.etag);
      if (action === 'publish' && onPublished) await onPublished(r.body);
    } catch (err) {
      if (error) error.textContent = i18n.problem(err);
      if (err.status === 412 && error) {
        error.append(' ', h('button', { type: 'button', class: 'link', on: { click: () => open(draft.id) } },
          t('rd_reload')));
      }
    }
  }

  /** Before publishing: what changes (the diff against the current grids), said once more, and a second click. */
  async function confirmPublish() {
    let what = t('rd_confirm').replace('{grids}', draft.summary.grids).replace('{hh}', draft.summary.households);
    try {
      const d = await api.get(`/api/redistricting/drafts/${draft.id}/diff`);
      what += ' ' + t('rd_diff').replace('{b}', d.buildings).replace('{hh}', d.households)
        .replace('{s}', d.stewards).replace('{t}', d.open_tickets).replace('{x}', d.active_transfers);
    } catch (err) { /* the totals are said without the diff */ }
    const box = h('p', { id: 'rd-confirm', role: 'alert' }, what, ' ',
      h('button', { type: 'button', id: 'rd-publish-confirm', on: { click: () => edit('publish', {}) } },
        t('rd_publish_now')), ' ',
      h('button', { type: 'button', on: { click: () => show(draft, etag) } }, t('cancel')));
    document.getElementById('rd-hint').replaceWith(box);
    document.getElementById('rd-publish-confirm').focus();
  }

  return { start, stop, isDrawing: () => !!drawing };
}
