/** Turns raw path and query parameters into a handler's input, or a 400 problem naming each fault. */
import type { z } from 'zod';
import { quote } from './params.ts';
import { HttpProblem, invalid, type ParamError } from './problem.ts';
import type { AnyObject, AnyRoute } from './route.ts';

function decode(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpProblem(
      400,
      'bad-request',
      `path parameter ${name} is not valid percent-encoding: ${quote(raw)}`,
    );
  }
}

function check(
  schema: AnyObject,
  raw: Record<string, string>,
  where: 'path' | 'query',
  errors: ParamError[],
): Record<string, unknown> | undefined {
  const r = schema.safeParse(raw);
  if (r.success) return r.data as Record<string, unknown>;
  for (const issue of r.error.issues as z.core.$ZodIssue[]) {
    const name = String(issue.path[0] ?? '');
    const message = raw[name] === undefined ? 'is required' : issue.message;
    if (!errors.some((e) => e.name === name && e.in === where)) errors.push({ name, in: where, message });
  }
  return undefined;
}

export function validateInput<D>(
  route: AnyRoute<D>,
  rawParams: Record<string, string>,
  search: URLSearchParams,
): { params: Record<string, unknown>; query: Record<string, unknown> } {
  const errors: ParamError[] = [];
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawParams)) params[k] = decode(v, k);

  const shape = (route.query as AnyObject).shape;
  const query: Record<string, string> = {};
  for (const [k, v] of search) {
    if (!Object.hasOwn(shape, k)) {
      const known = Object.keys(shape);
      errors.push({
        name: k,
        in: 'query',
        message: `unknown parameter (${known.length ? `this route takes ${known.join(', ')}` : 'this route takes none'})`,
      });
    } else if (Object.hasOwn(query, k)) {
      if (!errors.some((e) => e.name === k))
        errors.push({ name: k, in: 'query', message: 'given more than once' });
    } else query[k] = v;
  }
  const p = check(route.params as AnyObject, params, 'path', errors);
  const q = check(route.query as AnyObject, query, 'query', errors);
  if (errors.length > 0 || !p || !q) throw invalid(errors);
  return { params: p, query: q };
}
