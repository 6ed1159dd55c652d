import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, readEvents } from '../../main/resources/public/js/events.js';

test('an event block gives its name and JSON data; comments and broken data give nothing', () => {
  assert.deepEqual(parse('event: ticket\ndata: {"id":7,"grid_code":"1"}'), { name: 'ticket', data: { id: 7, grid_code: '1' } });
  assert.deepEqual(parse('event:plan\ndata:{"id":1}'), { name: 'plan', data: { id: 1 } });
  assert.equal(parse(':heartbeat'), null);
  assert.equal(parse('event: ticket\ndata: {not json'), null);
});

test('a stream split anywhere gives whole events in order', async () => {
  const chunks = ['event: ready\ndata: {"area":"2208', '02"}\n\n:heartbeat\n\nevent: tran', 'sfer\ndata: {"id":3}\n\n'];
  const body = new ReadableStream({ start(c) { chunks.forEach(x => c.enqueue(new TextEncoder().encode(x))); c.close(); } });
  const seen = [];
  await readEvents({ body }, (name, data) => seen.push([name, data]));
  assert.deepEqual(seen, [['ready', { area: '220802' }], ['transfer', { id: 3 }]]);
});
