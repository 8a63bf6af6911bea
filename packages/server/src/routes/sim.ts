/**
 * The simulation over HTTP: the scenarios, everything a browser needs to run one in a Web
 * Worker (parameters per seed, the event queue, Table 1 with its split), the worker itself
 * bundled for the browser, and a small ensemble run on the server.
 *
 * `@opis/sim` is imported on first use: a server that never simulates never loads the model.
 */
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@opis/sim';
import { z } from 'zod';
import { intParam, paramDocs, quote, textParam } from '../params.ts';
import { HttpProblem, invalid, notFound } from '../problem.ts';
import { route } from '../route.ts';
import type { ApiDeps } from './deps.ts';

const r = route<ApiDeps>();

type Sim = typeof import('@opis/sim');
let simModule: Promise<Sim> | undefined;
const sim = (): Promise<Sim> => {
  simModule ??= import('@opis/sim');
  return simModule;
};

/** The scenarios and the posterior are files read once: they do not change while the server runs. */
let scenarios: Scenario[] | undefined;
let posterior: ReturnType<Sim['loadPosterior']> | undefined;
async function shipped(): Promise<{ m: Sim; list: Scenario[]; posterior: ReturnType<Sim['loadPosterior']> }> {
  const m = await sim();
  scenarios ??= m.listScenarios();
  if (posterior === undefined) posterior = m.loadPosterior();
  return { m, list: scenarios, posterior };
}

/** The thread that runs /api/simulate (started on the first request). */
let pool: ReturnType<Sim['createSimPool']> | undefined;

export const MAX_BROWSER_SEEDS = 100;
export const MAX_SERVER_SEEDS = 20;
export const MIN_SERVER_SCALE = 500;
/** Simulation requests waiting or running at once; more get 503. */
const MAX_QUEUED = 3;

const SCENARIO_NAME = /^[a-z0-9-]{1,64}$/;

function scenarioNameParam(description: string) {
  const schema = z.string().superRefine((s, ctx) => {
    if (!SCENARIO_NAME.test(s))
      ctx.addIssue({
        code: 'custom',
        message: `${quote(s)} is not a scenario name (lower-case letters, digits and '-')`,
      });
  });
  paramDocs.set(schema, {
    type: 'string',
    pattern: SCENARIO_NAME.source,
    description,
    examples: ['baseline', 'no-mass-operations'],
  });
  return schema;
}

const seedsParam = (dflt: string, max: number) =>
  textParam({
    max: 200,
    description: `Seeds: a range, a list or both, e.g. 1..20 or 1,4,9 (default ${dflt}; at most ${max} seeds)`,
    examples: [dflt],
  })
    .optional()
    .transform((s) => s ?? dflt);

/** The seeds of a request, or a 400 problem that says what is wrong with them. */
function readSeeds(m: Sim, text: string, max: number): number[] {
  const seeds = m.parseSeeds(text);
  if (typeof seeds === 'string') throw invalid([{ name: 'seeds', in: 'query', message: seeds }]);
  if (seeds.length > max)
    throw invalid([
      { name: 'seeds', in: 'query', message: `asks for ${seeds.length} seeds; the limit is ${max}` },
    ]);
  return seeds;
}

function findScenario(list: readonly Scenario[], name: string): Scenario | undefined {
  return list.find((s) => s.name === name);
}

const names = (list: readonly Scenario[]) => list.map((s) => s.name).join(', ');

const SeriesValues = {
  arrested: z.number().nullable(),
  convicted: z.number().nullable(),
  shot: z.number().nullable(),
  camps: z.number().nullable(),
  exiled: z.number().nullable(),
  other: z.number().nullable(),
};

export const ScenarioInfoSchema = z
  .object({
    name: z.string(),
    summary: z.string().meta({ description: 'One line' }),
    description: z.string().nullable(),
    parameters: z.record(z.string(), z.number()).meta({ description: 'Parameters the scenario overrides' }),
    removedEvents: z.array(z.string()),
    addedEvents: z.array(z.string()),
  })
  .meta({ id: 'Scenario' });

const EffectSchema = z
  .looseObject({ kind: z.string() })
  .meta({ description: 'An effect of an event on the model (see packages/sim/data/events.yaml)' });

