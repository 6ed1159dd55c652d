// The domain words — ticket statuses and their open group, levels and the escalation ladder, the 四色 colours,
// warning levels, vulnerable kinds and the household band — as the server defines them once (its reference tables,
// GET /api/vocabulary). The page holds no copy: every label, colour and group below comes from there.

import { h } from './dom.js';
import { currentLang, t } from './i18n.js';

/** The colour of what is not known yet (no 四色 run): grey, never one of the four. */
export const UNKNOWN_HEX = '#9e9e9e';

let words = null;

/** Indexes the vocabulary as GET /api/vocabulary gives it (pure; exported for the tests). */
export function index(raw) {
  const out = {};
  for (const [name, value] of Object.entries(raw || {})) {
    if (!Array.isArray(value)) { out[name] = value; continue; }
    const rows = [...value].sort((a, b) => a.rank - b.rank);
    out[name] = { rows, byCode: Object.fromEntries(rows.map(r => [r.code, r])) };
  }
  return out;
}

/** Loads the vocabulary once (before the map draws anything). */
export async function load(fetchJson = async url => (await fetch(url)).json()) {
  words = index(await fetchJson('/api/vocabulary'));
  return words;
}

/** Sets the vocabulary directly (tests). */
export function use(indexed) {
  words = indexed;
}

function vocab(name) {
  const v = words && words[name];
  if (!v || !v.rows) throw new Error('vocabulary not loaded: ' + name);
  return v;
}

/** The codes of a vocabulary in order (most urgent colour first; statuses and levels as they come). */
export function codes(name) {
  return vocab(name).rows.map(r => r.code);
}

/** A word's name in the language shown ('zh' or 'en'); 未计算 for no value (nothing computed yet); the code itself
 * when the word is unknown. */
export function label(name, code, lang = currentLang()) {
  if (code === null || code === undefined) return t('not_computed');
  const r = vocab(name).byCode[code];
  return r ? (lang === 'en' ? r.en : r.zh) : String(code);
}

/** A word's colour ('#rrggbb' from its reference table), or the fallback; anything else is never used as a colour. */
export function hex(name, code, fallback = UNKNOWN_HEX) {
  const r = vocab(name).byCode[code];
  return r && /^#[0-9a-f]{6}$/i.test(r.hex) ? r.hex : fallback;
}

/** The codes whose attribute is true, e.g. where('ticket_statuses', 'open'). */
export function where(name, attribute) {
  return vocab(name).rows.filter(r => r[attribute] === true).map(r => r.code);
}

/** The level an overdue ticket climbs to from this one; null at the top. */
export function next(code) {
  const r = vocab('ticket_levels').byCode[code];
  return r ? r.next ?? null : null;
}

/** The small square of a 四色 colour before its name. */
export function swatch(code) {
  return h('span', { class: 'swatch', dataset: { color: code }, style: { background: hex('risk_colors', code) } });
}

/** The household band of grids: { urban_min_households, urban_max_households, rural_min…, rural_max… }. */
export function band() {
  return (words && words.household_band) || null;
}
