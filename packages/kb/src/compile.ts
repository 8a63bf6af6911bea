/**
 * The dataset compiler: reads `data/`, validates every record against its schema, checks
 * integrity (dates, life spans, references, sources, statistics identities) and reports ALL
 * problems at once as `file:line:column: message`. It never throws on bad data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { dayNumber, type Edtf, edtfSpan, parseEdtf, type Span } from './edtf.ts';

const DEATH_KINDS = new Set(['shot', 'died-in-prison', 'died-in-camp', 'suicide', 'assassinated', 'died']);

/** The day after the period the dataset records (1932-1939): open tenures run at least to it. */
const RECORD_END = dayNumber(1940, 1, 1);

import { checkIdentity, parseIdentity } from './identity.ts';
import {
  Campaign,
  type ComputedDiscrepancy,
  type Dataset,
  Event,
  Institution,
  Person,
  type Problem,
  primary,
  SCHEMA_VERSION,
  Statistic,
  Tenure,
  Work,
} from './schema.ts';
import { parseSource } from './sources.ts';
import { type Path, YamlFile } from './yaml-source.ts';

export interface CompileOptions {
  onProgress?: (done: number, total: number) => void;
}

/** Where each record stands: `file:line`, index-aligned with the dataset's lists. */
export type Origins = { [K in keyof Dataset]: string[] };

export type CompileResult =
  | {
      ok: true;
      dataset: Dataset;
      origins: Origins;
      warnings: Problem[];
      discrepancies: ComputedDiscrepancy[];
      /** Content hash of data/ and the schema version: what ensureDatabase compares. */
      hash: string;
      files: string[];
    }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

type Kind = keyof Dataset;

interface Rec<T> {
  value: T;
  file: YamlFile;
  path: Path;
}

const KIND_OF_DIR: Record<string, Kind> = {
  people: 'people',
  tenures: 'tenures',
  events: 'events',
  statistics: 'statistics',
};
const KIND_OF_FILE: Record<string, Kind> = {
  'sources.yaml': 'sources',
  'institutions.yaml': 'institutions',
  'campaigns.yaml': 'campaigns',
};
const SCHEMAS: Record<Kind, z.ZodType> = {
  sources: Work,
  people: Person,
  institutions: Institution,
  tenures: Tenure,
  events: Event,
  campaigns: Campaign,
  statistics: Statistic,
};

/** Lists the YAML files of `data/` with their kind (sorted, so the hash is stable). */
export function datasetFiles(dataDir: string): { path: string; kind: Kind | undefined }[] {
  const out: { path: string; kind: Kind | undefined }[] = [];
  const walk = (dir: string, kind: Kind | undefined) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, kind ?? KIND_OF_DIR[name]);
      else if (/\.ya?ml$/.test(name)) out.push({ path: p, kind: kind ?? KIND_OF_FILE[name] });
    }
  };
  if (existsSync(dataDir)) walk(dataDir, undefined);
  return out;
}

/** The content hash of `data/` (file names and bytes) and the schema version. */
export function datasetHash(dataDir: string): string {
  const h = createHash('sha256');
  h.update(`schema:${SCHEMA_VERSION}\n`);
  for (const f of datasetFiles(dataDir)) {
    h.update(`${relative(dataDir, f.path)}\n`);
    h.update(readFileSync(f.path));
    h.update('\n');
  }
  return h.digest('hex');
}