export const QueueEventSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    week: z.int().min(0).meta({ description: 'Week of the run (0 is the first week of 1932)' }),
    title: z.string(),
    effects: z.array(EffectSchema),
    kb: z.string().optional().meta({ description: 'The knowledge base event this one stands for' }),
    source: z.string(),
  })
  .meta({ id: 'ModelEvent' });

export const ObservedRowSchema = z
  .object({
    year: z.int(),
    heldOut: z.boolean().meta({
      description: 'Held out of calibration by the pre-registered split (validation only); else fit',
    }),
    ...SeriesValues,
  })
  .meta({ id: 'ObservedRow', description: 'Table 1 as the model is compared with it (persons)' });

export const SummaryLineSchema = z
  .object({
    scenario: z.string(),
    year: z.int(),
    series: z.enum(['arrested', 'convicted', 'shot', 'camps', 'exiled', 'other']),
    median: z.number(),
    lo: z.number().meta({ description: '5th percentile over seeds (linear interpolation, rounded)' }),
    hi: z.number().meta({ description: '95th percentile over seeds' }),
    observed: z.number().nullable().meta({ description: 'Table 1' }),
    heldOut: z.boolean(),
  })
  .meta({ id: 'SimulationLine' });

function scenarioInfo(s: Scenario): z.input<typeof ScenarioInfoSchema> {
  return {
    name: s.name,
    summary: s.summary,
    description: s.description ?? null,
    parameters: s.parameters,
    removedEvents: s.remove_events,
    addedEvents: s.add_events.map((e) => e.id),
  };
}

/** The worker bundled once (esbuild, for the browser: `#threads` resolves to the browser file). */
let bundle: Promise<string> | undefined;
export function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const entry = fileURLToPath(import.meta.resolve('@opis/sim/browser-worker'));
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    const file = out.outputFiles[0];
    if (!file) throw new Error('esbuild wrote no output for the simulation worker');
    return file.text;
  })();
  bundle.catch(() => {
    bundle = undefined; // a failed build is retried by the next request
  });
  return bundle;
}

/** Simulations run one after another (each holds the event loop for up to a few seconds). */
let chain: Promise<unknown> = Promise.resolve();
let queued = 0;
function serially<T>(job: () => Promise<T>): Promise<T> {
  if (queued >= MAX_QUEUED)
    throw new HttpProblem(
      503,
      'unavailable',
      `${queued} simulations are already running or waiting; try again in a few seconds`,
      { headers: { 'Retry-After': '5' } },
    );
  queued++;
  const next = chain.then(job, job).finally(() => {
    queued--;
  });
  chain = next.catch(() => {});
  return next;
}

