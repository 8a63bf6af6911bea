// The simulation: the model of the terror's dynamics run in this browser, in a Web Worker that the
// server bundles (/api/sim/worker.js). The server gives the parameters of each seed, the scenario's
// event queue and Table 1 (/api/sim/scenarios/{name}); the worker runs the replicates; this page
// draws the median and the 5-95% range per year beside the record, for one scenario or two.
import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { type Child, h, replace } from '../dom.ts';
import { arr, field, num, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { href, type SimSettings } from '../routes.ts';
import {
  type Band,
  bands,
  DEFAULT_SCALE,
  DEFAULT_SEEDS,
  type RunResult,
  readMessage,
  SCALES,
  SERIES,
  SERIES_LABELS,
  type Series,
} from '../simstats.ts';
import { errorBox, loading, section } from '../ui.ts';

const WORKER_URL = '/api/sim/worker.js';

interface ScenarioInfo {
  name: string;
  summary: string;
}

/** What the server gives for one scenario and the seeds asked for. */
interface Prepared {
  name: string;
  years: number[];
  runs: unknown[];
  events: unknown[];
  observed: { year: number; heldOut: boolean; values: Record<string, number | null> }[];
}

interface Outcome {
  name: string;
  results: RunResult[];
  ms: number;
}

const fmt = (v: number) => v.toLocaleString('en-US');

function colour(name: '--sim-a' | '--sim-b', fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function prepared(name: string, body: unknown): Prepared {
  return {
    name,
    years: arr(body, 'years').filter((y): y is number => typeof y === 'number'),
    runs: arr(body, 'runs'),
    events: arr(body, 'events'),
    observed: arr(body, 'observed').map((o) => ({
      year: num(o, 'year') ?? 0,
      heldOut: field(o, 'heldOut') === true,
      values: Object.fromEntries(SERIES.map((s) => [s, num(o, s) ?? null])),
    })),
  };
}

/** The server's detail when the worker script itself fails to load (a problem document), else undefined. */
async function workerLoadProblem(): Promise<string | undefined> {
  try {
    const res = await fetch(WORKER_URL);
    if (res.ok) return undefined;
    const body: unknown = await res.json().catch(() => null);
    return `${res.status} ${str(body, 'title') || res.statusText}${str(body, 'detail') ? `: ${str(body, 'detail')}` : ''}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Runs each job's replicates in one worker, one job after the other. `onProgress` gets the
 * replicates done over all jobs (with the fraction of the one in progress). Aborting the signal
 * terminates the worker at once.
 */
function runInWorker(
  jobs: Prepared[],
  scale: number,
  signal: AbortSignal,
  onProgress: (done: number, total: number, job: string) => void,
): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { type: 'module', name: 'opis-simulation' });
    } catch (err) {
      reject(err);
      return;
    }
    const total = jobs.reduce((n, j) => n + j.runs.length, 0);
    const before = jobs.map((_, i) => jobs.slice(0, i).reduce((n, j) => n + j.runs.length, 0));
    const outcomes: Outcome[] = [];
    const stop = () => worker.terminate();
    const onAbort = () => {
      stop();
      reject(new DOMException('The simulation was cancelled', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const fail = (err: Error) => {
      signal.removeEventListener('abort', onAbort);
      stop();
      reject(err);
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      void workerLoadProblem().then((problem) =>
        fail(
          new Error(
            problem
              ? `The simulation worker could not be loaded (${problem}).`
              : `The simulation worker failed${e.message ? `: ${e.message}` : '.'}`,
          ),
        ),
      );
    });
    worker.addEventListener('messageerror', () =>
      fail(new Error('The simulation worker sent a message that could not be read.')),
    );
    worker.addEventListener('message', (e: MessageEvent) => {
      const m = readMessage(e.data);
      if (!m) return;
      const job = m.id === null ? undefined : jobs[m.id];
      const base = m.id === null ? 0 : (before[m.id] ?? 0);
      switch (m.type) {
        case 'progress':
          onProgress(base + m.done + (m.weeks > 0 ? m.week / m.weeks : 0), total, job?.name ?? '');
          break;
        case 'done':
          outcomes[m.id] = { name: job?.name ?? '', results: m.results, ms: m.ms };
          if (outcomes.filter(Boolean).length === jobs.length) {
            signal.removeEventListener('abort', onAbort);
            stop();
            resolve(outcomes);
          }
          break;
        case 'cancelled':
          fail(new DOMException('The simulation was cancelled', 'AbortError'));
          break;
        case 'error':
          fail(new Error(`The simulation failed: ${m.message}`));
          break;
      }
    });
    jobs.forEach((j, id) => {
      worker.postMessage({ type: 'run', id, runs: j.runs, events: j.events, scale });
    });
  });
}

function chart(
  series: Series,
  a: { name: string; rows: Band[] },
  b: { name: string; rows: Band[] } | undefined,
  observed: Prepared['observed'],
  years: number[],
  width: number,
): Element {
  const ca = colour('--sim-a', '#0b57a4');
  const cb = colour('--sim-b', '#a8430a');
  const held = observed.filter((o) => o.heldOut).map((o) => o.year);
  const record = observed
    .filter((o) => o.values[series] !== null)
    .map((o) => ({ year: o.year, value: o.values[series] as number, heldOut: o.heldOut }));
  const scenarioMarks = (rows: Band[], c: string, dashed: boolean) => [
    Plot.areaY(rows, { x: 'year', y1: 'lo', y2: 'hi', fill: c, fillOpacity: 0.16 }),
    Plot.line(rows, { x: 'year', y: 'lo', stroke: c, strokeOpacity: 0.5, strokeWidth: 1 }),
    Plot.line(rows, { x: 'year', y: 'hi', stroke: c, strokeOpacity: 0.5, strokeWidth: 1 }),
    Plot.line(rows, {
      x: 'year',
      y: 'median',
      stroke: c,
      strokeWidth: 2.5,
      ...(dashed ? { strokeDasharray: '7 4' } : {}),
    }),
  ];
  const fig = Plot.plot({
    width,
    height: 280,
    marginLeft: 64,
    marginTop: 24,
    x: {
      label: null,
      tickFormat: 'd',
      ticks: years,
      domain: [Math.min(...years) - 0.4, Math.max(...years) + 0.4],
    },
    y: { label: 'persons', grid: true, tickFormat: 's', zero: true },
    marks: [
      held.length
        ? Plot.rect([{ x1: Math.min(...held) - 0.5, x2: Math.max(...held) + 0.5 }], {
            x1: 'x1',
            x2: 'x2',
            fill: '#e6e8ec',
          })
        : null,
      held.length
        ? Plot.text(['held out'], {
            x: (Math.min(...held) + Math.max(...held)) / 2,
            frameAnchor: 'top',
            dy: -14,
            fill: '#545454',
          })
        : null,
      ...scenarioMarks(a.rows, ca, false),
      ...(b ? scenarioMarks(b.rows, cb, true) : []),
      Plot.dot(
        record.filter((r) => !r.heldOut),
        { x: 'year', y: 'value', fill: '#1a1a1a', r: 4 },
      ),
      Plot.dot(
        record.filter((r) => r.heldOut),
        {
          x: 'year',
          y: 'value',
          stroke: '#1a1a1a',
          fill: '#ffffff',
          strokeWidth: 2,
          r: 4.5,
          symbol: 'diamond',
        },
      ),
    ],
  });
  fig.setAttribute('aria-hidden', 'true');
  return fig;
}

function numbersTable(
  series: Series,
  parts: { name: string; rows: Band[] }[],
  observed: Prepared['observed'],
  seeds: number,
): HTMLElement {
  const label = SERIES_LABELS[series];
  const cell = (v: number, scenario: string, stat: string) =>
    h('td', { class: 'num', 'data-scenario': scenario, 'data-stat': stat, 'data-value': v }, fmt(v));
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `${label}: the numbers` },
    h(
      'table',
      { class: 'wide', 'data-series': series },
      h(
        'caption',
        null,
        `${label} per year: the model's median and 5–95% range over ${seeds} seed${seeds === 1 ? '' : 's'}, and Table 1`,
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Year'),
          parts.map((p) => [
            h('th', { scope: 'col', class: 'num' }, `${p.name}: median`),
            h(
              'th',
              { scope: 'col', class: 'num' },
              h('span', { class: 'visually-hidden' }, `${p.name}: `),
              '5%',
            ),
            h(
              'th',
              { scope: 'col', class: 'num' },
              h('span', { class: 'visually-hidden' }, `${p.name}: `),
              '95%',
            ),
          ]),
          h('th', { scope: 'col', class: 'num' }, 'Table 1'),
          h('th', { scope: 'col' }, 'Split'),
        ),
      ),
      h(
        'tbody',
        null,
        observed.map((o) =>
          h(
            'tr',
            { 'data-year': o.year, class: o.heldOut ? 'held-out' : null },
            h('th', { scope: 'row' }, String(o.year)),
            parts.map((p) => {
              const b = p.rows.find((r) => r.year === o.year);
              return b
                ? [cell(b.median, p.name, 'median'), cell(b.lo, p.name, 'lo'), cell(b.hi, p.name, 'hi')]
                : [h('td', null, '—'), h('td', null, '—'), h('td', null, '—')];
            }),
            h(
              'td',
              { class: 'num', 'data-stat': 'observed' },
              o.values[series] === null ? '—' : fmt(o.values[series] as number),
            ),
            h('td', null, o.heldOut ? 'held out' : 'fit'),
          ),
        ),
      ),
    ),
  );
}

