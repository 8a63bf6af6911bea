/**
 * The simulation routes (`/api/sim/*`, `/api/simulate`) through a real server on port 0, their
 * answers checked against the OpenAPI document; and the worker bundle, loaded in Node, gives the
 * numbers `simulate` gives.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  listScenarios,
  loadPosterior,
  replicateParams,
  runEnsemble,
  scenarioEvents,
  simulate,
  summarize,
  WEEKS,
} from '@opis/sim';
import type { FromWorker } from '@opis/sim/browser';
import { createHandler } from '@opis/sim/browser-worker';
import { apiInfo } from '../src/api.ts';
import { createApp } from '../src/app.ts';
import { type Listening, listen } from '../src/listen.ts';
import { simRoutes } from '../src/routes/sim.ts';
import { type Answer, assertProblem, get } from './helpers.ts';
import { checkOpenApi, responseChecker, templateFinder } from './openapi-check.ts';

let srv: Listening;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document under test
let doc: any;
let check: ReturnType<typeof responseChecker>;
let templateOf: (path: string) => string | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'opis-sim-route-'));

before(async () => {
  const app = createApp({
    routes: simRoutes,
    deps: undefined as never,
    info: apiInfo,
    checkResponses: true,
    log: () => {},
  });
  srv = await listen(app, 0, '127.0.0.1');
  doc = (await get(srv.url, '/api/openapi.json')).json;
  check = responseChecker(doc);
  templateOf = templateFinder(doc);
});
after(async () => {
  await srv?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** GET, checking JSON answers against the document's schema for them. */
async function api(path: string, opts: Parameters<typeof get>[2] = {}): Promise<Answer> {
  const a = await get(srv.url, path, opts);
  const template = templateOf(path);
  assert.ok(template, `${path} is in the document`);
  if (a.json !== undefined && a.status !== 304) {
    const errors = check(template, a.status, a.json);
    assert.deepEqual(errors, [], `${path} (${a.status}) does not match the document: ${errors.join('; ')}`);
  }
  return a;
}

const baseline = () => {
  const s = listScenarios().find((x) => x.name === 'baseline');
  assert.ok(s, 'the baseline scenario is shipped');
  return s;
};

describe('the document', () => {
  it('is valid OpenAPI 3.1 and says the worker is JavaScript', async () => {
    assert.deepEqual(await checkOpenApi(doc), []);
    const worker = doc.paths['/api/sim/worker.js'].get.responses['200'].content;
    assert.deepEqual(Object.keys(worker), ['text/javascript']);
    assert.ok(doc.paths['/api/sim/scenarios/{name}'].get.responses['404']);
    assert.ok(doc.paths['/api/simulate'].get.responses['503']);
  });
});

