/** The knowledge base over HTTP: the system on a date, people, institutions, events, campaigns, numbers, sources. */
import {
  CampaignDetail,
  EVENT_KINDS,
  EventSummary,
  INSTITUTION_KINDS,
  InstitutionDetail,
  InstitutionSummary,
  PersonDetail,
  PersonRef,
  parseSource,
  SeriesDetail,
  SeriesSummary,
  SourceFact,
  StateResult,
} from '@opis/kb';
import { z } from 'zod';
import { dateParam, enumParam, idParam, intParam, partialDateParam, quote, textParam } from '../params.ts';
import { invalid, notFound } from '../problem.ts';
import { route } from '../route.ts';
import type { ApiDeps } from './deps.ts';

const r = route<ApiDeps>();
const none = z.object({});

/** A source reference with its parts: the book's chapter and lines, or the archival file. */
export const CitedSource = z
  .object({
    ref: z
      .string()
      .meta({ description: 'As the dataset writes it: book:ch6:L2200, archive:RGASPI, f. 17, ...' }),
    kind: z.enum(['book', 'archive', 'work', 'unknown']),
    part: z.string().optional().meta({ description: 'book: the part (ch1..ch10, app1, table1...)' }),
    lineFrom: z.number().optional(),
    lineTo: z.number().optional(),
    citation: z.string().optional().meta({ description: 'archive: the citation as written' }),
    archive: z.string().optional(),
    fond: z.string().optional(),
    opis: z.string().optional(),
    delo: z.string().optional(),
    folios: z.string().optional(),
    key: z
      .string()
      .optional()
      .meta({ description: 'archive: the file, ARCHIVE:fond/opis/delo (see /api/sources/{key})' }),
    work: z.string().optional(),
  })
  .meta({ id: 'CitedSource' });
export type CitedSource = z.infer<typeof CitedSource>;

export function citeSource(ref: string): CitedSource {
  const p = parseSource(ref);
  if (!p.ok) return { ref, kind: 'unknown' };
  return { ...p.value } as CitedSource;
}

const SOURCE_REF = /^(book|archive|work):\S/;

/**
 * Every source reference in a value, at any depth and in any field (`source`, `sources`,
 * `archival_source`...), in order of appearance, once each.
 */
function collectSources(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === 'string') {
    if (SOURCE_REF.test(v)) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) collectSources(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collectSources(x, out);
  return out;
}

const sourceRefs = (v: unknown) => [...collectSources(v, new Set())];

interface SourceNode {
  label: string;
  key: string;
  count: number;
  children: SourceNode[];
}
/** kb's SourceTreeNode, named so that the OpenAPI document can refer to it (it is recursive). */
const SourceTreeNode: z.ZodType<SourceNode> = z
  .lazy(() =>
    z.object({
      label: z.string().meta({ description: 'RGASPI, f. 17, op. 3, d. 1003' }),
      key: z
        .string()
        .meta({ description: 'For /api/sources/{key}: RGASPI, RGASPI:17, RGASPI:17/3, RGASPI:17/3/1003' }),
      count: z.number().meta({ description: 'Facts and events resting on it' }),
      children: z.array(SourceTreeNode),
    }),
  )
  .meta({ id: 'SourceTreeNode' });

const SearchHit = z
  .object({
    type: z.enum(['person', 'institution', 'event']),
    id: z.string(),
    label: z.string(),
    sublabel: z.string().optional(),
    score: z
      .number()
      .meta({ description: '1 exact, 0.8 given name and surname, 0.6 prefix, 0.4 near spelling' }),
    matched: z.string().optional().meta({ description: 'The spelling that matched' }),
  })
  .meta({ id: 'SearchHit' });

const years = (born: string | null, died: string | null) =>
  born || died ? `${born?.slice(0, 4) ?? '?'}–${died?.slice(0, 4) ?? ''}` : '';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

const notFoundIn = (what: string, id: string, list: string) =>
  notFound(`no ${what} has the id ${quote(id)}; ${list} lists them`);