function legend(a: string, b: string | undefined): HTMLElement {
  return h(
    'ul',
    { class: 'sim-legend', 'aria-label': 'Legend of the charts' },
    h(
      'li',
      null,
      h('span', { class: 'swatch swatch-a', 'aria-hidden': 'true' }),
      `${a}: median, with the 5–95% band`,
    ),
    b
      ? h(
          'li',
          null,
          h('span', { class: 'swatch swatch-b', 'aria-hidden': 'true' }),
          `${b}: median (dashed), with the 5–95% band`,
        )
      : null,
    h(
      'li',
      null,
      h('span', { class: 'swatch swatch-dot', 'aria-hidden': 'true' }),
      'Table 1, a year the model was fitted to',
    ),
    h(
      'li',
      null,
      h('span', { class: 'swatch swatch-held', 'aria-hidden': 'true' }),
      'Table 1, a held-out year (grey band): the model never saw it',
    ),
  );
}

export async function renderSimulation(ctx: PageContext, settings: SimSettings): Promise<void> {
  ctx.title('Simulation');
  const head: Child[] = [
    h('h1', null, 'Simulation'),
    h(
      'p',
      { class: 'lede' },
      'The agent-based model of the terror’s dynamics, run in this browser, year by year against Table 1 of the book. ',
      'Each seed draws its own parameters from the calibrated posterior, so the band holds both chance and parameter uncertainty. ',
      'The years 1938 and 1939 were held out of the calibration.',
    ),
  ];
  replace(ctx.main, ...head, loading('Loading the scenarios'));
  let list: ScenarioInfo[];
  try {
    const body = await get('/sim/scenarios', {}, { signal: ctx.signal });
    list = arr(body, 'scenarios').map((s) => ({ name: str(s, 'name'), summary: str(s, 'summary') }));
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, ...head, errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;

  const notices: HTMLElement[] = [];
  const known = (n: string | undefined) => n !== undefined && list.some((s) => s.name === n);
  const names = list.map((s) => s.name).join(', ');
  for (const [k, label] of [
    ['scenario', 'scenario'],
    ['compare', 'scenario to compare with'],
  ] as const) {
    const v = settings[k];
    if (v !== undefined && !known(v))
      notices.push(errorBox(new Error(`There is no ${label} named ‘${v}’. The scenarios are ${names}.`)));
  }
  const scaleWanted = settings.scale === undefined ? DEFAULT_SCALE : Number(settings.scale);
  if (!SCALES.includes(scaleWanted as (typeof SCALES)[number]))
    notices.push(
      errorBox(
        new Error(
          `Scale ‘${settings.scale}’ is not offered here; choose ${SCALES.map((s) => `1:${s}`).join(', ')}.`,
        ),
      ),
    );

  const option = (s: ScenarioInfo, selected: boolean) => h('option', { value: s.name, selected }, s.name);
  const first = known(settings.scenario)
    ? settings.scenario
    : (list.find((s) => s.name === 'baseline') ?? list[0])?.name;
  const scenarioSel = h(
    'select',
    { id: 'sim-scenario', name: 'scenario' },
    list.map((s) => option(s, s.name === first)),
  );
  const compareSel = h(
    'select',
    { id: 'sim-compare', name: 'compare' },
    h('option', { value: '' }, 'none'),
    list.map((s) => option(s, known(settings.compare) && s.name === settings.compare)),
  );
  const seedsInput = h('input', {
    id: 'sim-seeds',
    name: 'seeds',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    value: settings.seeds ?? DEFAULT_SEEDS,
    'aria-describedby': 'sim-seeds-hint',
  });
  const scaleSel = h(
    'select',
    { id: 'sim-scale', name: 'scale' },
    SCALES.map((k) =>
      h(
        'option',
        { value: k, selected: k === (SCALES.includes(scaleWanted as 2000) ? scaleWanted : DEFAULT_SCALE) },
        `1:${k}${k === DEFAULT_SCALE ? ' (default)' : k < DEFAULT_SCALE ? ' (finer, slower)' : ' (coarser, faster)'}`,
      ),
    ),
  );
  const runBtn = h('button', { type: 'submit', id: 'sim-run' }, 'Run');
  const cancelBtn = h('button', { type: 'button', id: 'sim-cancel', disabled: true }, 'Cancel');
  const describe = h('p', { class: 'muted', id: 'sim-describe' });
  const form = h(
    'form',
    { class: 'filters sim-form', 'aria-label': 'Simulation settings' },
    h('div', null, h('label', { for: 'sim-scenario' }, 'Scenario'), scenarioSel),
    h('div', null, h('label', { for: 'sim-compare' }, 'Compare with'), compareSel),
    h(
      'div',
      null,
      h('label', { for: 'sim-seeds' }, 'Seeds'),
      seedsInput,
      h('span', { id: 'sim-seeds-hint', class: 'small muted hint' }, 'e.g. 1..10 or 1,4,9; at most 100'),
    ),
    h('div', null, h('label', { for: 'sim-scale' }, 'People per agent'), scaleSel),
    h('div', { class: 'filter-actions' }, runBtn, cancelBtn),
  );
  const progress = h('progress', { id: 'sim-progress', max: 1, value: 0, 'aria-labelledby': 'sim-status' });
  const status = h(
    'p',
    { id: 'sim-status', role: 'status', 'aria-live': 'polite' },
    'Ready: choose the settings and press Run.',
  );
  const statusBox = h('div', { class: 'sim-status' }, status, progress);
  const results = h('div', { class: 'sim-results', id: 'sim-results' });

  const summaries = () => {
    const a = list.find((s) => s.name === scenarioSel.value);
    const b = list.find((s) => s.name === compareSel.value);
    describe.replaceChildren(
      ...(a ? [h('strong', null, a.name), `: ${a.summary}.`] : []),
      ...(b ? [' ', h('strong', null, b.name), `: ${b.summary}.`] : []),
    );
  };
  scenarioSel.addEventListener('change', summaries);
  compareSel.addEventListener('change', summaries);
  summaries();

  replace(ctx.main, ...head, ...notices, form, describe, statusBox, results);

  let running: AbortController | undefined;
  ctx.signal.addEventListener('abort', () => running?.abort(), { once: true });
  const setRunning = (on: boolean) => {
    runBtn.disabled = on;
    cancelBtn.disabled = !on;
  };
  cancelBtn.addEventListener('click', () => running?.abort());

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (running) return;
    const chosen: SimSettings = {
      scenario: scenarioSel.value,
      seeds: seedsInput.value.trim() || DEFAULT_SEEDS,
      scale: scaleSel.value,
    };
    if (compareSel.value && compareSel.value !== scenarioSel.value) chosen.compare = compareSel.value;
    // The URL keeps the settings (a reload or a shared link shows the same form) without a new render.
    history.replaceState(null, '', href({ page: 'simulation', settings: chosen }));
    for (const n of notices) n.remove();
    notices.length = 0;
    running = new AbortController();
    setRunning(true);
    void run(chosen, running.signal).finally(() => {
      running = undefined;
      setRunning(false);
    });
  });

  async function run(chosen: SimSettings, signal: AbortSignal): Promise<void> {
    const names = [chosen.scenario ?? '', ...(chosen.compare ? [chosen.compare] : [])];
    const scale = Number(chosen.scale);
    replace(results);
    progress.value = 0;
    status.textContent = 'Fetching the parameters and the event queue…';
    let jobs: Prepared[];
    try {
      jobs = await Promise.all(
        names.map(async (n) =>
          prepared(
            n,
            await get(`/sim/scenarios/${encodeURIComponent(n)}`, { seeds: chosen.seeds }, { signal }),
          ),
        ),
      );
    } catch (err) {
      if (signal.aborted && !ctx.signal.aborted) status.textContent = 'Cancelled.';
      else if (!signal.aborted) {
        status.textContent = 'The simulation could not start.';
        replace(results, errorBox(err));
      }
      return;
    }
    const total = jobs.reduce((n, j) => n + j.runs.length, 0);
    const t0 = performance.now();
    let lastWhole = -1;
    let outcomes: Outcome[];
    try {
      outcomes = await runInWorker(jobs, scale, signal, (done, all, job) => {
        progress.max = all;
        progress.value = done;
        const whole = Math.floor(done);
        // The status is read aloud: it changes once per finished run, not every simulated year.
        if (whole !== lastWhole) {
          lastWhole = whole;
          status.textContent = `Running ${job} at 1:${scale}: ${whole} of ${all} runs done.`;
        }
      });
    } catch (err) {
      if (ctx.signal.aborted) return;
      if (err instanceof DOMException && err.name === 'AbortError') {
        status.textContent = `Cancelled after ${Math.max(lastWhole, 0)} of ${total} runs.`;
        return;
      }
      status.textContent = 'The simulation failed.';
      replace(results, errorBox(err));
      return;
    }
    const secs = (performance.now() - t0) / 1000;
    progress.value = progress.max;
    status.textContent = `Done: ${total} of ${total} runs in ${secs.toFixed(1)} s (${(secs / total).toFixed(2)} s a run) at 1:${scale}.`;
    draw(jobs, outcomes, scale);
  }

  function draw(jobs: Prepared[], outcomes: Outcome[], scale: number): void {
    const main = jobs[0];
    const oa = outcomes[0];
    if (!main || !oa) return;
    const ob = outcomes[1];
    const years = main.years;
    const width = Math.min(900, Math.max(320, (ctx.main.clientWidth || 800) - 16));
    const seeds = oa.results.length;
    replace(
      results,
      h(
        'p',
        { class: 'muted' },
        `Counts are persons at full scale (each agent stands for ${fmt(scale)} people). `,
        `Replicates: ${oa.results.length} of ${oa.name}${ob ? ` and ${ob.results.length} of ${ob.name}` : ''}.`,
      ),
      legend(oa.name, ob?.name),
      SERIES.map((series) => {
        const a = { name: oa.name, rows: bands(oa.results, series, years) };
        const b = ob ? { name: ob.name, rows: bands(ob.results, series, years) } : undefined;
        return section(
          SERIES_LABELS[series],
          h(
            'figure',
            { class: 'chart' },
            chart(series, a, b, main.observed, years, width),
            h('figcaption', null, 'The chart draws the numbers in the table below.'),
          ),
          numbersTable(series, b ? [a, b] : [a], main.observed, seeds),
        );
      }),
    );
  }
}
