/**
 * Errors as RFC 9457 problem documents (`application/problem+json`). A handler throws an
 * `HttpProblem`; the app turns it into a response. Anything else thrown becomes a 500 whose
 * body says nothing about the code (no message, no stack).
 */
import { z } from 'zod';

/** The problem types opis answers with; each is also listed in the OpenAPI document. */
export const problemTypes = {
  'invalid-parameter': 'A path or query parameter is missing, unknown or malformed.',
  'not-found': 'No route, resource or file has that name.',
  'method-not-allowed': 'The API is read-only: only GET and HEAD are accepted.',
  'uri-too-long': 'The request target is longer than the server accepts.',
  'content-too-large': 'The request carries a body larger than the server accepts.',
  'bad-request': 'The request could not be read (malformed path or headers).',
  unavailable: 'A part of the service is not available (e.g. the web app is not built).',
  internal: 'The server failed; the detail never contains internals.',
} as const;

export type ProblemType = keyof typeof problemTypes;

/** `type` is a URN, stable and not meant to be dereferenced (RFC 9457 section 3.1.1 allows this). */
export const problemUri = (t: ProblemType): string => `urn:opis:problem:${t}`;

export const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ParamError {
  /** The parameter's name, e.g. `date`. */
  name: string;
  /** Where it is: the path or the query string. */
  in: 'path' | 'query';
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly detail: string,
    readonly extra: { errors?: ParamError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', detail);
export const invalid = (errors: ParamError[]) =>
  new HttpProblem(400, 'invalid-parameter', errors.map((e) => `${e.name}: ${e.message}`).join('; '), {
    errors,
  });

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: 'A URN naming the kind of problem, e.g. urn:opis:problem:not-found' }),
    title: z.string().meta({ description: 'The HTTP status phrase' }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong with this request, in words' }),
    instance: z.string().meta({ description: 'The path (and query) of the request' }),
    errors: z
      .array(z.object({ name: z.string(), in: z.enum(['path', 'query']), message: z.string() }))
      .optional()
      .meta({ description: 'For invalid-parameter: one entry per bad parameter' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document' });

export type Problem = z.infer<typeof ProblemSchema>;

export function problemBody(p: HttpProblem, instance: string): Problem {
  return {
    type: problemUri(p.type),
    title: titles[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    instance,
    ...(p.extra.errors ? { errors: p.extra.errors } : {}),
  };
}