describe('GET /api/sim/scenarios and /api/sim/scenarios/{name}', () => {
  it('lists the shipped scenarios', async () => {
    const a = await api('/api/sim/scenarios');
    assert.equal(a.status, 200);
    const names = a.json.scenarios.map((s: { name: string }) => s.name);
    assert.deepEqual(
      names,
      listScenarios().map((s) => s.name),
    );
    assert.ok(names.includes('baseline') && names.includes('no-mass-operations'));
    const nmo = a.json.scenarios.find((s: { name: string }) => s.name === 'no-mass-operations');
    assert.ok(nmo.removedEvents.includes('1937-order-00447'));
  });

  it('gives per seed the parameters opis simulate uses, the event queue and Table 1 with its split', async () => {
    const a = await api('/api/sim/scenarios/no-mass-operations?seeds=3,7..8');
    assert.equal(a.status, 200);
    const s = listScenarios().find((x) => x.name === 'no-mass-operations');
    assert.ok(s);
    const post = loadPosterior();
    assert.deepEqual(
      a.json.runs.map((r: { seed: number }) => r.seed),
      [3, 7, 8],
    );
    for (const r of a.json.runs) assert.deepEqual(r.params, replicateParams(s, r.seed, post));
    assert.deepEqual(a.json.events, JSON.parse(JSON.stringify(scenarioEvents(s))));
    assert.ok(!a.json.events.some((e: { id: string }) => e.id === '1937-order-00447'));
    assert.deepEqual(a.json.years, [1932, 1933, 1934, 1935, 1936, 1937, 1938, 1939]);
    const row = (y: number) => a.json.observed.find((o: { year: number }) => o.year === y);
    assert.equal(row(1937).shot, 353074);
    assert.equal(row(1937).heldOut, false);
    assert.equal(row(1938).heldOut, true);
    assert.equal(row(1938).shot, 328618);
    assert.equal(a.json.worker, '/api/sim/worker.js');
  });

  it('defaults to seeds 1..10', async () => {
    const a = await api('/api/sim/scenarios/baseline');
    assert.equal(a.json.runs.length, 10);
  });

  it('an unknown scenario is 404, a malformed name or bad seeds 400', async () => {
    const unknown = await api('/api/sim/scenarios/no-such-scenario');
    assertProblem(unknown, 404, 'not-found');
    assert.match(unknown.json.detail, /baseline/, 'the detail lists the scenarios');
    assertProblem(await api('/api/sim/scenarios/Bad_Name!'), 400, 'invalid-parameter');
    for (const [seeds, why] of [
      ['1..101', /101 seeds; the limit is 100/],
      ['abc', /cannot read seeds/],
      ['5..2', /empty/],
      ['', /must not be empty/],
    ] as const) {
      const a = await api(`/api/sim/scenarios/baseline?seeds=${encodeURIComponent(seeds)}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, why, seeds);
      assert.equal(a.json.errors[0].name, 'seeds');
    }
    assertProblem(await api('/api/sim/scenarios/baseline?seed=1'), 400, 'invalid-parameter');
  });
});

describe('GET /api/sim/worker.js', () => {
  let text = '';

  it('is JavaScript for the browser, with an ETag, and imports nothing from Node', async () => {
    const a = await get(srv.url, '/api/sim/worker.js');
    assert.equal(a.status, 200);
    assert.match(String(a.headers['content-type']), /^text\/javascript/);
    assert.ok(a.headers.etag);
    text = a.text;
    assert.ok(text.length > 10_000, 'the model is in the bundle');
    assert.doesNotMatch(text, /["'`]node:/, 'no node: import');
    assert.doesNotMatch(text, /\brequire\(/, 'no require()');
    assert.doesNotMatch(text, /worker_threads/, 'the browser threads file, not the Node one');
    const again = await get(srv.url, '/api/sim/worker.js', {
      headers: { 'If-None-Match': String(a.headers.etag) },
    });
    assert.equal(again.status, 304);
    const gz = await get(srv.url, '/api/sim/worker.js', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
  });

  it('gives, run in Node, the numbers simulate gives for the same seed', async () => {
    assert.ok(text, 'the bundle was fetched');
    const file = join(tmp, 'worker.mjs');
    writeFileSync(file, text);
    const bundled = (await import(pathToFileURL(file).href)) as { createHandler: typeof createHandler };
    const s = baseline();
    const post = loadPosterior();
    const params = replicateParams(s, 4, post);
    const events = scenarioEvents(s);
    const got = await new Promise<FromWorker[]>((resolve) => {
      const seen: FromWorker[] = [];
      const handle = bundled.createHandler((m) => {
        seen.push(m);
        if (m.type !== 'progress') resolve(seen);
      });
      handle(
        JSON.parse(JSON.stringify({ type: 'run', id: 1, runs: [{ seed: 4, params }], events, scale: 4000 })),
      );
    });
    const done = got.at(-1);
    assert.equal(done?.type, 'done', JSON.stringify(done));
    if (done?.type !== 'done') return;
    const direct = await simulate({ params, events, seed: 4, scale: 4000, workers: 1 });
    assert.deepEqual(done.results[0]?.years, direct.years);
    assert.equal(done.results[0]?.paramsHash, direct.paramsHash);
    const progress = got.filter((m) => m.type === 'progress');
    assert.ok(progress.length >= 8, 'progress every simulated year');
    assert.deepEqual(progress.at(-1), { type: 'progress', id: 1, done: 1, total: 1, week: 0, weeks: WEEKS });
  });
});

describe('the worker protocol', () => {
  const run = (msgs: unknown[], stopAt?: (m: FromWorker) => unknown) =>
    new Promise<FromWorker[]>((resolve) => {
      const seen: FromWorker[] = [];
      const handle = createHandler((m) => {
        seen.push(m);
        const extra = stopAt?.(m);
        if (extra !== undefined) handle(extra);
        if (m.type !== 'progress') resolve(seen);
      });
      for (const m of msgs) handle(m);
    });

  it('answers a malformed message with an error naming what is wrong', async () => {
    for (const [m, why] of [
      [null, /must be an object/],
      [{ type: 'run' }, /id must be an integer/],
      [{ type: 'fly', id: 1 }, /unknown message type/],
      [{ type: 'run', id: 2, runs: [], events: [], scale: 2000 }, /runs must be a non-empty list/],
      [{ type: 'run', id: 3, runs: [{ seed: -1, params: {} }], events: [], scale: 2000 }, /runs\[0\]\.seed/],
      [{ type: 'run', id: 4, runs: [{ seed: 1, params: { a: 'x' } }], events: [], scale: 2000 }, /params/],
      [{ type: 'run', id: 5, runs: [{ seed: 1, params: {} }], events: [{}], scale: 2000 }, /events\[0\]/],
      [{ type: 'run', id: 6, runs: [{ seed: 1, params: {} }], events: [], scale: 0 }, /scale/],
    ] as const) {
      const [answer] = await run([m]);
      assert.equal(answer?.type, 'error');
      if (answer?.type === 'error') assert.match(answer.message, why);
    }
  });

  it('stops after the replicate in progress when cancelled', async () => {
    const s = baseline();
    const post = loadPosterior();
    const runs = [1, 2, 3].map((seed) => ({ seed, params: replicateParams(s, seed, post) }));
    const msg = { type: 'run', id: 9, runs, events: scenarioEvents(s), scale: 8000 };
    const seen = await run([msg], (m) =>
      m.type === 'progress' && m.done === 1 && m.week === 0 ? { type: 'cancel', id: 9 } : undefined,
    );
    assert.deepEqual(seen.at(-1), { type: 'cancelled', id: 9, done: 1 });
  });
});

describe('GET /api/simulate', () => {
  it('answers the lines opis simulate --json prints', async () => {
    const a = await api('/api/simulate?scenario=baseline&seeds=1..2&scale=4000');
    assert.equal(a.status, 200, a.text);
    const s = baseline();
    const expected = summarize(
      'baseline',
      await runEnsemble({ scenario: s, seeds: [1, 2], scale: 4000, posterior: loadPosterior() }),
    );
    assert.deepEqual(a.json.lines, expected);
    assert.equal(a.json.lines.length, 8 * 6);
    assert.deepEqual(a.json.seeds, [1, 2]);
    assert.equal(a.json.scale, 4000);
    const shot38 = a.json.lines.find(
      (l: { year: number; series: string }) => l.year === 1938 && l.series === 'shot',
    );
    assert.equal(shot38.heldOut, true);
    assert.equal(shot38.observed, 328618);
  });

  it('refuses an unknown scenario, too many seeds, a scale below 500', async () => {
    for (const [q, name, why] of [
      ['scenario=no-such', 'scenario', /no scenario named 'no-such'; the scenarios are baseline/],
      ['scenario=baseline&seeds=1..21', 'seeds', /21 seeds; the limit is 20/],
      ['scenario=baseline&scale=499', 'scale', /from 500 to 100000, got 499/],
      ['scenario=baseline&scale=2k', 'scale', /whole number/],
      ['seeds=1', 'scenario', /is required/],
    ] as const) {
      const a = await api(`/api/simulate?${q}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, why, q);
      assert.equal(a.json.errors[0].name, name, q);
    }
  });
});
