/**
 * The request handler: size limits, method check, routing, validation, the response cache,
 * conditional requests, problems, and the web app for everything outside /api.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { apiHeaders, appHeaders } from './headers.ts';
import { buildOpenApi, type OpenApiInfo } from './openapi.ts';
import { HttpProblem, notFound, problemBody } from './problem.ts';
import { type AnyRoute, route } from './route.ts';
import { Router } from './router.ts';
import { etagMatches, pickEncoding, StaticFiles } from './static.ts';
import { validateInput } from './validate.ts';

export interface AppOptions<D> {
  routes: readonly AnyRoute<D>[];
  deps: D;
  info: OpenApiInfo;
  /** The web app's build folder; without it, non-API paths answer 503. */
  webDir?: string | undefined;
  /** Longest request target (path and query) accepted, in bytes; longer gets 414. Default 4096. */
  maxUrlLength?: number;
  /** Largest request body accepted (the API reads none); larger gets 413. Default 1024. */
  maxBodyBytes?: number;
  /** Check every fresh answer against its route's response schema (tests turn this on). */
  checkResponses?: boolean;
  /** How many answers to keep in memory (the data are read-only). Default 4096; 0 turns it off. */
  cacheEntries?: number;
  /** Turns an error a library threw into a problem (e.g. a query error into a 400); undefined: a 500. */
  mapError?: (err: unknown) => HttpProblem | undefined;
  /** The most bytes of answers to keep (an entry counts once per key). Default 64 MiB. */
  cacheBytes?: number;
  /** Where failures are reported (with their stack; never sent to the client). */
  log?: (message: string) => void;
}

export interface App {
  handle(req: IncomingMessage, res: ServerResponse): void;
  readonly openapi: Record<string, unknown>;
  readonly routes: readonly AnyRoute<unknown>[];
}

