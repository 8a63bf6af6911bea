import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { beiderMorse, beiderMorseLanguages, daitchMokotoff } from '../src/phonetic/index.ts';

interface Entry {
  name: string;
  gen_approx: string;
  gen_exact: string;
  ash_approx: string;
  ash_exact: string;
  sep_approx: string;
  sep_exact: string;
  dm: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/phonetic-reference.json', import.meta.url), 'utf8'),
) as { reference: string; entries: Entry[] };

describe('Beider-Morse conformance with commons-codec', () => {
  it('the fixture covers at least 1,000 names', () => {
    assert.ok(fixture.entries.length >= 1000);
  });
  for (const nameType of ['gen', 'ash', 'sep'] as const) {
    for (const ruleType of ['approx', 'exact'] as const) {
      it(`${nameType} ${ruleType}: identical output on every fixture name`, () => {
        const key = `${nameType}_${ruleType}` as const;
        const wrong: string[] = [];
        for (const e of fixture.entries) {
          const got = beiderMorse(e.name, { nameType, ruleType });
          if (got !== e[key]) wrong.push(`${e.name}: got ${got}, want ${e[key]}`);
        }
        assert.deepEqual(wrong.slice(0, 5), []);
      });
    }
  }
});

describe('Beider-Morse behaviour', () => {
  it('gives Cyrillic and romanized forms of one name a shared token', () => {
    const tokens = (s: string) => new Set(beiderMorse(s).split('|'));
    const cyr = tokens('Ежов');
    assert.ok([...tokens('Yezhov')].some((t) => cyr.has(t)));
  });
  it('guesses the Cyrillic rules for a Cyrillic name', () => {
    assert.deepEqual(beiderMorseLanguages('Ежов'), ['cyrillic']);
  });
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (s) => {
        assert.equal(typeof beiderMorse(s), 'string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('Daitch-Mokotoff conformance with commons-codec', () => {
  it('identical codes on every fixture name', () => {
    const wrong: string[] = [];
    for (const e of fixture.entries) {
      const got = daitchMokotoff(e.name).join('|');
      if (got !== e.dm) wrong.push(`${e.name}: got ${got}, want ${e.dm}`);
    }
    assert.deepEqual(wrong.slice(0, 5), []);
  });
  it('codes the textbook examples', () => {
    assert.deepEqual(daitchMokotoff('Peters'), ['734000', '739400']);
    assert.deepEqual(daitchMokotoff('Moskowitz'), ['645740']);
  });
  it('never throws and always gives six-digit codes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 16 }), (s) => {
        for (const c of daitchMokotoff(s)) assert.match(c, /^\d{6}$/);
      }),
      { numRuns: 300 },
    );
  });
});
