/**
 * Read-only typed queries over the SQLite database that `buildDatabase` writes.
 */
import Database from 'better-sqlite3';
import { nameIndex, nameKey, phoneticKey } from './adapters.ts';
import { HI_INF, LO_INF } from './build.ts';
import { type AsOfAnswer, asOfSpan, edtfSpan, parseEdtf, type Span } from './edtf.ts';
import type {
  CohortMember,
  CohortQuery,
  CohortResult,
  EventQuery,
  EventSummary,
  Holder,
  InstitutionDetail,
  InstitutionSummary,
  KbInfo,
  PersonalStatus,
  PersonDetail,
  PersonHit,
  PersonRef,
  SeriesDetail,
  SeriesSummary,
  SourceFact,
  SourceTreeNode,
  StateInstitution,
  StateOptions,
  StateResult,
} from './results.ts';
import {
  type Campaign,
  type Event,
  type Fate,
  INSTITUTION_KINDS,
  type Institution,
  type Person,
  type Statistic,
  type Tenure,
} from './schema.ts';

/** A query argument the caller can fix (a bad date): `column` is 1-based within it. */
export class KbQueryError extends Error {
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'KbQueryError';
  }
}

function dateSpan(text: string, what: string): Span {
  const r = parseEdtf(text);
  if (!r.ok)
    throw new KbQueryError(
      `${what} "${text}": ${r.error.message} (column ${r.error.column})`,
      r.error.column,
    );
  return edtfSpan(r.value);
}

const DEATH = new Set(['shot', 'died-in-prison', 'died-in-camp', 'suicide', 'assassinated', 'died']);

function sourcesOf(x: { source?: string | undefined; sources?: string[] | undefined }): string[] {
  return [...(x.source ? [x.source] : []), ...(x.sources ?? [])];
}

interface PersonRow {
  id: string;
  fates: string | null;
  surname_ru: string | null;
  given_ru: string | null;
  patronymic_ru: string | null;
  text: string;
  given_text: string | null;
  born: string | null;
  died: string | null;
  died_lo: number | null;
  died_hi: number | null;
  origin: string | null;
  json: string;
}

export interface Kb {
  info(): KbInfo;
  stateOn(date: string, opts?: StateOptions): StateResult;
  searchPeople(query: string, limit?: number): PersonHit[];
  search(
    query: string,
    limit?: number,
  ): { people: PersonHit[]; institutions: InstitutionSummary[]; events: EventSummary[] };
  person(id: string): PersonDetail | undefined;
  people(opts?: { limit?: number; offset?: number }): PersonRef[];
  findPerson(name: string): PersonDetail | undefined;
  institution(id: string): InstitutionDetail | undefined;
  institutions(): InstitutionSummary[];
  findInstitution(name: string): InstitutionSummary | undefined;
  events(q?: EventQuery): EventSummary[];
  campaigns(): { id: string; name: string; kind: string; from: string | null; to: string | null }[];
  campaign(id: string): import('./results.ts').CampaignDetail | undefined;
  statistics(): SeriesSummary[];
  series(id: string): SeriesDetail | undefined;
  sourcesTree(): SourceTreeNode[];
  sourceFacts(key: string): SourceFact[];
  cohort(q: CohortQuery): CohortResult;
  /** The personal status of a person on a date (free / arrested / dead). */
  personalStatus(id: string, date: string): PersonalStatus;
  close(): void;
}

