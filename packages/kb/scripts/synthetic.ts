/**
 * A synthetic dataset generator for benchmarks: N people with 5 tenures each (by default) in
 * N/100 institutions, dates of mixed precision (day, month, year), some unknown and open ends,
 * fates, Cyrillic names built from syllables. Deterministic for a seed.
 *
 *   node --import tsx packages/kb/scripts/synthetic.ts --people 100000 --db /tmp/syn-100k.sqlite
 *   node --import tsx packages/kb/scripts/synthetic.ts --people 2000 --yaml /tmp/syn-data   # YAML files
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { dayNumber, fromDayNumber } from '../src/edtf.ts';
import type { Dataset, Institution, Person, Tenure } from '../src/schema.ts';

export interface SyntheticOptions {
  people: number;
  tenuresPerPerson?: number;
  seed?: number;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = [
  'ва',
  'ко',
  'ли',
  'ми',
  'ро',
  'ше',
  'ту',
  'жа',
  'ни',
  'ре',
  'до',
  'зи',
  'ку',
  'бе',
  'го',
  'ча',
  'пы',
  'со',
  'фе',
  'ха',
];
const ENDS = ['ов', 'ев', 'ин', 'ский', 'енко', 'ян', 'ович'];
const GIVEN = [
  'Иван',
  'Николай',
  'Пётр',
  'Алексей',
  'Михаил',
  'Григорий',
  'Яков',
  'Сергей',
  'Андрей',
  'Василий',
];
const OFFICES = [
  'chairman',
  'deputy chairman',
  'secretary',
  'member',
  'candidate member',
  'head of department',
];

/** A date string of the given day number at a random precision (mostly days). */
function dateText(day: number, r: () => number): string {
  const s = fromDayNumber(day);
  const p = r();
  if (p < 0.7) return s;
  if (p < 0.9) return s.slice(0, 7);
  return s.slice(0, 4);
}

export function generateSynthetic(opts: SyntheticOptions): Dataset {
  const r = rng(opts.seed ?? 1937);
  const per = opts.tenuresPerPerson ?? 5;
  const nInst = Math.max(20, Math.round(opts.people / 100));
  const institutions: Institution[] = [];
  const KINDS = ['party', 'state', 'police', 'judicial', 'social'] as const;
  for (let i = 0; i < nInst; i++) {
    const from = dayNumber(1900 + Math.floor(r() * 30), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
    const parent = i > 0 ? Math.floor(r() * i) : -1;
    institutions.push({
      id: `inst-${i}`,
      names: { en: `Institution ${i}`, abbr: [`I${i}`] },
      kind: KINDS[i % KINDS.length] ?? 'state',
      from: fromDayNumber(from),
      to: r() < 0.8 ? '..' : fromDayNumber(from + 3650 + Math.floor(r() * 20000)),
      ...(parent >= 0
        ? {
            relations: [
              {
                type: 'part-of' as const,
                target: `inst-${parent}`,
                from: fromDayNumber(from),
                to: '..',
                source: 'book:front:L190',
              },
            ],
          }
        : {}),
      source: 'book:front:L190',
    });
  }
  const people: Person[] = [];
  const tenures: Tenure[] = [];
  for (let i = 0; i < opts.people; i++) {
    const sur =
      (SYL[Math.floor(r() * SYL.length)] ?? '') +
      (SYL[Math.floor(r() * SYL.length)] ?? '') +
      (ENDS[Math.floor(r() * ENDS.length)] ?? '');
    const surname = sur[0]?.toUpperCase() + sur.slice(1);
    const born = dayNumber(1860 + Math.floor(r() * 60), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
    const died = born + 365 * (35 + Math.floor(r() * 50)) + Math.floor(r() * 365);
    const fateRoll = r();
    const fate: Person['fate'] = [];
    if (fateRoll < 0.3) {
      const arrest = died - Math.floor(r() * 400) - 30;
      fate.push({ kind: 'arrested', date: dateText(arrest, r), source: 'book:app2:L4001' });
      fate.push({ kind: 'shot', date: fromDayNumber(died), source: 'book:app2:L4001' });
    } else if (fateRoll < 0.4)
      fate.push({ kind: 'died', date: fromDayNumber(died), source: 'book:app2:L4001' });
    people.push({
      id: `p-${i}`,
      name: {
        ru: { surname, given: GIVEN[Math.floor(r() * GIVEN.length)] ?? 'Иван' },
        text: surname, // the generator does not romanize; search keys are derived at build time
      },
      born: [{ date: String(fromDayNumber(born).slice(0, 4)), source: 'book:app2:L4001' }],
      died: [{ date: fromDayNumber(died), source: 'book:app2:L4001' }],
      ...(fate.length ? { fate } : {}),
      source: 'book:app2:L4001',
    });
    let day = born + 365 * (22 + Math.floor(r() * 10));
    for (let k = 0; k < per; k++) {
      const len = 180 + Math.floor(r() * 365 * 5);
      const end = Math.min(day + len, died);
      const u = r();
      tenures.push({
        person: `p-${i}`,
        institution: `inst-${Math.floor(r() * nInst)}`,
        office: OFFICES[Math.floor(r() * OFFICES.length)] ?? 'member',
        ...(u < 0.03 ? {} : { from: dateText(day, r) }),
        ...(u > 0.97 ? {} : { to: dateText(end, r) }),
        source: 'book:app2:L4001',
      });
      day = end + 30 + Math.floor(r() * 365);
      if (day >= died) break;
    }
  }
  return { sources: [], people, institutions, tenures, events: [], campaigns: [], statistics: [] };
}

/** Writes the dataset as YAML files in the layout of data/ (for compile benchmarks). */
export function writeYaml(d: Dataset, dir: string): void {
  for (const sub of ['people', 'tenures']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'institutions.yaml'), stringify(d.institutions));
  writeFileSync(join(dir, 'people', 'all.yaml'), stringify(d.people));
  writeFileSync(join(dir, 'tenures', 'all.yaml'), stringify(d.tenures));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '10000' },
      db: { type: 'string' },
      yaml: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const n = Number(values.people);
  const t0 = performance.now();
  const d = generateSynthetic({ people: n, ...(values.seed ? { seed: Number(values.seed) } : {}) });
  console.error(
    `generated ${d.people.length} people, ${d.tenures.length} tenures, ${d.institutions.length} institutions in ${Math.round(performance.now() - t0)} ms`,
  );
  if (values.yaml) writeYaml(d, values.yaml);
  if (values.db) {
    const { writeDatabase } = await import('../src/build.ts');
    const { rmSync } = await import('node:fs');
    rmSync(values.db, { force: true });
    const t1 = performance.now();
    writeDatabase(values.db, d, undefined, [], `synthetic-${n}`, (done, total) => {
      if (done % 100000 === 0) console.error(`  ${done}/${total}`);
    });
    console.error(`wrote ${values.db} in ${Math.round(performance.now() - t1)} ms`);
  }
}
