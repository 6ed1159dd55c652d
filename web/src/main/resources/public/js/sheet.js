// The panel as a bottom sheet on a phone (app.css, max-width 760 px or a low landscape screen): whether it is one,
// opening and closing it, and the padding that keeps what the map is fitted to out from under it.
import * as i18n from './i18n.js';

const panel = () => document.getElementById('panel');

/** True when the panel floats over the map (the phone layout) rather than standing beside it. */
export function isSheet() {
  const p = panel();
  return !!p && getComputedStyle(p).position === 'fixed';
}

/** Opens (true) or folds (false) the sheet; nothing on a desk layout. */
export function expand(open) {
  const p = panel();
  const toggle = document.getElementById('sheet-toggle');
  if (!isSheet() || !toggle) return;
  p.classList.toggle('expanded', open);
  toggle.setAttribute('aria-expanded', String(open));
  toggle.dataset.i18n = open ? 'sheet_less' : 'sheet_more'; // i18n.apply() words it again on a language switch
  toggle.textContent = i18n.t(toggle.dataset.i18n);
}

/** Leaflet fitBounds options for the part of the map the sheet leaves visible (bottom on a phone, right in landscape). */
export function fitPadding(map) {
  if (!isSheet()) return {};
  const box = panel().getBoundingClientRect();
  const size = map.getSize();
  return box.width < size.x * 0.8 ? { paddingBottomRight: [Math.round(box.width), 0] }
    : { paddingBottomRight: [0, Math.round(Math.min(box.height, size.y * 0.6))] };
}
