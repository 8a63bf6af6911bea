/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas with `z.toJSONSchema`
 * (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Named schemas (`.meta({ id })`) become
 * `components.schemas`; everything else is inlined.
 */
import { z } from 'zod';
import { paramDocs } from './params.ts';
import { ProblemSchema, problemTypes, problemUri } from './problem.ts';
import type { AnyObject, AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

function convert(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    cycles: 'ref',
    override: (ctx) => {
      const doc = paramDocs.get(ctx.zodSchema as unknown as z.ZodType);
      if (doc) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
        Object.assign(ctx.jsonSchema, doc);
      }
    },
  }) as Json;
  delete json.$schema;
  const defs = json.$defs as Record<string, Json> | undefined;
  delete json.$defs;
  if (defs) {
    for (const [id, def] of Object.entries(defs)) {
      const prior = components[id];
      const rewritten = rewriteRefs(def) as Json;
      if (prior && JSON.stringify(prior) !== JSON.stringify(rewritten))
        throw new Error(`two different schemas are named ${id}`);
      components[id] = rewritten;
    }
  }
  return rewriteRefs(json) as Json;
}

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] =
        k === '$ref' && typeof x === 'string'
          ? x.replace(/^#\/\$defs\//, '#/components/schemas/')
          : rewriteRefs(x);
    }
    return out;
  }
  return v;
}

/** Route template to OpenAPI path (they are the same syntax: `{id}`). */
export function buildOpenApi<D>(routes: readonly AnyRoute<D>[], info: OpenApiInfo): Json {
  const components: Json = {};
  // A named schema comes back as a `$ref`; its body lands in `components`.
  const problemRef = convert(ProblemSchema, 'output', components);
  const problemResponse = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: problemRef } },
  });
  const paths: Record<string, Json> = {};
  const tags = new Map<string, true>();
  for (const r of routes) {
    tags.set(r.tag, true);
    const parameters: Json[] = [];
    for (const [where, obj] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      const shape = (obj as AnyObject).shape;
      for (const [name, s] of Object.entries(shape)) {
        const schema = convert(s as z.ZodType, 'input', components);
        const description = typeof schema.description === 'string' ? schema.description : undefined;
        const optional = (s as z.ZodType).safeParse(undefined).success;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !optional,
          ...(description ? { description } : {}),
          schema,
        });
      }
    }
    const responses: Json = {
      '200': {
        description: 'OK',
        content: {
          [r.produces?.split(';')[0] ?? 'application/json']: {
            schema: convert(r.response, 'output', components),
          },
        },
      },
      '304': { description: 'Not Modified (the If-None-Match header matched the ETag)' },
      '400': problemResponse('A parameter is missing, unknown or malformed (problem type invalid-parameter)'),
    };
    if (Object.keys((r.params as AnyObject).shape).length > 0)
      responses['404'] = problemResponse('No resource has that identifier');
    responses['405'] = problemResponse('Any method other than GET or HEAD');
    responses['414'] = problemResponse('The request target is too long');
    for (const [status, text] of Object.entries(r.problems ?? {})) responses[status] = problemResponse(text);
    responses['500'] = problemResponse('The server failed (never with internals in the detail)');
    paths[r.path] = {
      get: {
        operationId: r.id,
        tags: [r.tag],
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        ...(parameters.length ? { parameters } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      ...info,
      'x-problem-types': Object.fromEntries(
        Object.entries(problemTypes).map(([k, v]) => [problemUri(k as keyof typeof problemTypes), v]),
      ),
    },
    servers: [{ url: '/' }],
    tags: [...tags.keys()].map((name) => ({ name })),
    paths,
    components: { schemas: components },
  };
}
