/** The romanization utilities of @opis/translit over HTTP. */
import { matchName, romanize, systemIds, systems } from '@opis/translit';
import { z } from 'zod';
import { enumParam, intParam, textParam } from '../params.ts';
import { route } from '../route.ts';
import type { ApiDeps } from './deps.ts';

const r = route<ApiDeps>();

const ids = systemIds();
const [firstId, ...restIds] = ids;
if (firstId === undefined) throw new Error('@opis/translit defines no system');

export const SystemInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    standard: z.string(),
    description: z.string(),
    url: z.string().optional(),
    reversible: z
      .boolean()
      .meta({ description: 'Whether Latin text can be turned back into the same Cyrillic' }),
    origin: z.enum(['iuliia', 'opis']),
  })
  .meta({ id: 'RomanizationSystem' });

/** A comma-separated list of names (at most 100, each at most 200 characters). */
const candidatesParam = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  )
  .superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one name' });
    else if (list.length > 100)
      ctx.addIssue({ code: 'custom', message: `has ${list.length} names; the limit is 100` });
    const long = list.find((x) => [...x].length > 200);
    if (long) ctx.addIssue({ code: 'custom', message: 'a name is longer than 200 characters' });
  })
  .meta({
    description: 'Names to match against, separated by commas',
    examples: ['Ezhov,Yagoda,Beria'],
  });

const ScoredName = z.object({
  name: z.string(),
  index: z.number().meta({ description: 'Position in the candidate list' }),
  score: z.number().meta({ description: 'Similarity from 0 to 1; 1 is the same name in another spelling' }),
});

export const translitRoutes = [
  r({
    id: 'listSystems',
    path: '/api/translit/systems',
    tag: 'translit',
    summary: 'The romanization systems opis knows',
    params: z.object({}),
    query: z.object({}),
    response: z.object({ systems: z.array(SystemInfoSchema) }),
    handle: () => ({ systems: systems.map((s) => ({ ...s })) }),
  }),
  r({
    id: 'romanize',
    path: '/api/translit/romanize',
    tag: 'translit',
    summary: 'Romanize Cyrillic text in one system',
    description: 'Non-Cyrillic text passes through unchanged.',
    params: z.object({}),
    query: z.object({
      text: textParam({
        max: 1000,
        trim: false,
        description: 'Text to romanize',
        examples: ['Николай Иванович Ежов'],
      }),
      system: enumParam([firstId, ...restIds], 'A system id from /api/translit/systems'),
      case: enumParam(
        ['keep', 'title', 'upper', 'lower'],
        'Letter case of romanized words (default keep)',
      ).optional(),
    }),
    response: z.object({ text: z.string(), system: z.string(), result: z.string() }),
    handle: ({ query }) => ({
      text: query.text,
      system: query.system,
      result: romanize(query.text, query.system, query.case ? { case: query.case } : undefined),
    }),
  }),
  r({
    id: 'matchName',
    path: '/api/translit/match',
    tag: 'translit',
    summary: 'Which of a list of names is the same as a name in any spelling, system or script',
    description:
      '`match` is the accepted candidate, or null when the best is not clearly the same person; ' +
      '`candidates` ranks the list, best first.',
    params: z.object({}),
    query: z.object({
      q: textParam({ max: 200, description: 'The name to look for', examples: ['Jeschow', 'Ежов'] }),
      candidates: candidatesParam,
      limit: intParam({ min: 1, max: 100, default: 5, description: 'How many ranked candidates to return' }),
    }),
    response: z.object({
      query: z.string(),
      match: ScoredName.nullable(),
      candidates: z.array(ScoredName),
    }),
    handle: ({ query }) => matchName(query.q, query.candidates, { limit: query.limit }),
  }),
];
