/**
 * Writes a compiled dataset to SQLite: one transaction into a temporary file, renamed over the
 * target only when everything is in, so a failed build leaves the old database untouched.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { nameKey, phoneticKey, romanizations } from './adapters.ts';
import { type CompileOptions, compileDataset, datasetHash, type Origins } from './compile.ts';
import { NEG_INF, POS_INF, spanOf } from './edtf.ts';
import { type ComputedDiscrepancy, type Dataset, type Problem, primary, SCHEMA_VERSION } from './schema.ts';
import { parseSource } from './sources.ts';

/** Sentinels for open or unknown ends in the day-number columns (SQLite has no infinity index). */
export const LO_INF = -1e9;
export const HI_INF = 1e9;

export interface BuildOptions extends CompileOptions {}

export type BuildResult =
  | {
      ok: true;
      path: string;
      hash: string;
      counts: Record<string, number>;
      warnings: Problem[];
      discrepancies: ComputedDiscrepancy[];
      ms: number;
    }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** The error `ensureDatabase` throws when data/ does not compile (all problems attached). */
export class DatasetError extends Error {
  constructor(readonly problems: Problem[]) {
    const first = problems[0];
    super(
      first
        ? `${first.file}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`
        : 'data/ does not compile',
    );
    this.name = 'DatasetError';
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (packages/kb/src -> ../../..). */
export const repoRoot = resolve(here, '../../..');

export function defaultDataDir(): string {
  return process.env.OPIS_DATA_DIR ?? join(repoRoot, 'data');
}

export function defaultDbPath(): string {
  return process.env.OPIS_DB ?? join(repoRoot, '.opis', 'opis.sqlite');
}

const DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE people (
  id TEXT PRIMARY KEY, surname_ru TEXT, given_ru TEXT, patronymic_ru TEXT, text TEXT NOT NULL,
  given_text TEXT, born TEXT, died TEXT, born_lo INTEGER, born_hi INTEGER, died_lo INTEGER, died_hi INTEGER,
  fates TEXT, origin TEXT, json TEXT NOT NULL);
CREATE TABLE person_names (person_id TEXT NOT NULL, form TEXT NOT NULL, key TEXT NOT NULL, system TEXT NOT NULL, part TEXT NOT NULL,
  pkey TEXT NOT NULL);
CREATE VIRTUAL TABLE people_fts USING fts5(person_id UNINDEXED, names, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE fates (person_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, date TEXT, lo INTEGER, hi INTEGER, json TEXT NOT NULL);
CREATE TABLE institutions (
  id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_ru TEXT, abbr TEXT, kind TEXT NOT NULL, region TEXT,
  "from" TEXT, "to" TEXT, from_lo INTEGER NOT NULL, to_hi INTEGER NOT NULL, origin TEXT, json TEXT NOT NULL);
CREATE TABLE institution_names (institution_id TEXT NOT NULL, form TEXT NOT NULL, key TEXT NOT NULL);
CREATE VIRTUAL TABLE institutions_fts USING fts5(institution_id UNINDEXED, names, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE relations (institution_id TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, "from" TEXT, "to" TEXT, json TEXT NOT NULL);
CREATE TABLE tenures (
  id INTEGER PRIMARY KEY, person_id TEXT NOT NULL, institution_id TEXT NOT NULL, office TEXT NOT NULL,
  "from" TEXT, "to" TEXT, from_lo INTEGER NOT NULL, to_hi INTEGER NOT NULL, sources TEXT NOT NULL,
  -- the holder's name, death and fates, copied so that stateOn reads one table
  text TEXT NOT NULL, surname_ru TEXT, given_ru TEXT, patronymic_ru TEXT, died TEXT, died_lo INTEGER, died_hi INTEGER, fates TEXT,
  origin TEXT, json TEXT NOT NULL);
CREATE VIRTUAL TABLE tenures_span USING rtree_i32(id, lo, hi);
CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, origin TEXT, json TEXT NOT NULL);
CREATE TABLE event_people (event_id TEXT NOT NULL, person_id TEXT NOT NULL);
CREATE TABLE event_institutions (event_id TEXT NOT NULL, institution_id TEXT NOT NULL);
CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, title, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE campaigns (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "from" TEXT, "to" TEXT, origin TEXT, json TEXT NOT NULL);
CREATE TABLE statistics (id TEXT PRIMARY KEY, title TEXT NOT NULL, unit TEXT NOT NULL, rows INTEGER NOT NULL, origin TEXT, json TEXT NOT NULL);
CREATE TABLE discrepancies (series TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE works (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE fact_sources (
  fact_kind TEXT NOT NULL, fact_id TEXT NOT NULL, field TEXT NOT NULL, ref TEXT NOT NULL, scheme TEXT NOT NULL,
  archive TEXT, fond TEXT, opis TEXT, delo TEXT, key TEXT);
`;

/** Indexes, created after the bulk insert (faster than maintaining them row by row). */
const INDEXES = `
CREATE INDEX person_names_key ON person_names(key);
CREATE INDEX person_names_pkey ON person_names(pkey);
CREATE INDEX person_names_person ON person_names(person_id);
CREATE INDEX fates_person ON fates(person_id);
CREATE INDEX institution_names_key ON institution_names(key);
CREATE INDEX relations_inst ON relations(institution_id);
CREATE INDEX relations_target ON relations(target);
CREATE INDEX tenures_person ON tenures(person_id);
CREATE INDEX tenures_inst ON tenures(institution_id, from_lo);
CREATE INDEX events_lo ON events(lo);
CREATE INDEX events_kind ON events(kind, lo);
CREATE INDEX event_people_p ON event_people(person_id);
CREATE INDEX event_institutions_i ON event_institutions(institution_id);
CREATE INDEX fact_sources_key ON fact_sources(key);
CREATE INDEX fact_sources_fact ON fact_sources(fact_kind, fact_id);
`;

function lo(text: string | undefined): number {
  if (text === undefined || text === '..') return LO_INF;
  const s = spanOf(text);
  return s === undefined || s.lo === NEG_INF ? LO_INF : s.lo;
}
function hi(text: string | undefined): number {
  if (text === undefined || text === '..') return HI_INF;
  const s = spanOf(text);
  return s === undefined || s.hi === POS_INF ? HI_INF : s.hi;
}

/** Every source reference of a record and its parts, with the field it stands in. */
function refsOf(value: unknown, field = ''): { field: string; ref: string }[] {
  const out: { field: string; ref: string }[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...refsOf(v, `${field}[${i}]`));
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const f = field ? `${field}.${k}` : k;
      if ((k === 'source' || k === 'archival_source') && typeof v === 'string')
        out.push({ field: field || k, ref: v });
      else if ((k === 'sources' || k === 'archival_source') && Array.isArray(v))
        for (const s of v) {
          if (typeof s === 'string') out.push({ field: field || k, ref: s });
        }
      else if (k !== 'rows') out.push(...refsOf(v, f));
    }
  }
  return out;
}

/** Writes `dataset` into a new database file at `path` (which must not exist). */
export function writeDatabase(
  path: string,
  dataset: Dataset,
  origins: Origins | undefined,
  discrepancies: ComputedDiscrepancy[],
  hash: string,
  onProgress?: (done: number, total: number) => void,
): Record<string, number> {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -200000');
    db.exec(DDL);
    const total =
      dataset.people.length +
      dataset.tenures.length +
      dataset.institutions.length +
      dataset.events.length +
      1;
    let done = 0;
    const tick = () => {
      done++;
      if (onProgress && (done % 1000 === 0 || done === total)) onProgress(done, total);
    };
    const insSource = db.prepare(
      'INSERT INTO fact_sources (fact_kind, fact_id, field, ref, scheme, archive, fond, opis, delo, key) VALUES (?,?,?,?,?,?,?,?,?,?)',
    );
    const archiveCache = new Map<string, ReturnType<typeof parseSource>>();
    const sources = (kind: string, id: string, value: unknown) => {
      for (const { field, ref } of refsOf(value)) {
        let p = archiveCache.get(ref);
        if (!p) {
          p = parseSource(ref);
          archiveCache.set(ref, p);
        }
        const a = p.ok && p.value.kind === 'archive' ? p.value : undefined;
        insSource.run(
          kind,
          id,
          field,
          ref,
          p.ok ? p.value.kind : 'invalid',
          a?.archive ?? null,
          a?.fond ?? null,
          a?.opis ?? null,
          a?.delo ?? null,
          a?.key ?? null,
        );
      }
    };
    const counts: Record<string, number> = {};
    db.transaction(() => {
      const insPerson = db.prepare(
        'INSERT INTO people VALUES (@id,@surname_ru,@given_ru,@patronymic_ru,@text,@given_text,@born,@died,@born_lo,@born_hi,@died_lo,@died_hi,@fates,@origin,@json)',
      );
      const insName = db.prepare('INSERT INTO person_names VALUES (?,?,?,?,?,?)');
      const pkeyCache = new Map<string, string>();
      const pkey = (form: string) => {
        let k = pkeyCache.get(form);
        if (k === undefined) {
          k = phoneticKey(form);
          if (pkeyCache.size > 200000) pkeyCache.clear();
          pkeyCache.set(form, k);
        }
        return k;
      };
      const insFts = db.prepare('INSERT INTO people_fts (person_id, names) VALUES (?,?)');
      const insFate = db.prepare('INSERT INTO fates VALUES (?,?,?,?,?,?,?)');
      const romanCache = new Map<string, { system: string; form: string }[]>();
      const roman = (s: string) => {
        let r = romanCache.get(s);
        if (!r) {
          r = romanizations(s);
          romanCache.set(s, r);
        }
        return r;
      };
      dataset.people.forEach((p, i) => {
        const ru = p.name.ru;
        insPerson.run({
          id: p.id,
          surname_ru: ru.surname,
          given_ru: ru.given ?? null,
          patronymic_ru: ru.patronymic ?? null,
          text: p.name.text,
          given_text: p.name.given_text ?? null,
          born: primary(p.born)?.date ?? null,
          died: primary(p.died)?.date ?? null,
          born_lo: p.born ? lo(primary(p.born)?.date) : null,
          born_hi: p.born ? hi(primary(p.born)?.date) : null,
          died_lo: p.died ? lo(primary(p.died)?.date) : null,
          died_hi: p.died ? hi(primary(p.died)?.date) : null,
          fates: p.fate?.length
            ? JSON.stringify(
                p.fate.map((f) => ({
                  kind: f.kind,
                  date: f.date ?? null,
                  lo: f.date ? lo(f.date) : null,
                  hi: f.date ? hi(f.date) : null,
                })),
              )
            : null,
          origin: origins?.people[i] ?? null,
          json: JSON.stringify(p),
        });
        const names = new Map<string, { form: string; system: string; part: string }>();
        const add = (form: string, system: string, part: string) => {
          const key = nameKey(form);
          if (key && !names.has(`${key}|${part}`)) names.set(`${key}|${part}`, { form, system, part });
        };
        add(p.name.text, 'text', 'surname');
        add(ru.surname, 'ru', 'surname');
        for (const r of roman(ru.surname)) add(r.form, r.system, 'surname');
        for (const v of p.variants ?? []) {
          add(v.name, 'variant', 'surname');
          if (v.ru) {
            add(v.ru, 'ru', 'surname');
            for (const r of roman(v.ru)) add(r.form, r.system, 'surname');
          }
        }
        for (const g of [ru.given, ru.patronymic]) {
          if (!g) continue;
          add(g, 'ru', 'given');
          for (const r of roman(g)) add(r.form, r.system, 'given');
        }
        for (const g of (p.name.given_text ?? '').split(/\s+/)) if (g) add(g, 'text', 'given');
        for (const n of names.values())
          insName.run(p.id, n.form, nameKey(n.form), n.system, n.part, pkey(n.form));
        insFts.run(p.id, [...names.values()].map((n) => `${n.form} ${nameKey(n.form)}`).join(' '));
        p.fate?.forEach((f, j) => {
          insFate.run(
            p.id,
            j,
            f.kind,
            f.date ?? null,
            f.date ? lo(f.date) : null,
            f.date ? hi(f.date) : null,
            JSON.stringify(f),
          );
        });
        sources('person', p.id, p);
        tick();
      });
      counts.people = dataset.people.length;

      const insInst = db.prepare(
        'INSERT INTO institutions VALUES (@id,@name_en,@name_ru,@abbr,@kind,@region,@from,@to,@from_lo,@to_hi,@origin,@json)',
      );
      const insIName = db.prepare('INSERT INTO institution_names VALUES (?,?,?)');
      const insIFts = db.prepare('INSERT INTO institutions_fts (institution_id, names) VALUES (?,?)');
      const insRel = db.prepare('INSERT INTO relations VALUES (?,?,?,?,?,?)');
      dataset.institutions.forEach((inst, i) => {
        insInst.run({
          id: inst.id,
          name_en: inst.names.en,
          name_ru: inst.names.ru ?? null,
          abbr: (inst.names.abbr ?? []).join(', ') || null,
          kind: inst.kind,
          region: inst.region ?? null,
          from: inst.from ?? null,
          to: inst.to ?? null,
          from_lo: lo(inst.from),
          to_hi: hi(inst.to),
          origin: origins?.institutions[i] ?? null,
          json: JSON.stringify(inst),
        });
        const forms = [
          inst.id,
          inst.names.en,
          inst.names.ru,
          ...(inst.names.abbr ?? []),
          ...(inst.names.ru_abbr ?? []),
          ...(inst.names.other ?? []),
        ].filter((x): x is string => !!x);
        for (const ab of inst.names.ru_abbr ?? []) forms.push(...roman(ab).map((r) => r.form));
        const seen = new Set<string>();
        for (const f of forms) {
          const k = nameKey(f);
          if (k && !seen.has(k)) {
            seen.add(k);
            insIName.run(inst.id, f, k);
          }
        }
        insIFts.run(inst.id, forms.join(' '));
        for (const rel of inst.relations ?? [])
          insRel.run(inst.id, rel.type, rel.target, rel.from ?? null, rel.to ?? null, JSON.stringify(rel));
        sources('institution', inst.id, inst);
        tick();
      });
      counts.institutions = dataset.institutions.length;

      const insTen = db.prepare(
        'INSERT INTO tenures VALUES (@id,@person_id,@institution_id,@office,@from,@to,@from_lo,@to_hi,@sources,@text,@surname_ru,@given_ru,@patronymic_ru,@died,@died_lo,@died_hi,@fates,@origin,@json)',
      );
      const insSpan = db.prepare('INSERT INTO tenures_span VALUES (?,?,?)');
      const holder = db.prepare(
        'SELECT text, surname_ru, given_ru, patronymic_ru, died, died_lo, died_hi, fates FROM people WHERE id = ?',
      );
      dataset.tenures.forEach((t, i) => {
        const id = i + 1;
        const h = holder.get(t.person) as Record<string, unknown>;
        const fl = lo(t.from);
        const th = hi(t.to);
        insTen.run({
          id,
          person_id: t.person,
          institution_id: t.institution,
          office: t.office,
          from: t.from ?? null,
          to: t.to ?? null,
          from_lo: fl,
          to_hi: th,
          sources: JSON.stringify([...(t.source ? [t.source] : []), ...(t.sources ?? [])]),
          ...h,
          origin: origins?.tenures[i] ?? null,
          json: JSON.stringify(t),
        });
        insSpan.run(id, fl, th);
        sources('tenure', t.id ?? String(id), t);
        tick();
      });
      counts.tenures = dataset.tenures.length;

      const insEv = db.prepare('INSERT INTO events VALUES (?,?,?,?,?,?,?,?)');
      const insEP = db.prepare('INSERT INTO event_people VALUES (?,?)');
      const insEI = db.prepare('INSERT INTO event_institutions VALUES (?,?)');
      const insEF = db.prepare('INSERT INTO events_fts (event_id, title) VALUES (?,?)');
      dataset.events.forEach((e, i) => {
        insEv.run(
          e.id,
          e.date,
          lo(e.date),
          hi(e.date),
          e.kind,
          e.title,
          origins?.events[i] ?? null,
          JSON.stringify(e),
        );
        for (const p of e.participants ?? []) insEP.run(e.id, p);
        for (const p of e.institutions ?? []) insEI.run(e.id, p);
        insEF.run(e.id, [e.title, ...(e.documents ?? [])].join(' '));
        sources('event', e.id, e);
        tick();
      });
      counts.events = dataset.events.length;

      const insC = db.prepare('INSERT INTO campaigns VALUES (?,?,?,?,?,?,?)');
      dataset.campaigns.forEach((c, i) => {
        insC.run(
          c.id,
          c.name,
          c.kind,
          c.from ?? null,
          c.to ?? null,
          origins?.campaigns[i] ?? null,
          JSON.stringify(c),
        );
        sources('campaign', c.id, c);
      });
      counts.campaigns = dataset.campaigns.length;

      const insS = db.prepare('INSERT INTO statistics VALUES (?,?,?,?,?,?)');
      dataset.statistics.forEach((s, i) => {
        insS.run(s.id, s.title, s.unit, s.rows.length, origins?.statistics[i] ?? null, JSON.stringify(s));
        sources('statistic', s.id, s);
      });
      counts.statistics = dataset.statistics.length;
      const insD = db.prepare('INSERT INTO discrepancies VALUES (?,?)');
      for (const d of discrepancies) insD.run(d.series, JSON.stringify(d));
      counts.discrepancies = discrepancies.length;
      const insW = db.prepare('INSERT INTO works VALUES (?,?)');
      for (const w of dataset.sources) insW.run(w.id, JSON.stringify(w));
      counts.works = dataset.sources.length;

      const insMeta = db.prepare('INSERT INTO meta VALUES (?,?)');
      insMeta.run('hash', hash);
      insMeta.run('schema_version', String(SCHEMA_VERSION));
      insMeta.run('built_at', new Date().toISOString());
      insMeta.run('counts', JSON.stringify(counts));
    })();
    db.exec(INDEXES);
    tick();
    db.exec('ANALYZE');
    return counts;
  } finally {
    db.close();
  }
}

/** Compiles `dataDir` and writes the database to `dbPath` (temp file, then rename). */
export function buildDatabase(dataDir: string, dbPath: string, opts: BuildOptions = {}): BuildResult {
  const t0 = performance.now();
  const total = { compile: 0 };
  const compiled = compileDataset(dataDir, {
    onProgress: (d, t) => {
      total.compile = t;
      opts.onProgress?.(d, t * 2);
    },
  });
  if (!compiled.ok) return { ok: false, problems: compiled.problems, warnings: compiled.warnings };
  mkdirSync(dirname(resolve(dbPath)), { recursive: true });
  const tmp = `${dbPath}.tmp-${process.pid}-${Date.now()}`;
  try {
    const counts = writeDatabase(
      tmp,
      compiled.dataset,
      compiled.origins,
      compiled.discrepancies,
      compiled.hash,
      (d, t) => opts.onProgress?.(total.compile + Math.round((d / t) * total.compile), total.compile * 2),
    );
    renameSync(tmp, dbPath);
    return {
      ok: true,
      path: dbPath,
      hash: compiled.hash,
      counts,
      warnings: compiled.warnings,
      discrepancies: compiled.discrepancies,
      ms: performance.now() - t0,
    };
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
  }
}

/** The hash stored in a database, or undefined when it is missing or unreadable. */
export function storedHash(dbPath: string): string | undefined {
  if (!existsSync(dbPath)) return undefined;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'hash'").get() as
        | { value: string }
        | undefined;
      return row?.value;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Builds the database only when data/ (or the schema version) changed since the last build.
 * Throws `DatasetError` (with every problem) when data/ does not compile.
 */
export function ensureDatabase(
  dataDir: string,
  dbPath: string,
  opts: BuildOptions = {},
): { path: string; built: boolean; result?: BuildResult } {
  const want = datasetHash(dataDir);
  if (storedHash(dbPath) === want) return { path: dbPath, built: false };
  const r = buildDatabase(dataDir, dbPath, opts);
  if (!r.ok) throw new DatasetError(r.problems);
  return { path: dbPath, built: true, result: r };
}
