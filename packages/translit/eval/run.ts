/**
 * Evaluation of name matching: `npm run eval -w @opis/translit`.
 *
 * The gold set (eval/gold/variants.tsv, built by eval/make-gold.mjs) holds spellings of the
 * names of real people in many systems and forms, each with the candidate line it must match.
 * The true names are hidden among real Russian surnames (eval/data/surnames.txt, see
 * eval/data/SOURCES.md). Two runs: with the person present (top-1, accepted and right,
 * accepted and wrong) and with the person removed from the list (share of queries that accept
 * somebody anyway). A plain Jaro–Winkler over one romanization is printed beside opis.
 *
 * Options: --distractors N (default 2000), --threshold T, --verbose (list the failures).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { romanize, systemIds } from '../src/index.ts';
import { DEFAULT_THRESHOLD, jaroWinkler, NameIndex } from '../src/match/index.ts';

const { values } = parseArgs({
  options: {
    distractors: { type: 'string', default: '2000' },
    threshold: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const nDistractors = Number(values.distractors);
const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
const JW_THRESHOLD = 0.9;

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');

interface Gold {
  query: string;
  kind: string;
  truth: string;
}
const gold: Gold[] = read('./gold/variants.tsv')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [query, kind, truth] = l.split('\t') as [string, string, string];
    return { query, kind, truth };
  });
const truths = [...new Set(gold.map((g) => g.truth))];

// Distractors: real surnames that are not one of the true names (compared without ё).
const plain = (s: string) => s.toLowerCase().replaceAll('ё', 'е');
const trueSurnames = new Set(truths.flatMap((t) => t.split(/[()\s]+/).filter(Boolean)).map(plain));
const distractors = read('./data/surnames.txt')
  .trim()
  .split('\n')
  .filter((s) => !trueSurnames.has(plain(s)))
  .slice(0, nDistractors);

// Candidate list: distractors with the true names at seeded random places.
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(1938);
const candidates = [...distractors];
for (const t of truths) candidates.splice(Math.floor(rnd() * (candidates.length + 1)), 0, t);
const position = new Map(candidates.map((c, i) => [c, i]));

// ---- opis
const t0 = performance.now();
const index = new NameIndex(candidates);
const buildMs = performance.now() - t0;

interface Tally {
  n: number;
  top1: number;
  right: number;
  wrong: number;
  absentAccept: number;
}
const blank = (): Tally => ({ n: 0, top1: 0, right: 0, wrong: 0, absentAccept: 0 });
const total = blank();
const byKind = new Map<string, Tally>();
const failures: string[] = [];
const searchTimes: number[] = [];
for (const g of gold) {
  const k = byKind.get(g.kind) ?? blank();
  byKind.set(g.kind, k);
  const t = performance.now();
  const present = index.search(g.query, { threshold });
  searchTimes.push(performance.now() - t);
  const truthAt = position.get(g.truth)!;
  const absent = index.search(g.query, { threshold, skip: (i) => i === truthAt });
  for (const t of [total, k]) {
    t.n++;
    if (present.candidates[0]?.name === g.truth) t.top1++;
    if (present.match?.name === g.truth) t.right++;
    else if (present.match) t.wrong++;
    if (absent.match) t.absentAccept++;
  }
  if (values.verbose && (present.match?.name !== g.truth || absent.match)) {
    const top = present.candidates
      .slice(0, 3)
      .map((c) => `${c.name} ${c.score}`)
      .join(', ');
    const why = present.match?.name === g.truth ? `absent: accepts ${absent.match!.name}` : 'present';
    failures.push(`${g.kind.padEnd(20)} ${g.query.padEnd(34)} -> ${g.truth}   [${why}] ${top}`);
  }
}
searchTimes.sort((a, b) => a - b);
const queryMs = searchTimes[Math.floor(searchTimes.length / 2)] ?? 0;

// ---- baseline: Jaro–Winkler over one romanization (LC without diacritics or apostrophes)
const LC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};
const roman = (s: string) =>
  [...s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')]
    .map((c) => LC[c] ?? c)
    .join('')
    .replace(/[^a-z]/g, '');
/** The surname of a query for the baseline: the longest word. */
const surnameOf = (q: string) =>
  q
    .replace(/\(.*?\)/g, ' ')
    .split(/[\s,]+/)
    .sort((a, b) => b.length - a.length)[0] ?? q;
