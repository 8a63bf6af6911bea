/** The server's machinery with a few routes of its own: routing, validation, problems, limits, static files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createApp } from '../src/app.ts';
import { type Listening, listen } from '../src/listen.ts';
import { dateParam, enumParam, idParam, intParam, partialDateParam, textParam } from '../src/params.ts';
import { HttpProblem, notFound } from '../src/problem.ts';
import { route } from '../src/route.ts';
import { assertProblem, get } from './helpers.ts';

interface Deps {
  calls: number;
}
const r = route<Deps>();
const Item = z.object({ id: z.string(), n: z.number() }).meta({ id: 'TestItem' });
const routes = [
  r({
    id: 'getItem',
    path: '/api/items/{id}',
    tag: 'test',
    summary: 'one item',
    params: z.object({ id: idParam('the item') }),
    query: z.object({}),
    response: Item,
    handle: ({ params }, deps) => {
      deps.calls++;
      if (params.id === 'missing') throw notFound(`no item '${params.id}'`);
      if (params.id === 'boom') throw new Error('secret internal detail');
      return { id: params.id, n: deps.calls };
    },
  }),
  r({
    id: 'listItems',
    path: '/api/items',
    tag: 'test',
    summary: 'items',
    params: z.object({}),
    query: z.object({
      date: dateParam('a day').optional(),
      from: partialDateParam('start').optional(),
      limit: intParam({ min: 1, max: 50, default: 10, description: 'how many' }),
      kind: enumParam(['a', 'b'], 'kind').optional(),
      q: textParam({ max: 20, description: 'text' }).optional(),
    }),
    response: z.object({ query: z.record(z.string(), z.unknown()) }),
    handle: ({ query }) => ({ query }),
  }),
  r({
    id: 'asyncThing',
    path: '/api/async',
    tag: 'test',
    summary: 'async',
    params: z.object({}),
    query: z.object({ fail: z.string().optional() }),
    response: z.object({ ok: z.boolean() }),
    cacheable: false,
    handle: async ({ query }) => {
      await new Promise((res) => setImmediate(res));
      if (query.fail === 'problem') throw new HttpProblem(503, 'unavailable', 'not now, try later');
      if (query.fail) throw new Error('async secret');
      return { ok: true };
    },
  }),
];

let srv: Listening;
let web: string;
let outside: string;
const logged: string[] = [];
const deps: Deps = { calls: 0 };

before(async () => {
  web = mkdtempSync(join(tmpdir(), 'opis-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><title>opis</title><script src="/assets/index-AbCd1234.js"></script>',
  );
  writeFileSync(
    join(web, 'assets', 'index-AbCd1234.js'),
    `console.log(${JSON.stringify('x'.repeat(5000))});`,
  );
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(web, '.secret'), 'hidden');
  outside = mkdtempSync(join(tmpdir(), 'opis-outside-'));
  writeFileSync(join(outside, 'passwd'), 'root:x:0:0');
  symlinkSync(join(outside, 'passwd'), join(web, 'link.txt'));
  const app = createApp({
    routes,
    deps,
    info: { title: 'test', version: '0', description: 'test' },
    webDir: web,
    checkResponses: true,
    log: (m) => logged.push(m),
  });
  srv = await listen(app, 0);
});
after(async () => {
  await srv.close();
  rmSync(web, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('routing and validation', () => {
  it('answers a route with JSON, an ETag and security headers', async () => {
    const a = await get(srv.url, '/api/items/abc');
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(a.json.id, 'abc');
    assert.ok(a.headers.etag);
    assert.equal(a.headers['x-content-type-options'], 'nosniff');
    assert.equal(a.headers['referrer-policy'], 'no-referrer');
    assert.match(String(a.headers['content-security-policy']), /frame-ancestors 'none'/);
    const again = await get(srv.url, '/api/items/abc', {
      headers: { 'If-None-Match': String(a.headers.etag) },
    });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
  });

  it('caches answers: the same input is computed once', async () => {
    const a = await get(srv.url, '/api/items/cached');
    const b = await get(srv.url, '/api/items/cached');
    assert.equal(a.json.n, b.json.n);
  });

  it('HEAD answers headers only', async () => {
    const a = await get(srv.url, '/api/items/abc', { method: 'HEAD' });
    assert.equal(a.status, 200);
    assert.equal(a.text, '');
    assert.ok(Number(a.headers['content-length']) > 0);
  });

  it('percent-decodes path parameters', async () => {
    const a = await get(srv.url, '/api/items/%D0%B5%D0%B6%D0%BE%D0%B2');
    assert.equal(a.json.id, 'ежов');
    assertProblem(await get(srv.url, '/api/items/%E0%A4%A'), 400, 'bad-request');
  });

  it('a bad identifier is a 400 naming the parameter', async () => {
    const a = await get(srv.url, '/api/items/a%20b');
    assertProblem(a, 400, 'invalid-parameter');
    assert.deepEqual(a.json.errors[0].name, 'id');
    assert.equal(a.json.errors[0].in, 'path');
  });

  it('an unknown id is a 404 problem', async () => {
    const a = await get(srv.url, '/api/items/missing');
    assertProblem(a, 404, 'not-found');
    assert.equal(a.json.detail, "no item 'missing'");
    assert.equal(a.json.instance, '/api/items/missing');
  });

  it('validates dates: format, calendar and range', async () => {
    const cases: [string, RegExp][] = [
      ['1937-02-30', /February 1937 has 28 days/],
      ['1936-02-30', /February 1936 has 29 days/],
      ['yesterday', /YYYY-MM-DD.*'yesterday'/],
      ['1937-13-01', /no month 13/],
      ['1900-01-01', /outside 1917-01-01\.\.1941-12-31/],
      ['1937-3-1', /YYYY-MM-DD/],
    ];
    for (const [d, re] of cases) {
      const a = await get(srv.url, `/api/items?date=${d}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, /^date: /);
      assert.match(a.json.detail, re);
    }
    assert.equal((await get(srv.url, '/api/items?date=1936-02-29')).status, 200);
  });

  it('validates partial dates', async () => {
    for (const ok of ['1937', '1937-08', '1937-08-05'])
      assert.equal((await get(srv.url, `/api/items?from=${ok}`)).status, 200, ok);
    for (const bad of ['37', '1937-00', '1937-08-32', '1937/08'])
      assertProblem(
        await get(srv.url, `/api/items?from=${encodeURIComponent(bad)}`),
        400,
        'invalid-parameter',
      );
  });

  it('validates integers without coercing nonsense', async () => {
    assert.equal((await get(srv.url, '/api/items')).json.query.limit, 10);
    assert.equal((await get(srv.url, '/api/items?limit=50')).json.query.limit, 50);
    for (const bad of ['', 'x', '0', '51', '-1', '1.5', '1e2', '9999999999']) {
      const a = await get(srv.url, `/api/items?limit=${bad}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, /^limit: expected a whole number from 1 to 50/);
    }
  });

  it('validates enums and text length', async () => {
    assert.match((await get(srv.url, '/api/items?kind=c')).json.detail, /expected one of a, b, got 'c'/);
    assert.match(
      (await get(srv.url, `/api/items?q=${'x'.repeat(21)}`)).json.detail,
      /21 characters long; the limit is 20/,
    );
    assert.match((await get(srv.url, '/api/items?q=%20%20')).json.detail, /q: must not be empty/);
    assert.equal((await get(srv.url, `/api/items?q=${encodeURIComponent('Ежов')}`)).json.query.q, 'Ежов');
  });

  it('reports every bad parameter at once, unknown and repeated ones too', async () => {
    const a = await get(srv.url, '/api/items?date=x&limit=0&colour=red&kind=a&kind=b');
    assertProblem(a, 400, 'invalid-parameter');
    const names = a.json.errors.map((e: { name: string }) => e.name).sort();
    assert.deepEqual(names, ['colour', 'date', 'kind', 'limit']);
    assert.match(a.json.detail, /colour: unknown parameter \(this route takes date, from, limit, kind, q\)/);
    assert.match(a.json.detail, /kind: given more than once/);
  });

  it('unknown routes are 404 problems pointing at the OpenAPI document', async () => {
    for (const p of ['/api/nothing', '/api', '/api/items/a/b', '/api/items/']) {
      const a = await get(srv.url, p);
      assertProblem(a, 404, 'not-found');
      assert.match(a.json.detail, /openapi\.json/);
    }
  });

  it('other methods are 405 with Allow', async () => {
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const a = await get(srv.url, '/api/items/abc', { method: m });
      assertProblem(a, 405, 'method-not-allowed');
      assert.equal(a.headers.allow, 'GET, HEAD');
    }
    assertProblem(await get(srv.url, '/', { method: 'POST' }), 405);
  });

  it('a long request target is 414, a large body 413', async () => {
    assertProblem(await get(srv.url, `/api/items?q=${'x'.repeat(5000)}`), 414, 'uri-too-long');
    assertProblem(await get(srv.url, '/api/items', { body: 'x'.repeat(5000) }), 413, 'content-too-large');
    assertProblem(
      await get(srv.url, '/api/items', {
        body: 'x'.repeat(5000),
        headers: { 'Transfer-Encoding': 'chunked' },
      }),
      413,
      'content-too-large',
    );
    assertProblem(await get(srv.url, '/api/items', { method: 'POST', body: 'x'.repeat(5000) }), 413);
    // A small body on GET is ignored.
    assert.equal((await get(srv.url, '/api/items', { body: 'x' })).status, 200);
  });

  it('headers too large for Node are a 431 problem', async () => {
    const a = await get(srv.url, '/api/items', { headers: { 'X-Big': 'y'.repeat(20000) } });
    assert.equal(a.status, 431);
    assert.equal(a.json.status, 431);
  });

  it('a failing handler is a 500 with no internals; the log has them', async () => {
    const a = await get(srv.url, '/api/items/boom');
    assertProblem(a, 500, 'internal');
    assert.doesNotMatch(a.text, /secret/);
    assert.ok(logged.some((l) => l.includes('secret internal detail')));
    const b = await get(srv.url, '/api/async?fail=1');
    assertProblem(b, 500, 'internal');
    assert.doesNotMatch(b.text, /secret/);
    assertProblem(await get(srv.url, '/api/async?fail=problem'), 503, 'unavailable');
    assert.equal((await get(srv.url, '/api/async')).json.ok, true);
  });

  it('serves its OpenAPI document, with components from named schemas', async () => {
    const a = await get(srv.url, '/api/openapi.json');
    assert.equal(a.status, 200);
    assert.equal(a.json.openapi, '3.1.0');
    assert.ok(a.json.paths['/api/items/{id}'].get);
    assert.deepEqual(
      a.json.paths['/api/items/{id}'].get.responses['200'].content['application/json'].schema,
      {
        $ref: '#/components/schemas/TestItem',
      },
    );
    const limit = a.json.paths['/api/items'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    assert.equal(limit.schema.type, 'integer');
    assert.equal(limit.required, false);
    assert.ok(a.json.components.schemas.Problem);
  });
});

describe('static files', () => {
  it('serves index.html at / and for deep links without an extension', async () => {
    for (const p of ['/', '/person/yezhov', '/state/1937-03-01', '/sources/RGASPI%3A17']) {
      const a = await get(srv.url, p);
      assert.equal(a.status, 200, p);
      assert.equal(a.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(a.text, /<title>opis<\/title>/);
      assert.equal(a.headers['cache-control'], 'no-cache');
      assert.match(String(a.headers['content-security-policy']), /script-src 'self'/);
    }
  });

  it('hashed assets are cached for a year and compressed on request', async () => {
    const a = await get(srv.url, '/assets/index-AbCd1234.js', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(a.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(a.headers['content-encoding'], 'gzip');
    const plain = await get(srv.url, '/assets/index-AbCd1234.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.text.length, 5016);
    const br = await get(srv.url, '/assets/index-AbCd1234.js', {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    assert.equal(br.headers['content-encoding'], 'br');
    const svg = await get(srv.url, '/favicon.svg');
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.equal(svg.headers['cache-control'], 'no-cache');
  });

  it('missing files with an extension are 404 problems', async () => {
    assertProblem(await get(srv.url, '/assets/nope-12345678.js'), 404, 'not-found');
    assertProblem(await get(srv.url, '/.secret'), 404, 'not-found');
  });

  it('refuses path traversal, encoded or not, and symlinks that leave the folder', async () => {
    for (const p of [
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/a%5c..%5c..%5cetc',
      '/x%00.js',
    ]) {
      const a = await get(srv.url, p);
      assertProblem(a, 400, 'bad-request');
      assert.doesNotMatch(a.text, /root:/);
    }
    const l = await get(srv.url, '/link.txt');
    assertProblem(l, 404);
    assert.doesNotMatch(l.text, /root:/);
  });

  it('without a web build, pages are 503 problems and the API still answers', async () => {
    const app = createApp({
      routes,
      deps,
      info: { title: 't', version: '0', description: 't' },
      webDir: join(web, 'nope'),
    });
    const s = await listen(app, 0);
    try {
      const a = await get(s.url, '/');
      assertProblem(a, 503, 'unavailable');
      assert.match(a.json.detail, /npm run build -w @opis\/web/);
      assert.equal((await get(s.url, '/api/items/x')).status, 200);
    } finally {
      await s.close();
    }
  });
});

describe('the answer cache', () => {
  async function withApp(
    opts: { cacheEntries?: number; cacheBytes?: number },
    fn: (url: string) => Promise<void>,
  ) {
    const app = createApp({ routes, deps, info: { title: 't', version: '0', description: 't' }, ...opts });
    const s = await listen(app, 0);
    try {
      await fn(s.url);
    } finally {
      await s.close();
    }
  }
  const n = async (url: string, id: string) => (await get(url, `/api/items/${id}`)).json.n as number;

  it('forgets the least recently used answer when full', async () => {
    // Each answer is kept under two keys (the request target and the validated input).
    await withApp({ cacheEntries: 4 }, async (url) => {
      const a = await n(url, 'a');
      const b = await n(url, 'b');
      assert.equal(await n(url, 'a'), a, 'a is cached');
      await n(url, 'c');
      assert.equal(await n(url, 'a'), a, 'a, used last, is kept');
      await n(url, 'd');
      const b2 = await n(url, 'b');
      assert.notEqual(b2, b, 'b, used least recently, was forgotten');
    });
  });

  it('keeps to its byte budget and can be turned off', async () => {
    await withApp({ cacheBytes: 16 }, async (url) => {
      const first = await n(url, 'x');
      assert.notEqual(await n(url, 'x'), first, 'an answer larger than the budget allows is not kept');
    });
    await withApp({ cacheEntries: 0 }, async (url) => {
      const first = await n(url, 'y');
      assert.notEqual(await n(url, 'y'), first);
    });
  });
});
