import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type ArchivalReference,
  abbreviateRangeEnd,
  archiveLabel,
  archives,
  extractCitations,
  formatReference,
  parseCitation,
  parseFootnote,
  referenceKey,
  resolveFootnotes,
  type Sheet,
  type Style,
  toCslJson,
} from '../src/index.ts';

const ids = archives.filter((a) => a.scheme === 'fond').map((a) => a.id);

const num = fc.integer({ min: 1, max: 99999 }).map(String);
const withSuffix = fc.tuple(num, fc.constantFrom('', '', '', 'a', 'а', 'sch', 'b')).map(([n, s]) => n + s);
const fondArb = fc.tuple(fc.constantFrom('', '', '', 'Р-', 'R-', 'П-'), withSuffix).map(([p, v]) => p + v);
const deloArb = fc.oneof(
  { weight: 4, arbitrary: withSuffix },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 400 }))
      .map(([a, k]) => `${a}–${a + k}`),
  },
);
const sheetArb: fc.Arbitrary<Sheet> = fc
  .record({
    from: fc.integer({ min: 1, max: 1200 }),
    span: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    verso: fc.boolean(),
    toVerso: fc.boolean(),
    following: fc.boolean(),
  })
  .map(({ from, span, verso, toVerso, following }) => {
    const s: Sheet = { from: String(from), verso };
    if (span !== undefined && !(span === 0 && !verso && !toVerso)) {
      s.to = String(from + span);
      s.toVerso = span === 0 ? true : toVerso;
    } else if (following) s.following = true;
    return s;
  });

const refArb: fc.Arbitrary<ArchivalReference> = fc
  .record({
    archive: fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    fond: fondArb,
    opis: fc.option(withSuffix, { nil: null, freq: 5 }),
    delo: fc.option(deloArb, { nil: null, freq: 5 }),
    unit: fc.option(fc.constantFrom('por' as const, 'edkhr' as const), { nil: undefined, freq: 1 }),
    vypusk: fc.option(fc.integer({ min: 1, max: 20 }).map(String), { nil: undefined, freq: 1 }),
    tom: fc.option(
      fc.oneof(
        fc.integer({ min: 1, max: 20 }).map(String),
        fc.integer({ min: 1, max: 9 }).map((n) => `${n}, ${n + 1}`),
      ),
      { nil: undefined, freq: 1 },
    ),
    chast: fc.option(fc.integer({ min: 1, max: 9 }).map(String), { nil: undefined, freq: 1 }),
    sheets: fc.array(sheetArb, { maxLength: 4 }),
  })
  .map((r) => {
    const ref: ArchivalReference = {
      archive: r.archive,
      archiveAsWritten: r.archive,
      fond: r.fond,
      opis: r.opis,
      delo: r.delo,
      sheets: r.sheets,
      key: '',
    };
    if (r.unit && r.delo !== null) ref.unit = r.unit;
    if (r.vypusk !== undefined && r.opis !== null) ref.vypusk = r.vypusk;
    if (r.tom !== undefined && r.delo !== null) ref.tom = r.tom;
    if (r.chast !== undefined && r.delo !== null) ref.chast = r.chast;
    ref.key = referenceKey(ref);
    return ref;
  });

function expected(x: ArchivalReference, style: Style): ArchivalReference {
  const label = x.archive === null ? null : archiveLabel(x.archive, style === 'ru' ? 'ru' : 'en');
  return { ...x, archiveAsWritten: label };
}

for (const style of ['en', 'ru', 'compact'] as const) {
  test(`round trip: parse(format(x, '${style}')) equals x`, () => {
    fc.assert(
      fc.property(refArb, (x) => {
        const text = formatReference(x, style);
        const c = parseCitation(text);
        assert.deepStrictEqual(c.reference, expected(x, style), text);
        assert.deepEqual(
          c.diagnostics.filter((d) => d.severity !== 'warning' || !d.code.startsWith('missing-')),
          [],
          text,
        );
      }),
      { numRuns: 400 },
    );
  });
}

test('examples of each style', () => {
  const x = parseCitation('RTsKhIDNI, f. 17, op. 3, d. 1003, ll. 82–83ob, 201–5').reference;
  assert.equal(formatReference(x, 'en'), 'RGASPI, f. 17, op. 3, d. 1003, ll. 82–83ob, 201–5');
  assert.equal(formatReference(x, 'ru'), 'РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82–83 об., 201–205.');
  assert.equal(formatReference(x, 'compact'), 'RGASPI 17/3/1003, 82–83ob, 201–205');
  const partial = parseCitation('RGASPI, f. 17, op. 163, ll. 199, 218').reference;
  assert.equal(formatReference(partial, 'compact'), 'RGASPI, f. 17, op. 163, ll. 199, 218');
});

