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

/** Symbols of the dense table: word start, word end, the Russian letters, then any other letter met. */
const SIZE = 64;
const OTHER = SIZE - 1;
let symbols: Map<string, number> | undefined;
let dense: Float64Array | undefined;

/**
 * The index of `ch` in the dense table `logProbTable()` (the same for every call). Letters the
 * model has never seen share probabilities, so past the table's size they share one index.
 */
export function symbolOf(ch: string): number {
  if (symbols === undefined) logProbTable();
  const m = symbols as Map<string, number>;
  let i = m.get(ch);
  if (i === undefined) {
    i = Math.min(m.size, OTHER);
    if (i !== OTHER) m.set(ch, i);
  }
  return i;
}

export const LM_SIZE = SIZE;

/**
 * `logProb` for every triple of symbols as one array, `t[(a * LM_SIZE + b) * LM_SIZE + c]`,
 * with the same values bit for bit (the beam search of `cyrillize` reads it in its inner loop).
 */
export function logProbTable(): Float64Array {
  if (dense !== undefined) return dense;
  if (tri === undefined) load();
  symbols = new Map();
  for (const ch of '^$абвгдеёжзийклмнопрстуфхцчшщъыьэюя') symbols.set(ch, symbols.size);
  const names: string[] = [...symbols.keys()];
  const known = names.length;
  // Counts by symbol (index `known` stands for every letter the model has not seen).
  const W = known + 1;
  const n3 = new Float64Array(W * W * W);
  const n2 = new Float64Array(W * W);
  for (const [g, n] of tri as Map<string, number>) {
    const x = [...g].map((ch) => symbols?.get(ch) ?? known);
    const [a, b, c] = x as [number, number, number];
    n3[(a * W + b) * W + c] = (n3[(a * W + b) * W + c] as number) + n;
  }
  for (const [c2, n] of ctx as Map<string, number>) {
    const [a, b] = [...c2].map((ch) => symbols?.get(ch) ?? known) as [number, number];
    n2[a * W + b] = (n2[a * W + b] as number) + n;
  }
  const t = new Float64Array(SIZE * SIZE * SIZE);
  const k = (x: number) => Math.min(x, known);
  for (let a = 0; a < SIZE; a++)
    for (let b = 0; b < SIZE; b++) {
      const ka = k(a);
      const kb = k(b);
      // An unseen letter in the context: no trigram and no context count (as in logProb).
      const d = ka === known || kb === known ? 0 : (n2[ka * W + kb] as number);
      for (let c = 0; c < SIZE; c++) {
        const kc = k(c);
        const n = ka === known || kb === known || kc === known ? 0 : (n3[(ka * W + kb) * W + kc] as number);
        t[(a * SIZE + b) * SIZE + c] = Math.log((n + K) / (d + K * V));
      }
    }
  dense = t;
  return t;
}