export function compileDataset(dataDir: string, opts: CompileOptions = {}): CompileResult {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const files = datasetFiles(dataDir);
  if (!existsSync(dataDir)) {
    return {
      ok: false,
      problems: [{ file: dataDir, line: 1, column: 1, message: 'data directory not found' }],
      warnings,
    };
  }
  const display = (p: string) => {
    const r = relative(process.cwd(), p);
    return r.startsWith('..') ? p : r;
  };
  const recs: { [K in Kind]: Rec<Dataset[K][number]>[] } = {
    sources: [],
    people: [],
    institutions: [],
    tenures: [],
    events: [],
    campaigns: [],
    statistics: [],
  };
  const hash = createHash('sha256');
  hash.update(`schema:${SCHEMA_VERSION}\n`);

  let done = 0;
  for (const f of files) {
    const text = readFileSync(f.path, 'utf8');
    hash.update(`${relative(dataDir, f.path)}\n`);
    hash.update(Buffer.from(text, 'utf8'));
    hash.update('\n');
    const y = new YamlFile(display(f.path), text);
    opts.onProgress?.(++done, files.length + 1);
    if (!f.kind) {
      warnings.push({
        file: y.file,
        line: 1,
        column: 1,
        message: 'not a known file of data/ (see data/README.md); ignored',
      });
      continue;
    }
    if (y.problems.length > 0) {
      problems.push(...y.problems);
      continue;
    }
    const kind = f.kind;
    const items: { v: unknown; path: Path }[] = [];
    if (kind === 'statistics') {
      if (y.data === null || typeof y.data !== 'object' || Array.isArray(y.data)) {
        problems.push(y.problem([], 'a statistics file holds one record (a mapping)'));
        continue;
      }
      items.push({ v: y.data, path: [] });
    } else {
      if (y.data === null || y.data === undefined) continue; // an empty file
      if (!Array.isArray(y.data)) {
        problems.push(y.problem([], 'this file holds a list of records (- id: ...)'));
        continue;
      }
      y.data.forEach((v, i) => {
        items.push({ v, path: [i] });
      });
    }
    for (const item of items) {
      const r = SCHEMAS[kind].safeParse(item.v);
      if (r.success) {
        (recs[kind] as Rec<unknown>[]).push({ value: r.data, file: y, path: item.path });
        continue;
      }
      for (const issue of r.error.issues) problems.push(...issueProblems(y, item.path, item.v, issue));
      // only unknown fields: check the rest of the record too, so that all problems show at once
      if (r.error.issues.every((i) => i.code === 'unrecognized_keys')) {
        const again = SCHEMAS[kind].safeParse(stripUnknown(item.v, r.error.issues));
        if (again.success)
          (recs[kind] as Rec<unknown>[]).push({ value: again.data, file: y, path: item.path });
      }
    }
  }

  const ctx = new Checker(problems, warnings);
  ctx.uniqueIds(recs);
  ctx.references(recs);
  ctx.sourcesAndDates(recs);
  ctx.lifeSpans(recs);
  const discrepancies = ctx.statistics(recs.statistics);
  opts.onProgress?.(files.length + 1, files.length + 1);

  if (problems.length > 0) {
    problems.sort(byPosition);
    return { ok: false, problems, warnings: warnings.sort(byPosition) };
  }
  const dataset = {} as Dataset;
  const origins = {} as Origins;
  for (const k of Object.keys(recs) as Kind[]) {
    (dataset as unknown as Record<Kind, unknown[]>)[k] = recs[k].map((r) => r.value);
    origins[k] = recs[k].map((r) => `${r.file.file}:${r.file.position(r.path).line}`);
  }
  return {
    ok: true,
    dataset,
    origins,
    warnings: warnings.sort(byPosition),
    discrepancies,
    hash: hash.digest('hex'),
    files: files.map((f) => display(f.path)),
  };
}

function byPosition(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** Turns one zod issue into problems at the right place. */
function issueProblems(y: YamlFile, base: Path, value: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => y.problem([...path, k], `unknown field "${k}"`, { key: true }));
  }
  const got = getAt(
    value,
    issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
  );
  if (issue.code === 'invalid_type' && got === undefined) {
    const field = path[path.length - 1];
    return [y.problem(path.slice(0, -1), `missing field "${String(field)}"`)];
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return [y.problem(path, `"${String(got)}" is not one of: ${issue.values.map(String).join(', ')}`)];
  }
  if (issue.code === 'invalid_union') {
    return [y.problem(path, `unexpected value ${JSON.stringify(got)}`)];
  }
  return [y.problem(path, issue.message)];
}

function stripUnknown(v: unknown, issues: z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(v);
  for (const i of issues) {
    if (i.code !== 'unrecognized_keys') continue;
    const parent = getAt(
      copy,
      i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    );
    if (parent && typeof parent === 'object')
      for (const k of i.keys) delete (parent as Record<string, unknown>)[k];
  }
  return copy;
}

