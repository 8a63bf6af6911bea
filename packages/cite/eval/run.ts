/**
 * `npm run eval -w @opis/cite`: measures extraction, parsing and resolution against the
 * hand-checked gold sets in eval/gold/ and prints the figures beside their targets.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Citation, extractCitations, resolveFootnotes, type Sheet } from '../src/index.ts';

const here = new URL('./', import.meta.url).pathname;
const repo = resolve(here, '../../..');

interface GoldRef {
  kind: string;
  archive: string | null;
  fond: string | null;
  opis: string | null;
  delo: string | null;
  unit?: string;
  vypusk?: string;
  tom?: string;
  chast?: string;
  sheets: string;
  inheritsFrom: number | null;
  start?: number;
  end?: number;
  line?: number;
  raw?: string;
}

const sheetText = (s: Sheet) =>
  `${s.from}${s.verso ? 'v' : ''}${s.to !== undefined ? `-${s.to}${s.toVerso ? 'v' : ''}` : ''}${s.following ? 'ff' : ''}`;

function fieldsOf(c: Citation) {
  const r = c.reference;
  return {
    archive: r.archive,
    fond: r.fond,
    opis: r.opis,
    delo: r.delo,
    unit: r.unit ?? null,
    vypusk: r.vypusk ?? null,
    tom: r.tom ?? null,
    chast: r.chast ?? null,
    sheets: r.sheets.map(sheetText).join(', '),
  };
}

function goldFields(g: GoldRef) {
  return {
    archive: g.archive,
    fond: g.fond,
    opis: g.opis,
    delo: g.delo,
    unit: g.unit ?? null,
    vypusk: g.vypusk ?? null,
    tom: g.tom ?? null,
    chast: g.chast ?? null,
    sheets: g.sheets,
  };
}

function diff(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k}: got ${JSON.stringify(a[k])}, want ${JSON.stringify(b[k])}`);
}

const problems: string[] = [];
let fieldTotal = 0;
let fieldExact = 0;
let resTotal = 0;
let resOk = 0;

// 1. The book: extraction over the gold regions, then fields and resolution of matched pairs.
const meta = JSON.parse(readFileSync(resolve(here, 'gold/book.meta.json'), 'utf8')) as {
  seed: string;
  sha256: string;
  regions: { name: string; fromLine: number; toLine: number }[];
};
const seedPath = process.env.OPIS_SEED ?? resolve(repo, meta.seed);
let bookFigures: { p: number; r: number; tp: number; fp: number; fn: number } | undefined;
if (!existsSync(seedPath)) {
  console.log(`book: seed not found at ${seedPath} (set OPIS_SEED); extraction not measured`);
} else {
  const text = readFileSync(seedPath, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== meta.sha256) console.log(`warning: seed sha256 ${sha} differs from the gold's ${meta.sha256}`);
  const gold = readFileSync(resolve(here, 'gold/book.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as GoldRef);
  const inRegion = (line: number) => meta.regions.some((r) => line >= r.fromLine && line <= r.toLine);
  const all = extractCitations(text);
  const predIdx = all.map((c, i) => ({ c, i })).filter(({ c }) => inRegion(c.line));
  const byStart = new Map(gold.map((g, i) => [`${g.start}:${g.end}`, i]));
  const goldOfPred = new Map<number, number>();
  let tp = 0;
  for (const { c, i } of predIdx) {
    const gi = byStart.get(`${c.start}:${c.end}`);
    if (gi === undefined) {
      problems.push(`book L${c.line}: extracted but not in gold: ${JSON.stringify(c.raw)}`);
      continue;
    }
    tp++;
    goldOfPred.set(i, gi);
  }
  const matchedGold = new Set(goldOfPred.values());
  gold.forEach((g, gi) => {
    if (!matchedGold.has(gi)) problems.push(`book L${g.line}: missed ${JSON.stringify(g.raw)}`);
  });
  for (const [pi, gi] of goldOfPred) {
    const c = all[pi]!;
    const g = gold[gi]!;
    const d = diff(fieldsOf(c), goldFields(g));
    fieldTotal++;
    if (d.length === 0) fieldExact++;
    else problems.push(`book L${g.line} ${JSON.stringify(g.raw)}: ${d.join('; ')}`);
    if (g.kind !== 'full') {
      resTotal++;
      const inh = c.inheritsFrom === null ? null : (goldOfPred.get(c.inheritsFrom) ?? -1);
      if (d.length === 0 && c.kind === g.kind && inh === g.inheritsFrom) resOk++;
      else
        problems.push(
          `book L${g.line} ${JSON.stringify(g.raw)}: resolved as ${c.kind} from ${inh}, want ${g.kind} from ${g.inheritsFrom}`,
        );
    }
  }
  const fp = predIdx.length - tp;
  const fn = gold.length - matchedGold.size;
  bookFigures = { p: tp / Math.max(1, tp + fp), r: tp / Math.max(1, tp + fn), tp, fp, fn };
  console.log(
    `book (${meta.regions.map((r) => r.name).join(', ')}): ${gold.length} gold citations, ${predIdx.length} extracted`,
  );
}

// 2. Russian-style citations, resolved as runs of footnotes.
function readRuGold(path: string): { notes: string[]; expected: { note: number; ref: GoldRef }[] }[] {
  const blocks: { notes: string[]; expected: { note: number; ref: GoldRef }[] }[] = [];
  let cur: (typeof blocks)[number] | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { notes: [], expected: [] };
      blocks.push(cur);
    }
    if (line.startsWith('  = ')) {
      const [head, sheets = ''] = line.slice(4).split('|');
      const toks = head!.trim().split(/\s+/);
      const kind = toks.shift()!;
      const li = toks.findIndex((t) => t.split('/').length === 3);
      const [fond, opis, delo] = toks[li]!.split('/').map((v) => (v === '-' ? null : v));
      const ref: GoldRef = {
        kind,
        archive: toks.slice(0, li).join(' '),
        fond: fond ?? null,
        opis: opis ?? null,
        delo: delo ?? null,
        sheets: sheets.trim(),
        inheritsFrom: null,
      };
      for (const o of toks.slice(li + 1)) {
        const [k, v] = o.split('=');
        if (k === 'unit') ref.unit = v;
        else if (k === 'vyp') ref.vypusk = v;
        else if (k === 't') ref.tom = v;
        else if (k === 'ch') ref.chast = v;
      }
      cur.expected.push({ note: cur.notes.length - 1, ref });
    } else cur.notes.push(line);
  }
  return blocks;
}

const ru = readRuGold(resolve(here, 'gold/ru.gold.txt'));
let ruTotal = 0;
let ruExact = 0;
let ruExtra = 0;
for (const b of ru) {
  const got = resolveFootnotes(b.notes);
  b.expected.forEach((e, i) => {
    if (e.ref.kind !== 'full') e.ref.inheritsFrom = i - 1;
  });
  if (got.length !== b.expected.length) ruExtra += Math.abs(got.length - b.expected.length);
  b.expected.forEach((e, i) => {
    const c = got.find((x, j) => j === i && x.note === e.note);
    ruTotal++;
    fieldTotal++;
    const d = c ? diff(fieldsOf(c), goldFields(e.ref)) : ['not found'];
    if (d.length === 0) {
      ruExact++;
      fieldExact++;
    } else problems.push(`ru ${JSON.stringify(b.notes[e.note])}: ${d.join('; ')}`);
    if (e.ref.kind !== 'full') {
      resTotal++;
      if (c && d.length === 0 && c.kind === e.ref.kind && c.inheritsFrom === e.ref.inheritsFrom) resOk++;
      else
        problems.push(
          `ru ${JSON.stringify(b.notes[e.note])}: resolved as ${c?.kind} from ${c?.inheritsFrom}`,
        );
    }
  });
}
console.log(`russian: ${ruTotal} gold citations in ${ru.length} runs of footnotes`);

const pct = (x: number) => x.toFixed(3);
const rows: [string, number, number][] = [];
if (bookFigures) {
  console.log(`  extraction: tp ${bookFigures.tp}, fp ${bookFigures.fp}, fn ${bookFigures.fn}`);
  rows.push(['extraction precision', bookFigures.p, 0.98], ['extraction recall', bookFigures.r, 0.97]);
}
rows.push(
  ['field-exact parse (all)', fieldExact / Math.max(1, fieldTotal), 0.97],
  ['field-exact parse (russian)', ruExact / Math.max(1, ruTotal), 0.97],
  ['continuation resolution', resOk / Math.max(1, resTotal), 0.95],
);
console.log('');
for (const [name, v, target] of rows)
  console.log(
    `${name.padEnd(30)} ${pct(v)}  (target ${target.toFixed(2)}) ${v >= target ? 'ok' : 'BELOW TARGET'}`,
  );
console.log(
  `  field-exact over ${fieldTotal} citations; resolution over ${resTotal} ibid/continuations; ${ruExtra} extra or missing in the Russian runs`,
);
if (problems.length > 0) {
  console.log(`\n${problems.length} problems:`);
  for (const p of problems.slice(0, 40)) console.log(`  ${p}`);
}
process.exitCode = rows.every(([, v, t]) => v >= t) ? 0 : 1;
