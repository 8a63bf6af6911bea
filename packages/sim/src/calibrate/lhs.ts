/** Latin hypercube designs on the unit cube: each dimension's n strata hold exactly one point. */
import { Stream } from './random.ts';

export function latinHypercube(n: number, d: number, seed: number): number[][] {
  const rng = new Stream(seed, 0x1a5);
  const pts = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      [perm[i], perm[k]] = [perm[k]!, perm[i]!];
    }
    for (let i = 0; i < n; i++) pts[i]![j] = (perm[i]! + rng.next()) / n;
  }
  return pts;
}

/** Spearman rank correlation (screening of an LHS sample: input against output). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const idx = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    idx.forEach(([, i], k) => {
      r[i] = k;
    });
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const mx = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - mx);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - mx) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
