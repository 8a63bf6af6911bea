/**
 * How the kernel is run over the agents: contiguous ranges, one per worker slot; each call runs
 * the kernel on every range and resolves when all are done. This module is free of Node APIs
 * (the browser runs it); the worker threads are in `threads.ts`.
 */
import type { State } from './state.ts';

export type Kernel = (s: State, ...args: number[]) => void;

/** Contiguous, nearly equal ranges covering [0, n), each starting on a multiple of `align`. */
export function splitRanges(n: number, parts: number, align = 1): [number, number][] {
  const cut = (k: number) => (k >= parts ? n : Math.min(n, Math.floor((k * n) / parts / align) * align));
  const out: [number, number][] = [];
  for (let k = 0; k < parts; k++) out.push([cut(k), cut(k + 1)]);
  return out;
}

export interface Runner {
  readonly ranges: [number, number][];
  /** Runs the kernel on every range: `args(slot, lo, hi)` gives its arguments. */
  run(args: (slot: number, lo: number, hi: number) => number[]): Promise<void>;
  close(): Promise<void>;
}

/** Runs in the calling thread. */
export function inlineRunner(state: State, kernel: Kernel, parts = 1, align = 1): Runner {
  const ranges = splitRanges(state.dims.n, parts, align);
  return {
    ranges,
    async run(args) {
      ranges.forEach(([lo, hi], slot) => {
        kernel(state, ...args(slot, lo, hi));
      });
    },
    async close() {},
  };
}
