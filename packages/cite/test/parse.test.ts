import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCitation, parseFootnote, referenceKey } from '../src/index.ts';

const codes = (c: { diagnostics: { code: string }[] }) => c.diagnostics.map((d) => d.code);

test('English citation as the book writes it', () => {
  const c = parseCitation('RGASPI, f. 17, op. 165, d. 47, l. 3');
  assert.deepEqual(c.reference, {
    archive: 'RGASPI',
    archiveAsWritten: 'RGASPI',
    fond: '17',
    opis: '165',
    delo: '47',
    sheets: [{ from: '3', verso: false }],
    key: 'RGASPI:17/165/47',
  });
  assert.equal(c.kind, 'full');
  assert.deepEqual(c.diagnostics, []);
});

test('Russian citation with verso and range', () => {
  const c = parseCitation('РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82–83 об.');
  assert.equal(c.reference.archive, 'RGASPI');
  assert.equal(c.reference.archiveAsWritten, 'РГАСПИ');
  assert.equal(c.reference.key, 'RGASPI:17/3/1003');
  assert.deepEqual(c.reference.sheets, [{ from: '82', verso: false, to: '83', toVerso: true }]);
  assert.equal(c.end, 43, 'the full stop of "об." belongs to the citation');
});

test('letter-prefixed fond, old archive name, lower-case Russian labels', () => {
  const c = parseCitation('ЦГАОР СССР, ф. Р-9401, оп. 1, д. 4157, л. 201 об.–205');
  assert.equal(c.reference.archive, 'GARF');
  assert.equal(c.reference.fond, 'Р-9401');
  assert.equal(c.reference.key, 'GARF:R-9401/1/4157');
  assert.deepEqual(c.reference.sheets, [{ from: '201', verso: true, to: '205', toVerso: false }]);
});

test('compact form', () => {
  const c = parseCitation('RGASPI 17/3/1003, 82–83ob');
  assert.equal(c.reference.key, 'RGASPI:17/3/1003');
  assert.deepEqual(c.reference.sheets, [{ from: '82', verso: false, to: '83', toVerso: true }]);
});

test('spelled-out labels and LC apostrophe', () => {
  const c = parseCitation("RGANI, fond 89, opis' 18, delo 12");
  assert.equal(c.reference.key, 'RGANI:89/18/12');
});

test('former names resolve to the current archive', () => {
  for (const [name, id] of [
    ['RTsKhIDNI', 'RGASPI'],
    ['TsPA IML', 'RGASPI'],
    ['TsKhSD', 'RGANI'],
    ['TsGAOR', 'GARF'],
    ['TsGASA', 'RGVA'],
    ['TsGANKh', 'RGAE'],
    ['ЦХСД', 'RGANI'],
  ] as const) {
    const c = parseCitation(`${name}, f. 1, op. 2, d. 3`);
    assert.equal(c.reference.archive, id, name);
    assert.equal(c.reference.archiveAsWritten, name);
  }
});

test('suffixes, plural files, por., parts and ff.', () => {
  assert.equal(parseCitation('GARF, f. 8131sch, op. 27, d. 70').reference.fond, '8131sch');
  assert.equal(parseCitation('GARF, f. 5446, op. 15a, d. 1073').reference.opis, '15a');
  assert.equal(parseCitation('RGASPI, f. 17, op. 120, dd. 327–29').reference.delo, '327–329');
  const por = parseCitation('TsA FSB, f. 100, op. 1, por. 5, l. 275').reference;
  assert.equal(por.unit, 'por');
  assert.equal(por.delo, '5');
  assert.equal(parseCitation('RGASPI, f. 17, op. 2, d. 612, vols. 1 and 2').reference.tom, '1, 2');
  assert.deepEqual(parseCitation('RGASPI, f. 17, op. 120, d. 77, ll. 4 ff.').reference.sheets, [
    { from: '4', verso: false, following: true },
  ]);
  const v = parseCitation('РГАЭ. Ф. 7733. Оп. 36. Вып. 2. Д. 5. Т. 1. Ч. 2. Л. 3').reference;
  assert.equal(v.vypusk, '2');
  assert.equal(v.tom, '1');
  assert.equal(v.chast, '2');
});

test('abbreviated range ends are written out in full', () => {
  const s = parseCitation('GARF, f. 9401, op. 1, d. 4157, ll. 201–5, 168–78, 1087–89').reference.sheets;
  assert.deepEqual(
    s.map((x) => x.to),
    ['205', '178', '1089'],
  );
});

test('OCR "11." for "ll." is repaired and recorded with its position', () => {
  const text = 'GARF, f. 9401, op. 1, d. 4157,11. 201-5.';
  const c = parseCitation(text);
  assert.deepEqual(c.reference.sheets, [{ from: '201', verso: false, to: '205', toVerso: false }]);
  const d = c.diagnostics.find((x) => x.code === 'ocr-ll')!;
  assert.equal(d.severity, 'repair');
  assert.equal(text.slice(d.start, d.end), '11.');
});

test('malformed separators are repaired and recorded', () => {
  const a = parseCitation('RGASPI, f. 17, op. 2 d. 614, l. 214ob');
  assert.deepEqual(codes(a), ['separator-missing']);
  assert.equal(a.reference.delo, '614');
  assert.equal(a.diagnostics[0]!.start, 20);
  const b = parseCitation('RTsKhIDNI f. 17. op. 120, d. 278, ll. 2–3');
  assert.deepEqual(codes(b), ['separator-full-stop']);
  assert.equal(b.diagnostics[0]!.start, 15);
  const c = parseCitation('RGASPI, f. 558, op 1, d. 5023, ll. 1–17');
  assert.deepEqual(codes(c), ['label-missing-full-stop']);
  assert.equal(c.diagnostics[0]!.start, 16);
  const d = parseCitation('GARF, f. 9401, op. 1, d. 4157, ll., 202, 203–5');
  assert.deepEqual(codes(d), ['stray-comma']);
  assert.equal(d.diagnostics[0]!.start, 34);
  assert.equal(d.reference.sheets.length, 2);
});

