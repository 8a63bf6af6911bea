/**
 * Romanization throughput on a >= 20 MB Russian corpus built in memory from the word list of the
 * npm package dictionary-ru (146,000 words: sentences with capitals, ALL-CAPS words, punctuation).
 * opis against iuliia, transliteration and cyrillic-to-translit-js, each on the opis system
 * nearest to what the peer does, in the same run; prints MB/s and the ratio.
 */
import { createRequire } from 'node:module';
import { romanize } from '@opis/translit';
import dictionary from 'dictionary-ru';
import { compare, time } from './harness.ts';

const require = createRequire(import.meta.url);

function corpus(minBytes: number): string {
  const words = new TextDecoder()
    .decode(dictionary.dic)
    .split('\n')
    .slice(1)
    .map((l) => (l.split('/')[0] ?? '').trim())
    .filter((w) => /^[А-Яа-яЁё-]+$/.test(w));
  let seed = 1937;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const parts: string[] = [];
  let bytes = 0;
  let sentence = 0;
  while (bytes < minBytes) {
    const n = 4 + Math.floor(rnd() * 12);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = words[Math.floor(rnd() * words.length)] as string;
      if (i === 0) w = (w[0] ?? '').toUpperCase() + w.slice(1);
      else if (rnd() < 0.02) w = w.toUpperCase();
      ws.push(w);
      if (rnd() < 0.1) ws.push(',');
    }
    const s = `${ws.join(' ').replaceAll(' ,', ',')}${sentence++ % 7 === 6 ? '.\n' : '. '}`;
    parts.push(s);
    bytes += Buffer.byteLength(s);
  }
  return parts.join('');
}

export default async function (): Promise<void> {
  const text = corpus(20_000_000);
  const bytes = Buffer.byteLength(text);
  console.log(
    `corpus: ${(bytes / 1e6).toFixed(1)} MB of Russian (${text.length.toLocaleString('en')} characters)`,
  );

  const iuliia = require('iuliia') as {
    translate: (s: string, schema: unknown) => string;
    WIKIPEDIA: unknown;
  };
  const { transliterate } = require('transliteration') as { transliterate: (s: string) => string };
  const CyrillicToTranslit = require('cyrillic-to-translit-js') as new () => {
    transform: (s: string) => string;
  };
  const c2t = new CyrillicToTranslit();

  const slow = { warmup: 1, iterations: 3 };
  const results = [
    await compare({
      name: 'romanize 20 MB, Wikipedia system (context rules: ye, y-, -y endings)',
      opis: { label: "romanize(text, 'wikipedia')", run: () => romanize(text, 'wikipedia') },
      peer: { label: 'iuliia translate WIKIPEDIA', run: () => iuliia.translate(text, iuliia.WIKIPEDIA) },
      bytes,
      ...slow,
    }),
    await compare({
      name: 'romanize 20 MB, letter-for-letter system',
      opis: { label: "romanize(text, 'telegram')", run: () => romanize(text, 'telegram') },
      peer: { label: 'transliteration transliterate', run: () => transliterate(text) },
      bytes,
      ...slow,
    }),
    await compare({
      name: 'romanize 20 MB, Wikipedia system vs cyrillic-to-translit-js (initial ye rules)',
      opis: { label: "romanize(text, 'wikipedia')", run: () => romanize(text, 'wikipedia') },
      peer: { label: 'cyrillic-to-translit-js', run: () => c2t.transform(text) },
      bytes,
      ...slow,
    }),
  ];
  const fastestPeer = Math.min(...results.map((r) => r.peer.median));
  console.log(
    `other systems, against the fastest peer above (${((bytes / 1e6 / fastestPeer) * 1000).toFixed(1)} MB/s)`,
  );
  for (const id of [
    'modified-lc',
    'ala-lc-ascii',
    'ala-lc',
    'bgn-pcgn',
    'german',
    'polish',
    'wikipedia',
    'telegram',
  ]) {
    const t = await time(() => romanize(text, id), 1, 3);
    const mbs = (bytes / 1e6 / t.median) * 1000;
    // CPU time of one more run: on a machine shared with other jobs, wall time measures the load.
    const c0 = process.cpuUsage();
    romanize(text, id);
    const c = process.cpuUsage(c0);
    const cpuMbs = bytes / (c.user + c.system);
    console.log(
      `  opis  ${`romanize(text, '${id}')`.padEnd(28)} median ${t.median.toFixed(2)} ms ${mbs.toFixed(1)} MB/s (CPU time: ${cpuMbs.toFixed(1)} MB/s), ${(fastestPeer / t.median).toFixed(2)}x the fastest peer`,
    );
  }
}
