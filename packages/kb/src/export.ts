/**
 * Exports of the database: JSON-LD (schema.org where it fits), CSV (one file per entity and per
 * statistics table) and GraphML (the person-institution network).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Campaign, Dataset, Event, Institution, Person, Statistic, Tenure } from './schema.ts';
import { primary } from './schema.ts';

export type ExportFormat = 'jsonld' | 'csv' | 'graphml';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonld', 'csv', 'graphml'];

export interface ExportResult {
  format: ExportFormat;
  files: { path: string; bytes: number; records: number }[];
}

/** The dataset as the store holds it: what `data/` compiles to, with the computed discrepancies. */
type Loaded = Omit<Dataset, 'sources'> & { discrepancies: Record<string, unknown>[] };

function load(dbPath: string): Loaded {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const all = <T>(sql: string) =>
      (db.prepare(sql).all() as { json: string }[]).map((r) => JSON.parse(r.json) as T);
    return {
      people: all<Person>('SELECT json FROM people ORDER BY id'),
      institutions: all<Institution>('SELECT json FROM institutions ORDER BY id'),
      tenures: all<Tenure>('SELECT json FROM tenures ORDER BY id'),
      events: all<Event>('SELECT json FROM events ORDER BY lo, id'),
      campaigns: all<Campaign>('SELECT json FROM campaigns ORDER BY id'),
      statistics: all<Statistic>('SELECT json FROM statistics ORDER BY id'),
      discrepancies: all<Record<string, unknown>>('SELECT json FROM discrepancies'),
    };
  } finally {
    db.close();
  }
}

const sourcesOf = (x: { source?: string | undefined; sources?: string[] | undefined }) => [
  ...(x.source ? [x.source] : []),
  ...(x.sources ?? []),
];

