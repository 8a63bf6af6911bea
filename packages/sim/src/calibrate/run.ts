/** The whole calibration as `opis calibrate` runs it: optional screening, ABC-SMC, the posterior file. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadObserved } from '../data/observed.ts';
import { currentCommit } from '../ensemble.ts';
import { calibratedParams, REGISTRY } from '../model/params.ts';
import { POSTERIOR_FILE, type Posterior } from '../posterior.ts';
import { isScenarioError, resolveScenario, scenarioEvents } from '../scenarios.ts';
import { createSimPool } from '../sim-pool.ts';
import { weightedQuantile } from './abc.ts';
import { type CalibrationSetup, calibrate, type Screening, screen, toPosterior } from './pipeline.ts';

export const CHECKPOINT = new URL('../../.checkpoint/calibrate.json', import.meta.url).pathname;
export const SCREENING_FILE = new URL('../../data/screening.json', import.meta.url).pathname;

export interface RunCalibration {
  particles: number;
  generations: number;
  scale: number;
  seed: number;
  screening: boolean;
  fresh: boolean;
  out?: string;
  /** Simulations run at once, in worker threads (default 1: this thread). */
  jobs?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ParamSummary {
  name: string;
  lo: number;
  median: number;
  hi: number;
  priorMin: number;
  priorMax: number;
}

export function summarizePosterior(p: Posterior): ParamSummary[] {
  const specs = REGISTRY;
  return p.names.map((name, j) => {
    const v = p.particles.map((x) => x.theta[j]!);
    const w = p.particles.map((x) => x.weight);
    const s = specs.find((x) => x.name === name)!;
    return {
      name,
      lo: weightedQuantile(v, w, 0.05),
      median: weightedQuantile(v, w, 0.5),
      hi: weightedQuantile(v, w, 0.95),
      priorMin: s.min,
      priorMax: s.max,
    };
  });
}

export async function runCalibration(
  o: RunCalibration,
): Promise<{ posterior: Posterior; screening?: Screening }> {
  const obs = loadObserved();
  const base = resolveScenario('baseline');
  if (isScenarioError(base)) throw new Error(base.message);
  const pool = await createSimPool(o.jobs ?? 1);
  try {
    return await calibrateWith(
      o,
      { events: scenarioEvents(base), fit: obs.fit, scale: o.scale, pool },
      obs.splitHash,
    );
  } finally {
    await pool.close();
  }
}

async function calibrateWith(
  o: RunCalibration,
  setup: CalibrationSetup,
  splitHash: string,
): Promise<{ posterior: Posterior; screening?: Screening }> {
  let screening: Screening | undefined;
  if (o.screening) {
    screening = await screen(setup, {
      lhs: 2 * calibratedParams().length + 8,
      trajectories: 3,
      seed: o.seed,
      onProgress: (d, t) => o.onProgress?.('screening', d, t),
    });
    writeFileSync(SCREENING_FILE, `${JSON.stringify(screening, null, 2)}\n`);
  }
  if (o.fresh) rmSync(CHECKPOINT, { force: true });
  mkdirSync(dirname(CHECKPOINT), { recursive: true });
  const state = await calibrate(setup, {
    particles: o.particles,
    generations: o.generations,
    seed: o.seed,
    checkpoint: CHECKPOINT,
    onProgress: (d, t) => o.onProgress?.('ABC-SMC', d, t),
  });
  const posterior = toPosterior(state, { splitHash, commit: currentCommit(), scale: o.scale });
  writeFileSync(o.out ?? POSTERIOR_FILE, `${JSON.stringify(posterior, null, 1)}\n`);
  return { posterior, screening };
}
