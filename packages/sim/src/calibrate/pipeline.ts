/**
 * Calibration of the model to the fit years of Table 1: priors from the registry, the distance
 * between a run and the fit rows, screening (Latin hypercube then Morris), ABC-SMC with
 * checkpoints, and the posterior file. This module receives a FitData only: it cannot read a
 * held-out row (see data/observed.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { FitData, Series } from '../data/observed.ts';
import { SERIES } from '../data/observed.ts';
import type { QueueEvent } from '../model/events.ts';
import { calibratedParams, defaultParams, type ParamSpec } from '../model/params.ts';
import { type SimResult, simulate } from '../model/sim.ts';
import type { Posterior } from '../posterior.ts';
import type { SimPool } from '../sim-pool.ts';
import { type AbcState, abcSmc } from './abc.ts';
import { latinHypercube, spearman } from './lhs.ts';
import { morris } from './morris.ts';

/** Maps a point of the unit cube to parameter values through each prior. */
export function fromUnit(u: readonly number[], specs: readonly ParamSpec[]): Record<string, number> {
  const out: Record<string, number> = {};
  specs.forEach((s, j) => {
    const x = Math.min(1, Math.max(0, u[j]!));
    out[s.name] =
      s.prior === 'log-uniform'
        ? Math.exp(Math.log(s.min) + x * (Math.log(s.max) - Math.log(s.min)))
        : s.min + x * (s.max - s.min);
  });
  return out;
}

export function toUnit(values: Record<string, number>, specs: readonly ParamSpec[]): number[] {
  return specs.map((s) => {
    const v = values[s.name]!;
    return s.prior === 'log-uniform'
      ? (Math.log(v) - Math.log(s.min)) / (Math.log(s.max) - Math.log(s.min))
      : (v - s.min) / (s.max - s.min);
  });
}

/** Offset that keeps small cells from dominating the log distance (persons). */
export const DISTANCE_OFFSET = 5000;

/** Root mean square log ratio between a run and the fit cells that are not blank. */
export function distance(r: SimResult, fit: FitData, series: readonly Series[] = SERIES): number {
  let s = 0;
  let n = 0;
  for (const year of fit.years) {
    const row = r.years.find((y) => y.year === year);
    if (!row) continue;
    for (const k of series) {
      const obs = fit.value(year, k);
      if (obs === null) continue;
      s += Math.log((row[k] + DISTANCE_OFFSET) / (obs + DISTANCE_OFFSET)) ** 2;
      n++;
    }
  }
  return n > 0 ? Math.sqrt(s / n) : 0;
}

export interface CalibrationSetup {
  events: readonly QueueEvent[];
  fit: FitData;
  scale: number;
  popScale?: number;
  /** Overrides applied to every run (e.g. a synthetic truth's fixed parameters). */
  fixed?: Record<string, number>;
  specs?: ParamSpec[];
  /** Runs simulations in parallel (default: one at a time in this thread). */
  pool?: SimPool;
}

export function runAt(setup: CalibrationSetup, u: readonly number[], seed: number): Promise<SimResult> {
  const specs = setup.specs ?? calibratedParams();
  return (setup.pool?.simulate ?? simulate)({
    params: defaultParams({ ...setup.fixed, ...fromUnit(u, specs) }),
    events: setup.events,
    seed,
    scale: setup.scale,
    popScale: setup.popScale ?? 1,
  });
}

export interface Screening {
  names: string[];
  lhs: { n: number; spearman: number[]; bestDistance: number };
  morris: { trajectories: number; muStar: number[]; sigma: number[] };
}

/** Latin hypercube (rank correlation of each parameter with the distance), then Morris mu*. */
export async function screen(
  setup: CalibrationSetup,
  opts: {
    lhs: number;
    trajectories: number;
    seed: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Screening> {
  const specs = setup.specs ?? calibratedParams();
  const d = specs.length;
  const total = opts.lhs + opts.trajectories * (d + 1);
  let done = 0;
  const pts = latinHypercube(opts.lhs, d, opts.seed);
  const dist: number[] = [];
  for (const [i, u] of pts.entries()) {
    dist.push(distance(await runAt(setup, u, 1000 + i), setup.fit));
    done++;
    opts.onProgress?.(done, total);
  }
  const rho = specs.map((_, j) =>
    spearman(
      pts.map((p) => p[j]!),
      dist,
    ),
  );
  let k = 0;
  const m = await morris(async (u) => distance(await runAt(setup, u, 5000 + k++), setup.fit), d, {
    trajectories: opts.trajectories,
    seed: opts.seed,
    onProgress: () => {
      done++;
      opts.onProgress?.(done, total);
    },
  });
  return {
    names: specs.map((s) => s.name),
    lhs: { n: opts.lhs, spearman: rho, bestDistance: Math.min(...dist) },
    morris: { trajectories: opts.trajectories, muStar: m.muStar, sigma: m.sigma },
  };
}

export interface CalibrateOptions {
  particles: number;
  generations: number;
  seed: number;
  checkpoint?: string;
  onProgress?: (done: number, total: number) => void;
}

/** ABC-SMC over the calibrated parameters; resumes from `checkpoint` when it exists. */
export async function calibrate(setup: CalibrationSetup, o: CalibrateOptions): Promise<AbcState> {
  const specs = setup.specs ?? calibratedParams();
  let state: AbcState | undefined;
  if (o.checkpoint && existsSync(o.checkpoint))
    state = JSON.parse(readFileSync(o.checkpoint, 'utf8')) as AbcState;
  return abcSmc({
    d: specs.length,
    particles: o.particles,
    generations: o.generations,
    seed: o.seed,
    state,
    batch: 2 * (setup.pool?.jobs ?? 1),
    distance: async (u, seed) => distance(await runAt(setup, u, seed), setup.fit),
    onGeneration: (s) => {
      if (o.checkpoint) writeFileSync(o.checkpoint, JSON.stringify(s));
    },
    onProgress: o.onProgress,
  });
}

export function toPosterior(
  s: AbcState,
  meta: { splitHash: string; commit: string; scale: number; specs?: ParamSpec[] },
): Posterior {
  const specs = meta.specs ?? calibratedParams();
  return {
    version: 1,
    created: new Date().toISOString(),
    commit: meta.commit,
    splitHash: meta.splitHash,
    scale: meta.scale,
    names: specs.map((x) => x.name),
    particles: s.particles.map((p) => ({
      theta: specs.map((x) => fromUnit(p.u, specs)[x.name]!),
      weight: p.weight,
    })),
    epsilons: s.epsilons,
    simulations: s.simulations,
  };
}