interface Cached {
  body: Buffer;
  etag: string;
  gzip?: Buffer;
  /** Content-Type when the answer is not JSON. */
  type?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const ALLOW = 'GET, HEAD';

export function createApp<D>(opts: AppOptions<D>): App {
  const maxUrl = opts.maxUrlLength ?? 4096;
  const maxBody = opts.maxBodyBytes ?? 1024;
  const cacheMax = opts.cacheEntries ?? 4096;
  const cacheMaxBytes = opts.cacheBytes ?? 64 * 1024 * 1024;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const openapiRoute = route<D>()({
    id: 'getOpenApi',
    path: '/api/openapi.json',
    tag: 'meta',
    summary: 'This API described as OpenAPI 3.1, generated from the schemas that validate requests',
    params: z.object({}),
    query: z.object({}),
    response: z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' }),
    handle: (): Record<string, unknown> => openapi,
  });
  const routes: readonly AnyRoute<D>[] = [openapiRoute, ...opts.routes];
  const openapi: Record<string, unknown> = buildOpenApi(routes, opts.info);
  const router = new Router(routes);
  const files = new StaticFiles(opts.webDir);
  const cache = new Map<string, Cached>();

  function sendProblem(req: IncomingMessage, res: ServerResponse, p: HttpProblem, instance: string): void {
    const body = Buffer.from(JSON.stringify(problemBody(p, instance)));
    res.writeHead(p.status, {
      ...apiHeaders,
      'Content-Type': PROBLEM_TYPE,
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
      ...p.extra.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function sendJson(req: IncomingMessage, res: ServerResponse, c: Cached): void {
    const headers: Record<string, string> = {
      ...apiHeaders,
      'Content-Type': c.type ?? JSON_TYPE,
      'Cache-Control': 'no-cache',
      ETag: c.etag,
    };
    if (c.body.length > 1024) headers.Vary = 'Accept-Encoding';
    const inm = req.headers['if-none-match'];
    if (inm !== undefined && etagMatches(inm, c.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    let body = c.body;
    if (c.body.length > 1024) {
      const ae = req.headers['accept-encoding'];
      if (ae && pickEncoding(ae) !== undefined) {
        c.gzip ??= gzipSync(c.body, { level: 6 });
        body = c.gzip;
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function freeze(value: unknown, type?: string): Cached {
    const body = Buffer.from(type === undefined ? JSON.stringify(value) : String(value));
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return type === undefined ? { body, etag } : { body, etag, type };
  }

  let cacheBytes = 0;
  function remember(key: string, c: Cached): void {
    if (cacheMax <= 0 || c.body.length > cacheMaxBytes / 8) return;
    const prior = cache.get(key);
    if (prior) {
      cache.delete(key);
      cacheBytes -= prior.body.length;
    }
    while (cache.size > 0 && (cache.size >= cacheMax || cacheBytes + c.body.length > cacheMaxBytes)) {
      const oldest = cache.keys().next().value as string;
      cacheBytes -= cache.get(oldest)?.body.length ?? 0;
      cache.delete(oldest);
    }
    cache.set(key, c);
    cacheBytes += c.body.length;
  }

  function api(req: IncomingMessage, res: ServerResponse, pathname: string, search: string): void {
    // The same request target always validates to the same input: answer it without routing.
    const raw = `\0${pathname}?${search}`;
    const seen = cache.get(raw);
    if (seen) {
      cache.delete(raw); // refresh its place in the LRU order
      cache.set(raw, seen);
      sendJson(req, res, seen);
      return;
    }
    const m = router.match(pathname);
    if (!m)
      throw notFound(
        `no route GET ${pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname}; the routes are listed in /api/openapi.json`,
      );
    const input = validateInput(m.route, m.params, new URLSearchParams(search));
    const key = `${m.route.id}\0${JSON.stringify(input)}`;
    const hit = cache.get(key);
    if (hit) {
      remember(key, hit); // refreshes its place in the LRU order
      remember(raw, hit);
      sendJson(req, res, hit);
      return;
    }
    const finish = (value: unknown) => {
      if (opts.checkResponses) {
        const r = m.route.response.safeParse(value);
        if (!r.success)
          throw new Error(
            `${m.route.id}: the answer does not match its schema: ${JSON.stringify(r.error.issues.slice(0, 5))}`,
          );
      }
      const c = freeze(value, m.route.produces);
      if (m.route.cacheable !== false) {
        remember(key, c);
        remember(raw, c);
      }
      sendJson(req, res, c);
    };
    const out = m.route.handle(input as never, opts.deps);
    if (out instanceof Promise)
      out
        .then(finish)
        .catch((err: unknown) => fail(req, res, err, search ? `${pathname}?${search}` : pathname));
    else finish(out);
  }

  function fail(req: IncomingMessage, res: ServerResponse, err: unknown, instance: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const mapped = err instanceof HttpProblem ? err : opts.mapError?.(err);
    if (mapped) {
      sendProblem(req, res, mapped, instance);
      return;
    }
    const e = err as Error;
    log(`opis server: ${req.method} ${req.url}: ${e?.stack ?? String(err)}`);
    sendProblem(
      req,
      res,
      new HttpProblem(
        500,
        'internal',
        'the server failed to answer this request; the failure is logged on the server',
      ),
      instance,
    );
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, url: string): void {
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q + 1);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpProblem(
          405,
          'method-not-allowed',
          `${req.method} is not allowed: opis is read-only and answers GET and HEAD only`,
          { headers: { Allow: ALLOW } },
        );
      if (pathname === '/api' || pathname.startsWith('/api/')) {
        api(req, res, pathname, search);
        return;
      }
      const f = files.serve(
        pathname,
        String(req.headers['accept-encoding'] ?? ''),
        req.headers['if-none-match'],
      );
      res.writeHead(f.status, {
        ...appHeaders,
        ...f.headers,
        ...(f.status === 200 ? { 'Content-Length': String(f.body.length) } : {}),
      });
      res.end(req.method === 'HEAD' || f.status === 304 ? undefined : f.body);
    } catch (err) {
      fail(req, res, err, url);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    if (!url.startsWith('/')) {
      // Absolute-form targets (proxies) and `*` (OPTIONS) are not served.
      sendProblem(req, res, new HttpProblem(400, 'bad-request', 'the request target must be a path'), '/');
      return;
    }
    if (Buffer.byteLength(url) > maxUrl) {
      const path = url.split('?')[0] ?? '/';
      sendProblem(
        req,
        res,
        new HttpProblem(
          414,
          'uri-too-long',
          `the request target is ${Buffer.byteLength(url)} bytes long; the limit is ${maxUrl}`,
        ),
        path.length > 200 ? path.slice(0, 200) : path,
      );
      return;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBody) {
      tooLarge(req, res, url, `the request declares a body of ${declared} bytes; the limit is ${maxBody}`);
      return;
    }
    if (req.headers['transfer-encoding'] !== undefined) {
      // A body of unknown length: read it up to the limit before answering.
      let n = 0;
      let over = false;
      req.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > maxBody && !over) {
          over = true;
          tooLarge(req, res, url, `the request body is longer than ${maxBody} bytes`);
        }
      });
      req.on('end', () => {
        if (!over) dispatch(req, res, url);
      });
      return;
    }
    dispatch(req, res, url);
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse, url: string, detail: string): void {
    sendProblem(
      req,
      res,
      new HttpProblem(413, 'content-too-large', `${detail} (the API is read-only and takes no body)`, {
        headers: { Connection: 'close' },
      }),
      url.split('?')[0] ?? '/',
    );
  }

  return { handle, openapi, routes: routes as readonly AnyRoute<unknown>[] };
}
