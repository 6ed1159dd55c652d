// The redistricting mode's pure parts: selection by click (alone, or added with Ctrl/Shift), a grid's words, and its
// 四色 counts in the page's language.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const store = () => ({ getItem: () => null, setItem: () => {}, removeItem: () => {} });
globalThis.sessionStorage = store();
globalThis.localStorage = store();
const { nextSelection, bandWords, colourWords, BAND_COLOURS } = await import('../../main/resources/public/js/redistrict.js');

test('a click selects one grid; Ctrl or Shift adds it, or takes it away again', () => {
  const one = nextSelection(new Set(), 3, false);
  assert.deepEqual([...one], [3]);
  assert.deepEqual([...nextSelection(one, 5, false)], [5], 'a plain click starts again');
  const two = nextSelection(one, 5, true);
  assert.deepEqual([...two].sort(), [3, 5]);
  assert.deepEqual([...nextSelection(two, 3, true)], [5]);
  assert.deepEqual([...one], [3], 'the old selection is left as it was');
});

test('a grid is worded by households, band and contiguity; bands have their own colours, not the 四色 palette', () => {
  assert.equal(bandWords({ households: 620, band: 'MANY', contiguous: false }), '620 户 · 户数偏多 · 不连续');
  assert.equal(bandWords({ households: 410, band: 'IN', contiguous: true }), '410 户 · 达标');
  assert.equal(new Set(Object.values(BAND_COLOURS)).size, 3);
});

test('the 四色 counts come most urgent first, and nothing without a scenario', () => {
  const label = c => ({ RED: '红', ORANGE: '橙', YELLOW: '黄', GREEN: '绿' })[c];
  const order = ['RED', 'ORANGE', 'YELLOW', 'GREEN']; // as GET /api/vocabulary gives them (the fixture's order)
  assert.equal(colourWords({ colours: { GREEN: 300, RED: 2, YELLOW: 0 } }, label, order), '红 2 · 绿 300');
  assert.equal(colourWords({}, label, order), '');
});
