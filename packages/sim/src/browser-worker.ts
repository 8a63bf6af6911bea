/**
 * The model in a Web Worker. The page posts a `run` request (see `browser-protocol.ts`); the
 * worker runs each replicate in turn with `simulate` (one thread), posts progress after every
 * simulated year and every replicate, and the yearly rows at the end. A `cancel` takes effect
 * after the replicate in progress; a page that wants to stop at once terminates the worker.
 * `@opis/server` bundles this file for the browser (`GET /api/sim/worker.js`).
 */

import { simulate } from './browser.ts';
import { checkRequest, type FromWorker, type RunRequest, type RunResult } from './browser-protocol.ts';
import { WEEKS } from './model/calendar.ts';

/** Lets queued messages (a cancel) in between two replicates. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The worker's logic, apart from the worker global: takes messages, answers through `post`. */
export function createHandler(post: (m: FromWorker) => void): (message: unknown) => void {
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  async function run(req: RunRequest): Promise<void> {
    const t0 = performance.now();
    const results: RunResult[] = [];
    const total = req.runs.length;
    for (const spec of req.runs) {
      await nextTask();
      if (cancelled.has(req.id)) {
        cancelled.delete(req.id);
        post({ type: 'cancelled', id: req.id, done: results.length });
        return;
      }
      const r = await simulate(
        { params: spec.params, events: req.events, seed: spec.seed, scale: req.scale, workers: 1 },
        (week, weeks) => {
          if (week < weeks) post({ type: 'progress', id: req.id, done: results.length, total, week, weeks });
        },
      );
      results.push({ seed: r.seed, paramsHash: r.paramsHash, years: r.years });
      post({ type: 'progress', id: req.id, done: results.length, total, week: 0, weeks: WEEKS });
    }
    cancelled.delete(req.id);
    post({ type: 'done', id: req.id, results, ms: Math.round(performance.now() - t0) });
  }

  return (message) => {
    const req = checkRequest(message);
    if (typeof req === 'string') {
      const id = (message as { id?: unknown } | null)?.id;
      post({ type: 'error', id: typeof id === 'number' ? id : null, message: req });
      return;
    }
    if (req.type === 'cancel') {
      cancelled.add(req.id);
      return;
    }
    // Requests run one after another; a failure is reported and does not stop the next one.
    queue = queue.then(() =>
      run(req).catch((err: unknown) => {
        cancelled.delete(req.id);
        post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
      }),
    );
  };
}

interface WorkerScope {
  postMessage(m: FromWorker): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}

// Installed only inside a Web Worker, so that tests can import `createHandler` in Node.
const g = globalThis as unknown as { WorkerGlobalScope?: unknown } & WorkerScope;
if (g.WorkerGlobalScope !== undefined) {
  const handle = createHandler((m) => g.postMessage(m));
  g.addEventListener('message', (e) => handle(e.data));
}
