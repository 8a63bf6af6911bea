/** The archival citation parser of @opis/cite over HTTP. */
import { parseCitation, parseFootnote } from '@opis/cite';
import { z } from 'zod';
import { textParam } from '../params.ts';
import { route } from '../route.ts';
import type { ApiDeps } from './deps.ts';

const r = route<ApiDeps>();

const Sheet = z.object({
  from: z.string(),
  to: z.string().optional(),
  verso: z.boolean(),
  toVerso: z.boolean().optional(),
  following: z.boolean().optional(),
});

export const ArchivalReferenceSchema = z
  .object({
    archive: z.string().nullable().meta({ description: 'Registry id (e.g. RGASPI), or the name as written' }),
    archiveAsWritten: z.string().nullable(),
    fond: z.string().nullable(),
    opis: z.string().nullable(),
    delo: z.string().nullable(),
    unit: z.enum(['por', 'edkhr', 'file']).optional(),
    vypusk: z.string().optional(),
    tom: z.string().optional(),
    chast: z.string().optional(),
    sheets: z.array(Sheet),
    key: z.string().meta({ description: 'Grouping key, e.g. RGASPI:17/3/1003' }),
  })
  .meta({ id: 'ArchivalReference' });

export const DiagnosticSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'repair']),
    message: z.string(),
    start: z.number().meta({ description: 'Offset in the text (UTF-16 code units), inclusive' }),
    end: z.number().meta({ description: 'Offset, exclusive' }),
    missing: z.enum(['archive', 'fond', 'opis', 'delo', 'value', 'target']).optional(),
  })
  .meta({ id: 'CitationDiagnostic' });

export const CitationSchema = z
  .object({
    start: z.number(),
    end: z.number(),
    line: z.number(),
    raw: z.string(),
    kind: z.enum(['full', 'ibid', 'continuation']),
    reference: ArchivalReferenceSchema,
    inheritsFrom: z.number().nullable(),
    inherited: z.array(z.enum(['archive', 'fond', 'opis', 'delo', 'sheets'])),
    diagnostics: z.array(DiagnosticSchema),
    note: z.number(),
  })
  .meta({ id: 'Citation' });

export const citeRoutes = [
  r({
    id: 'parseCitations',
    path: '/api/cite/parse',
    tag: 'cite',
    summary: 'Parse archival references (English, Russian or compact style) in a footnote',
    description:
      'Every reference found, with archive, fond, opis, delo, sheets and diagnostics (repairs, guesses, ' +
      'errors with offsets). When nothing is found, `diagnostics` says why.',
    params: z.object({}),
    query: z.object({
      text: textParam({
        max: 1000,
        trim: false,
        description: 'A footnote or a citation',
        examples: ['RGASPI, f. 17, op. 3, d. 1003, l. 82', 'РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82'],
      }),
    }),
    response: z.object({
      text: z.string(),
      citations: z.array(CitationSchema),
      diagnostics: z.array(DiagnosticSchema),
    }),
    handle: ({ query }) => {
      const citations = parseFootnote(query.text);
      return {
        text: query.text,
        citations,
        diagnostics: citations.length === 0 ? parseCitation(query.text).diagnostics : [],
      };
    },
  }),
];
