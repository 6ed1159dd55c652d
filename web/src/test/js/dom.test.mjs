// dom.js: the attribute policy (pure) and h()/append()/replace() against a fake document.
// Run from the repository root: node --test web/src/test/js/
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { fakeDocument, tags } from './fakedom.mjs';

const { append, clear, h, replace, safeAttribute, safeUrl } =
  await import('../../main/resources/public/js/dom.js');

const XSS = '<img src=x onerror=alert(document.domain)>';

describe('safeAttribute', () => {
  test('refuses event handler attributes, whatever their case', () => {
    for (const name of ['onerror', 'onclick', 'ONLOAD', 'OnMouseOver', 'onfocus', 'on']) {
      assert.equal(safeAttribute(name, 'alert(1)'), null, name);
    }
  });

  test('refuses style, srcdoc and srcset', () => {
    assert.equal(safeAttribute('style', 'background:url(x)'), null);
    assert.equal(safeAttribute('STYLE', 'color:red'), null);
    assert.equal(safeAttribute('srcdoc', XSS), null);
    assert.equal(safeAttribute('srcset', 'x.png 1x'), null);
  });

  test('refuses names that are not attribute names', () => {
    for (const name of ['', ' onclick', 'a b', '"x', 'x"onerror', '<b', 'a=b', '1x', null, undefined, 42]) {
      assert.equal(safeAttribute(name, 'v'), null, String(name));
    }
  });

  test('refuses javascript:, data:, vbscript: and other schemes in URL attributes', () => {
    const bad = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\u0001javascript:alert(1)',
      'java\tscript:alert(1)', 'java\nscript:alert(1)', 'javascript&colon;alert(1)'.replace('&colon;', ':'),
      'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'blob:https://x/y', 'file:///etc/passwd',
      'mailto:a@b.c'];
    for (const url of bad) {
      assert.equal(safeAttribute('href', url), null, url);
      assert.equal(safeAttribute('src', url), null, url);
      assert.equal(safeAttribute('action', url), null, url);
      assert.equal(safeAttribute('formaction', url), null, url);
      assert.equal(safeUrl(url), false, url);
    }
  });

  test('allows a tel: link only with a plain number (the phone page dials a revealed number)', () => {
    assert.equal(safeUrl('tel:13800001111'), true);
    assert.equal(safeUrl('tel:+8613800001111'), true);
    for (const url of ['tel:1380000;javascript:alert(1)', 'tel:<b>', 'tel:', 'TEL:javascript:alert(1)']) {
      assert.equal(safeUrl(url), false, url);
    }
  });

  test('allows http(s) and relative URLs', () => {
    for (const url of ['https://example.org/a?b=c', 'http://example.org', 'HTTPS://EXAMPLE.ORG', '/print.html?grid=1&w=II',
      'print.html', '?grid=220802001001001', '#top', '../x', '//example.org/x', '']) {
      assert.deepEqual(safeAttribute('href', url), ['href', url], url);
    }
  });

  test('plain attributes keep their value as text; markup in a value is just text', () => {
    assert.deepEqual(safeAttribute('title', XSS), ['title', XSS]);
    assert.deepEqual(safeAttribute('data-code', '"><script>'), ['data-code', '"><script>']);
    assert.deepEqual(safeAttribute('maxlength', 300), ['maxlength', '300']);
    assert.deepEqual(safeAttribute('target', '_blank'), ['target', '_blank']);
  });

  test('true is an empty value; false, null, undefined, objects and functions leave the attribute out', () => {
    assert.deepEqual(safeAttribute('required', true), ['required', '']);
    for (const v of [false, null, undefined, {}, [], () => 1]) {
      assert.equal(safeAttribute('title', v), null, String(v));
    }
  });
});

