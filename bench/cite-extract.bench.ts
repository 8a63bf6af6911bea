/**
 * Extraction of archival citations from >= 50 MB of footnote-like text (the book's notes,
 * repeated with their numbers varied), against one straightforward regular expression that
 * finds "f. N, op. N, d. N" triples. opis also reads sheets, Russian forms, Ibid. and
 * continuations, resolves them and records offsets and diagnostics.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extractCitations } from '../packages/cite/src/index.ts';
import { compare } from './harness.ts';

const TARGET_BYTES = 52_000_000;

function noteLines(): string[] {
  const seed = new URL('../../shared/seed/the-road-to-terror-2010.txt', import.meta.url).pathname;
  if (existsSync(seed)) {
    const notes = readFileSync(seed, 'utf8')
      .split('\n')
      .filter((l) => /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+ /.test(l));
    if (notes.length > 0) return notes;
  }
  // Without the seed: the gold citations themselves, one per note.
  const gold = new URL('../packages/cite/eval/gold/book.jsonl', import.meta.url).pathname;
  return readFileSync(gold, 'utf8')
    .trim()
    .split('\n')
    .map((l, i) => `${i + 1} ${(JSON.parse(l) as { raw: string }).raw}.`);
}

function build(): string {
  const notes = noteLines();
  const parts: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < TARGET_BYTES; copy++) {
    for (const n of notes) {
      // Vary the numbers so that no two copies are the same text.
      const v = copy === 0 ? n : n.replace(/\d+/g, (d) => String(Number(d) + (copy % 97)));
      parts.push(v, '\n');
      bytes += Buffer.byteLength(v) + 1;
    }
  }
  return parts.join('');
}

export default async function (): Promise<void> {
  const text = build();
  const bytes = Buffer.byteLength(text);
  const peerRe = /f\. (\d+), op\. (\d+), d\. (\d+)/g;
  let opisCount = 0;
  let peerCount = 0;
  await compare({
    name: `cite extract (${(bytes / 1e6).toFixed(1)} MB of footnotes)`,
    opis: {
      label: 'opis extractCitations',
      run: () => {
        opisCount = extractCitations(text).length;
      },
    },
    peer: {
      label: 'regex f. N, op. N, d. N',
      run: () => {
        let n = 0;
        peerRe.lastIndex = 0;
        while (peerRe.exec(text) !== null) n++;
        peerCount = n;
      },
    },
    bytes,
    warmup: 1,
    iterations: 5,
  });
  console.log(`  found: opis ${opisCount} references (resolved, with sheets), regex ${peerCount} triples`);
}
