/**
 * Morris elementary-effects screening (Morris 1991; mu* of Campolongo, Cariboni and Saltelli
 * 2007): r random one-at-a-time trajectories on a p-level grid of the unit cube.
 */
import { Stream } from './random.ts';

export interface MorrisResult {
  /** Mean of absolute elementary effects, per input. */
  muStar: number[];
  mu: number[];
  sigma: number[];
  evaluations: number;
}

export async function morris(
  f: (x: number[]) => number | Promise<number>,
  d: number,
  opts: {
    trajectories: number;
    levels?: number;
    seed: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<MorrisResult> {
  const p = opts.levels ?? 4;
  const delta = p / (2 * (p - 1));
  const rng = new Stream(opts.seed, 0x3042);
  const effects: number[][] = Array.from({ length: d }, () => []);
  const total = opts.trajectories * (d + 1);
  let done = 0;
  for (let t = 0; t < opts.trajectories; t++) {
    // base point on the grid, from levels that leave room for +delta
    const x = Array.from({ length: d }, () => rng.int(p / 2) / (p - 1));
    let y = await f([...x]);
    done++;
    opts.onProgress?.(done, total);
    const order = Array.from({ length: d }, (_, i) => i);
    for (let i = d - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    for (const j of order) {
      const up = x[j]! + delta <= 1 + 1e-12;
      x[j] = up ? x[j]! + delta : x[j]! - delta;
      const y2 = await f([...x]);
      done++;
      opts.onProgress?.(done, total);
      effects[j]!.push(((y2 - y) / delta) * (up ? 1 : -1));
      y = y2;
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mu = effects.map(mean);
  const muStar = effects.map((e) => mean(e.map(Math.abs)));
  const sigma = effects.map((e, j) =>
    e.length > 1 ? Math.sqrt(e.reduce((s, v) => s + (v - mu[j]!) ** 2, 0) / (e.length - 1)) : 0,
  );
  return { muStar, mu, sigma, evaluations: done };
}
