/**
 * A letter trigram model of Russian words (counts in `data/lm/ru-trigrams.json`, built from
 * a Russian word list by scripts/build-lm.ts). It ranks Cyrillic candidates: Зиновьев scores
 * above Зиновиев because "вье" and "ьев" are common in Russian words and "вие" + "иев" less so.
 */
import { readFileSync } from 'node:fs';

const V = 36;
const K = 0.05;

let tri: Map<string, number> | undefined;
let ctx: Map<string, number> | undefined;

function load(): void {
  const data = JSON.parse(readFileSync(new URL('../data/lm/ru-trigrams.json', import.meta.url), 'utf8')) as {
    trigrams: Record<string, number>;
  };
  tri = new Map(Object.entries(data.trigrams));
  ctx = new Map();
  for (const [g, n] of tri) {
    const c = g.slice(0, 2);
    ctx.set(c, (ctx.get(c) ?? 0) + n);
  }
}

/** log P(c | a b) with add-K smoothing; `a`, `b` may be `^` (word start), `c` may be `$` (word end). */
export function logProb(a: string, b: string, c: string): number {
  if (tri === undefined) load();
  const n = (tri as Map<string, number>).get(a + b + c) ?? 0;
  const d = (ctx as Map<string, number>).get(a + b) ?? 0;
  return Math.log((n + K) / (d + K * V));
}

/** log probability of a whole lower-case Russian word (letters outside а-я, ё score as rare). */
export function wordScore(word: string): number {
  let a = '^';
  let b = '^';
  let s = 0;
  for (const c of word) {
    s += logProb(a, b, c);
    a = b;
    b = c;
  }
  return s + logProb(a, b, '$');
}
