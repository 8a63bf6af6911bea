/**
 * A route is data: its path, its parameter schemas, its response schema and one function.
 * The same schemas validate requests and generate the OpenAPI document, so the two cannot drift.
 */
import type { z } from 'zod';

export type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, R extends z.ZodType, D> {
  /** OpenAPI operationId, also the key of the response cache. */
  id: string;
  /** OpenAPI path template, e.g. `/api/people/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params: P;
  query: Q;
  response: R;
  /** Whether the same validated input always gives the same answer (read-only data): cached. */
  cacheable?: boolean;
  /**
   * The media type of the answer when it is not JSON (e.g. `text/javascript; charset=utf-8`):
   * `handle` then returns the body as a string, sent as it is.
   */
  produces?: string;
  /** Problem answers this route may give besides the ones every route has, by status, for the document. */
  problems?: Record<number, string>;
  handle(input: { params: z.output<P>; query: z.output<Q> }, deps: D): z.input<R> | Promise<z.input<R>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of routes with different parameter types
export type AnyRoute<D> = RouteSpec<any, any, z.ZodType, D>;

/** Identity with inference: `route({...})` checks `handle` against the schemas. */
export function route<D>() {
  return <P extends AnyObject, Q extends AnyObject, R extends z.ZodType>(
    spec: RouteSpec<P, Q, R, D>,
  ): RouteSpec<P, Q, R, D> => spec;
}
