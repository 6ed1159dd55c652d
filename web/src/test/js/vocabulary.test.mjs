// The vocabulary module: words in order, labels in both languages, colours only when they are colours, groups and
// the escalation ladder — all from the fixture that equals GET /api/vocabulary (checked by VocabularyTest).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

globalThis.localStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
const vocabulary = await import('../../main/resources/public/js/vocabulary.js');
const RAW = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

test('colours come most urgent first, with their names and map colours', () => {
  vocabulary.use(vocabulary.index(RAW));
  assert.deepEqual(vocabulary.codes('risk_colors'), ['RED', 'ORANGE', 'YELLOW', 'GREEN']);
  assert.equal(vocabulary.label('risk_colors', 'RED', 'zh'), '红色');
  assert.equal(vocabulary.label('risk_colors', 'RED', 'en'), 'Red');
  assert.match(vocabulary.hex('risk_colors', 'GREEN'), /^#[0-9a-f]{6}$/);
});

test('the open group and the ladder are the server\'s', () => {
  vocabulary.use(vocabulary.index(RAW));
  const open = vocabulary.where('ticket_statuses', 'open');
  assert.ok(open.includes('PENDING') && open.includes('REOPENED') && !open.includes('CLOSED'), open.join());
  assert.equal(vocabulary.next('COMMUNITY'), 'STREET');
  assert.equal(vocabulary.next('DEPARTMENT'), null, 'the top has no next level');
  assert.equal(vocabulary.band().urban_min_households, 300);
});

test('an unknown word is shown as its code and never gives a colour', () => {
  vocabulary.use(vocabulary.index({ risk_colors: [{ code: 'RED', rank: 1, zh: '红色', en: 'Red',
    hex: 'red;background:url(//evil)' }] }));
  assert.equal(vocabulary.label('risk_colors', '<b>x</b>', 'zh'), '<b>x</b>', 'as text, for the DOM helper');
  assert.equal(vocabulary.hex('risk_colors', 'RED'), vocabulary.UNKNOWN_HEX, 'a value that is not #rrggbb is not used');
  assert.equal(vocabulary.hex('risk_colors', 'NOPE', '#000000'), '#000000');
});

test('no colour yet (before a 四色 run) is grey and named 未计算, never one of the four', () => {
  vocabulary.use(vocabulary.index(RAW));
  const four = vocabulary.codes('risk_colors').map(c => vocabulary.hex('risk_colors', c));
  assert.ok(!four.includes(vocabulary.hex('risk_colors', undefined)), 'grey is none of the four');
  assert.equal(vocabulary.hex('risk_colors', null), vocabulary.UNKNOWN_HEX);
  assert.equal(vocabulary.label('risk_colors', undefined, 'zh'), '未计算');
});

test('using it before it is loaded fails loudly', () => {
  vocabulary.use(null);
  assert.throws(() => vocabulary.codes('risk_colors'), /not loaded/);
});
