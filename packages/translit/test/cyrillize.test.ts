import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { cyrillize, detectSystem, romanize, systems, TranslitError } from '../src/index.ts';

const reversible = systems.filter((s) => s.reversible).map((s) => s.id);
/**
 * Systems that write щ and шч alike (šč), я and йа alike (ja), ю and йу alike (ju): their
 * inverse reads šč, ja, ju as щ, я, ю (documented in the README).
 */
const SHCH = new Set(['scientific', 'iso-9-1954', 'iso-9-1968', 'ungegn-1987']);

function letters(id: string): string[] {
  const d = JSON.parse(readFileSync(new URL(`../data/systems/${id}.json`, import.meta.url), 'utf8')) as {
    mapping: Record<string, string>;
  };
  return Object.keys(d.mapping);
}

/** Russian-like text: words in lower, Title or ALL CAPS, separated by spaces and punctuation. */
function text(id: string) {
  const ls = letters(id);
  const word = fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...ls), minLength: 1, maxLength: 10 }),
      fc.constantFrom('lower', 'title', 'upper'),
    )
    .map(([w, c]) =>
      c === 'upper' ? w.toUpperCase() : c === 'title' ? (w[0] ?? '').toUpperCase() + w.slice(1) : w,
    )
    // Not representable: a word that starts with a sign (no Russian word does), a word in capitals
    // with fewer than two letters that have case in Latin (ЪА -> ʺA reads as Title case).
    .filter(
      (w) =>
        !/^[ъь]/i.test(w) &&
        !(w === w.toUpperCase() && w.replace(/[ъьЪЬ]/g, '').length < 2 && w !== w.toLowerCase()),
    )
    // Russian spelling: a sign follows a consonant (GOST 7.79 B writes ъ as `` and ьь alike).
    .filter((w) => !/[аеёиоуыэюяіѣѵьъ][ьъ]/i.test(w))
    .filter((w) => !(SHCH.has(id) && /шч|й[ау]/i.test(w)));
  return fc
    .array(fc.tuple(word, fc.constantFrom(' ', ', ', ' - ', '. ', ' (1937) ')), {
      minLength: 1,
      maxLength: 4,
    })
    .map((ws) => ws.map(([w, s]) => w + s).join(''));
}

test('reversible systems: the listed ones', () => {
  for (const id of ['gost-779', 'gost-779-alt', 'scientific', 'iso-9-1954', 'iso-9-1968', 'gost-16876']) {
    assert.ok(reversible.includes(id), id);
  }
});

for (const id of reversible) {
  test(`round trip ${id}: cyrillize(romanize(x)) === x`, () => {
    fc.assert(
      fc.property(text(id), (t) => {
        const lat = romanize(t, id);
        const r = cyrillize(lat, id);
        assert.equal(r.candidates[0]?.text, t, lat);
        assert.equal(r.candidates[0]?.exact, true);
      }),
      { numRuns: 300 },
    );
  });
}

test('šč reads as щ in the systems that write шч the same way', () => {
  assert.equal(romanize('веснушчатый', 'scientific'), 'vesnuščatyj');
  assert.equal(cyrillize('ščuka', 'scientific').candidates[0]?.text, 'щука');
});

test('lossy systems: ranked candidates, the right one first', () => {
  const cases: [string, string, string][] = [
    ['Yezhov', 'modified-lc', 'Ежов'],
    ['Zinoviev', 'modified-lc', 'Зиновьев'],
    ['Trotsky', 'modified-lc', 'Троцкий'],
    ['Yaroslavsky', 'modified-lc', 'Ярославский'],
    ['Izvestia', 'modified-lc', 'Известия'],
    ['Piatakov', 'modified-lc', 'Пятаков'],
    ['Ezhov', 'ala-lc-ascii', 'Ежов'],
    ["Zinov'ev", 'ala-lc-ascii', 'Зиновьев'],
    ['Jeschow', 'german', 'Ежов'],
    ['Iejov', 'french', 'Ежов'],
    ['Jeżow', 'polish', 'Ежов'],
    ['YEZHOV', 'modified-lc', 'ЕЖОВ'],
    ['Nikolai Yezhov', 'modified-lc', 'Николай Ежов'],
  ];
  for (const [lat, id, cyr] of cases) {
    const r = cyrillize(lat, id);
    assert.equal(r.candidates[0]?.text, cyr, `${id} ${lat}: ${JSON.stringify(r.candidates)}`);
    assert.equal(r.detected, false);
  }
  const z = cyrillize('Zinoviev', 'modified-lc').candidates.map((c) => c.text);
  assert.ok(z.indexOf('Зиновьев') < z.indexOf('Зиновиев'));
  const scores = cyrillize('Zinoviev', 'modified-lc').candidates.map((c) => c.score);
  assert.deepEqual(
    [...scores].sort((a, b) => b - a),
    scores,
  );
  assert.ok(scores.reduce((a, b) => a + b, 0) <= 1.001);
});

test('the system is detected when not given', () => {
  const cases: [string, string, string][] = [
    ['Yezhov', 'modified-lc', 'Ежов'],
    ['Ezhov', 'ala-lc-ascii', 'Ежов'],
    ["Zinov'ev", 'ala-lc-ascii', 'Зиновьев'],
    ['Jeschow', 'german', 'Ежов'],
    ['Iejov', 'french', 'Ежов'],
    ['Jeżow', 'polish', 'Ежов'],
    ['Trot͡skiĭ', 'ala-lc', 'Троцкий'],
  ];
  for (const [lat, id, cyr] of cases) {
    const r = cyrillize(lat);
    assert.equal(r.system, id, lat);
    assert.equal(r.detected, true);
    assert.equal(r.candidates[0]?.text, cyr, lat);
  }
  assert.equal(detectSystem('Ežov')[0]?.system !== undefined, true);
  assert.deepEqual(detectSystem('1937, 1938'), []);
  assert.deepEqual(detectSystem(''), []);
});

test('text with nothing to read comes back as it is', () => {
  assert.equal(cyrillize('', 'modified-lc').candidates[0]?.text, '');
  assert.equal(cyrillize('1937 — 38', 'modified-lc').candidates[0]?.text, '1937 — 38');
  assert.equal(cyrillize('Ежов', 'modified-lc').candidates[0]?.text, 'Ежов');
  assert.throws(() => cyrillize('x', 'no-such'), TranslitError);
});

test('fuzz: cyrillize and detectSystem never throw on arbitrary Unicode', () => {
  const ids = systems.map((s) => s.id);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 24 }), fc.constantFrom(...ids), (s, id) => {
      const r = cyrillize(s, id, { limit: 2 });
      assert.ok(r.candidates.length >= 1);
    }),
    { numRuns: 1500 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (s) => {
      assert.ok(Array.isArray(detectSystem(s)));
    }),
    { numRuns: 100 },
  );
});
