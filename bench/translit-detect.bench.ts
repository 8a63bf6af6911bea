/**
 * `cyrillize` without a system (detectSystem, then the reading in the detected system), as
 * `opis translit --reverse` runs it on each line, against the first, unoptimized version of the
 * same algorithm (packages/translit/scripts/naive-detect.ts: every system reads every word with
 * a full beam search, every reading is romanized again, nothing is shared or cached). Both give
 * the same results (test/detect.test.ts). Input: names of the book, two a line, romanized in
 * the 34 systems. The opis caches are emptied before every run, so each run starts cold.
 */
import { readFileSync } from 'node:fs';
import { romanize, systemIds } from '@opis/translit';
import { naiveCyrillize } from '../packages/translit/scripts/naive-detect.ts';
import { clearCyrillizeCaches, cyrillize } from '../packages/translit/src/cyrillize.ts';
import { compare } from './harness.ts';

function lines(count: number, distinct: number): string[] {
  const pairs = JSON.parse(
    readFileSync(new URL('../packages/translit/test/fixtures/book-pairs.json', import.meta.url), 'utf8'),
  ) as { text: [string, string][] };
  const names = pairs.text.map((p) => p[0]);
  const ids = systemIds();
  const base: string[] = [];
  for (let i = 0; i < distinct; i++) {
    const text = `${names[i % names.length]} ${names[(i * 7 + Math.floor(i / names.length)) % names.length]}`;
    base.push(romanize(text, ids[(i * 5) % ids.length] as string));
  }
  let seed = 1938;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out.push(count === distinct ? (base[i] as string) : (base[seed % distinct] as string));
  }
  return out;
}

export default async function (): Promise<void> {
  const distinct = lines(600, 600);
  const repeated = lines(1500, 150);
  const opis = (ls: string[]) => () => {
    clearCyrillizeCaches();
    for (const l of ls) cyrillize(l);
  };
  const naive = (ls: string[]) => () => {
    for (const l of ls) naiveCyrillize(l);
  };
  const few = { warmup: 1, iterations: 3 };
  await compare({
    name: `reverse, system detected: ${distinct.length} distinct lines (two names each), cold`,
    opis: { label: 'cyrillize(line)', run: opis(distinct) },
    peer: { label: 'first version (naive)', run: naive(distinct) },
    items: distinct.length,
    ...few,
  });
  await compare({
    name: `reverse, system detected: ${repeated.length} lines of 150 distinct, as in a file of names`,
    opis: { label: 'cyrillize(line)', run: opis(repeated) },
    peer: { label: 'first version (naive)', run: naive(repeated) },
    items: repeated.length,
    ...few,
  });
}