function getAt(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

interface DateField {
  rec: Rec<unknown>;
  path: Path;
  text: string;
  value: Edtf;
  span: Span;
}

class Checker {
  private ids: { [K in Kind]?: Map<string, Rec<unknown>> } = {};

  constructor(
    private readonly problems: Problem[],
    private readonly warnings: Problem[],
  ) {}

  private err(rec: Rec<unknown>, sub: Path, message: string, opts: { key?: boolean; offset?: number } = {}) {
    this.problems.push(rec.file.problem([...rec.path, ...sub], message, opts));
  }
  private warn(rec: Rec<unknown>, sub: Path, message: string) {
    this.warnings.push(rec.file.problem([...rec.path, ...sub], message));
  }

  uniqueIds(recs: { [K in Kind]: Rec<Dataset[K][number]>[] }) {
    for (const kind of Object.keys(recs) as Kind[]) {
      const map = new Map<string, Rec<unknown>>();
      for (const r of recs[kind] as Rec<{ id?: string }>[]) {
        const id = r.value.id;
        if (id === undefined) continue;
        const first = map.get(id);
        if (first) {
          const p = first.file.position(first.path);
          this.err(r, ['id'], `duplicate ${kind} id "${id}" (first at ${first.file.file}:${p.line})`);
        } else map.set(id, r);
      }
      this.ids[kind] = map;
    }
  }

  private ref(kind: Kind, id: string, rec: Rec<unknown>, path: Path, what: string) {
    if (!this.ids[kind]?.has(id))
      this.err(rec, path, `${what} "${id}" is not defined (no ${kind} record with that id)`);
  }

  references(recs: { [K in Kind]: Rec<Dataset[K][number]>[] }) {
    for (const r of recs.tenures) {
      this.ref('people', r.value.person, r, ['person'], 'person');
      this.ref('institutions', r.value.institution, r, ['institution'], 'institution');
    }
    for (const r of recs.institutions) {
      r.value.relations?.forEach((rel, i) => {
        this.ref('institutions', rel.target, r, ['relations', i, 'target'], 'institution');
      });
    }
    for (const r of recs.events) {
      r.value.participants?.forEach((p, i) => {
        this.ref('people', p, r, ['participants', i], 'person');
      });
      r.value.institutions?.forEach((p, i) => {
        this.ref('institutions', p, r, ['institutions', i], 'institution');
      });
      if (r.value.campaign) this.ref('campaigns', r.value.campaign, r, ['campaign'], 'campaign');
    }
    for (const r of recs.campaigns) {
      r.value.events?.forEach((p, i) => {
        this.ref('events', p, r, ['events', i], 'event');
      });
      r.value.institutions?.forEach((p, i) => {
        this.ref('institutions', p, r, ['institutions', i], 'institution');
      });
    }
  }

  /** Every fact sourced, every source well-formed, every date valid. */
  sourcesAndDates(recs: { [K in Kind]: Rec<Dataset[K][number]>[] }) {
    const facts: {
      rec: Rec<unknown>;
      path: Path;
      fact: Record<string, unknown>;
      what: string;
      soft?: boolean;
    }[] = [];
    for (const r of recs.people) {
      const p = r.value;
      facts.push({ rec: r, path: [], fact: p, what: `person "${p.id}"` });
      p.born?.forEach((b, i) => {
        facts.push({ rec: r, path: ['born', i], fact: b, what: 'birth date' });
      });
      p.died?.forEach((b, i) => {
        facts.push({ rec: r, path: ['died', i], fact: b, what: 'death date' });
      });
      for (const f of ['born', 'died'] as const)
        if ((p[f]?.filter((x) => x.preferred === true).length ?? 0) > 1)
          this.err(r, [f], `only one ${f} statement may be preferred`);
      p.fate?.forEach((f, i) => {
        facts.push({ rec: r, path: ['fate', i], fact: f, what: `fate "${f.kind}"` });
      });
      p.variants?.forEach((v, i) => {
        facts.push({ rec: r, path: ['variants', i], fact: v, what: `variant "${v.name}"` });
      });
    }
    for (const r of recs.institutions) {
      facts.push({ rec: r, path: [], fact: r.value, what: `institution "${r.value.id}"` });
      r.value.relations?.forEach((rel, i) => {
        facts.push({ rec: r, path: ['relations', i], fact: rel, what: `relation ${rel.type} ${rel.target}` });
      });
    }
    for (const r of recs.tenures) facts.push({ rec: r, path: [], fact: r.value, what: 'tenure' });
    for (const r of recs.events)
      facts.push({ rec: r, path: [], fact: r.value, what: `event "${r.value.id}"` });
    for (const r of recs.campaigns) {
      const c = r.value;
      facts.push({ rec: r, path: [], fact: c, what: `campaign "${c.id}"` });
      c.rules?.forEach((rule, i) => {
        if (typeof rule === 'string')
          this.warn(r, ['rules', i], "rule has no source of its own; the campaign's source is used");
        else facts.push({ rec: r, path: ['rules', i], fact: rule, what: 'rule' });
      });
      c.results?.forEach((x, i) => {
        facts.push({ rec: r, path: ['results', i], fact: x, what: `result "${x.measure}"` });
      });
      c.limits?.forEach((x, i) => {
        facts.push({ rec: r, path: ['limits', i], fact: x, what: 'limit' });
      });
    }
    for (const r of recs.statistics) {
      facts.push({ rec: r, path: [], fact: r.value, what: `statistic "${r.value.id}"` });
      r.value.discrepancies?.forEach((d, i) => {
        facts.push({ rec: r, path: ['discrepancies', i], fact: d, what: 'discrepancy', soft: true });
      });
    }
    for (const f of facts) {
      const refs: { ref: string; path: Path }[] = [];
      if (typeof f.fact.source === 'string') refs.push({ ref: f.fact.source, path: ['source'] });
      if (Array.isArray(f.fact.sources))
        f.fact.sources.forEach((s, i) => {
          if (typeof s === 'string') refs.push({ ref: s, path: ['sources', i] });
        });
      if (typeof f.fact.archival_source === 'string')
        refs.push({ ref: f.fact.archival_source, path: ['archival_source'] });
      if (Array.isArray(f.fact.archival_source))
        f.fact.archival_source.forEach((s, i) => {
          if (typeof s === 'string') refs.push({ ref: s, path: ['archival_source', i] });
        });
      if (refs.filter((r) => !r.path.includes('archival_source')).length === 0) {
        if (f.soft) this.warn(f.rec, f.path, `${f.what} has no source`);
        else this.err(f.rec, f.path, `${f.what} has no source (add source: or sources:)`);
      }
      if (f.fact.preferred === true && typeof f.fact.reason !== 'string')
        this.warn(f.rec, [...f.path, 'preferred'], 'a preferred statement should give its reason:');
      for (const s of refs) {
        const p = parseSource(s.ref);
        if (!p.ok) this.err(f.rec, [...f.path, ...s.path], p.message, { offset: p.offset });
        else if (p.value.kind === 'work' && !this.ids.sources?.has(p.value.work))
          this.err(f.rec, [...f.path, ...s.path], `work "${p.value.work}" is not in sources.yaml`, {
            offset: 5,
          });
        else if (p.value.kind === 'archive' && !p.value.key)
          this.warn(
            f.rec,
            [...f.path, ...s.path],
            `archival reference not understood (archive, f., op., d.): ${p.value.citation}`,
          );
      }
    }
    // dates
    const dateFields: [Rec<unknown>, Path, unknown][] = [];
    for (const r of recs.people) {
      r.value.born?.forEach((b, i) => {
        dateFields.push([r, ['born', i, 'date'], b.date]);
      });
      r.value.died?.forEach((b, i) => {
        dateFields.push([r, ['died', i, 'date'], b.date]);
      });
      r.value.fate?.forEach((f, i) => {
        dateFields.push([r, ['fate', i, 'date'], f.date]);
      });
    }
    for (const r of recs.institutions) {
      dateFields.push([r, ['from'], r.value.from], [r, ['to'], r.value.to]);
      r.value.relations?.forEach((rel, i) => {
        dateFields.push([r, ['relations', i, 'from'], rel.from], [r, ['relations', i, 'to'], rel.to]);
      });
    }
    for (const r of recs.tenures) dateFields.push([r, ['from'], r.value.from], [r, ['to'], r.value.to]);
    for (const r of recs.events) dateFields.push([r, ['date'], r.value.date]);
    for (const r of recs.campaigns) {
      dateFields.push([r, ['from'], r.value.from], [r, ['to'], r.value.to]);
      r.value.results?.forEach((x, i) => {
        dateFields.push([r, ['results', i, 'date'], x.date]);
      });
      r.value.limits?.forEach((x, i) => {
        dateFields.push([r, ['limits', i, 'date'], x.date]);
      });
    }
    for (const [rec, path, text] of dateFields) {
      if (typeof text !== 'string') continue;
      const d = this.date(rec, path, text);
      if (!d) continue;
    }
    // order of from/to
    const ranges: [Rec<unknown>, Path, string | undefined, string | undefined][] = [];
    for (const r of recs.institutions) {
      ranges.push([r, [], r.value.from, r.value.to]);
      r.value.relations?.forEach((rel, i) => {
        ranges.push([r, ['relations', i], rel.from, rel.to]);
      });
    }
    for (const r of recs.tenures) ranges.push([r, [], r.value.from, r.value.to]);
    for (const r of recs.campaigns) ranges.push([r, [], r.value.from, r.value.to]);
    for (const r of recs.people)
      ranges.push([r, [], primary(r.value.born)?.date, primary(r.value.died)?.date]);
    for (const [rec, path, from, to] of ranges) {
      const a = from && from !== '..' ? this.quiet(from) : undefined;
      const b = to && to !== '..' ? this.quiet(to) : undefined;
      if (a && b && a.lo > b.hi) {
        const isLife = rec.path.length === 1 && 'name' in (rec.value as object) && path.length === 0;
        const died = (rec.value as Person).died;
        const toPath = isLife
          ? ['died', died ? died.indexOf(primary(died) ?? died[0] ?? { date: '' }) : 0, 'date']
          : [...path, 'to'];
        this.err(rec, toPath, `ends (${to}) before it starts (${from})`);
      }
    }
  }

  private quiet(text: string): Span | undefined {
    const r = parseEdtf(text);
    return r.ok ? edtfSpan(r.value) : undefined;
  }

  private date(rec: Rec<unknown>, path: Path, text: string): DateField | undefined {
    const r = parseEdtf(text);
    if (!r.ok) {
      this.err(rec, path, `bad date "${text}": ${r.error.message}`, { offset: r.error.column - 1 });
      return undefined;
    }
    return { rec, path, text, value: r.value, span: edtfSpan(r.value) };
  }

  /** A tenure lies inside its holder's life (and, as a warning, inside its institution's existence). */
  lifeSpans(recs: { [K in Kind]: Rec<Dataset[K][number]>[] }) {
    const people = this.ids.people as Map<string, Rec<Person>> | undefined;
    const insts = this.ids.institutions as Map<string, Rec<Institution>> | undefined;
    for (const r of recs.tenures) {
      const t = r.value;
      const holder = people?.get(t.person)?.value;
      const from = t.from && t.from !== '..' ? this.quiet(t.from) : undefined;
      const to = t.to && t.to !== '..' ? this.quiet(t.to) : undefined;
      const bornFact = primary(holder?.born);
      // the death date, else the date of a fate that ends a life (shot, died in prison...)
      const diedFact =
        primary(holder?.died) ??
        holder?.fate?.find((f) => f.date !== undefined && DEATH_KINDS.has(f.kind) && !f.date.includes('..'));
      const born = bornFact ? this.quiet(bornFact.date) : undefined;
      const died = diedFact?.date ? this.quiet(diedFact.date) : undefined;
      if (born && from && from.hi < born.lo)
        this.err(
          r,
          ['from'],
          `tenure starts (${t.from}) before its holder ${t.person} was born (${bornFact?.date})`,
        );
      if (died && from && from.lo > died.hi)
        this.err(
          r,
          ['from'],
          `tenure starts (${t.from}) after its holder ${t.person} died (${diedFact?.date})`,
        );
      if (died && to && to.lo > died.hi)
        this.err(r, ['to'], `tenure ends (${t.to}) after its holder ${t.person} died (${diedFact?.date})`);
      if (died && t.to === '..' && died.hi < RECORD_END)
        this.warn(r, ['to'], `tenure is open (..) but its holder ${t.person} died ${diedFact?.date}`);
      const inst = insts?.get(t.institution)?.value;
      const ifrom = inst?.from && inst.from !== '..' ? this.quiet(inst.from) : undefined;
      const ito = inst?.to && inst.to !== '..' ? this.quiet(inst.to) : undefined;
      if (ifrom && to && to.hi < ifrom.lo)
        this.warn(r, ['to'], `tenure ends (${t.to}) before ${t.institution} exists (from ${inst?.from})`);
      if (ito && from && from.lo > ito.hi)
        this.warn(r, ['from'], `tenure starts (${t.from}) after ${t.institution} ended (${inst?.to})`);
    }
  }

  statistics(stats: Rec<Dataset['statistics'][number]>[]): ComputedDiscrepancy[] {
    const out: ComputedDiscrepancy[] = [];
    for (const r of stats) {
      const s = r.value;
      const cols = new Set<string>();
      s.columns.forEach((c, i) => {
        if (cols.has(c.id)) this.err(r, ['columns', i, 'id'], `duplicate column "${c.id}"`);
        cols.add(c.id);
      });
      s.key.forEach((k, i) => {
        if (!cols.has(k)) this.err(r, ['key', i], `key column "${k}" is not among the columns`);
      });
      const rowWhere = (row: Record<string, unknown>) => s.key.map((k) => String(row[k] ?? '')).join(' / ');
      const seen = new Map<string, number>();
      s.rows.forEach((row, i) => {
        for (const k of Object.keys(row))
          if (!cols.has(k)) this.err(r, ['rows', i, k], `"${k}" is not a column of ${s.id}`, { key: true });
        const where = rowWhere(row);
        if (seen.has(where))
          this.err(
            r,
            ['rows', i],
            `duplicate row key "${where}" (same as row ${(seen.get(where) ?? 0) + 1})`,
          );
        else seen.set(where, i);
      });
      (s.identities ?? []).forEach((text, i) => {
        const p = parseIdentity(text);
        if (!p.ok) {
          this.err(r, ['identities', i], p.message, { offset: p.offset });
          return;
        }
        for (const c of p.value.columns)
          if (!cols.has(c))
            this.err(r, ['identities', i], `identity uses "${c}", not a column of ${s.id}`, {
              offset: text.indexOf(c),
            });
        s.rows.forEach((row) => {
          const check = checkIdentity(p.value, row);
          if (check && !check.holds) {
            out.push({
              series: s.id,
              where: rowWhere(row),
              identity: text,
              left: check.left,
              right: round(check.right),
              difference: round(check.left - check.right),
              note: `${text}: ${check.left} printed, ${round(check.right)} computed`,
              source: s.source,
              computed: true,
            });
          }
        });
      });
      if (s.totals_row !== undefined) {
        const keyCol = s.key[0] ?? '';
        const total = s.rows.find((row) => String(row[keyCol]) === s.totals_row);
        if (!total) this.err(r, ['totals_row'], `no row with ${keyCol} "${s.totals_row}"`);
        else {
          for (const c of s.columns) {
            if (s.key.includes(c.id) || c.unit === 'percent') continue;
            const t = total[c.id];
            if (typeof t !== 'number') continue;
            let sum = 0;
            let all = true;
            for (const row of s.rows) {
              if (row === total) continue;
              const v = row[c.id];
              if (typeof v === 'number') sum += v;
              else all = false;
            }
            if (all && Math.abs(sum - t) > 1e-9)
              out.push({
                series: s.id,
                where: `${s.totals_row} / ${c.id}`,
                identity: `${c.id}: total = sum of rows`,
                left: t,
                right: round(sum),
                difference: round(t - sum),
                note: `total of ${c.id} printed ${t}, rows sum to ${round(sum)}`,
                source: s.source,
                computed: true,
              });
          }
        }
      }
      for (const d of s.discrepancies ?? [])
        out.push({
          series: s.id,
          where: d.where,
          note: d.note,
          source: d.source ?? d.sources?.[0],
          computed: false,
        });
    }
    return out;
  }
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
