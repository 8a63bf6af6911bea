/**
 * ABC-SMC (Toni et al. 2009; Beaumont et al. 2009) on the unit cube with a uniform prior (the
 * calibration maps the cube to each parameter's prior). Tolerances adapt: each generation's
 * epsilon is a quantile of the previous generation's distances. Particles move by a Gaussian
 * kernel with twice the weighted variance; weights are prior over the kernel mixture. The state
 * after every generation can be saved and resumed, with the same result as an unbroken run.
 */
import { Stream } from './random.ts';

export interface Particle {
  u: number[];
  weight: number;
  distance: number;
}

export interface AbcState {
  generation: number;
  particles: Particle[];
  /** Tolerance of generations 1, 2, ... (generation 0 samples the prior). */
  epsilons: number[];
  simulations: number;
  /** Stream position for the proposal random numbers. */
  draws: number;
}

export interface AbcOptions {
  d: number;
  /** Distance of a simulation at point u with replicate seed `seed` to the data. */
  distance: (u: number[], seed: number) => number | Promise<number>;
  particles: number;
  generations: number;
  /** Quantile of the previous distances used as the next tolerance (default 0.5). */
  alpha?: number;
  seed: number;
  /** Resume from a saved state. */
  state?: AbcState;
  /** Called after each generation (save a checkpoint here). */
  onGeneration?: (s: AbcState) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Give up a generation after this many simulations (default 50 x particles). */
  maxSimulationsPerGeneration?: number;
  /**
   * Distances evaluated at once (default 1). The result does not depend on it: proposals are
   * drawn and judged in stream order, and the stream is rewound past the unused ones.
   */
  batch?: number;
}

/** Weighted quantile of values. */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const idx = values.map((v, i) => [v, weights[i]!] as const).sort((a, b) => a[0] - b[0]);
  const tot = idx.reduce((a, b) => a + b[1], 0);
  let acc = 0;
  for (const [v, w] of idx) {
    acc += w / tot;
    if (acc >= q) return v;
  }
  return idx[idx.length - 1]![0];
}

class Skippable extends Stream {
  constructor(
    seed: number,
    public used = 0,
  ) {
    super(seed, 0xabc5);
    for (let i = 0; i < used; i++) super.next();
  }
  override next(): number {
    this.used++;
    return super.next();
  }
}

export async function abcSmc(o: AbcOptions): Promise<AbcState> {
  const alpha = o.alpha ?? 0.5;
  const N = o.particles;
  const maxSims = o.maxSimulationsPerGeneration ?? 50 * N;
  let s: AbcState = o.state ?? { generation: 0, particles: [], epsilons: [], simulations: 0, draws: 0 };
  let rng = new Skippable(o.seed, s.draws);
  const batch = Math.max(1, Math.floor(o.batch ?? 1));
  const totalWork = o.generations * N;
  const report = (accepted: number) =>
    o.onProgress?.(Math.min(totalWork, s.generation * N + accepted), totalWork);
  while (s.generation < o.generations) {
    const prev = s.particles;
    const next: Particle[] = [];
    let sims = 0;
    if (s.generation === 0) {
      for (let i = 0; i < N; i += batch) {
        const us = Array.from({ length: Math.min(batch, N - i) }, () =>
          Array.from({ length: o.d }, () => rng.next()),
        );
        const first = s.simulations;
        const dists = await Promise.all(us.map((u, k) => o.distance(u, first + k + 1)));
        us.forEach((u, k) => {
          next.push({ u, weight: 1 / N, distance: dists[k]! });
        });
        s.simulations += us.length;
        sims += us.length;
        report(next.length);
      }
    } else {
      const eps = weightedQuantile(
        prev.map((p) => p.distance),
        prev.map((p) => p.weight),
        alpha,
      );
      // kernel: diagonal Gaussian with twice the weighted variance
      const wsum = prev.reduce((a, p) => a + p.weight, 0);
      const sd = Array.from({ length: o.d }, (_, j) => {
        const m = prev.reduce((a, p) => a + p.weight * p.u[j]!, 0) / wsum;
        const v = prev.reduce((a, p) => a + p.weight * (p.u[j]! - m) ** 2, 0) / wsum;
        return Math.max(1e-6, Math.sqrt(2 * v));
      });
      const cum: number[] = [];
      let acc = 0;
      for (const p of prev) {
        acc += p.weight / wsum;
        cum.push(acc);
      }
      while (next.length < N && sims < maxSims) {
        // draw up to `batch` proposals in stream order, noting the stream position after each
        const props: { u: number[]; sim: number; drawsAfter: number }[] = [];
        while (props.length < batch && sims + props.length < maxSims) {
          const r = rng.next();
          let k = cum.findIndex((c) => r <= c);
          if (k < 0) k = prev.length - 1;
          const u = prev[k]!.u.map((x, j) => x + sd[j]! * rng.normal());
          if (u.some((x) => x <= 0 || x >= 1)) continue; // prior density 0 outside the cube
          props.push({ u, sim: s.simulations + props.length + 1, drawsAfter: rng.used });
        }
        const dists = await Promise.all(props.map((p) => o.distance(p.u, p.sim)));
        for (const [k, p] of props.entries()) {
          s.simulations = p.sim;
          sims++;
          if (dists[k]! <= eps) {
            let denom = 0;
            for (const q of prev) {
              let kern = 1;
              for (let j = 0; j < o.d; j++) kern *= Math.exp(-0.5 * ((p.u[j]! - q.u[j]!) / sd[j]!) ** 2);
              denom += (q.weight / wsum) * kern;
            }
            next.push({ u: p.u, weight: 1 / Math.max(denom, 1e-300), distance: dists[k]! });
            report(next.length);
          }
          if (next.length === N) {
            // the proposals after this one were not needed: as if never drawn
            if (k < props.length - 1) rng = new Skippable(o.seed, p.drawsAfter);
            break;
          }
        }
      }
      if (next.length < N) break; // could not fill the generation within budget: stop with the last one
      s.epsilons.push(eps);
    }
    const wt = next.reduce((a, p) => a + p.weight, 0);
    for (const p of next) p.weight /= wt;
    s = { ...s, generation: s.generation + 1, particles: next, draws: rng.used };
    await o.onGeneration?.(s);
  }
  return s;
}

/** Weighted mean and standard deviation of dimension j. */
export function weightedMoments(ps: readonly Particle[], j: number): { mean: number; sd: number } {
  const w = ps.reduce((a, p) => a + p.weight, 0);
  const mean = ps.reduce((a, p) => a + p.weight * p.u[j]!, 0) / w;
  const v = ps.reduce((a, p) => a + p.weight * (p.u[j]! - mean) ** 2, 0) / w;
  return { mean, sd: Math.sqrt(v) };
}
