/**
 * Worker threads over one SharedArrayBuffer. Agents are split into contiguous ranges, one per
 * worker; each call runs the kernel on every range and resolves when all are done. With one
 * worker the kernel runs in the calling thread (no thread at all).
 */
import { Worker } from 'node:worker_threads';
import type { Dims, State } from './state.ts';

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

/** Starts `workers` threads that load `kernelUrl` (a module exporting `runKernel`). */
export async function workerRunner(
  state: State,
  kernelUrl: string,
  workers: number,
  align = 1,
): Promise<Runner> {
  const ranges = splitRanges(state.dims.n, workers, align);
  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const entry = new URL('./worker.ts', import.meta.url).href;
  const dims: Dims = state.dims;
  const threads = ranges.map(
    () => new Worker(boot, { workerData: { entry, dims, sab: state.sab, kernel: kernelUrl } }),
  );
  await Promise.all(
    threads.map(
      (t) =>
        new Promise<void>((resolve, reject) => {
          t.once('error', reject);
          t.once('message', () => resolve());
        }),
    ),
  );
  let id = 0;
  return {
    ranges,
    run(args) {
      const my = ++id;
      return Promise.all(
        threads.map(
          (t, slot) =>
            new Promise<void>((resolve, reject) => {
              const onMsg = (m: number) => {
                if (m === my) {
                  t.off('message', onMsg);
                  t.off('error', reject);
                  resolve();
                }
              };
              t.on('message', onMsg);
              t.once('error', reject);
              const [lo, hi] = ranges[slot]!;
              t.postMessage({ id: my, args: args(slot, lo, hi) });
            }),
        ),
      ).then(() => undefined);
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
