// The evaluation's data files keep the size and shape the evaluation relies on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (p: string) => readFileSync(new URL(`../eval/${p}`, import.meta.url), 'utf8');

describe('evaluation data', () => {
  const rows = read('gold/variants.tsv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  it('has at least 500 variants in at least 6 systems, each with a Cyrillic truth', () => {
    assert.ok(rows.length >= 500, `${rows.length} variants`);
    for (const r of rows) {
      assert.equal(r.length, 3, r.join('|'));
      assert.match(r[2]!, /^[А-ЯЁ][а-яё-]+( \([А-ЯЁ][а-яё-]+\))?$/, r.join('|'));
    }
    const latinSystems = new Set(rows.filter((r) => /[A-Za-z]/.test(r[0]!)).map((r) => r[1]));
    assert.ok(latinSystems.size >= 6, [...latinSystems].join(' '));
  });
  it('has at least 1,500 distinct real surnames for distractors', () => {
    const names = read('data/surnames.txt').trim().split('\n');
    assert.ok(new Set(names).size >= 1500);
    for (const n of names.slice(0, 2000)) assert.match(n, /^[А-ЯЁ][а-яё]+$/);
  });
  it('names every person of the gold set in people.tsv', () => {
    const people = new Set(
      read('gold/people.tsv')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .slice(1)
        .map((l) => l.split('\t')[0]),
    );
    for (const r of rows) assert.ok(people.has(r[2]!.split(' (')[0]), r[2]);
  });
});