const candKeys = candidates.map((c) =>
  c
    .split(/[()]/)
    .map((p) => roman(p.trim()))
    .filter(Boolean),
);
const base = blank();
const t2 = performance.now();
for (const g of gold) {
  const q = roman(surnameOf(g.query));
  let best = -1;
  let bestScore = -1;
  let second = -1;
  let secondScore = -1;
  for (let i = 0; i < candidates.length; i++) {
    let s = 0;
    for (const k of candKeys[i]!) s = Math.max(s, jaroWinkler(q, k));
    if (s > bestScore) {
      second = best;
      secondScore = bestScore;
      best = i;
      bestScore = s;
    } else if (s > secondScore) {
      second = i;
      secondScore = s;
    }
  }
  base.n++;
  const truthAt = position.get(g.truth)!;
  if (best === truthAt) base.top1++;
  if (bestScore >= JW_THRESHOLD) {
    if (best === truthAt) base.right++;
    else base.wrong++;
  }
  const absentBest = best === truthAt ? secondScore : bestScore;
  if (second >= -1 && absentBest >= JW_THRESHOLD) base.absentAccept++;
}
const baseMs = (performance.now() - t2) / gold.length;

// ---- report
const pct = (x: number, n: number) => (n === 0 ? '  -  ' : (x / n).toFixed(3));
console.log(
  `name matching: ${gold.length} queries (${byKind.size} systems and forms) of ${truths.length} people, ` +
    `hidden among ${distractors.length} real surnames (${candidates.length} candidates)`,
);
console.log(
  `opis threshold ${threshold}; baseline: Jaro-Winkler over LC romanization, accept at ${JW_THRESHOLD}\n`,
);
console.log('                          opis     Jaro-Winkler   target');
console.log(
  `top-1                     ${pct(total.top1, total.n)}    ${pct(base.top1, base.n)}          >= 0.99`,
);
console.log(
  `accepted and right        ${pct(total.right, total.n)}    ${pct(base.right, base.n)}          >= 0.95`,
);
console.log(
  `accepted and wrong        ${pct(total.wrong, total.n)}    ${pct(base.wrong, base.n)}          <= 0.01`,
);
console.log(
  `absent: accepts anyone    ${pct(total.absentAccept, total.n)}    ${pct(base.absentAccept, base.n)}          <= 0.01`,
);
console.log(
  `\nopis: index of ${candidates.length} built in ${buildMs.toFixed(0)} ms; median ${(queryMs * 1000).toFixed(0)} µs per query` +
    ` (Jaro-Winkler scan of every candidate: mean ${(baseMs * 1000).toFixed(0)} µs per query)\n`,
);
console.log('by system or form        n     top-1  right  wrong  absent-accepts');
for (const [kind, t] of [...byKind].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(
    `${kind.padEnd(22)} ${String(t.n).padStart(4)}   ${pct(t.top1, t.n)}  ${pct(t.right, t.n)}  ${pct(t.wrong, t.n)}  ${pct(t.absentAccept, t.n)}`,
  );
}
if (values.verbose) {
  console.log(`\nfailures (${failures.length}):`);
  for (const f of failures) console.log(`  ${f}`);
}

// ---- cross-check: the same people romanized by this package's own romanize() in every Russian
// system it has (written by another hand than the gold set), person present and absent.
const people = truths.map((t) => ({ truth: t, surname: t.split(' (')[0]! }));
const cross: {
  system: string;
  n: number;
  top1: number;
  right: number;
  wrong: number;
  absentAccept: number;
}[] = [];
// Tables for Russian only: the Ukrainian and Belarusian LC tables (ala-lc-uk, ala-lc-be) read
// г, и, е as those languages do and are not a way of writing a Russian name.
for (const system of systemIds().filter((id) => !/-(uk|be)$/.test(id))) {
  const t = { system, ...blank() };
  for (const p of people) {
    const q = romanize(p.surname, system);
    const truthAt = position.get(p.truth)!;
    const present = index.search(q, { threshold });
    const absent = index.search(q, { threshold, skip: (i) => i === truthAt });
    t.n++;
    if (present.candidates[0]?.name === p.truth) t.top1++;
    if (present.match?.name === p.truth) t.right++;
    else if (present.match) t.wrong++;
    if (absent.match) t.absentAccept++;
  }
  cross.push(t);
}
const sum = cross.reduce((a, t) => {
  a.n += t.n;
  a.top1 += t.top1;
  a.right += t.right;
  a.wrong += t.wrong;
  a.absentAccept += t.absentAccept;
  return a;
}, blank());
console.log(
  `\ncross-check: the ${people.length} surnames romanized by romanize() in each of its ${cross.length} Russian systems ` +
    `(${sum.n} queries): top-1 ${pct(sum.top1, sum.n)}, accepted and right ${pct(sum.right, sum.n)}, ` +
    `accepted and wrong ${pct(sum.wrong, sum.n)}, absent: accepts anyone ${pct(sum.absentAccept, sum.n)}`,
);
if (values.verbose) {
  for (const t of cross)
    console.log(
      `  ${t.system.padEnd(18)} top-1 ${pct(t.top1, t.n)}  right ${pct(t.right, t.n)}  wrong ${pct(t.wrong, t.n)}  absent ${pct(t.absentAccept, t.n)}`,
    );
}
