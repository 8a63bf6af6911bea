import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cyrillize, romanize } from '../src/index.ts';

const book = JSON.parse(readFileSync(new URL('./fixtures/book-pairs.json', import.meta.url), 'utf8')) as {
  text: [string, string][];
  citation: [string, string][];
  deviations: { cyrillic: string; system: string; book: string; rule: string }[];
};

test('at least 60 name pairs from the book in each direction of use', () => {
  assert.ok(book.text.length + book.citation.length >= 60);
  assert.ok(book.text.length >= 60);
});

test('running-text forms follow modified-lc', () => {
  for (const [cyr, lat] of book.text) assert.equal(romanize(cyr, 'modified-lc'), lat, cyr);
});

test('citation forms follow ala-lc-ascii', () => {
  for (const [cyr, lat] of book.citation) assert.equal(romanize(cyr, 'ala-lc-ascii'), lat, cyr);
});

test("the front matter's six examples, both ways", () => {
  const six: [string, string, string][] = [
    ['Троцкий', 'Trotsky', 'Trotskii'],
    ['Известия', 'Izvestia', 'Izvestiia'],
    ['Нагорный', 'Nagorny', 'Nagornyi'],
    ['Ежов', 'Yezhov', 'Ezhov'],
    ['Ярославский', 'Yaroslavsky', 'Iaroslavskii'],
    ['Юдин', 'Yudin', 'Iudin'],
  ];
  for (const [cyr, text, lc] of six) {
    assert.equal(romanize(cyr, 'modified-lc'), text);
    assert.equal(romanize(cyr, 'ala-lc-ascii'), lc);
    assert.equal(cyrillize(text, 'modified-lc').candidates[0]?.text, cyr, text);
    assert.equal(cyrillize(lc, 'ala-lc-ascii').candidates[0]?.text, cyr, lc);
  }
});

test("the book's deviations from its own rules really deviate, and the rule form is what opis writes", () => {
  for (const d of book.deviations) {
    if (d.book.includes('=')) continue; // the misprinted rule itself
    const out = romanize(d.cyrillic, d.system, d.book === d.book.toUpperCase() ? { case: 'upper' } : {});
    assert.equal(out, d.rule, d.cyrillic);
    assert.notEqual(out, d.book);
  }
});

test('E and Э stay apart: Ye only for Е', () => {
  assert.equal(romanize('Ежов и Эйхе', 'modified-lc'), 'Yezhov i Eikhe');
  assert.equal(cyrillize('Eikhe', 'modified-lc').candidates[0]?.text, 'Эйхе');
});

test('cyrillize ranks the book names: right at top-1 for >= 90 %, within the top 3 for all', () => {
  let top1 = 0;
  let top3 = 0;
  for (const [cyr, lat] of book.text) {
    const c = cyrillize(lat, 'modified-lc').candidates.map((x) => x.text);
    if (c[0] === cyr) top1++;
    if (c.slice(0, 3).includes(cyr)) top3++;
  }
  assert.ok(top1 >= 0.9 * book.text.length, `top-1 ${top1}/${book.text.length}`);
  assert.equal(top3, book.text.length);
});
