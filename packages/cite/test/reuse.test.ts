/**
 * The extractor reuses scratch objects and shares the strings of small numbers between
 * citations (for speed). These tests check that none of that shows in the results.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { extractCitations, parseFootnote } from '../src/index.ts';

const NOTES = [
  '¹ RGASPI, f. 17, op. 3, d. 1003, ll. 82–83ob; d. 1004, l. 5.',
  '² Ibid., l. 7.',
  '³ GARF, f. 9401, op. 1, d. 4157,11. 201-5.',
  '⁴ РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 11 об.–12.',
  '⁵ RGANI, f. 89, op. 73, d. 14, ll. 4 ff.',
  '⁶ TsA FSB, f. 3, op. 4, d. 017, l. 0012; d. 70000, l. 123456.',
].join('\n');

test('values keep their leading zeros and large numbers are read whole', () => {
  const r = extractCitations(NOTES);
  const last = r[r.length - 1]!;
  const before = r[r.length - 2]!;
  assert.equal(before.reference.delo, '017');
  assert.equal(before.reference.sheets[0]?.from, '0012');
  assert.equal(last.reference.delo, '70000');
  assert.equal(last.reference.sheets[0]?.from, '123456');
  assert.equal(before.reference.key, 'TsA FSB:3/4/017');
  assert.equal(last.reference.key, 'TsA FSB:3/4/70000');
});

test('sheet objects have exactly the fields their form calls for', () => {
  const r = extractCitations(NOTES);
  const shapes = r.flatMap((c) => c.reference.sheets.map((s) => Object.keys(s).join(',')));
  assert.ok(shapes.includes('from,verso'));
  assert.ok(shapes.includes('from,verso,to,toVerso'));
  assert.ok(shapes.includes('from,verso,following'));
  for (const c of r) for (const s of c.reference.sheets) assert.equal('to' in s, 'toVerso' in s);
});

test('results do not share mutable parts, and a second run gives the same results', () => {
  const a = extractCitations(NOTES);
  const b = extractCitations(NOTES);
  assert.deepEqual(a, b);
  // Changing one result changes nothing else.
  a[0]!.reference.sheets.push({ from: '999', verso: false });
  a[0]!.inherited.push('fond');
  a[0]!.diagnostics.push({ code: 'x', severity: 'warning', message: 'x', start: 0, end: 0 });
  for (let i = 1; i < a.length; i++) assert.deepEqual(a[i], b[i]);
  assert.deepEqual(extractCitations(NOTES), b);
});

test('extraction of notes in any order matches extraction of each note alone', () => {
  const lines = NOTES.split('\n').filter((l) => !l.startsWith('²'));
  fc.assert(
    fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (picked) => {
      const text = picked.join('\n');
      const together = extractCitations(text).map((c) => [c.raw, c.reference.key, c.reference.sheets]);
      const alone = picked.flatMap((l) =>
        parseFootnote(l).map((c) => [c.raw, c.reference.key, c.reference.sheets]),
      );
      assert.deepEqual(together, alone);
    }),
    { numRuns: 50 },
  );
});
