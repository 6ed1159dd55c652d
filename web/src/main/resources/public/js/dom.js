// Building the page from DOM nodes, never from HTML strings. Server text (ticket descriptions and addresses, grid,
// street and steward names, finding details, error messages…) can hold markup filed by anyone; parsed as HTML it would
// run in every staff browser. So the modules never assign markup to an element (no HTML-parsing property or method): every string given
// to h(), append() or replace() becomes a text node, and attributes pass safeAttribute() — no on* handlers as strings,
// no style strings (the Content-Security-Policy forbids inline styles anyway), links only to http(s) or relative URLs.
//
//   h('li', { class: 'overdue', dataset: { id: 7 }, on: { click: open } }, h('b', null, number), ' ', description)
//   replace(el, h('p', { class: 'error' }, err.message))
//
// Leaflet takes these elements too: popup.setContent(node), layer.bindPopup(node or () => node), L.divIcon({ html: node }).

/** Attributes whose value is a URL: only http(s) or relative ones are set. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background',
  'ping', 'data', 'codebase', 'manifest']);
/** Attributes never set: inline style (CSP), HTML in an attribute, URL lists. */
const REFUSED_ATTRIBUTES = new Set(['style', 'srcdoc', 'srcset', 'imagesrcset']);
/** Elements h() does not make: script and style would be blocked by the CSP, the others load foreign content. */
const REFUSED_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta',
  'link']);
const NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

/** True for an http(s) URL, a tel: number or a relative URL (resolved as the browser would: tabs, newlines and leading
 *  blanks do not hide a scheme). javascript:, data:, vbscript:, blob: and any other scheme are false. */
export function safeUrl(value) {
  try {
    const protocol = new URL(String(value), 'https://relative.invalid/').protocol;
    return protocol === 'http:' || protocol === 'https:' || (protocol === 'tel:' && /^tel:\+?[0-9]{3,20}$/.test(value));
  } catch (e) {
    return false;
  }
}

/**
 * The attribute policy, pure: [name, value] to set, or null to leave the attribute out. Refused: names that are not
 * plain attribute names, every name starting with "on" (event handlers are functions, see h()), style/srcdoc/srcset,
 * URL attributes with an unsafe URL, and values that are not strings, numbers or booleans. true sets an empty value
 * (required, disabled…); false, null and undefined leave the attribute out.
 */
export function safeAttribute(name, value) {
  if (typeof name !== 'string' || !NAME.test(name)) return null;
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || REFUSED_ATTRIBUTES.has(lower)) return null;
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return [name, ''];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  if (URL_ATTRIBUTES.has(lower) && !safeUrl(value)) return null;
  return [name, String(value)];
}

function isNode(x) {
  return x !== null && typeof x === 'object' && typeof x.nodeType === 'number';
}

function isAttributes(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !isNode(x);
}

/** Appends children: strings and numbers as text nodes, nodes as they are, arrays flattened; null, undefined, true and
 *  false are skipped. */
export function append(parent, ...children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) append(parent, ...c);
    else if (isNode(c)) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
  return parent;
}

/**
 * An element. attrs (optional; may be left out when the first child is not a plain object):
 *   class: 'a b' or ['a', cond && 'b'];  id;  hidden: boolean;  dataset: { code: '…' } (null/false entries skipped);
 *   on: { click: fn, keydown: fn } or onclick: fn (functions only — handler strings are refused);
 *   style: an object of CSSOM properties ({ background: '#2b8cbe' }), for constants, never a string;
 *   anything else through safeAttribute().
 */
export function h(tag, attrs, ...children) {
  if (REFUSED_TAGS.has(String(tag).toLowerCase())) throw new Error('dom.h: refusing <' + tag + '>');
  const el = document.createElement(tag);
  if (!isAttributes(attrs)) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class' || key === 'className') {
      const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      if (cls) el.className = String(cls);
    } else if (key === 'id') {
      if (value !== null && value !== undefined) el.id = String(value);
    } else if (key === 'hidden') {
      el.hidden = !!value;
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value || {})) {
        if (v !== null && v !== undefined && v !== false) el.dataset[k] = String(v);
      }
    } else if (key === 'on') {
      for (const [type, fn] of Object.entries(value || {})) {
        if (typeof fn === 'function') el.addEventListener(type, fn);
      }
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'style') {
      if (isAttributes(value)) {
        for (const [prop, v] of Object.entries(value)) {
          if (v !== null && v !== undefined) el.style[prop] = String(v);
        }
      }
    } else {
      const a = safeAttribute(key, value);
      if (a) el.setAttribute(a[0], a[1]);
    }
  }
  return append(el, ...children);
}

/** Removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces el's children with the given ones (see append()). */
export function replace(el, ...children) {
  return append(clear(el), ...children);
}
