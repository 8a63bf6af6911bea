/**
 * Worker threads over one SharedArrayBuffer (Node only). Imported as `#threads`, which resolves
 * to `threads.browser.ts` under the `browser` condition, so that a browser bundle of the model
 * never pulls in `node:worker_threads`.
 */
import { Worker } from 'node:worker_threads';
import { type Runner, splitRanges } from './pool.ts';
import type { Dims, State } from './state.ts';

/** Starts one thread per `data` on `boot` and waits for each to say it is ready (its first message). */
export async function startThreads(boot: URL, data: unknown[]): Promise<Worker[]> {
  const threads = data.map((workerData) => new Worker(boot, { workerData }));
  await Promise.all(
    threads.map(
      (t) =>
        new Promise<void>((resolve, reject) => {
          t.once('error', reject);
          t.once('message', () => resolve());
        }),
    ),
  );
  return threads;
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
  const threads = await startThreads(
    boot,
    ranges.map(() => ({ entry, dims, sab: state.sab, kernel: kernelUrl })),
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