describe('h', () => {
  let doc;
  beforeEach(() => {
    doc = fakeDocument();
    globalThis.document = doc;
  });

  test('string children are text nodes, never markup', () => {
    const li = h('li', null, XSS, '<script>window.__xss=1</script>');
    assert.equal(li.childNodes.length, 2);
    assert.ok(li.childNodes.every(c => c.nodeType === 3));
    assert.equal(li.textContent, XSS + '<script>window.__xss=1</script>');
    assert.deepEqual(tags(doc), ['li']);
  });

  test('numbers become text, null/undefined/booleans are skipped, arrays flattened, nodes appended', () => {
    const b = h('b', null, 'x');
    const el = h('td', null, 0, null, undefined, false, true, [1, [' ', b], [[2]]], NaN);
    assert.equal(el.textContent, '01 x2NaN');
    assert.equal(el.childNodes[3], b);
    assert.equal(b.parentNode, el);
  });

  test('attrs may be left out when the first child is a string, node or array', () => {
    assert.equal(h('p', 'text').textContent, 'text');
    assert.equal(h('p', ['a', 'b']).textContent, 'ab');
    assert.equal(h('p', h('b', null, 'x')).childNodes[0].tagName, 'B');
    assert.equal(h('p', 7).textContent, '7');
  });

  test('class, id, hidden, dataset', () => {
    const el = h('tr', { class: ['street-row', false && 'x', 'open'], id: 'row', hidden: true,
      dataset: { code: '220802', parent: undefined, skip: false } });
    assert.equal(el.className, 'street-row open');
    assert.equal(el.id, 'row');
    assert.equal(el.hidden, true);
    assert.equal(el.getAttribute('data-code'), '220802');
    assert.equal(el.hasAttribute('data-parent'), false);
    assert.equal(el.hasAttribute('data-skip'), false);
    assert.equal(h('p', { class: '' }).hasAttribute('class'), false);
    assert.equal(h('p', { hidden: false }).hidden, false);
  });

  test('event handlers only as functions; handler strings are refused', () => {
    let clicks = 0;
    const fn = () => { clicks++; };
    const el = h('button', { onclick: fn, on: { keydown: fn, focus: 'alert(1)' }, onerror: 'alert(1)',
      onmouseover: 'alert(1)' });
    assert.deepEqual(Object.keys(el.listeners).sort(), ['click', 'keydown']);
    assert.equal(el.hasAttribute('onerror'), false);
    assert.equal(el.hasAttribute('onmouseover'), false);
    assert.equal(el.hasAttribute('onclick'), false);
    el.click();
    el.dispatch('keydown');
    assert.equal(clicks, 2);
  });

  test('style: never a string; an object of CSSOM properties is applied', () => {
    const a = h('span', { style: 'background:url(javascript:alert(1))' });
    assert.equal(a.hasAttribute('style'), false);
    assert.deepEqual(a.style, {});
    const b = h('span', { style: { background: '#e6550d', color: null } });
    assert.equal(b.hasAttribute('style'), false);
    assert.deepEqual(b.style, { background: '#e6550d' });
  });

  test('href: only http(s) or relative', () => {
    assert.equal(h('a', { href: 'javascript:alert(1)' }).hasAttribute('href'), false);
    assert.equal(h('a', { href: ' JAVASCRIPT:alert(1)' }).hasAttribute('href'), false);
    assert.equal(h('a', { href: '/print.html?grid=1' }).getAttribute('href'), '/print.html?grid=1');
    assert.equal(h('a', { href: 'https://example.org/' }).getAttribute('href'), 'https://example.org/');
  });

  test('other attributes through the policy', () => {
    const el = h('textarea', { required: true, maxlength: 4000, rows: 3, srcdoc: XSS, 'bad name': 1, title: XSS });
    assert.equal(el.getAttribute('required'), '');
    assert.equal(el.getAttribute('maxlength'), '4000');
    assert.equal(el.getAttribute('rows'), '3');
    assert.equal(el.hasAttribute('srcdoc'), false);
    assert.equal(el.getAttribute('title'), XSS);
  });

  test('refuses script, style, iframe, object and embed elements', () => {
    for (const tag of ['script', 'SCRIPT', 'style', 'iframe', 'object', 'embed', 'base']) {
      assert.throws(() => h(tag), /refusing/, tag);
    }
    assert.deepEqual(tags(doc), []);
  });
});

describe('clear, replace, append', () => {
  test('replace empties the element, then appends', () => {
    globalThis.document = fakeDocument();
    const ul = h('ul', null, h('li', null, 'old'), 'text');
    assert.equal(replace(ul, h('li', null, XSS), null, [h('li', null, 'b')]), ul);
    assert.equal(ul.childNodes.length, 2);
    assert.equal(ul.childNodes[0].textContent, XSS);
    assert.equal(clear(ul), ul);
    assert.equal(ul.childNodes.length, 0);
    append(ul, 'a', 1);
    assert.equal(ul.textContent, 'a1');
  });
});