export const simRoutes = [
  r({
    id: 'listScenarios',
    path: '/api/sim/scenarios',
    tag: 'sim',
    summary: 'The scenarios of the simulation',
    params: z.object({}),
    query: z.object({}),
    response: z.object({ scenarios: z.array(ScenarioInfoSchema) }),
    handle: async () => ({ scenarios: (await shipped()).list.map(scenarioInfo) }),
  }),
  r({
    id: 'getScenarioRun',
    path: '/api/sim/scenarios/{name}',
    tag: 'sim',
    summary: 'What a browser needs to run a scenario over seeds: parameters per seed, events, Table 1',
    description:
      'Post `{ type: "run", id, runs, events, scale }` to the worker at /api/sim/worker.js: each seed ' +
      'runs with the parameters `opis simulate` uses for it (registry defaults, then the posterior draw ' +
      'for that seed, then the scenario). `observed` is Table 1 with the pre-registered split.',
    params: z.object({ name: scenarioNameParam('A scenario name from /api/sim/scenarios') }),
    query: z.object({ seeds: seedsParam('1..10', MAX_BROWSER_SEEDS) }),
    response: z.object({
      scenario: ScenarioInfoSchema,
      posterior: z.object({ particles: z.int() }).nullable().meta({
        description: 'The calibrated posterior the parameters are drawn from; null: registry defaults',
      }),
      calibratedScale: z
        .int()
        .nullable()
        .meta({ description: 'People per agent the posterior was fitted at' }),
      worker: z.string().meta({ description: 'URL of the Web Worker that runs the model' }),
      years: z.array(z.int()),
      runs: z.array(z.object({ seed: z.int(), params: z.record(z.string(), z.number()) })),
      events: z.array(QueueEventSchema),
      observed: z.array(ObservedRowSchema),
    }),
    handle: async ({ params, query }) => {
      const { m, list, posterior } = await shipped();
      const s = findScenario(list, params.name);
      if (!s) throw notFound(`no scenario named ${quote(params.name)}; the scenarios are ${names(list)}`);
      const seeds = readSeeds(m, query.seeds, MAX_BROWSER_SEEDS);
      const obs = m.loadObserved();
      const held = obs.heldOut.unseal('validation');
      const observed = m.YEARS.map((year) => {
        const heldOut = obs.heldOut.years.includes(year);
        const row = { year, heldOut } as z.input<typeof ObservedRowSchema>;
        for (const series of m.SERIES)
          row[series] = heldOut
            ? (held.get(year)?.[series] ?? null)
            : obs.fit.years.includes(year)
              ? obs.fit.value(year, series)
              : null;
        return row;
      });
      return {
        scenario: scenarioInfo(s),
        posterior: posterior ? { particles: posterior.particles.length } : null,
        calibratedScale: posterior ? posterior.scale : null,
        worker: '/api/sim/worker.js',
        years: [...m.YEARS],
        runs: seeds.map((seed) => ({ seed, params: m.replicateParams(s, seed, posterior) })),
        events: m.scenarioEvents(s),
        observed,
      };
    },
    problems: { 404: 'No scenario has that name' },
  }),
  r({
    id: 'getSimulationWorker',
    path: '/api/sim/worker.js',
    tag: 'sim',
    summary: 'The model as a Web Worker (an ES module for `new Worker(url, { type: "module" })`)',
    description:
      'Messages: see packages/sim/src/browser-protocol.ts. Bundled with esbuild on the first request ' +
      'and kept in memory.',
    params: z.object({}),
    query: z.object({}),
    produces: 'text/javascript; charset=utf-8',
    response: z.string().meta({ description: 'JavaScript (ES module)' }),
    handle: () => workerBundle(),
  }),
  r({
    id: 'simulate',
    path: '/api/simulate',
    tag: 'sim',
    summary: 'Run a scenario over seeds on the server: median and 5-95% range per year and series',
    description:
      'The lines `opis simulate --json` prints. Runs one request at a time, in a worker thread (other requests are answered meanwhile); at most ' +
      `${MAX_SERVER_SEEDS} seeds, scale at least 1:${MIN_SERVER_SCALE}, so one request costs a few seconds. ` +
      'Answers are cached (the model is deterministic).',
    params: z.object({}),
    query: z.object({
      scenario: scenarioNameParam('A scenario name from /api/sim/scenarios'),
      seeds: seedsParam('1..10', MAX_SERVER_SEEDS),
      scale: intParam({
        min: MIN_SERVER_SCALE,
        max: 100_000,
        default: 2000,
        description:
          'People per agent (the posterior was fitted at 1:500; the expected counts do not depend on it)',
      }),
    }),
    response: z.object({
      scenario: z.string(),
      seeds: z.array(z.int()),
      scale: z.int(),
      lines: z.array(SummaryLineSchema).meta({ description: 'One per year and series' }),
    }),
    handle: async ({ query }) => {
      const { m, list, posterior } = await shipped();
      const s = findScenario(list, query.scenario);
      if (!s)
        throw invalid([
          {
            name: 'scenario',
            in: 'query',
            message: `no scenario named ${quote(query.scenario)}; the scenarios are ${names(list)}`,
          },
        ]);
      const seeds = readSeeds(m, query.seeds, MAX_SERVER_SEEDS);
      // in a worker thread, so that other requests are answered while it runs
      pool ??= m.createSimPool(1, { threads: true, unref: true });
      const threads = await pool;
      const results = await serially(() =>
        m.runEnsemble({ scenario: s, seeds, scale: query.scale, posterior, workers: 1, pool: threads }),
      );
      return { scenario: s.name, seeds, scale: query.scale, lines: m.summarize(s.name, results) };
    },
    problems: { 503: 'Too many simulations are running or waiting (with Retry-After)' },
  }),
];
