import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractCitations, resolveFootnotes } from '../src/index.ts';

test('Ibid. with new sheets inherits the file; bare Ibid. inherits the sheets too', () => {
  const r = resolveFootnotes(['RGASPI, f. 17, op. 2, d. 615, l. 68.', 'Ibid., ll. 79–79ob.', 'Ibid.']);
  assert.deepEqual(
    r.map((c) => [
      c.kind,
      c.note,
      c.inheritsFrom,
      c.reference.key,
      c.reference.sheets.map((s) => s.from).join(),
    ]),
    [
      ['full', 0, null, 'RGASPI:17/2/615', '68'],
      ['ibid', 1, 0, 'RGASPI:17/2/615', '79'],
      ['ibid', 2, 1, 'RGASPI:17/2/615', '79'],
    ],
  );
  assert.deepEqual(r[1]!.inherited, ['archive', 'fond', 'opis', 'delo']);
  assert.deepEqual(r[2]!.inherited, ['archive', 'fond', 'opis', 'delo', 'sheets']);
  assert.deepEqual([r[1]!.start, r[1]!.end], [0, 18], 'offsets are relative to each note');
});

test('Там же with a new delo and sheet', () => {
  const r = resolveFootnotes([
    'РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82.',
    'Там же. Д. 83. Л. 5.',
    'Там же. Л. 45 об.',
  ]);
  assert.deepEqual(
    r.map((c) => [c.kind, c.reference.key, c.reference.sheets[0]?.from, c.reference.sheets[0]?.verso]),
    [
      ['full', 'RGASPI:17/3/1003', '82', false],
      ['ibid', 'RGASPI:17/3/83', '5', false],
      ['ibid', 'RGASPI:17/3/83', '45', true],
    ],
  );
});

test('a note that starts with a partial reference continues the note before', () => {
  const r = resolveFootnotes(['GARF, f. 9474, op. 1, d. 76, l. 118.', 'd. 83, l. 5.', 'op. 120, d. 183.']);
  assert.deepEqual(
    r.map((c) => [c.kind, c.reference.key, c.inheritsFrom]),
    [
      ['full', 'GARF:9474/1/76', null],
      ['continuation', 'GARF:9474/1/83', 0],
      ['continuation', 'GARF:9474/120/183', 1],
    ],
  );
  assert.equal(r[2]!.reference.sheets.length, 0, 'sheets are never inherited by a continuation');
});

test('Ibid. after a published source has no archival target', () => {
  const r = resolveFootnotes(['Chuev, *Sto sorok besed*, 463.', 'Ibid., 393.']);
  assert.equal(r.length, 1);
  const d = r[0]!.diagnostics.find((x) => x.code === 'missing-target')!;
  assert.deepEqual([d.start, d.end], [0, 5]);
  assert.equal(r[0]!.reference.archive, null);
});

test('a continuation with nothing before it: missing archive and fond', () => {
  const r = resolveFootnotes(['d. 83, l. 5']);
  assert.equal(r.length, 1);
  const c = r[0]!;
  assert.equal(c.kind, 'full');
  assert.deepEqual(
    c.diagnostics.map((d) => [d.code, d.start]),
    [
      ['missing-archive', 0],
      ['missing-fond', 0],
      ['missing-opis', 0],
    ],
  );
});

test('extract: offsets, lines, continuation and Ibid. across notes', () => {
  const text = [
    'Main text with a marker.¹',
    '',
    '¹ RGASPI, f. 17, op. 3, d. 943, l. 10; op. 3, d. 954, l. 38. For the list, see ll. 63–64.',
    '',
    'More text, unrelated: d. 1937 and l. 5 are not citations here.',
    '',
    '² Ibid., ll. 79–79ob.',
    '³ Ibid., 18.',
    '⁴ A book (Moscow, 1996), 12.',
    '⁵ Ibid., 13.',
  ].join('\n');
  const r = extractCitations(text);
  assert.deepEqual(
    r.map((c) => [c.raw, c.line, c.kind, c.inheritsFrom, c.reference.key]),
    [
      ['RGASPI, f. 17, op. 3, d. 943, l. 10', 3, 'full', null, 'RGASPI:17/3/943'],
      ['op. 3, d. 954, l. 38', 3, 'continuation', 0, 'RGASPI:17/3/954'],
      ['ll. 63–64', 3, 'continuation', 1, 'RGASPI:17/3/954'],
      ['Ibid., ll. 79–79ob', 7, 'ibid', 2, 'RGASPI:17/3/954'],
      ['Ibid., 18', 8, 'ibid', 3, 'RGASPI:17/3/954'],
    ],
  );
  for (const c of r) assert.equal(text.slice(c.start, c.end), c.raw);
  assert.deepEqual(r[4]!.reference.sheets, [{ from: '18', verso: false }]);
});

test('extract: an orphan fond chain is kept with a missing-archive warning; lone labels are not', () => {
  const r = extractCitations(
    'As noted, f. 17, op. 3, d. 5 matters.\nBut l. 5 and d. 7 alone do not, nor f. 12 alone.',
  );
  assert.equal(r.length, 1);
  assert.equal(r[0]!.raw, 'f. 17, op. 3, d. 5');
  assert.equal(r[0]!.diagnostics[0]!.code, 'missing-archive');
});

test('extract: archive named with a gloss or in parentheses', () => {
  const r = extractCitations(
    'RGALI (Russian State Archive of Literature and Art), f. 1518, op. 4, d. 22, ll. 27, 28; and in (GARF), f. 5446, op. 22a, d. 339.',
  );
  assert.deepEqual(
    r.map((c) => [c.reference.key, c.reference.archiveAsWritten]),
    [
      ['RGALI:1518/4/22', 'RGALI'],
      ['GARF:5446/22a/339', 'GARF'],
    ],
  );
});

test('extract: progress callback is called and ends at the total', () => {
  const calls: [number, number][] = [];
  extractCitations('a\nb\nRGASPI, f. 1, op. 2, d. 3', { onProgress: (d, t) => calls.push([d, t]) });
  assert.deepEqual(calls.at(-1), [29, 29]);
});
