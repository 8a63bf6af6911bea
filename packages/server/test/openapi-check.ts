/**
 * Checks an OpenAPI 3.1 document: against the official schema (via @seriousme/openapi-schema-validator),
 * then what that schema cannot see: unique operation ids, every `$ref` resolving, every `{param}` of a
 * path declared, every JSON Schema compiling under JSON Schema 2020-12 (Ajv). Also validates a real
 * answer against the schema the document gives for it, so the document cannot drift from the code.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;

function* walk(v: unknown, path: string): Generator<[string, unknown, string]> {
  if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* walk(x, `${path}/${i}`);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      yield [k, x, path];
      yield* walk(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
}

function pointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Json)[k];
  }
  return cur;
}

/** Every problem found (empty when the document is good). */
export async function checkOpenApi(doc: Json): Promise<string[]> {
  const problems: string[] = [];
  const v = await new Validator().validate(structuredClone(doc));
  if (!v.valid) problems.push(`schema: ${JSON.stringify(v.errors).slice(0, 2000)}`);
  if (doc.openapi !== '3.1.0') problems.push(`openapi is ${String(doc.openapi)}, not 3.1.0`);
  const ids = new Set<string>();
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [p, item] of Object.entries(paths)) {
    const declared = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(item)) {
      const id = op.operationId as string | undefined;
      if (!id) problems.push(`${method} ${p}: no operationId`);
      else if (ids.has(id)) problems.push(`${method} ${p}: operationId ${id} is used twice`);
      else ids.add(id);
      const params = (op.parameters ?? []) as Json[];
      for (const d of declared)
        if (!params.some((x) => x.in === 'path' && x.name === d && x.required === true))
          problems.push(`${method} ${p}: path parameter ${d} is not declared as required`);
      for (const x of params)
        if (x.in === 'path' && !declared.includes(x.name as string))
          problems.push(`${method} ${p}: parameter ${String(x.name)} is not in the path`);
      const responses = (op.responses ?? {}) as Record<string, Json>;
      if (!responses['200']) problems.push(`${method} ${p}: no 200 response`);
    }
  }
  for (const [k, x, at] of walk(doc, '#')) {
    if (k === '$ref' && typeof x === 'string' && pointer(doc, x) === undefined)
      problems.push(`${at}: $ref ${x} does not resolve`);
  }
  try {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemas = new Set<string>();
    for (const item of Object.values(paths))
      for (const op of Object.values(item)) {
        for (const resp of Object.values((op.responses ?? {}) as Record<string, Json>))
          for (const media of Object.values((resp.content ?? {}) as Record<string, Json>))
            schemas.add(JSON.stringify(media.schema));
        for (const x of (op.parameters ?? []) as Json[]) schemas.add(JSON.stringify(x.schema));
      }
    // Each distinct schema once, all components with it (so every component is compiled too).
    for (const s of schemas) ajv.compile(standalone(doc, JSON.parse(s)));
  } catch (err) {
    problems.push(`a schema does not compile: ${(err as Error).message}`);
  }
  return problems;
}

/** A schema of the document as a standalone JSON Schema: components become `$defs`. */
function standalone(doc: Json, schema: unknown): Json {
  const comps = ((doc.components as Json | undefined)?.schemas ?? {}) as Json;
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/$defs/') : fix(x),
        ]),
      );
    return v;
  };
  return { ...(fix(schema) as Json), $defs: fix(comps) as Json };
}

/** The document's path template (`/api/people/{id}`) that a request path (query ignored) falls under. */
export function templateFinder(doc: Json): (path: string) => string | undefined {
  const paths = Object.keys((doc as { paths: Record<string, unknown> }).paths);
  const res = paths.map(
    (p) => [new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`), p] as const,
  );
  return (path) => {
    const pathname = path.split('?')[0] ?? '';
    return res.find(([re]) => re.test(pathname))?.[1];
  };
}

/** Validates an answer's body against the document's schema for that operation and status. */
export function responseChecker(
  doc: Json,
): (path: string, status: number, body: unknown, type?: string) => string[] {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  const paths = doc.paths as Record<string, Record<string, Json>>;
  return (path, status, body, type = status < 400 ? 'application/json' : 'application/problem+json') => {
    const key = `${path} ${status} ${type}`;
    let validate = cache.get(key);
    if (!validate) {
      const responses = (paths[path]?.get?.responses ?? {}) as Record<string, Json>;
      const media = ((responses[String(status)]?.content ?? {}) as Record<string, Json>)[type];
      if (!media) return [`the document has no ${type} answer ${status} for ${path}`];
      validate = ajv.compile(standalone(doc, media.schema));
      cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