test('Chicago range abbreviation', () => {
  const cases: [string, string, string][] = [
    ['201', '205', '5'],
    ['168', '178', '78'],
    ['101', '108', '8'],
    ['321', '328', '28'],
    ['498', '532', '532'],
    ['1087', '1089', '89'],
    ['71', '78', '78'],
    ['100', '104', '104'],
    ['114', '114', '14'],
  ];
  for (const [f, t, want] of cases) assert.equal(abbreviateRangeEnd(f, t), want, `${f}–${t}`);
});

test('CSL-JSON export', () => {
  const c = parseCitation('RTsKhIDNI, f. 17, op. 3, d. 1003, l. 82');
  assert.deepEqual(toCslJson(c.reference), {
    id: 'RGASPI:17/3/1003',
    type: 'manuscript',
    title: 'RGASPI, f. 17, op. 3, d. 1003',
    archive_location: 'f. 17, op. 3, d. 1003, l. 82',
    archive: 'Russian State Archive of Social and Political History',
    'archive-place': 'Moscow',
    note: 'cited as RTsKhIDNI',
  });
});

// Pieces of citations, so that random strings reach deep into the grammar.
const TOKENS = [
  'RGASPI',
  'РГАСПИ',
  'GARF',
  'TsA FSB',
  'GASO',
  'Smolensk Archive',
  '(GARF)',
  ' (gloss) ',
  'f.',
  'f',
  'fond',
  'op.',
  'op',
  "opis'",
  'd.',
  'dd.',
  'delo',
  'por.',
  'l.',
  'll.',
  '11.',
  'Ф.',
  'Оп.',
  'Д.',
  'Л.',
  'Ед. хр.',
  'vyp.',
  'vols.',
  'Т.',
  'ob',
  'об.',
  'ff.',
  'и сл.',
  'Ibid.',
  '*Ibid.*',
  'Там же',
  'file',
  '17',
  '3',
  '1003',
  '82',
  '5',
  'Р-9401',
  '8131sch',
  '15a',
  '/',
  '–',
  '-',
  ', ',
  '. ',
  '; ',
  ' ',
  ' and ',
  '\n',
  '¹ ',
  '²',
  '(',
  ')',
  '*',
  '“',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((a) => a.join(''));

function checkCitations(text: string, cs: { start: number; end: number; raw: string; line: number }[]) {
  for (const c of cs) {
    assert.ok(c.start >= 0 && c.start <= c.end && c.end <= text.length, 'offsets in bounds');
    assert.equal(text.slice(c.start, c.end), c.raw);
    assert.ok(c.line >= 1);
  }
}

test('fuzz: arbitrary Unicode never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
      const c = parseCitation(s);
      formatReference(c.reference, 'en');
      formatReference(c.reference, 'ru');
      formatReference(c.reference, 'compact');
      toCslJson(c.reference);
      checkCitations(s, extractCitations(s));
      checkCitations(s, parseFootnote(s));
      resolveFootnotes(s.split(/\n/));
    }),
    { numRuns: 1500 },
  );
});

test('fuzz: citation-like token soup never throws and keeps offsets honest', () => {
  fc.assert(
    fc.property(tokenText, (s) => {
      const c = parseCitation(s);
      for (const d of c.diagnostics) assert.ok(d.start >= 0 && d.start <= d.end && d.end <= s.length, d.code);
      for (const style of ['en', 'ru', 'compact'] as const) formatReference(c.reference, style);
      const ex = extractCitations(s);
      checkCitations(s, ex);
      for (const x of ex) {
        if (x.inheritsFrom !== null) assert.ok(x.inheritsFrom < ex.indexOf(x));
        for (const d of x.diagnostics) assert.ok(d.start >= 0 && d.end <= s.length, d.code);
      }
      checkCitations(s, parseFootnote(s));
      const notes = s.split('\n');
      for (const r of resolveFootnotes(notes)) {
        const note = notes[r.note]!;
        assert.equal(note.slice(r.start, r.end), r.raw);
      }
    }),
    { numRuns: 3000 },
  );
});

test('non-string input does not throw', () => {
  // @ts-expect-error: callers from plain JavaScript may pass anything
  assert.equal(parseCitation(undefined).diagnostics[0]!.code, 'not-a-citation');
  // @ts-expect-error: as above
  assert.deepEqual(parseFootnote(null), []);
});
