// A minimal stand-in for the browser's DOM, enough for dom.js and the page's modules under node's test runner (no
// npm packages). Anything that would parse HTML — innerHTML, outerHTML, insertAdjacentHTML — throws, so a test fails if
// a module still builds HTML from strings. Every element ever created is recorded in document.created.

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;

class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    this.parentNode = null;
    this.childNodes = [];
  }

  get firstChild() { return this.childNodes[0] || null; }

  appendChild(child) {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }

  removeChild(child) {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('not a child');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }

  hasChildNodes() { return this.childNodes.length > 0; }

  get textContent() { return this.childNodes.map(c => c.textContent).join(''); }

  set textContent(v) {
    while (this.childNodes.length) this.removeChild(this.childNodes[0]);
    if (v !== '') this.appendChild(new FakeText(String(v)));
  }
}

class FakeText extends FakeNode {
  constructor(data) {
    super(3);
    this.data = data;
  }

  get textContent() { return this.data; }
}

function dataAttribute(key) {
  return 'data-' + key.replace(/[A-Z]/g, c => '-' + c.toLowerCase());
}

export class FakeElement extends FakeNode {
  constructor(doc, tag) {
    super(1);
    this.ownerDocument = doc;
    this.tagName = String(tag).toUpperCase();
    this.attributes = new Map();
    this.listeners = {};
    this.style = {};
    this.value = '';
    this.options = [];
    const el = this;
    this.dataset = new Proxy({}, {
      set(target, key, value) {
        target[key] = String(value);
        el.attributes.set(dataAttribute(key), String(value));
        return true;
      },
    });
  }

  setAttribute(name, value) {
    if (!NAME.test(name)) throw new Error('InvalidCharacterError: ' + name);
    this.attributes.set(name.toLowerCase(), String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) { return this.attributes.has(name); }

  get id() { return this.getAttribute('id') || ''; }
  set id(v) { this.setAttribute('id', v); }
  get className() { return this.getAttribute('class') || ''; }
  set className(v) { this.setAttribute('class', v); }
  get hidden() { return this.attributes.has('hidden'); }
  set hidden(v) { if (v) this.setAttribute('hidden', ''); else this.attributes.delete('hidden'); }

  set innerHTML(v) { throw new Error('innerHTML set on <' + this.tagName.toLowerCase() + '>: ' + v); }
  get innerHTML() { throw new Error('innerHTML read'); }
  set outerHTML(v) { throw new Error('outerHTML set: ' + v); }
  insertAdjacentHTML() { throw new Error('insertAdjacentHTML used'); }

  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  dispatch(type, event = {}) { for (const fn of this.listeners[type] || []) fn({ type, target: this, ...event }); }
  click() { this.dispatch('click'); }
  reset() {}

  add(option) { this.options.push(option); this.appendChild(option); }

  after(...nodes) {
    const parent = this.parentNode;
    if (!parent) return;
    let i = parent.childNodes.indexOf(this) + 1;
    for (const n of nodes) {
      if (n.parentNode) n.parentNode.removeChild(n);
      n.parentNode = parent;
      parent.childNodes.splice(i++, 0, n);
    }
  }

  replaceWith(node) {
    const parent = this.parentNode;
    const i = parent.childNodes.indexOf(this);
    if (node.parentNode) node.parentNode.removeChild(node);
    parent.childNodes[i] = node;
    node.parentNode = parent;
    this.parentNode = null;
  }

  /** Every element below this one, depth first. */
  * descendants() {
    for (const c of this.childNodes) {
      if (c.nodeType === 1) {
        yield c;
        yield* c.descendants();
      }
    }
  }
}

export function fakeDocument() {
  const doc = {
    created: [],
    createElement(tag) {
      const el = new FakeElement(doc, tag);
      doc.created.push(el);
      return el;
    },
    createTextNode(data) { return new FakeText(String(data)); },
    getElementById(id) {
      for (const el of doc.body.descendants()) if (el.id === id) return el;
      return null;
    },
  };
  doc.body = new FakeElement(doc, 'body');
  doc.documentElement = new FakeElement(doc, 'html');
  return doc;
}

/** Adds elements with these ids to the document's body. */
export function withIds(doc, ...ids) {
  for (const id of ids) {
    const el = new FakeElement(doc, 'div');
    el.id = id;
    doc.body.appendChild(el);
  }
}

/** The tag names of every element created, lower case. */
export function tags(doc) {
  return doc.created.map(el => el.tagName.toLowerCase());
}
