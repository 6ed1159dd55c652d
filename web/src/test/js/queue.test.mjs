import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueue, newKey } from '../../main/resources/public/js/queue.js';

function memory() {
  const m = new Map();
  return { getItem: k => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
}

test('updates wait while offline and go out in order, once, when back', async () => {
  const store = memory();
  let online = false;
  const sent = [];
  const q = createQueue(store, async item => {
    if (!online) throw new TypeError('Failed to fetch');
    sent.push(item);
    return 'sent';
  });
  q.add({ transfer: 1, status: 'NOTIFIED' });
  q.add({ transfer: 2, status: 'MOVING' });
  assert.deepEqual(await q.flush(), []);
  assert.equal(q.pending().length, 2, 'nothing lost while offline');
  // a reload: a new queue on the same storage still has them
  const again = createQueue(store, async item => { sent.push(item); return 'sent'; });
  online = true;
  await again.flush();
  assert.deepEqual(sent.map(i => i.transfer), [1, 2]);
  assert.equal(again.pending().length, 0);
  assert.notEqual(sent[0].key, sent[1].key);
});

test('a refused update leaves the queue with its problem and does not block the rest', async () => {
  const store = memory();
  const q = createQueue(store, async item => (item.transfer === 1 ? 'not a next step' : 'sent'));
  q.add({ transfer: 1, status: 'RETURNED' });
  q.add({ transfer: 2, status: 'NOTIFIED' });
  const refused = await q.flush();
  assert.equal(refused.length, 1);
  assert.equal(refused[0].problem, 'not a next step');
  assert.equal(q.pending().length, 0);
});

test('keys fit the server rule and a broken store reads as empty', () => {
  assert.match(newKey(), /^[A-Za-z0-9_.:-]{8,100}$/);
  const store = memory();
  store.setItem('gridmap.queue', '{not json');
  assert.deepEqual(createQueue(store, async () => 'sent').pending(), []);
});

test('a flush with nothing to send does not stop later ones', async () => {
  const store = memory();
  const sent = [];
  const q = createQueue(store, async item => { sent.push(item); return 'sent'; });
  await q.flush();
  q.add({ transfer: 9, status: 'NOTIFIED' });
  await q.flush();
  assert.deepEqual(sent.map(i => i.transfer), [9]);
});
