import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasSystem } from '@opis/translit';
import fc from 'fast-check';
import { editDistance, NAME_SYSTEMS, parseArchivalBuiltin } from '../src/adapters.ts';
import { csv } from '../src/export.ts';
import { checkIdentity, parseIdentity } from '../src/identity.ts';
import { nameKey, parseArchival, parseSource, romanizations, romanize } from '../src/index.ts';

describe('parseSource', () => {
  it('reads the three kinds of reference', () => {
    assert.deepEqual(parseSource('book:ch8:L2761-2770'), {
      ok: true,
      value: { kind: 'book', ref: 'book:ch8:L2761-2770', part: 'ch8', lineFrom: 2761, lineTo: 2770 },
    });
    const a = parseSource('archive:RGASPI, f. 17, op. 3, d. 1003, l. 82');
    assert.ok(a.ok && a.value.kind === 'archive' && a.value.key === 'RGASPI:17/3/1003');
    assert.deepEqual(parseSource('work:goriachev-2005'), {
      ok: true,
      value: { kind: 'work', ref: 'work:goriachev-2005', work: 'goriachev-2005' },
    });
  });
  it('reports what is wrong and where', () => {
    assert.deepEqual(parseSource('book:chapter8'), {
      ok: false,
      message:
        'unknown part of the book "chapter8" (front, intro, ch1-ch10, conclusion, app1, app2, index, table1-table5)',
      offset: 5,
    });
    assert.equal(parseSource('book:ch8:L0').ok, false);
    assert.equal(parseSource('book:ch8:L20-10').ok, false);
    assert.equal(parseSource('book:ch8:p. 20').ok, false);
    assert.equal(parseSource('archive:').ok, false);
    assert.equal(parseSource('work:Not An Id').ok, false);
    assert.equal(parseSource('page 20').ok, false);
  });
  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('book:', 'archive:', 'work:', ''), fc.string({ maxLength: 40 }), (p, s) => {
        const r = parseSource(p + s);
        if (!r.ok) assert.ok(r.offset >= 0 && r.offset <= (p + s).length + 8);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('archival citations', () => {
  it('uses @opis/cite (former names map to current ones) and falls back on the built-in parser', () => {
    assert.equal(parseArchival('RTsKhIDNI, f. 17, op. 120, d. 278, ll. 2-3').key, 'RGASPI:17/120/278');
    assert.deepEqual(parseArchivalBuiltin('GARF, f. 9401, op. 1, d. 4157, ll. 201-5'), {
      archive: 'GARF',
      fond: '9401',
      opis: '1',
      delo: '4157',
      folios: '201-5',
      key: 'GARF:9401/1/4157',
    });
    assert.deepEqual(parseArchivalBuiltin('a letter in a private collection'), {});
  });
});

describe('identities', () => {
  it('parses and checks sums exactly and ratios within the printed rounding', () => {
    const sum = parseIdentity('convicted_total = shot + camps + exiled + other');
    assert.ok(sum.ok);
    if (!sum.ok) return;
    assert.deepEqual(sum.value.columns, ['convicted_total', 'shot', 'camps', 'exiled', 'other']);
    assert.deepEqual(
      checkIdentity(sum.value, { convicted_total: 10, shot: 1, camps: 2, exiled: 3, other: 4 }),
      { holds: true, left: 10, right: 10 },
    );
    assert.equal(
      checkIdentity(sum.value, { convicted_total: 11, shot: 1, camps: 2, exiled: 3, other: 4 })?.holds,
      false,
    );
    assert.equal(
      checkIdentity(sum.value, { convicted_total: 11, shot: null, camps: 2, exiled: 3, other: 4 }),
      undefined,
    );
    const pct = parseIdentity('pct = (a) / total * 100');
    assert.ok(pct.ok);
    if (!pct.ok) return;
    assert.equal(checkIdentity(pct.value, { pct: 9.7, a: 312, total: 3233 })?.holds, true);
    assert.equal(checkIdentity(pct.value, { pct: 10, a: 312, total: 3233 })?.holds, true);
    assert.equal(checkIdentity(pct.value, { pct: 9.6, a: 312, total: 3233 })?.holds, false);
    assert.equal(checkIdentity(pct.value, { pct: 1, a: 1, total: 0 }), undefined);
  });
  it('reports errors with offsets and never throws', () => {
    assert.deepEqual(parseIdentity('a + b'), {
      ok: false,
      message: 'an identity is "<expression> = <expression>"',
      offset: 5,
    });
    assert.deepEqual(parseIdentity('a = b $ c'), {
      ok: false,
      message: 'unexpected "$" in identity',
      offset: 6,
    });
    assert.equal(parseIdentity('a = (b + c').ok, false);
    assert.equal(parseIdentity('a = b = c').ok, false);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseIdentity(s);
        if (!r.ok) assert.ok(r.offset >= 0 && r.offset <= s.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('names', () => {
  it('romanizes a surname in many systems, through @opis/translit', () => {
    const forms = romanizations('Ежов').map((r) => r.form);
    for (const f of ['Yezhov', 'Ezhov', 'Ežov', 'Jeschow', 'Iejov'])
      assert.ok(forms.includes(f), `${f} in ${forms}`);
    assert.equal(romanize('Ярославский', 'modified-lc'), 'Yaroslavsky');
  });
  it('stores forms only in systems that @opis/translit defines', () => {
    for (const id of NAME_SYSTEMS) assert.ok(hasSystem(id), id);
    assert.equal(romanize('Ежов', 'german'), 'Jeschow');
    assert.equal(romanize('Ежов', 'scientific'), 'Ežov');
  });
  it('keys ignore case, diacritics and punctuation', () => {
    assert.equal(nameKey('Ežov'), 'ezov');
    assert.equal(nameKey("Ord-zhoni'kidze"), 'ordzhonikidze');
    assert.equal(nameKey('Пётр'), 'петр');
    assert.equal(editDistance('yezov', 'yezhov'), 1);
    assert.equal(editDistance('abc', 'xyzabc', 2), 3);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    assert.equal(
      csv([
        { a: 'x,y', b: 'say "hi"', c: null },
        { a: 'line\nbreak', b: 2 },
      ]),
      'a,b,c\r\n"x,y","say ""hi""",\r\n"line\nbreak",2,\r\n',
    );
  });
});

describe('result schemas', () => {
  it('every result and record schema converts to JSON Schema (for the server)', async () => {
    const { z } = await import('zod');
    const kb = await import('../src/index.ts');
    const schemas = [
      kb.StateResult,
      kb.PersonHit,
      kb.PersonDetail,
      kb.InstitutionDetail,
      kb.EventSummary,
      kb.CampaignDetail,
      kb.SeriesSummary,
      kb.SeriesDetail,
      kb.SourceTreeNode,
      kb.SourceFact,
      kb.CohortResult,
      kb.KbInfo,
      kb.Person,
      kb.Institution,
      kb.Tenure,
      kb.Event,
      kb.Campaign,
      kb.Statistic,
    ];
    for (const s of schemas) assert.equal(typeof z.toJSONSchema(s), 'object');
  });
});
