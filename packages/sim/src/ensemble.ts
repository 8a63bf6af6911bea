/**
 * Runs a scenario over seeds (each seed with its own posterior draw) and summarizes each year
 * and series by the median and the 5th and 95th percentiles, beside the book's value.
 */
import { execFileSync } from 'node:child_process';
import { loadObserved, SERIES, type Series } from './data/observed.ts';
import { YEARS } from './model/calendar.ts';
import { defaultParams, type Params } from './model/params.ts';
import { type SimResult, simulate } from './model/sim.ts';
import { drawParticle, type Posterior } from './posterior.ts';
import { type Scenario, scenarioEvents } from './scenarios.ts';
import type { SimPool } from './sim-pool.ts';

export interface EnsembleOptions {
  scenario: Scenario;
  seeds: number[];
  scale: number;
  workers?: number;
  posterior?: Posterior | null;
  popScale?: number;
  /** Runs the simulations (default: in this thread, one after another). */
  pool?: SimPool;
  onProgress?: (done: number, total: number) => void;
}

export interface SummaryLine {
  scenario: string;
  year: number;
  series: Series;
  median: number;
  lo: number;
  hi: number;
  observed: number | null;
  heldOut: boolean;
}

/** Linear-interpolation quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** Parameters of one replicate: registry defaults, then the posterior draw, then the scenario. */
export function replicateParams(s: Scenario, seed: number, post: Posterior | null | undefined): Params {
  const drawn = post ? drawParticle(post, seed) : {};
  return defaultParams({ ...drawn, ...s.parameters });
}

export async function runEnsemble(o: EnsembleOptions): Promise<SimResult[]> {
  const events = scenarioEvents(o.scenario);
  const out: SimResult[] = [];
  const run = o.pool?.simulate ?? simulate;
  for (const seed of o.seeds) {
    out.push(
      await run({
        params: replicateParams(o.scenario, seed, o.posterior),
        events,
        seed,
        scale: o.scale,
        workers: o.workers ?? 1,
        popScale: o.popScale ?? 1,
      }),
    );
    o.onProgress?.(out.length, o.seeds.length);
  }
  return out;
}

export function summarize(scenario: string, results: readonly SimResult[]): SummaryLine[] {
  const obs = loadObserved();
  const held = obs.heldOut.unseal('validation');
  const lines: SummaryLine[] = [];
  for (const year of YEARS) {
    for (const series of SERIES) {
      const vals = results.map((r) => r.years.find((y) => y.year === year)![series]).sort((a, b) => a - b);
      const heldOut = obs.heldOut.years.includes(year);
      const observed = heldOut
        ? (held.get(year)?.[series] ?? null)
        : obs.fit.years.includes(year)
          ? obs.fit.value(year, series)
          : null;
      lines.push({
        scenario,
        year,
        series,
        median: Math.round(quantile(vals, 0.5)),
        lo: Math.round(quantile(vals, 0.05)),
        hi: Math.round(quantile(vals, 0.95)),
        observed,
        heldOut,
      });
    }
  }
  return lines;
}

/** The current commit, or 'unknown' outside a git checkout. */
export function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Parses `1..20`, `3`, `1,4,9` into seeds; returns an error message for bad text. */
export function parseSeeds(text: string): number[] | string {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(part);
    if (!m) return `cannot read seeds '${text}' (expected e.g. 1..20 or 1,2,5)`;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return `seed range ${a}..${b} is empty`;
    if (b - a > 100_000) return `seed range ${a}..${b} is too long`;
    if (b > 0xffffffff) return `seeds must be below 2^32`;
    for (let s = a; s <= b; s++) out.push(s);
  }
  return out;
}
