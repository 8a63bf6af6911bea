/**
 * Whole simulations in parallel (Node only): `jobs` worker threads, each running `simulate` on
 * the configurations it is sent, for calibration and validation, whose runs are independent. With
 * one job the runs happen in this thread. Results do not depend on the number of jobs: each run is
 * fixed by its configuration (parameters, events, seed, scale).
 */
import { availableParallelism } from 'node:os';
import { startThreads } from './engine/threads.ts';
import { type SimConfig, type SimResult, simulate } from './model/sim.ts';

export interface SimPool {
  readonly jobs: number;
  simulate(cfg: SimConfig): Promise<SimResult>;
  close(): Promise<void>;
}

type Reply = { id: number; result: SimResult } | { id: number; error: string };

/** The default number of jobs: the cores this process may use, at most `max`. */
export function defaultJobs(max = 4): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

export interface SimPoolOptions {
  /** Run in worker threads even for one job (default: only for more than one), so this thread stays free. */
  threads?: boolean;
  /** Do not let the threads keep the process alive (for a server, whose socket does). */
  unref?: boolean;
}

export async function createSimPool(jobs: number, opts: SimPoolOptions = {}): Promise<SimPool> {
  jobs = Math.max(1, Math.floor(jobs));
  if (!(opts.threads ?? jobs > 1))
    return { jobs: 1, simulate: (cfg) => simulate({ ...cfg, workers: 1 }), close: async () => {} };
  const boot = new URL('./engine/worker-boot.mjs', import.meta.url);
  const entry = new URL('./sim-pool-worker.ts', import.meta.url).href;
  const threads = await startThreads(
    boot,
    Array.from({ length: jobs }, () => ({ entry })),
  );
  const pending = new Map<number, { resolve: (r: SimResult) => void; reject: (e: Error) => void }>();
  const idle = [...threads];
  const queue: { id: number; cfg: SimConfig }[] = [];
  let nextId = 0;
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) idle.shift()!.postMessage(queue.shift());
  };
  for (const t of threads) {
    t.on('message', (m: Reply) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      idle.push(t);
      dispatch();
      if (!p) return;
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
    t.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  // after the listeners: adding a 'message' listener refs the thread again
  if (opts.unref) for (const t of threads) t.unref();
  return {
    jobs,
    simulate(cfg) {
      const id = ++nextId;
      return new Promise<SimResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, cfg: { ...cfg, workers: 1 } });
        dispatch();
      });
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