export function openKb(dbPath: string): Kb {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -65536');
  const st = {
    person: db.prepare('SELECT * FROM people WHERE id = ?'),
    fates: db.prepare('SELECT kind, date, lo, hi, json FROM fates WHERE person_id = ? ORDER BY seq'),
    inst: db.prepare('SELECT * FROM institutions WHERE id = ?'),
    keyExact: db.prepare('SELECT person_id, form, part FROM person_names WHERE key = ? LIMIT 200'),
    pkeyExact: db.prepare('SELECT person_id, form, part FROM person_names WHERE pkey = ? LIMIT 200'),
    instKey: db.prepare('SELECT institution_id FROM institution_names WHERE key = ? LIMIT 1'),
    tenuresOfPerson: db.prepare('SELECT * FROM tenures WHERE person_id = ? ORDER BY from_lo'),
    tenuresOfInst: db.prepare('SELECT * FROM tenures WHERE institution_id = ? ORDER BY from_lo'),
    tenuresOn: db.prepare(
      `SELECT ${HOLDER_COLS} FROM tenures_span s JOIN tenures t ON t.id = s.id WHERE s.lo <= ? AND s.hi >= ?`,
    ),
    tenuresOfInstOn: db.prepare(
      `SELECT ${HOLDER_COLS} FROM tenures t WHERE t.institution_id = ? AND t.from_lo <= ? AND t.to_hi >= ?`,
    ),
    instSummaryRow: db.prepare(
      'SELECT id, name_en, abbr, kind, region, "from", "to", from_lo, to_hi FROM institutions WHERE id = ?',
    ),
    instsOn: db.prepare(
      `SELECT id, name_en, abbr, kind, region, "from", "to", from_lo, to_hi FROM institutions WHERE from_lo <= ? AND to_hi >= ? ORDER BY CASE kind WHEN 'party' THEN 0 WHEN 'state' THEN 1 WHEN 'police' THEN 2 WHEN 'judicial' THEN 3 WHEN 'extrajudicial' THEN 4 WHEN 'social' THEN 5 ELSE 6 END, region IS NOT NULL, id`,
    ),
    // An undated end of a relation is the end of the body it belongs to (as in stateOn): '..' stays
    // open, a missing end of both stays null (unknown).
    relations: db.prepare(
      'SELECT r.type, r.target, COALESCE(r."from", i."from") AS "from", COALESCE(r."to", i."to") AS "to" FROM relations r LEFT JOIN institutions i ON i.id = r.institution_id WHERE r.institution_id = ?',
    ),
    incoming: db.prepare(
      'SELECT r.type, r.institution_id, COALESCE(r."from", i."from") AS "from", COALESCE(r."to", i."to") AS "to" FROM relations r LEFT JOIN institutions i ON i.id = r.institution_id WHERE r.target = ?',
    ),
    eventsOfPerson: db.prepare(
      'SELECT e.json FROM event_people p JOIN events e ON e.id = p.event_id WHERE p.person_id = ? ORDER BY e.lo',
    ),
    eventsOfInst: db.prepare(
      'SELECT e.json FROM event_institutions i JOIN events e ON e.id = i.event_id WHERE i.institution_id = ? ORDER BY e.lo',
    ),
    event: db.prepare('SELECT json FROM events WHERE id = ?'),
  };
  const personCache = new Map<string, PersonRow | undefined>();
  const personRow = (id: string): PersonRow | undefined => {
    if (personCache.has(id)) return personCache.get(id);
    const row = st.person.get(id) as PersonRow | undefined;
    if (personCache.size > 5000) personCache.clear();
    personCache.set(id, row);
    return row;
  };
  const ref = (row: PersonRow | undefined, id: string): PersonRef =>
    row
      ? {
          id,
          name: row.text,
          ru: [row.surname_ru, row.given_ru, row.patronymic_ru].filter(Boolean).join(' '),
        }
      : { id, name: id, ru: '' };

  const fatesOf = (id: string) =>
    st.fates.all(id) as {
      kind: string;
      date: string | null;
      lo: number | null;
      hi: number | null;
      json: string;
    }[];

  function personal(id: string, q: Span): PersonalStatus {
    const row = personRow(id);
    if (!row) return { status: 'free', certain: false, why: 'no such person' };
    return personalOf(row, q);
  }

  function holdersOf(rows: HolderRow[], q: Span, date: string, certainOnly: boolean): Holder[] {
    const out: Holder[] = [];
    for (const t of rows) {
      let a: AsOfAnswer = asOfSpan(t.from ?? undefined, t.to ?? undefined, q, date);
      if (a.status === 'does-not-hold') continue;
      const p = personalOf(t, q);
      if (p.status === 'dead' && p.certain) continue; // no one holds office after death
      if (p.status === 'dead' && a.status === 'holds')
        a = { status: 'may-hold', why: `${a.why}; holder ${p.why}` };
      if (certainOnly && a.status !== 'holds') continue;
      out.push({
        person: {
          id: t.person_id,
          name: t.text,
          ru: [t.surname_ru, t.given_ru, t.patronymic_ru].filter(Boolean).join(' '),
        },
        office: t.office,
        from: t.from,
        to: t.to,
        status: a.status,
        why: a.why,
        personal: p,
        sources: t.parsedSources ?? (JSON.parse(t.sources) as string[]),
      });
    }
    const rank = new Map<string, number>();
    for (const h of out) if (!rank.has(h.office)) rank.set(h.office, officeRank(h.office));
    out.sort(
      (x, y) =>
        (rank.get(x.office) ?? 0) - (rank.get(y.office) ?? 0) ||
        (x.person.name < y.person.name ? -1 : x.person.name > y.person.name ? 1 : 0),
    );
    return out;
  }

  /**
   * Small databases (the shipped data) keep the rows a state query needs in memory, parsed
   * once: a scan of a few hundred rows beats any SQL round trip. Large ones use the R-tree.
   */
  const MEMORY_LIMIT = 50000;
  let mem: { insts: InstRow[]; tenures: HolderRow[]; byInst: Map<string, HolderRow[]> } | null | undefined;
  const memory = () => {
    if (mem !== undefined) return mem;
    const n = (db.prepare('SELECT count(*) AS n FROM tenures').get() as { n: number }).n;
    if (n > MEMORY_LIMIT) {
      mem = null;
      return mem;
    }
    const tenures = db.prepare(`SELECT ${HOLDER_COLS} FROM tenures t ORDER BY t.id`).all() as HolderRow[];
    for (const t of tenures) {
      t.parsedSources = JSON.parse(t.sources) as string[];
      t.parsedFates = t.fates ? (JSON.parse(t.fates) as FateSpan[]) : [];
    }
    const insts = db
      .prepare(
        `SELECT id, name_en, abbr, kind, region, "from", "to", from_lo, to_hi FROM institutions ORDER BY CASE kind WHEN 'party' THEN 0 WHEN 'state' THEN 1 WHEN 'police' THEN 2 WHEN 'judicial' THEN 3 WHEN 'extrajudicial' THEN 4 WHEN 'social' THEN 5 ELSE 6 END, region IS NOT NULL, id`,
      )
      .all() as InstRow[];
    const byInst = new Map<string, HolderRow[]>();
    for (const t of tenures) {
      const list = byInst.get(t.institution_id);
      if (list) list.push(t);
      else byInst.set(t.institution_id, [t]);
    }
    mem = { insts, tenures, byInst };
    return mem;
  };

  let relationsByInst:
    | Map<string, { type: string; target: string; from: string | null; to: string | null }[]>
    | undefined;
  const relationsOf = (id: string) => {
    if (!relationsByInst) {
      relationsByInst = new Map();
      for (const r of db
        .prepare('SELECT institution_id, type, target, "from", "to" FROM relations')
        .all() as {
        institution_id: string;
        type: string;
        target: string;
        from: string | null;
        to: string | null;
      }[]) {
        const list = relationsByInst.get(r.institution_id) ?? [];
        list.push({ type: r.type, target: r.target, from: r.from, to: r.to });
        relationsByInst.set(r.institution_id, list);
      }
    }
    return relationsByInst.get(id) ?? [];
  };

  function instSummary(r: InstRow): InstitutionSummary {
    return {
      id: r.id,
      name: r.name_en,
      abbr: r.abbr ? r.abbr.split(', ') : [],
      kind: r.kind,
      region: r.region,
      from: r.from,
      to: r.to,
    };
  }

  function eventSummary(json: string): EventSummary {
    const e = JSON.parse(json) as Event;
    return {
      id: e.id,
      date: e.date,
      kind: e.kind,
      title: e.title,
      participants: e.participants ?? [],
      institutions: e.institutions ?? [],
      sources: sourcesOf(e),
    };
  }

  type Hit = { score: number; matched: string; part: string };
  let near:
    | { forms: { person_id: string; form: string }[]; index: ReturnType<typeof nameIndex> }
    | null
    | undefined;
  const nearIndex = () => {
    if (near !== undefined) return near;
    const n = (
      db.prepare("SELECT count(*) AS n FROM person_names WHERE part = 'surname'").get() as { n: number }
    ).n;
    if (n > 200000) {
      near = null;
      return near;
    }
    const forms = db
      .prepare("SELECT person_id, form FROM person_names WHERE part = 'surname' ORDER BY rowid")
      .all() as {
      person_id: string;
      form: string;
    }[];
    near = { forms, index: nameIndex(forms.map((f) => f.form)) };
    return near;
  };

  /**
   * People one word of a query may name: the same key (any system, Cyrillic, variant), then the
   * same phonetic key (another spelling of the name), then a prefix, then a near spelling.
   */
  function wordHits(word: string): Map<string, Hit> {
    const key = nameKey(word);
    const hits = new Map<string, Hit>();
    if (!key) return hits;
    const add = (id: string, h: Hit) => {
      const cur = hits.get(id);
      if (!cur || cur.score < h.score) hits.set(id, h);
    };
    for (const r of st.keyExact.all(key) as { person_id: string; form: string; part: string }[])
      add(r.person_id, { score: r.part === 'surname' ? 1 : 0.8, matched: r.form, part: r.part });
    if (hits.size > 0) return hits;
    const pk = phoneticKey(word);
    if (pk.length >= 2) {
      for (const r of st.pkeyExact.all(pk) as { person_id: string; form: string; part: string }[])
        add(r.person_id, { score: r.part === 'surname' ? 0.9 : 0.7, matched: r.form, part: 'spelling' });
      if (hits.size > 0) return hits;
    }
    if (key.length >= 3) {
      const fts = db
        .prepare('SELECT person_id, names FROM people_fts WHERE people_fts MATCH ? LIMIT 200')
        .all(`"${key.replace(/"/g, '')}"*`) as { person_id: string; names: string }[];
      for (const r of fts) {
        const form = r.names.split(' ').find((n) => nameKey(n).startsWith(key)) ?? key;
        add(r.person_id, { score: 0.6, matched: form, part: 'prefix' });
      }
      if (hits.size > 0) return hits;
    }
    // near spellings (typos, OCR), through the name index of @opis/translit; small datasets only
    if (key.length >= 4) {
      const idx = nearIndex();
      for (const c of idx?.index.search(word, 10) ?? []) {
        if (c.score < 0.7) continue;
        const f = idx?.forms[c.index];
        if (f) add(f.person_id, { score: Math.round(c.score * 50) / 100, matched: f.form, part: 'near' });
      }
    }
    return hits;
  }

  function searchPeople(query: string, limit = 20): PersonHit[] {
    const words = query
      .split(/[\s,]+/)
      .map((w) => w.trim())
      .filter((w) => nameKey(w).length > 0);
    if (words.length === 0) return [];
    let combined: Map<string, { score: number; matched: string[] }> | undefined;
    for (const w of words) {
      const hits = wordHits(w);
      const next = new Map<string, { score: number; matched: string[] }>();
      for (const [id, h] of hits) {
        if (combined && !combined.has(id)) continue;
        const prev = combined?.get(id);
        next.set(id, { score: (prev?.score ?? 0) + h.score, matched: [...(prev?.matched ?? []), h.matched] });
      }
      combined = next;
      if (combined.size === 0) break;
    }
    const out: PersonHit[] = [];
    for (const [id, h] of combined ?? []) {
      const row = personRow(id);
      if (!row) continue;
      out.push({
        id,
        name: row.text,
        ru: [row.surname_ru, row.given_ru, row.patronymic_ru].filter(Boolean).join(' '),
        born: row.born,
        died: row.died,
        score: Math.round((h.score / words.length) * 100) / 100,
        matched: h.matched.join(' '),
      });
    }
    out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return out.slice(0, limit);
  }

  function person(id: string): PersonDetail | undefined {
    const row = personRow(id);
    if (!row) return undefined;
    const rec = JSON.parse(row.json) as Person;
    const names = db.prepare('SELECT form, system, part FROM person_names WHERE person_id = ?').all(id) as {
      form: string;
      system: string;
      part: string;
    }[];
    const tenures = (st.tenuresOfPerson.all(id) as TenureRow[]).map((t) => {
      const inst = st.inst.get(t.institution_id) as InstRow | undefined;
      const rec = JSON.parse(t.json) as Tenure;
      return {
        institution: {
          id: t.institution_id,
          name: inst?.name_en ?? t.institution_id,
          abbr: inst?.abbr ? inst.abbr.split(', ') : [],
        },
        office: t.office,
        from: t.from,
        to: t.to,
        sources: sourcesOf(rec),
        origin: t.origin,
      };
    });
    const events = (st.eventsOfPerson.all(id) as { json: string }[]).map((e) => eventSummary(e.json));
    const allSources = new Set<string>(sourcesOf(rec));
    for (const f of [...(rec.born ?? []), ...(rec.died ?? []), ...(rec.fate ?? [])])
      for (const s of sourcesOf(f)) allSources.add(s);
    for (const t of tenures) for (const s of t.sources) allSources.add(s);
    return {
      id,
      name: row.text,
      fullName: [row.given_text, row.text].filter(Boolean).join(' '),
      ru: ref(row, id).ru,
      record: rec,
      names,
      fate: rec.fate ?? [],
      tenures,
      events,
      sources: [...allSources],
      origin: row.origin,
    };
  }

  function findInstitution(name: string): InstitutionSummary | undefined {
    const direct = st.inst.get(name) as InstRow | undefined;
    if (direct) return instSummary(direct);
    const k = nameKey(name);
    const hit = st.instKey.get(k) as { institution_id: string } | undefined;
    if (hit) {
      const r = st.inst.get(hit.institution_id) as InstRow | undefined;
      return r ? instSummary(r) : undefined;
    }
    const words = name
      .split(/\s+/)
      .map((w) => w.replace(/["*()]/g, ''))
      .filter(Boolean);
    if (words.length === 0) return undefined;
    const fts = db
      .prepare(
        'SELECT institution_id FROM institutions_fts WHERE institutions_fts MATCH ? ORDER BY rank LIMIT 1',
      )
      .get(words.map((w) => `"${w}"*`).join(' ')) as { institution_id: string } | undefined;
    if (!fts) return undefined;
    const r = st.inst.get(fts.institution_id) as InstRow | undefined;
    return r ? instSummary(r) : undefined;
  }

  function events(q: EventQuery = {}): EventSummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    let from = 'events e';
    if (q.from !== undefined) {
      where.push('e.hi >= ?');
      args.push(dateSpan(q.from, '--from').lo);
    }
    if (q.to !== undefined) {
      where.push('e.lo <= ?');
      args.push(dateSpan(q.to, '--to').hi);
    }
    if (q.kind) {
      where.push('e.kind = ?');
      args.push(q.kind);
    }
    if (q.person) {
      from += ' JOIN event_people ep ON ep.event_id = e.id';
      where.push('ep.person_id = ?');
      args.push(q.person);
    }
    if (q.institution) {
      from += ' JOIN event_institutions ei ON ei.event_id = e.id';
      where.push('ei.institution_id = ?');
      args.push(q.institution);
    }
    if (q.text) {
      where.push('e.id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?)');
      args.push(
        q.text
          .split(/\s+/)
          .filter(Boolean)
          .map((w) => `"${w.replace(/"/g, '')}"*`)
          .join(' '),
      );
    }
    const sql = `SELECT e.json FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.lo, e.id LIMIT ? OFFSET ?`;
    args.push(q.limit ?? 1000, q.offset ?? 0);
    return (db.prepare(sql).all(...args) as { json: string }[]).map((r) => eventSummary(r.json));
  }

  const kb: Kb = {
    info() {
      const m = Object.fromEntries(
        (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
          r.key,
          r.value,
        ]),
      );
      return {
        hash: m.hash ?? '',
        schemaVersion: Number(m.schema_version ?? 0),
        builtAt: m.built_at ?? '',
        counts: JSON.parse(m.counts ?? '{}') as Record<string, number>,
      };
    },

    stateOn(date: string, opts: StateOptions = {}): StateResult {
      const q = dateSpan(date, 'date');
      const lo = Number.isFinite(q.lo) ? q.lo : LO_INF;
      const hi = Number.isFinite(q.hi) ? q.hi : HI_INF;
      const mem = memory();
      let insts = (
        mem
          ? mem.insts.filter((r) => (r.from_lo ?? 0) <= hi && (r.to_hi ?? 0) >= lo)
          : opts.institutions
            ? opts.institutions
                .map((id) => st.instSummaryRow.get(id) as InstRow | undefined)
                .filter((r): r is InstRow => !!r && (r.from_lo ?? 0) <= hi && (r.to_hi ?? 0) >= lo)
            : (st.instsOn.all(hi, lo) as InstRow[])
      ).filter(
        (r) =>
          (!opts.kind || r.kind === opts.kind) && (!opts.institutions || opts.institutions.includes(r.id)),
      );
      // tenures on the date: one stabbing query on the R-tree, or per institution when filtered
      const byInst = new Map<string, HolderRow[]>();
      const rows = mem
        ? (opts.institutions
            ? opts.institutions.flatMap((id) => mem.byInst.get(id) ?? [])
            : mem.tenures
          ).filter((t) => t.from_lo <= hi && t.to_hi >= lo)
        : opts.institutions && opts.institutions.length < 50
          ? opts.institutions.flatMap((id) => st.tenuresOfInstOn.all(id, hi, lo) as HolderRow[])
          : (st.tenuresOn.all(hi, lo) as HolderRow[]);
      for (const t of rows) {
        const list = byInst.get(t.institution_id);
        if (list) list.push(t);
        else byInst.set(t.institution_id, [t]);
      }
      const out: StateInstitution[] = [];
      let holders = 0;
      let mayHold = 0;
      for (const r of insts) {
        const a = asOfSpan(r.from ?? undefined, r.to ?? undefined, q, date);
        if (a.status === 'does-not-hold') continue;
        const rels = relationsOf(r.id)
          .map((rel) => ({
            type: rel.type,
            target: rel.target,
            // an undated relation lasts as long as the body it belongs to
            ...asOfSpan(rel.from ?? r.from ?? undefined, rel.to ?? r.to ?? undefined, q, date),
          }))
          .filter((rel) => rel.status !== 'does-not-hold');
        const hs = holdersOf(byInst.get(r.id) ?? [], q, date, opts.certainOnly ?? false);
        holders += hs.length;
        mayHold += hs.filter((h) => h.status === 'may-hold').length;
        out.push({
          id: r.id,
          name: r.name_en,
          abbr: r.abbr ? r.abbr.split(', ') : [],
          kind: r.kind,
          region: r.region,
          status: a.status,
          why: a.why,
          relations: rels,
          holders: hs,
        });
      }
      insts = [];
      // party, state, police, judicial...; within a kind, all-union bodies before regional ones and
      // top bodies before their parts
      const kindRank = (k: string) => {
        const i = (INSTITUTION_KINDS as readonly string[]).indexOf(k);
        return i < 0 ? INSTITUTION_KINDS.length : i;
      };
      const sub = (i: StateInstitution) => (i.relations.some((r) => r.type !== 'succeeded-by') ? 1 : 0);
      out.sort(
        (a, b) =>
          kindRank(a.kind) - kindRank(b.kind) ||
          (a.region ? 1 : 0) - (b.region ? 1 : 0) ||
          sub(a) - sub(b) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      return { date, institutions: out, counts: { institutions: out.length, holders, mayHold } };
    },

    searchPeople,

    search(query, limit = 20) {
      const people = searchPeople(query, limit);
      const inst = findInstitution(query);
      const ev = query.trim() ? events({ text: query, limit }) : [];
      return { people, institutions: inst ? [inst] : [], events: ev };
    },

    person,

    people({ limit = 100, offset = 0 } = {}) {
      return (
        db
          .prepare('SELECT * FROM people ORDER BY text, id LIMIT ? OFFSET ?')
          .all(limit, offset) as PersonRow[]
      ).map((r) => ref(r, r.id));
    },

    findPerson(name) {
      if (personRow(name)) return person(name);
      const hit = searchPeople(name, 1)[0];
      return hit ? person(hit.id) : undefined;
    },

    institution(id) {
      const r = st.inst.get(id) as InstRow | undefined;
      if (!r) return undefined;
      const rec = JSON.parse(r.json) as Institution;
      const tenures = (st.tenuresOfInst.all(id) as TenureRow[]).map((t) => ({
        person: ref(personRow(t.person_id), t.person_id),
        office: t.office,
        from: t.from,
        to: t.to,
        sources: sourcesOf(JSON.parse(t.json) as Tenure),
      }));
      return {
        ...instSummary(r),
        record: rec,
        relations: st.relations.all(id) as InstitutionDetail['relations'],
        incoming: (
          st.incoming.all(id) as {
            type: string;
            institution_id: string;
            from: string | null;
            to: string | null;
          }[]
        ).map((x) => ({
          type: x.type,
          source: x.institution_id,
          from: x.from,
          to: x.to,
        })),
        tenures,
        events: (st.eventsOfInst.all(id) as { json: string }[]).map((e) => eventSummary(e.json)),
        origin: r.origin,
      };
    },

    institutions() {
      return (
        db
          .prepare(
            `SELECT * FROM institutions ORDER BY CASE kind WHEN 'party' THEN 0 WHEN 'state' THEN 1 WHEN 'police' THEN 2 WHEN 'judicial' THEN 3 WHEN 'extrajudicial' THEN 4 WHEN 'social' THEN 5 ELSE 6 END, region IS NOT NULL, id`,
          )
          .all() as InstRow[]
      ).map(instSummary);
    },

    findInstitution,
    events,

    campaigns() {
      return db.prepare('SELECT id, name, kind, "from", "to" FROM campaigns ORDER BY "from", id').all() as {
        id: string;
        name: string;
        kind: string;
        from: string | null;
        to: string | null;
      }[];
    },

    campaign(id) {
      const r = db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as
        | {
            id: string;
            name: string;
            kind: string;
            from: string | null;
            to: string | null;
            origin: string | null;
            json: string;
          }
        | undefined;
      if (!r) return undefined;
      const rec = JSON.parse(r.json) as Campaign;
      const evs = (rec.events ?? [])
        .map((e) => st.event.get(e) as { json: string } | undefined)
        .filter((x): x is { json: string } => !!x)
        .map((x) => eventSummary(x.json));
      for (const e of db.prepare('SELECT json FROM events WHERE json LIKE ?').all(`%"campaign":"${id}"%`) as {
        json: string;
      }[]) {
        const s = eventSummary(e.json);
        if (!evs.some((x) => x.id === s.id)) evs.push(s);
      }
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        from: r.from,
        to: r.to,
        record: rec,
        events: evs,
        origin: r.origin,
      };
    },

    statistics() {
      return db
        .prepare(
          'SELECT s.id, s.title, s.unit, s.rows, (SELECT count(*) FROM discrepancies d WHERE d.series = s.id) AS discrepancies FROM statistics s ORDER BY s.id',
        )
        .all() as SeriesSummary[];
    },

    series(id) {
      const r = db.prepare('SELECT * FROM statistics WHERE id = ?').get(id) as
        | { json: string; origin: string | null }
        | undefined;
      if (!r) return undefined;
      const rec = JSON.parse(r.json) as Statistic;
      const disc = (
        db.prepare('SELECT json FROM discrepancies WHERE series = ?').all(id) as { json: string }[]
      ).map((d) => JSON.parse(d.json) as SeriesDetail['discrepancies'][number]);
      return {
        id: rec.id,
        title: rec.title,
        unit: rec.unit,
        source: rec.source ?? rec.sources?.[0] ?? null,
        record: rec,
        columns: rec.columns,
        rows: rec.rows,
        discrepancies: disc,
        origin: r.origin,
      };
    },

    sourcesTree() {
      const rows = db
        .prepare(
          "SELECT archive, fond, opis, delo, count(*) AS n FROM fact_sources WHERE scheme = 'archive' AND archive IS NOT NULL GROUP BY archive, fond, opis, delo ORDER BY archive",
        )
        .all() as {
        archive: string;
        fond: string | null;
        opis: string | null;
        delo: string | null;
        n: number;
      }[];
      const roots: SourceTreeNode[] = [];
      const child = (list: SourceTreeNode[], label: string, key: string) => {
        let node = list.find((x) => x.key === key);
        if (!node) {
          node = { label, key, count: 0, children: [] };
          list.push(node);
        }
        return node;
      };
      for (const r of rows) {
        const a = child(roots, r.archive, r.archive);
        a.count += r.n;
        if (!r.fond) continue;
        const f = child(a.children, `f. ${r.fond}`, `${r.archive}:${r.fond}`);
        f.count += r.n;
        if (!r.opis) continue;
        const o = child(f.children, `op. ${r.opis}`, `${r.archive}:${r.fond}/${r.opis}`);
        o.count += r.n;
        if (!r.delo) continue;
        const d = child(o.children, `d. ${r.delo}`, `${r.archive}:${r.fond}/${r.opis}/${r.delo}`);
        d.count += r.n;
      }
      const sort = (l: SourceTreeNode[]) => {
        l.sort((x, y) => x.label.localeCompare(y.label, 'en', { numeric: true }));
        for (const n of l) sort(n.children);
      };
      sort(roots);
      return roots;
    },

    sourceFacts(key) {
      const rows = db
        .prepare(
          "SELECT fact_kind, fact_id, field, ref FROM fact_sources WHERE key = ? OR key LIKE ? ESCAPE '\\' OR (key IS NULL AND archive = ?) ORDER BY fact_kind, fact_id",
        )
        .all(key, `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`, key) as {
        fact_kind: string;
        fact_id: string;
        field: string;
        ref: string;
      }[];
      const archiveOnly = !key.includes(':');
      const more = archiveOnly
        ? (db
            .prepare(
              'SELECT fact_kind, fact_id, field, ref FROM fact_sources WHERE archive = ? AND key IS NOT NULL ORDER BY fact_kind, fact_id',
            )
            .all(key) as typeof rows)
        : [];
      const fondPrefix = key.includes(':') && !key.includes('/');
      const fond = fondPrefix
        ? (db
            .prepare(
              "SELECT fact_kind, fact_id, field, ref FROM fact_sources WHERE key LIKE ? ESCAPE '\\' ORDER BY fact_kind, fact_id",
            )
            .all(`${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`) as typeof rows)
        : [];
      const seen = new Set<string>();
      const unique: typeof rows = [];
      for (const r of [...rows, ...more, ...fond]) {
        const k = `${r.fact_kind}|${r.fact_id}|${r.field}|${r.ref}`;
        if (seen.has(k)) continue;
        seen.add(k);
        unique.push(r);
      }
      const linked = linksOf(unique);
      return unique.map((r) => {
        const l = linked.get(`${r.fact_kind}|${r.fact_id}`);
        return {
          kind: r.fact_kind,
          id: r.fact_id,
          field: r.field,
          ref: r.ref,
          label: labelOf(r.fact_kind, r.fact_id),
          people: l ? [...l.people] : [],
          institutions: l ? [...l.institutions] : [],
        };
      });
    },

    cohort(query) {
      const asOf = dateSpan(query.asOf, 'asOf');
      const by = dateSpan(query.by, 'by');
      const office = query.office?.toLowerCase();
      const list: CohortMember[] = [];
      const seen = new Set<string>();
      for (const t of st.tenuresOfInst.all(query.institution) as TenureRow[]) {
        if (office && t.office.toLowerCase() !== office) continue;
        const m = asOfSpan(t.from ?? undefined, t.to ?? undefined, asOf, query.asOf);
        if (m.status === 'does-not-hold' || seen.has(t.person_id)) continue;
        seen.add(t.person_id);
        const row = personRow(t.person_id);
        const fates = fatesOf(t.person_id).map((f) => ({ ...f, rec: JSON.parse(f.json) as Fate }));
        const judge = (kinds: Set<string>, extraDeath: boolean) => {
          let best: 'yes' | 'maybe' | 'no' = 'no';
          for (const f of fates) {
            if (!kinds.has(f.kind)) continue;
            if (f.lo === null || f.hi === null) best = best === 'yes' ? 'yes' : 'maybe';
            else if (f.hi <= by.hi) return 'yes';
            else if (f.lo <= by.hi) best = 'maybe';
          }
          if (extraDeath && row?.died_lo !== null && row?.died_lo !== undefined) {
            if ((row.died_hi ?? HI_INF) <= by.hi) return 'yes';
            if (row.died_lo <= by.hi) best = best === 'yes' ? 'yes' : 'maybe';
          }
          return best;
        };
        const arrested = judge(new Set(['arrested']), false);
        const shot = judge(new Set(['shot']), false);
        const died = judge(DEATH, true);
        const used = fates
          .filter((f) => f.kind === 'arrested' || DEATH.has(f.kind))
          .map((f) => ({ kind: f.kind, date: f.date, source: sourcesOf(f.rec)[0] ?? null }));
        const whyParts = used.map((f) => `${f.kind} ${f.date ?? '(undated)'}`);
        if (row?.died && !used.some((f) => f.date === row.died)) whyParts.push(`died ${row.died}`);
        list.push({
          person: ref(row, t.person_id),
          office: t.office,
          membership: m.status,
          arrested,
          shot,
          died,
          fate: used,
          why: `${m.status === 'holds' ? 'member' : `may be a member (${m.why})`}; ${whyParts.join(', ') || 'no arrest or death recorded'}`,
        });
      }
      list.sort((a, b) => a.person.name.localeCompare(b.person.name));
      const count = (k: 'arrested' | 'shot' | 'died') => ({
        yes: list.filter((x) => x[k] === 'yes').length,
        maybe: list.filter((x) => x[k] === 'maybe').length,
      });
      return {
        query,
        members: list.length,
        counts: {
          arrested: count('arrested'),
          shot: count('shot'),
          died: count('died'),
          unharmed: list.filter((x) => x.arrested === 'no' && x.died === 'no').length,
        },
        list,
      };
    },

    personalStatus(id, date) {
      return personal(id, dateSpan(date, 'date'));
    },

    close() {
      db.close();
    },
  };

  /**
   * The people and institutions each fact is about, keyed `kind|id`: one query per kind of fact
   * (the ids go in as a JSON array), never one per row.
   */
  function linksOf(
    facts: readonly { fact_kind: string; fact_id: string }[],
  ): Map<string, { people: Set<string>; institutions: Set<string> }> {
    const ids = new Map<string, Set<string>>();
    for (const f of facts) {
      const s = ids.get(f.fact_kind) ?? new Set<string>();
      ids.set(f.fact_kind, s);
      s.add(f.fact_id);
    }
    const out = new Map<string, { people: Set<string>; institutions: Set<string> }>();
    const entry = (kind: string, id: string) => {
      const k = `${kind}|${id}`;
      const e = out.get(k) ?? { people: new Set<string>(), institutions: new Set<string>() };
      out.set(k, e);
      return e;
    };
    const rowsFor = <T>(sql: string, list: Set<string>) => {
      return db.prepare(sql).all({ ids: JSON.stringify([...list]) }) as T[];
    };
    for (const [kind, list] of ids) {
      if (kind === 'person') {
        const rs = rowsFor<{ id: string }>(
          'SELECT id FROM people WHERE id IN (SELECT value FROM json_each(@ids))',
          list,
        );
        for (const r of rs) entry(kind, r.id).people.add(r.id);
      } else if (kind === 'institution') {
        const rs = rowsFor<{ id: string }>(
          'SELECT id FROM institutions WHERE id IN (SELECT value FROM json_each(@ids))',
          list,
        );
        for (const r of rs) entry(kind, r.id).institutions.add(r.id);
      } else if (kind === 'tenure') {
        const rs = rowsFor<{ id: number; person_id: string; institution_id: string }>(
          'SELECT id, person_id, institution_id FROM tenures WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(@ids))',
          list,
        );
        for (const r of rs) {
          const e = entry(kind, String(r.id));
          e.people.add(r.person_id);
          e.institutions.add(r.institution_id);
        }
      } else if (kind === 'event') {
        const rs = rowsFor<{ id: string; person: string | null; inst: string | null }>(
          `SELECT event_id AS id, person_id AS person, NULL AS inst FROM event_people WHERE event_id IN (SELECT value FROM json_each(@ids))
           UNION ALL
           SELECT event_id, NULL, institution_id FROM event_institutions WHERE event_id IN (SELECT value FROM json_each(@ids))`,
          list,
        );
        for (const r of rs) {
          const e = entry(kind, r.id);
          if (r.person !== null) e.people.add(r.person);
          if (r.inst !== null) e.institutions.add(r.inst);
        }
      } else if (kind === 'campaign') {
        const rs = rowsFor<{ id: string; inst: string }>(
          "SELECT c.id, j.value AS inst FROM campaigns c, json_each(c.json, '$.institutions') j WHERE c.id IN (SELECT value FROM json_each(@ids))",
          list,
        );
        for (const r of rs) entry(kind, r.id).institutions.add(r.inst);
      }
    }
    return out;
  }

  function labelOf(kind: string, id: string): string {
    if (kind === 'person') return personRow(id)?.text ?? id;
    if (kind === 'institution') return (st.inst.get(id) as InstRow | undefined)?.name_en ?? id;
    if (kind === 'event') {
      const e = st.event.get(id) as { json: string } | undefined;
      return e ? (JSON.parse(e.json) as Event).title : id;
    }
    if (kind === 'tenure') {
      const t = db
        .prepare('SELECT person_id, institution_id, office FROM tenures WHERE id = ?')
        .get(Number(id)) as { person_id: string; institution_id: string; office: string } | undefined;
      return t ? `${personRow(t.person_id)?.text ?? t.person_id}: ${t.office}, ${t.institution_id}` : id;
    }
    return id;
  }

  return kb;
}

const HOLDER_COLS =
  't.person_id, t.institution_id, t.office, t."from", t."to", t.from_lo, t.to_hi, t.sources, t.text, t.surname_ru, t.given_ru, t.patronymic_ru, t.died, t.died_lo, t.died_hi, t.fates';

interface LifeRow {
  died: string | null;
  died_lo: number | null;
  died_hi: number | null;
  /** JSON list of { kind, date, lo, hi }, or null when no fate is recorded. */
  fates: string | null;
  parsedFates?: FateSpan[];
}

interface HolderRow extends LifeRow {
  person_id: string;
  institution_id: string;
  office: string;
  from: string | null;
  to: string | null;
  sources: string;
  parsedSources?: string[];
  from_lo: number;
  to_hi: number;
  text: string;
  surname_ru: string | null;
  given_ru: string | null;
  patronymic_ru: string | null;
}

type FateSpan = { kind: string; date: string | null; lo: number | null; hi: number | null };

/** Free, arrested or dead on the days of `q`, from the death date and the fate statements. */
function personalOf(row: LifeRow, q: Span): PersonalStatus {
  if (row.died_hi !== null && row.died_hi < q.lo)
    return { status: 'dead', certain: true, why: `died ${row.died}` };
  const fates = row.parsedFates ?? (row.fates ? (JSON.parse(row.fates) as FateSpan[]) : []);
  for (const f of fates)
    if (DEATH.has(f.kind) && f.hi !== null && f.hi < q.lo)
      return { status: 'dead', certain: true, why: `${f.kind} ${f.date}` };
  if (row.died_lo !== null && row.died_lo <= q.hi)
    return { status: 'dead', certain: false, why: `died ${row.died} (may be before)` };
  for (const f of fates)
    if (DEATH.has(f.kind) && f.lo !== null && f.lo <= q.hi)
      return { status: 'dead', certain: false, why: `${f.kind} ${f.date} (may be before)` };
  // the last arrest before the date, unless a release follows it
  let arrested: { date: string | null; certain: boolean } | undefined;
  for (const f of fates) {
    if (f.lo === null || f.hi === null) continue;
    if (f.kind === 'arrested' && f.lo <= q.hi) arrested = { date: f.date, certain: f.hi <= q.lo };
    if (f.kind === 'released' && arrested && f.hi < q.lo) arrested = undefined;
  }
  if (arrested)
    return {
      status: 'arrested',
      certain: arrested.certain,
      why: `arrested ${arrested.date}${arrested.certain ? '' : ' (may be after)'}`,
    };
  // undated statements are not dropped: they make the answer uncertain
  const undated = fates.find((f) => f.lo === null && (f.kind === 'arrested' || DEATH.has(f.kind)));
  if (undated)
    return {
      status: undated.kind === 'arrested' ? 'arrested' : 'dead',
      certain: false,
      why: `${undated.kind} (undated)`,
    };
  return { status: 'free', certain: true, why: 'no arrest or death recorded before this date' };
}

interface TenureRow {
  id: number;
  person_id: string;
  institution_id: string;
  office: string;
  from: string | null;
  to: string | null;
  from_lo: number;
  to_hi: number;
  origin: string | null;
  json: string;
}

interface InstRow {
  id: string;
  from_lo?: number;
  to_hi?: number;
  name_en: string;
  name_ru: string | null;
  abbr: string | null;
  kind: string;
  region: string | null;
  from: string | null;
  to: string | null;
  origin: string | null;
  json: string;
}

/** Heads first, then deputies, secretaries, members, candidates. */
function officeRank(office: string): number {
  const o = office.toLowerCase();
  if (/deputy|first deputy/.test(o)) return 2;
  if (/commissar|chairman|chair|head|chief|procurator|general secretary|first secretary/.test(o)) return 1;
  if (/secretary/.test(o)) return 3;
  if (/candidate/.test(o)) return 6;
  if (/member/.test(o)) return 5;
  return 4;
}
