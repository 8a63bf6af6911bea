/** The browser has no worker threads over the model's SharedArrayBuffer: one worker slot runs inline. */
import type { Runner } from './pool.ts';
import type { State } from './state.ts';

export async function workerRunner(_state: State, _kernelUrl: string, workers: number): Promise<Runner> {
  throw new Error(
    `worker threads are not available in this environment (asked for ${workers}); use workers: 1`,
  );
}
