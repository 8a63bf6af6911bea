/**
 * Calibration throughput: whole simulations at scale 1:30 (about 214,000 agents over the 416
 * weeks), as ABC-SMC runs them, on a pool of worker threads (one per core) against the same runs
 * one after another in this thread. Prints runs per hour; the target is 10,000 an hour.
 */
import { availableParallelism } from 'node:os';
import { loadModelEvents } from '../packages/sim/src/model/event-files.ts';
import { defaultParams } from '../packages/sim/src/model/params.ts';
import { simulate } from '../packages/sim/src/model/sim.ts';
import { createSimPool } from '../packages/sim/src/sim-pool.ts';
import { compare } from './harness.ts';

export default async function (): Promise<void> {
  const events = loadModelEvents();
  const jobs = Math.min(4, availableParallelism());
  const runs = 4 * jobs;
  const cfg = (seed: number) => ({ params: defaultParams(), events, seed, scale: 30 });
  const pool = await createSimPool(jobs);
  let seed = 1;
  const r = await compare({
    name: `calibration runs at 1:30: ${runs} whole simulations per iteration`,
    opis: {
      label: `pool of ${jobs} worker threads`,
      run: () => Promise.all(Array.from({ length: runs }, () => pool.simulate(cfg(seed++)))),
    },
    peer: {
      label: 'one at a time, this thread',
      run: async () => {
        for (let k = 0; k < runs; k++) await simulate(cfg(seed++));
      },
    },
    items: runs,
    warmup: 1,
    iterations: 3,
  });
  await pool.close();
  const perHour = (ms: number) => Math.round((runs * 3_600_000) / ms).toLocaleString('en-US');
  console.log(
    `  runs per hour: opis ${perHour(r.opis.median)}, peer ${perHour(r.peer.median)} (target 10,000)`,
  );
}
