import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { naiveCyrillize, naiveDetectSystem } from '../scripts/naive-detect.ts';
import { clearCyrillizeCaches, cyrillize, detectSystem } from '../src/cyrillize.ts';
import { romanize, systemIds } from '../src/index.ts';

const pairs = JSON.parse(readFileSync(new URL('fixtures/book-pairs.json', import.meta.url), 'utf8')) as {
  text: [string, string][];
};

/** Romanized names from the book in every system, two names a line, some repeated. */
function inputs(): string[] {
  const ids = systemIds();
  const names = pairs.text.map((p) => p[0]);
  const out: string[] = [
    '',
    '1937, 1938',
    "Zinov'ev",
    'Trot͡skiĭ',
    'Yezhov, N. I.',
    'Molotov (Skriabin)',
    'ÉCOLE',
  ];
  for (let i = 0; i < 80; i++) {
    const text = `${names[i % names.length]} ${names[(i * 7 + 3) % names.length]}`;
    out.push(romanize(text, ids[i % ids.length] as string));
  }
  return [...out, ...out.slice(0, 20)];
}

test('detectSystem and cyrillize give what the unoptimized first version gives', () => {
  clearCyrillizeCaches();
  for (const s of inputs()) {
    assert.deepEqual(detectSystem(s), naiveDetectSystem(s), s);
    assert.deepEqual(cyrillize(s, undefined, { limit: 3 }), naiveCyrillize(s, undefined, { limit: 3 }), s);
  }
});

test('fuzz: detectSystem agrees with the first version on Latin-like strings', () => {
  const letters = [...'abcdefghijklmnopqrstuvwxyzčšžéèëïôûüßąęłńóśźżʹʺ\'" -'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 10 }), (cs) => {
      const s = cs.join('');
      assert.deepEqual(detectSystem(s), naiveDetectSystem(s), s);
    }),
    { numRuns: 60 },
  );
});

test('a cached detection cannot be changed by its caller', () => {
  const a = detectSystem('Jeschow');
  (a[0] as { system: string }).system = 'changed';
  a.length = 0;
  assert.equal(detectSystem('Jeschow')[0]?.system, 'german');
});
