/** A thread of the simulation pool (`sim-pool.ts`): runs each configuration it receives. */
import { parentPort } from 'node:worker_threads';
import { type SimConfig, simulate } from './model/sim.ts';

parentPort!.on('message', async (m: { id: number; cfg: SimConfig }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: await simulate(m.cfg) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