/** Writes the export of `dbPath` into `outDir` (created if missing). */
export function exportDataset(dbPath: string, outDir: string, format: ExportFormat): ExportResult {
  const data = load(dbPath);
  mkdirSync(outDir, { recursive: true });
  const files: ExportResult['files'] = [];
  const write = (name: string, text: string, records: number) => {
    const path = join(outDir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files.push({ path, bytes: Buffer.byteLength(text), records });
  };
  if (format === 'jsonld') {
    const doc = toJsonLd(data);
    write('opis.jsonld', `${JSON.stringify(doc, null, 1)}\n`, doc['@graph'].length);
  } else if (format === 'csv') {
    for (const [name, rows] of Object.entries(toCsvTables(data)))
      write(`${name}.csv`, csv(rows), rows.length);
  } else {
    const g = toGraphMl(data);
    write('network.graphml', g.text, g.nodes + g.edges);
  }
  return { format, files };
}

// ---------------------------------------------------------------------------------------
// JSON-LD

const BASE = 'https://opis.example/kb/';

function fullName(p: Person): string {
  return [p.name.given_text, p.name.text].filter(Boolean).join(' ');
}

export function toJsonLd(d: Loaded): {
  '@context': Record<string, unknown>;
  '@graph': Record<string, unknown>[];
} {
  const graph: Record<string, unknown>[] = [];
  const byPerson = new Map<string, Tenure[]>();
  for (const t of d.tenures) byPerson.set(t.person, [...(byPerson.get(t.person) ?? []), t]);
  for (const p of d.people) {
    const ru = p.name.ru;
    const born = primary(p.born);
    const died = primary(p.died);
    graph.push({
      '@id': `person/${p.id}`,
      '@type': 'Person',
      name: fullName(p),
      familyName: p.name.text,
      ...(p.name.given_text ? { givenName: p.name.given_text } : {}),
      alternateName: [
        [ru.surname, ru.given, ru.patronymic].filter(Boolean).join(' '),
        ...(p.variants ?? []).map((v) => v.name),
      ],
      ...(born ? { birthDate: born.date } : {}),
      ...(died ? { deathDate: died.date } : {}),
      ...(p.roles ? { jobTitle: p.roles } : {}),
      memberOf: (byPerson.get(p.id) ?? []).map((t) => ({
        '@type': 'Role',
        roleName: t.office,
        memberOf: { '@id': `institution/${t.institution}` },
        ...(t.from ? { startDate: t.from } : {}),
        ...(t.to ? { endDate: t.to } : {}),
        citation: sourcesOf(t),
      })),
      'opis:fate': (p.fate ?? []).map((f) => ({
        'opis:kind': f.kind,
        ...(f.date ? { 'opis:date': f.date } : {}),
        citation: sourcesOf(f),
      })),
      citation: sourcesOf(p),
    });
  }
  for (const i of d.institutions) {
    const parent = i.relations?.find((r) => r.type === 'part-of');
    graph.push({
      '@id': `institution/${i.id}`,
      '@type':
        i.kind === 'state' || i.kind === 'police' || i.kind === 'judicial'
          ? 'GovernmentOrganization'
          : 'Organization',
      name: i.names.en,
      alternateName: [i.names.ru, ...(i.names.abbr ?? []), ...(i.names.ru_abbr ?? [])].filter(Boolean),
      'opis:kind': i.kind,
      ...(i.from && i.from !== '..' ? { foundingDate: i.from } : {}),
      ...(i.to && i.to !== '..' ? { dissolutionDate: i.to } : {}),
      ...(i.region ? { areaServed: i.region } : {}),
      ...(parent ? { parentOrganization: { '@id': `institution/${parent.target}` } } : {}),
      'opis:relation': (i.relations ?? []).map((r) => ({
        'opis:type': r.type,
        'opis:target': { '@id': `institution/${r.target}` },
        ...(r.from ? { startDate: r.from } : {}),
        ...(r.to ? { endDate: r.to } : {}),
      })),
      citation: sourcesOf(i),
    });
  }
  for (const e of d.events) {
    const [start, end] = e.date.includes('/') ? e.date.split('/') : [e.date, undefined];
    graph.push({
      '@id': `event/${e.id}`,
      '@type': 'Event',
      name: e.title,
      startDate: start || e.date,
      ...(end ? { endDate: end } : {}),
      'opis:date': e.date,
      'opis:kind': e.kind,
      performer: (e.participants ?? []).map((p) => ({ '@id': `person/${p}` })),
      organizer: (e.institutions ?? []).map((p) => ({ '@id': `institution/${p}` })),
      citation: sourcesOf(e),
    });
  }
  for (const c of d.campaigns) {
    graph.push({
      '@id': `campaign/${c.id}`,
      '@type': 'Event',
      name: c.name,
      'opis:kind': c.kind,
      ...(c.from ? { startDate: c.from } : {}),
      ...(c.to ? { endDate: c.to } : {}),
      subEvent: (c.events ?? []).map((e) => ({ '@id': `event/${e}` })),
      citation: sourcesOf(c),
    });
  }
  for (const s of d.statistics) {
    graph.push({
      '@id': `statistic/${s.id}`,
      '@type': 'Dataset',
      name: s.title,
      variableMeasured: s.columns.map((c) => ({
        '@type': 'PropertyValue',
        name: c.id,
        description: c.label,
        unitText: c.unit ?? s.unit,
      })),
      distribution: {
        '@type': 'DataDownload',
        encodingFormat: 'text/csv',
        contentUrl: `statistics/${s.id}.csv`,
      },
      citation: [
        ...sourcesOf(s),
        ...(Array.isArray(s.archival_source)
          ? s.archival_source
          : s.archival_source
            ? [s.archival_source]
            : []),
      ],
    });
  }
  return {
    '@context': {
      '@vocab': 'https://schema.org/',
      '@base': BASE,
      opis: `${BASE}vocab#`,
    },
    '@graph': graph,
  };
}

// ---------------------------------------------------------------------------------------
// CSV

type Row = Record<string, string | number | null | undefined>;

export function csv(rows: Row[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}

export function toCsvTables(d: Loaded): Record<string, Row[]> {
  const j = (xs: string[] | undefined) => (xs ?? []).join('; ');
  const out: Record<string, Row[]> = {
    people: d.people.map((p) => ({
      id: p.id,
      name: p.name.text,
      given: p.name.given_text,
      surname_ru: p.name.ru.surname,
      given_ru: p.name.ru.given,
      patronymic_ru: p.name.ru.patronymic,
      variants: j(p.variants?.map((v) => v.name)),
      born: primary(p.born)?.date,
      died: primary(p.died)?.date,
      roles: j(p.roles),
      sources: j(sourcesOf(p)),
    })),
    fates: d.people.flatMap((p) =>
      (p.fate ?? []).map((f) => ({
        person: p.id,
        kind: f.kind,
        date: f.date,
        date_text: f.date_text,
        note: f.note,
        sources: j(sourcesOf(f)),
      })),
    ),
    institutions: d.institutions.map((i) => ({
      id: i.id,
      name: i.names.en,
      name_ru: i.names.ru,
      abbr: j(i.names.abbr),
      kind: i.kind,
      region: i.region,
      from: i.from,
      to: i.to,
      sources: j(sourcesOf(i)),
    })),
    relations: d.institutions.flatMap((i) =>
      (i.relations ?? []).map((r) => ({
        institution: i.id,
        type: r.type,
        target: r.target,
        from: r.from,
        to: r.to,
        sources: j(sourcesOf(r)),
      })),
    ),
    tenures: d.tenures.map((t) => ({
      person: t.person,
      institution: t.institution,
      office: t.office,
      from: t.from,
      to: t.to,
      note: t.note,
      sources: j(sourcesOf(t)),
    })),
    events: d.events.map((e) => ({
      id: e.id,
      date: e.date,
      kind: e.kind,
      title: e.title,
      participants: j(e.participants),
      institutions: j(e.institutions),
      documents: j(e.documents),
      sources: j(sourcesOf(e)),
    })),
    campaigns: d.campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      from: c.from,
      to: c.to,
      events: j(c.events),
      sources: j(sourcesOf(c)),
    })),
    discrepancies: d.discrepancies.map((x) => {
      const r: Row = {};
      for (const k of [
        'series',
        'where',
        'identity',
        'left',
        'right',
        'difference',
        'note',
        'source',
        'computed',
      ])
        r[k] = x[k] === undefined ? null : String(x[k]);
      return r;
    }),
  };
  for (const s of d.statistics) {
    out[`statistics/${s.id}`] = s.rows.map((row) => {
      const r: Row = {};
      for (const c of s.columns) r[c.id] = row[c.id] ?? null;
      return r;
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// GraphML

const esc = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

export function toGraphMl(d: Loaded): { text: string; nodes: number; edges: number } {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="ru" for="node" attr.name="ru" attr.type="string"/>',
    '  <key id="fate" for="node" attr.name="fate" attr.type="string"/>',
    '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
    '  <key id="office" for="edge" attr.name="office" attr.type="string"/>',
    '  <key id="from" for="edge" attr.name="from" attr.type="string"/>',
    '  <key id="to" for="edge" attr.name="to" attr.type="string"/>',
    '  <key id="source" for="edge" attr.name="source" attr.type="string"/>',
    '  <graph id="opis" edgedefault="directed">',
  ];
  const data = (k: string, v: string | undefined) =>
    v === undefined ? '' : `<data key="${k}">${esc(v)}</data>`;
  for (const p of d.people)
    lines.push(
      `    <node id="p:${esc(p.id)}">${data('label', p.name.text)}${data('type', 'person')}${data('ru', [p.name.ru.surname, p.name.ru.given, p.name.ru.patronymic].filter(Boolean).join(' '))}${data('fate', (p.fate ?? []).map((f) => `${f.kind}${f.date ? ` ${f.date}` : ''}`).join('; ') || undefined)}</node>`,
    );
  for (const i of d.institutions)
    lines.push(
      `    <node id="i:${esc(i.id)}">${data('label', i.names.abbr?.[0] ?? i.names.en)}${data('type', 'institution')}${data('kind', i.kind)}</node>`,
    );
  let n = 0;
  for (const t of d.tenures)
    lines.push(
      `    <edge id="e${n++}" source="p:${esc(t.person)}" target="i:${esc(t.institution)}">${data('relation', 'tenure')}${data('office', t.office)}${data('from', t.from)}${data('to', t.to)}${data('source', sourcesOf(t).join('; '))}</edge>`,
    );
  for (const i of d.institutions)
    for (const r of i.relations ?? [])
      lines.push(
        `    <edge id="e${n++}" source="i:${esc(i.id)}" target="i:${esc(r.target)}">${data('relation', r.type)}${data('from', r.from)}${data('to', r.to)}${data('source', sourcesOf(r).join('; '))}</edge>`,
      );
  lines.push('  </graph>', '</graphml>', '');
  return { text: lines.join('\n'), nodes: d.people.length + d.institutions.length, edges: n };
}