/** Start and end day of a partial date, to compare `from` and `to`. */
function bounds(d: string): [string, string] {
  if (d.length === 4) return [`${d}-01-01`, `${d}-12-31`];
  if (d.length === 7) return [`${d}-01`, `${d}-31`];
  return [d, d];
}

export const kbRoutes = [
  r({
    id: 'health',
    path: '/api/health',
    tag: 'meta',
    summary: 'Whether the server answers, and what the loaded dataset holds',
    params: none,
    query: none,
    response: z.object({
      ok: z.literal(true),
      dataset: z
        .record(z.string(), z.number())
        .meta({ description: 'Counts: people, institutions, events...' }),
      hash: z.string().meta({ description: 'Content hash of data/ the database was built from' }),
      builtAt: z.string(),
      schemaVersion: z.number(),
    }),
    handle: (_, { kb }) => {
      const info = kb.info();
      return {
        ok: true as const,
        dataset: { people: 0, institutions: 0, events: 0, ...info.counts },
        hash: info.hash,
        builtAt: info.builtAt,
        schemaVersion: info.schemaVersion,
      };
    },
  }),
  r({
    id: 'search',
    path: '/api/search',
    tag: 'search',
    summary: 'People, institutions and events matching a name in any spelling, system or Cyrillic',
    description: 'Ezhov, Yezhov, Ežov, Jeschow and Ежов all find the same person.',
    params: none,
    query: z.object({
      q: textParam({ max: 200, description: 'What to look for', examples: ['Ezhov', 'Ежов', 'NKVD'] }),
      limit: intParam({ min: 1, max: 100, default: 20, description: 'Most results to return' }),
    }),
    response: z.object({ query: z.string(), results: z.array(SearchHit) }),
    handle: ({ query }, { kb }) => {
      const found = kb.search(query.q, query.limit);
      const q = fold(query.q);
      const results: z.infer<typeof SearchHit>[] = [
        ...found.people.map((p) => {
          const y = years(p.born, p.died);
          return {
            type: 'person' as const,
            id: p.id,
            label: p.name,
            sublabel: [p.ru, y].filter(Boolean).join(', '),
            score: p.score,
            matched: p.matched,
          };
        }),
        ...found.institutions.map((i) => {
          const names = [i.name, ...i.abbr].map(fold);
          return {
            type: 'institution' as const,
            id: i.id,
            label: i.abbr[0] ? `${i.abbr[0]}: ${i.name}` : i.name,
            sublabel: [i.kind, i.from && i.to ? `${i.from}..${i.to}` : ''].filter(Boolean).join(', '),
            score: names.includes(q) ? 1 : names.some((n) => n.startsWith(q)) ? 0.6 : 0.4,
          };
        }),
        ...found.events.map((e) => ({
          type: 'event' as const,
          id: e.id,
          label: e.title,
          sublabel: `${e.date}, ${e.kind}`,
          score: fold(e.title) === q ? 1 : 0.4,
        })),
      ];
      results.sort((a, b) => b.score - a.score);
      return { query: query.q, results: results.slice(0, query.limit) };
    },
  }),
  r({
    id: 'state',
    path: '/api/state',
    tag: 'system',
    summary:
      'The party-state on a date: bodies, their relations, who held which office, and their fate by then',
    description:
      'Each institution and holder carries status holds / may-hold (the dates are uncertain) with why; ' +
      "each holder's personal status on the date is free, arrested or dead.",
    params: none,
    query: z.object({
      date: dateParam('The day, YYYY-MM-DD, from 1917-01-01 to 1941-12-31'),
      kind: enumParam(INSTITUTION_KINDS, 'Only institutions of this kind').optional(),
      certain: enumParam(['true', 'false'], 'true: leave out holders who only may hold an office').optional(),
    }),
    response: StateResult,
    handle: ({ query }, { kb }) =>
      kb.stateOn(query.date, {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.certain === 'true' ? { certainOnly: true } : {}),
      }),
  }),
  r({
    id: 'listPeople',
    path: '/api/people',
    tag: 'people',
    summary: 'People, by name',
    params: none,
    query: z.object({
      limit: intParam({ min: 1, max: 1000, default: 100, description: 'Page size' }),
      offset: intParam({ min: 0, max: 1_000_000, default: 0, description: 'How many to skip' }),
    }),
    response: z.object({
      people: z.array(PersonRef),
      total: z.number(),
      limit: z.number(),
      offset: z.number(),
    }),
    handle: ({ query }, { kb }) => ({
      people: kb.people({ limit: query.limit, offset: query.offset }),
      total: kb.info().counts.people ?? 0,
      limit: query.limit,
      offset: query.offset,
    }),
  }),
  r({
    id: 'getPerson',
    path: '/api/people/{id}',
    tag: 'people',
    summary: 'One person: names in Cyrillic and every romanization, offices, fate, events, sources',
    description: '`citations` lists every source the answer rests on, with its archival file parsed.',
    params: z.object({ id: idParam('The person, e.g. yezhov') }),
    query: none,
    response: PersonDetail.extend({ citations: z.array(CitedSource) }).meta({ id: 'PersonDetail' }),
    handle: ({ params }, { kb }) => {
      const p = kb.person(params.id);
      if (!p) throw notFoundIn('person', params.id, '/api/people');
      return { ...p, citations: sourceRefs(p).map(citeSource) };
    },
  }),
  r({
    id: 'listInstitutions',
    path: '/api/institutions',
    tag: 'institutions',
    summary: 'Institutions of the party-state',
    params: none,
    query: z.object({ kind: enumParam(INSTITUTION_KINDS, 'Only this kind').optional() }),
    response: z.object({ institutions: z.array(InstitutionSummary) }),
    handle: ({ query }, { kb }) => ({
      institutions: kb.institutions().filter((i) => !query.kind || i.kind === query.kind),
    }),
  }),
  r({
    id: 'getInstitution',
    path: '/api/institutions/{id}',
    tag: 'institutions',
    summary: 'One institution: what it was part of, what was part of it, who held its offices over time',
    params: z.object({ id: idParam('The institution, e.g. nkvd') }),
    query: none,
    response: InstitutionDetail.extend({ citations: z.array(CitedSource) }).meta({ id: 'InstitutionDetail' }),
    handle: ({ params }, { kb }) => {
      const i = kb.institution(params.id);
      if (!i) throw notFoundIn('institution', params.id, '/api/institutions');
      return { ...i, citations: sourceRefs(i).map(citeSource) };
    },
  }),
  r({
    id: 'listEvents',
    path: '/api/events',
    tag: 'events',
    summary: 'Events in date order, filtered by dates, kind, person, institution or words of the title',
    params: none,
    query: z
      .object({
        from: partialDateParam('On or after (YYYY, YYYY-MM or YYYY-MM-DD)').optional(),
        to: partialDateParam('On or before (YYYY, YYYY-MM or YYYY-MM-DD)').optional(),
        kind: enumParam(EVENT_KINDS, 'Kind of event').optional(),
        person: idParam('Events this person took part in').optional(),
        institution: idParam('Events of this institution').optional(),
        q: textParam({ max: 200, description: 'Words of the title' }).optional(),
        limit: intParam({ min: 1, max: 1000, default: 100, description: 'Page size' }),
        offset: intParam({ min: 0, max: 1_000_000, default: 0, description: 'How many to skip' }),
      })
      .superRefine((v, ctx) => {
        if (v.from && v.to && bounds(v.from)[0] > bounds(v.to)[1])
          ctx.addIssue({ code: 'custom', path: ['to'], message: `${v.to} is before from=${v.from}` });
      }),
    response: z.object({ events: z.array(EventSummary), limit: z.number(), offset: z.number() }),
    handle: ({ query }, { kb }) => {
      if (query.person && !kb.person(query.person))
        throw invalid([
          { name: 'person', in: 'query', message: `no person has the id ${quote(query.person)}` },
        ]);
      if (query.institution && !kb.institution(query.institution))
        throw invalid([
          {
            name: 'institution',
            in: 'query',
            message: `no institution has the id ${quote(query.institution)}`,
          },
        ]);
      const events = kb.events({
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.person ? { person: query.person } : {}),
        ...(query.institution ? { institution: query.institution } : {}),
        ...(query.q ? { text: query.q } : {}),
        limit: query.limit,
        offset: query.offset,
      });
      return { events, limit: query.limit, offset: query.offset };
    },
  }),
  r({
    id: 'listCampaigns',
    path: '/api/campaigns',
    tag: 'campaigns',
    summary: 'Campaigns: the purges, the verification and exchange of party documents, the mass operations',
    params: none,
    query: none,
    response: z.object({
      campaigns: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        }),
      ),
    }),
    handle: (_, { kb }) => ({ campaigns: kb.campaigns() }),
  }),
  r({
    id: 'getCampaign',
    path: '/api/campaigns/{id}',
    tag: 'campaigns',
    summary: 'One campaign: rules, results, limits, events',
    params: z.object({ id: idParam('The campaign, e.g. order-00447') }),
    query: none,
    response: CampaignDetail.extend({ citations: z.array(CitedSource) }).meta({ id: 'CampaignDetail' }),
    handle: ({ params }, { kb }) => {
      const c = kb.campaign(params.id);
      if (!c) throw notFoundIn('campaign', params.id, '/api/campaigns');
      return { ...c, citations: sourceRefs(c).map(citeSource) };
    },
  }),
  r({
    id: 'listStatistics',
    path: '/api/statistics',
    tag: 'statistics',
    summary: "The book's statistical series (its tables)",
    params: none,
    query: none,
    response: z.object({ statistics: z.array(SeriesSummary) }),
    handle: (_, { kb }) => ({ statistics: kb.statistics() }),
  }),
  r({
    id: 'getSeries',
    path: '/api/statistics/{id}',
    tag: 'statistics',
    summary: 'One series: columns, rows, source, and where the numbers disagree',
    params: z.object({ id: idParam('The series, e.g. table-1') }),
    query: none,
    response: SeriesDetail.extend({ citations: z.array(CitedSource) }).meta({ id: 'SeriesDetail' }),
    handle: ({ params }, { kb }) => {
      const s = kb.series(params.id);
      if (!s) throw notFoundIn('statistical series', params.id, '/api/statistics');
      return { ...s, citations: sourceRefs(s).map(citeSource) };
    },
  }),
  r({
    id: 'sourcesTree',
    path: '/api/sources',
    tag: 'sources',
    summary: 'The archival files cited, as a tree: archive, fond, opis, delo, with counts of facts',
    params: none,
    query: none,
    response: z.object({ tree: z.array(SourceTreeNode) }),
    handle: (_, { kb }) => ({ tree: kb.sourcesTree() }),
  }),
  r({
    id: 'sourceFacts',
    path: '/api/sources/{key}',
    tag: 'sources',
    summary: 'The facts and events resting on one archival file (or fond, or opis)',
    description: 'The key is URL-encoded: RGASPI:17/3/1003 is written RGASPI%3A17%2F3%2F1003.',
    params: z.object({
      key: z
        .string()
        .superRefine((s, ctx) => {
          if (!/^[\p{L}\p{N}][\p{L}\p{N} ._:/()-]{0,199}$/u.test(s))
            ctx.addIssue({
              code: 'custom',
              message: `${quote(s)} is not a source key (e.g. RGASPI:17/3/1003)`,
            });
        })
        .meta({
          description: 'ARCHIVE, ARCHIVE:fond, ARCHIVE:fond/opis or ARCHIVE:fond/opis/delo',
          examples: ['RGASPI:17/3/1003'],
        }),
    }),
    query: none,
    response: z.object({ key: z.string(), facts: z.array(SourceFact) }),
    handle: ({ params }, deps) => {
      if (!deps.sourceKeys().has(params.key))
        throw notFound(
          `no cited archival file has the key ${quote(params.key, 200)}; /api/sources lists them`,
        );
      return { key: params.key, facts: deps.kb.sourceFacts(params.key) };
    },
  }),
];
