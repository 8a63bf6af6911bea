/**
 * A worker thread of the pool: holds views over the shared buffer and runs the kernel module it
 * was given on the agent range of each request. It knows nothing of the model.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Dims, views } from './state.ts';

interface Init {
  dims: Dims;
  sab: SharedArrayBuffer;
  kernel: string;
}
type KernelFn = (s: ReturnType<typeof views>, ...args: number[]) => void;

const init = workerData as Init & { entry: string };
const state = views(init.dims, init.sab);
const mod = (await import(init.kernel)) as { runKernel: KernelFn };
parentPort!.on('message', (msg: { id: number; args: number[] }) => {
  mod.runKernel(state, ...msg.args);
  parentPort!.postMessage(msg.id);
});
parentPort!.postMessage(-1);
