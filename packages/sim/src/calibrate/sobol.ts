/**
 * Sobol sensitivity indices by the Saltelli design: matrices A and B and the d matrices A_B^i,
 * N(d + 2) evaluations; first-order indices by Saltelli et al. (2010) and total indices by
 * Jansen (1999).
 */
import { Stream } from './random.ts';

export interface SobolResult {
  first: number[];
  total: number[];
  variance: number;
  evaluations: number;
}

export async function sobolIndices(
  f: (x: number[]) => number | Promise<number>,
  d: number,
  opts: {
    n: number;
    seed: number;
    sample?: (u: number[]) => number[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<SobolResult> {
  const rng = new Stream(opts.seed, 0x5081);
  const map = opts.sample ?? ((u: number[]) => u);
  const A = Array.from({ length: opts.n }, () => Array.from({ length: d }, () => rng.next()));
  const B = Array.from({ length: opts.n }, () => Array.from({ length: d }, () => rng.next()));
  const total = opts.n * (d + 2);
  let done = 0;
  const ev = async (u: number[]) => {
    const y = await f(map(u));
    done++;
    opts.onProgress?.(done, total);
    return y;
  };
  // every evaluation is independent: ask for them all at once (a parallel f runs them together)
  const fA = await Promise.all(A.map(ev));
  const fB = await Promise.all(B.map(ev));
  const all = [...fA, ...fB];
  const m = all.reduce((a, b) => a + b, 0) / all.length;
  const variance = all.reduce((a, b) => a + (b - m) ** 2, 0) / (all.length - 1);
  const first: number[] = [];
  const tot: number[] = [];
  const fAB = await Promise.all(
    Array.from({ length: d }, (_, i) =>
      Promise.all(
        A.map((a, k) => {
          const ab = [...a];
          ab[i] = B[k]![i]!;
          return ev(ab);
        }),
      ),
    ),
  );
  for (let i = 0; i < d; i++) {
    let s1 = 0;
    let st = 0;
    for (let k = 0; k < opts.n; k++) {
      const y = fAB[i]![k]!;
      s1 += fB[k]! * (y - fA[k]!);
      st += (fA[k]! - y) ** 2;
    }
    first.push(variance > 0 ? s1 / opts.n / variance : 0);
    tot.push(variance > 0 ? st / (2 * opts.n) / variance : 0);
  }
  return { first, total: tot, variance, evaluations: done };
}

/** The Ishigami function on [-pi, pi]^3 (a = 7, b = 0.1), a standard benchmark. */
export function ishigami(x: number[], a = 7, b = 0.1): number {
  return Math.sin(x[0]!) + a * Math.sin(x[1]!) ** 2 + b * x[2]! ** 4 * Math.sin(x[0]!);
}

/** Analytic Sobol indices of the Ishigami function. */
export function ishigamiIndices(a = 7, b = 0.1) {
  const pi = Math.PI;
  const v1 = 0.5 * (1 + (b * pi ** 4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = (b ** 2 * pi ** 8 * 8) / 225;
  const v = v1 + v2 + v13;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v] };
}

/** The Sobol g-function on [0,1]^d with coefficients a, and its analytic first-order indices. */
export function gFunction(x: number[], a: readonly number[]): number {
  return a.reduce((p, ai, i) => p * ((Math.abs(4 * x[i]! - 2) + ai) / (1 + ai)), 1);
}
export function gFunctionFirst(a: readonly number[]): number[] {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const v = vi.reduce((p, x) => p * (1 + x), 1) - 1;
  return vi.map((x) => x / v);
}
