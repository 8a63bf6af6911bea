/**
 * The accuracy table of docs/data-model.md: counts of what data/ holds, how it is sourced, and
 * its known gaps, computed from the real data.
 *
 *   node --import tsx packages/kb/scripts/stats.ts            # print the table
 *   node --import tsx packages/kb/scripts/stats.ts --write    # replace it in docs/data-model.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/build.ts';
import { compileDataset } from '../src/compile.ts';
import { type Dataset, primary } from '../src/schema.ts';
import { parseSource } from '../src/sources.ts';
import { formatProblem } from '../src/yaml-source.ts';

/** Entries of the book's biographical appendix (Appendix Two, lines 3997-4070 of the seed). */
const APP2_ENTRIES = 63;

function sourcesOf(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const i of v) walk(i);
    else if (v && typeof v === 'object') {
      for (const [k, val] of Object.entries(v)) {
        if ((k === 'source' || k === 'archival_source') && typeof val === 'string') out.push(val);
        else if ((k === 'sources' || k === 'archival_source') && Array.isArray(val)) {
          for (const s of val) if (typeof s === 'string') out.push(s);
        } else if (k !== 'rows') walk(val);
      }
    }
  };
  walk(x);
  return out;
}

/** Counts every statement that carries a source (a record or a sub-statement). */
function countFacts(d: Dataset): { facts: number; refs: Record<string, number>; archiveFiles: number } {
  let facts = 0;
  const refs: Record<string, number> = { book: 0, archive: 0, work: 0 };
  const files = new Set<string>();
  const count = (x: unknown) => {
    const walk = (v: unknown) => {
      if (Array.isArray(v)) for (const i of v) walk(i);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.source === 'string' || Array.isArray(o.sources)) facts++;
        for (const [k, val] of Object.entries(o)) if (k !== 'rows') walk(val);
      }
    };
    walk(x);
  };
  for (const list of Object.values(d)) count(list);
  for (const list of Object.values(d))
    for (const ref of sourcesOf(list)) {
      const p = parseSource(ref);
      if (!p.ok) continue;
      refs[p.value.kind] = (refs[p.value.kind] ?? 0) + 1;
      if (p.value.kind === 'archive' && p.value.key) files.add(p.value.key);
    }
  return { facts, refs, archiveFiles: files.size };
}

export function accuracyTable(dataDir: string): string {
  const r = compileDataset(dataDir);
  if (!r.ok)
    return `data/ does not compile:\n\n${r.problems.map((p) => `- ${formatProblem(p)}`).join('\n')}\n`;
  const d = r.dataset;
  const f = countFacts(d);
  const noBirth = d.people.filter((p) => !p.born).length;
  const noDeath = d.people.filter(
    (p) => !p.died && !(p.fate ?? []).some((x) => x.kind === 'survived'),
  ).length;
  const noFate = d.people.filter((p) => !p.fate?.length).length;
  const disagree = d.people.filter((p) => (p.born?.length ?? 0) > 1 || (p.died?.length ?? 0) > 1).length;
  const app2 = d.people.filter((p) => sourcesOf(p).some((s) => s.startsWith('book:app2'))).length;
  const tenureFromUnknown = d.tenures.filter((t) => t.from === undefined).length;
  const tenureToUnknown = d.tenures.filter((t) => t.to === undefined).length;
  const tenureOpen = d.tenures.filter((t) => t.to === '..').length;
  const dayPrecise = (s: string | undefined) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
  const tenureDay = d.tenures.filter((t) => dayPrecise(t.from) && (dayPrecise(t.to) || t.to === '..')).length;
  const held = new Set(d.tenures.map((t) => t.institution));
  const noHolders = d.institutions.filter((i) => !held.has(i.id)).length;
  const inPeriod = d.events.filter((e) => /^(193\d|1940)/.test(e.date)).length;
  const undatedFate = d.people.flatMap((p) => p.fate ?? []).filter((x) => !x.date).length;
  const ccFull = new Set(
    d.tenures.filter((t) => t.institution === 'cc-17' && t.office === 'full member').map((t) => t.person),
  ).size;
  const ccCand = new Set(
    d.tenures
      .filter((t) => t.institution === 'cc-17' && t.office === 'candidate member')
      .map((t) => t.person),
  ).size;
  const computed = r.discrepancies.filter((x) => x.computed).length;
  const rows: [string, string | number, string][] = [
    [
      'people',
      d.people.length,
      `${app2} of the ${APP2_ENTRIES} entries of the biographical appendix are cited (book:app2)`,
    ],
    [
      'people with a birth date / a death date',
      `${d.people.length - noBirth} / ${d.people.length - noDeath}`,
      `${noBirth} without birth date; ${noDeath} without death date and not marked survived`,
    ],
    [
      'people with a fate statement',
      d.people.length - noFate,
      `${undatedFate} fate statements without a date`,
    ],
    ['people with disagreeing birth or death statements', disagree, 'kept side by side, one preferred'],
    ['institutions', d.institutions.length, `${noHolders} without any recorded holder`],
    [
      'tenures',
      d.tenures.length,
      `${tenureDay} with day-precise bounds; ${tenureOpen} open (..); ${tenureFromUnknown} with unknown start, ${tenureToUnknown} with unknown end`,
    ],
    [
      'CC elected at the 17th Congress: full / candidate members recorded',
      `${ccFull} / ${ccCand}`,
      'the congress elected 71 full and 68 candidate members',
    ],
    ['events', d.events.length, `${inPeriod} dated 1930-1940`],
    ['campaigns', d.campaigns.length, d.campaigns.map((c) => c.id).join(', ')],
    [
      'statistics series / rows',
      `${d.statistics.length} / ${d.statistics.reduce((n, s) => n + s.rows.length, 0)}`,
      d.statistics.map((s) => s.id).join(', '),
    ],
    [
      'discrepancies (computed / recorded by hand)',
      `${computed} / ${r.discrepancies.length - computed}`,
      'never corrected',
    ],
    [
      'sourced statements',
      f.facts,
      'every record and sub-statement carries a source; the compiler rejects one without',
    ],
    [
      'source references: book / archive / other works',
      `${f.refs.book} / ${f.refs.archive} / ${f.refs.work}`,
      `${f.archiveFiles} distinct archival files`,
    ],
    ['warnings of the compiler', r.warnings.length, 'see `opis query check`'],
  ];
  const lines = [
    '| measure | count | note |',
    '|---|---|---|',
    ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
  ];
  const born = d.people.map((p) => primary(p.born)?.date).filter(Boolean).length;
  lines.push(
    '',
    `Generated by \`packages/kb/scripts/stats.ts\` from data/ (${born} birth dates parsed; content hash \`${r.hash.slice(0, 12)}\`).`,
  );
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = accuracyTable(join(repoRoot, 'data'));
  if (process.argv.includes('--write')) {
    const doc = join(repoRoot, 'docs', 'data-model.md');
    const text = readFileSync(doc, 'utf8');
    const begin = '<!-- stats:begin -->';
    const end = '<!-- stats:end -->';
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${doc} has no ${begin} ... ${end} block`);
    writeFileSync(doc, `${text.slice(0, a + begin.length)}\n${table}${text.slice(b)}`);
    console.error(`updated ${doc}`);
  } else process.stdout.write(table);
}
