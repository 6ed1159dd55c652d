// Coverage findings worded in the page's language from their facts (the server's detail is English, for the API).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

globalThis.localStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
const vocabulary = await import('../../main/resources/public/js/vocabulary.js');
const { findingDetail } = await import('../../main/resources/public/js/findings.js');
vocabulary.use(vocabulary.index(JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'))));

test('a grid outside the band says which way, against its own band', () => {
  const f = { kind: 'HOUSEHOLD_BAND', households: 196, detail: '696 households, outside 300–500 (too many)' };
  assert.equal(findingDetail(f, 696, false), '696 户，超出标准 300–500 户');
  assert.equal(findingDetail({ ...f, households: 80 }, 220, false), '220 户，少于标准 300–500 户');
  const b = vocabulary.band();
  const rural = `${b.rural_min_households}–${b.rural_max_households}`;
  assert.ok(findingDetail({ ...f, households: 5 }, b.rural_min_households - 5, true).includes(rural));
});

test('areas and lengths are rounded, buildings named, nothing English left', () => {
  assert.equal(findingDetail({ kind: 'GAP', area_m2: 1234.56 }), '面积 1,235 平方米');
  assert.equal(findingDetail({ kind: 'INVALID_EDGE', length_m: 3.14159 }), '长度 3.1 米');
  assert.equal(findingDetail({ kind: 'BUILDING_SPLIT', building_id: 'B1', households: 12 }), '楼栋 B1 · 12 户');
  assert.equal(findingDetail({ kind: 'NO_GRID_CHIEF', detail: 'no 网格长 (grid chief) is assigned' }), '',
    'a finding whose name says it all has no detail (the caller keeps the kind\'s words)');
});

test('a shelter that takes nobody says why, in the page\'s language', async () => {
  const { notTaking } = await import('../../main/resources/public/js/shelters.js');
  assert.equal(notTaking({ takes_households: true }), '');
  assert.equal(notTaking({ takes_households: false, flood_depth_m: 0.84, status: 'OPEN' }), '位于淹没区，水深（0.8 m）');
  const closed = notTaking({ takes_households: false, status: 'CLOSED', status_reason: '停电' });
  assert.ok(closed.endsWith('：停电') && !closed.startsWith('CLOSED'), closed);
});