test('singular and plural sheet labels that do not fit are warned about', () => {
  const a = parseCitation('RGASPI, f. 17, op. 114, d. 642, ll. 10');
  assert.deepEqual(codes(a), ['sheet-label-plural']);
  assert.equal(a.diagnostics[0]!.start, 32);
  const b = parseCitation('RGASPI, f. 17, op. 163, d. 1180, l. 57–59');
  assert.deepEqual(codes(b), ['sheet-label-singular']);
});

test('a reversed range is warned about', () => {
  const c = parseCitation('RGASPI, f. 17, op. 3, d. 1, ll. 90–20');
  assert.deepEqual(codes(c), ['range-reversed']);
});

test('a repeated sheet label inside one list is merged', () => {
  const c = parseCitation('RGASPI, f. 17, op. 2, d. 598, ll. 2–4, 12–18, ll. 23–26');
  assert.equal(c.reference.sheets.length, 3);
  assert.deepEqual(codes(c), ['repeated-label']);
});

test('missing levels: diagnostics say which and where, valid parts are kept', () => {
  const c = parseCitation('RGASPI, f. 17, op. 163, ll. 199, 218');
  assert.equal(c.reference.opis, '163');
  assert.equal(c.reference.delo, null);
  assert.equal(c.reference.key, 'RGASPI:17/163');
  const d = c.diagnostics.find((x) => x.code === 'missing-delo')!;
  assert.equal(d.missing, 'delo');
  assert.equal(d.start, 22, 'after "op. 163"');
});

test('a label with no value: missing-value error at the label', () => {
  const text = 'RGASPI, f. 17, op.';
  const c = parseCitation(text);
  assert.equal(c.reference.fond, '17');
  const d = c.diagnostics.find((x) => x.code === 'missing-value')!;
  assert.equal(d.severity, 'error');
  assert.equal(text.slice(d.start, d.end), 'op.');
  assert.ok(codes(c).includes('missing-opis'));
});

test('no archive: missing-archive warning at the start', () => {
  const c = parseCitation('f. 17, op. 3, d. 1003');
  assert.equal(c.reference.archive, null);
  assert.equal(c.reference.key, '?:17/3/1003');
  const d = c.diagnostics.find((x) => x.code === 'missing-archive')!;
  assert.equal(d.start, 0);
});

test('unknown archive name: kept as written, with a warning', () => {
  const c = parseCitation('XYZA, f. 1, op. 2, d. 3');
  assert.equal(c.reference.archive, 'XYZA');
  assert.deepEqual(codes(c), ['unknown-archive']);
  assert.deepEqual([c.diagnostics[0]!.start, c.diagnostics[0]!.end], [0, 4]);
});

test('ambiguous archive name: warning naming the candidates', () => {
  const c = parseCitation('GASO, f. 1, op. 2, d. 3');
  const d = c.diagnostics.find((x) => x.code === 'ambiguous-archive')!;
  assert.match(d.message, /GA Smolensk/);
  assert.match(d.message, /GA Sverdlovsk/);
  assert.deepEqual([d.start, d.end], [0, 4]);
});

test('not a citation: error over the whole input', () => {
  for (const s of ['', 'hello world', 'see Chuev, Sto sorok besed, 463']) {
    const c = parseCitation(s);
    assert.deepEqual(codes(c), ['not-a-citation']);
    assert.deepEqual([c.diagnostics[0]!.start, c.diagnostics[0]!.end], [0, s.length]);
    assert.equal(c.reference.fond, null);
  }
});

test('text around a citation is reported', () => {
  const a = parseCitation('RGASPI, f. 17, op. 3, d. 5, l. 1 and then some prose');
  const d = a.diagnostics.find((x) => x.code === 'unexpected-text')!;
  assert.equal(d.start, 32);
  const b = parseCitation('RGASPI, f. 17, op. 3, d. 5; d. 6');
  assert.ok(codes(b).includes('several-references'));
  assert.equal(b.reference.delo, '5');
});

test('parseFootnote: several references, inheritance inside the note', () => {
  const n = parseFootnote(
    'GARF, f. 3316, op. 2, d. 1534, ll. 87, 112; d. 1754, ll. 21, 26; f. 9474, op. 16, d. 48, ll. 15, 17; d. 79, ll. 6, 16.',
  );
  assert.deepEqual(
    n.map((c) => [c.kind, c.reference.key, c.inheritsFrom]),
    [
      ['full', 'GARF:3316/2/1534', null],
      ['continuation', 'GARF:3316/2/1754', 0],
      ['continuation', 'GARF:9474/16/48', 1],
      ['continuation', 'GARF:9474/16/79', 2],
    ],
  );
  assert.deepEqual(n[1]!.inherited, ['archive', 'fond', 'opis']);
});

test('referenceKey', () => {
  assert.equal(referenceKey({ archive: 'RGASPI', fond: '17', opis: '3', delo: '1003' }), 'RGASPI:17/3/1003');
  assert.equal(referenceKey({ archive: 'GARF', fond: 'Р-9401', opis: '1', delo: null }), 'GARF:R-9401/1');
  assert.equal(referenceKey({ archive: 'WKP', fond: null, opis: null, delo: '499' }), 'WKP:_/_/499');
  assert.equal(referenceKey({ archive: null, fond: null, opis: null, delo: null }), '?:');
});
