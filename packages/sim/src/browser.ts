/**
 * The model for a browser (a Web Worker): the weekly model in one thread, with no Node API in
 * its imports. Parameters and the event queue come from outside (the server resolves scenarios
 * and the posterior from files; see `@opis/server`'s `/api/sim/*`).
 */

export {
  type CancelRequest,
  checkRequest,
  type FromWorker,
  type RunRequest,
  type RunResult,
  type RunSpec,
  type ToWorker,
} from './browser-protocol.ts';
export { YEARS } from './model/calendar.ts';
export type { QueueEvent } from './model/events.ts';
export type { Params } from './model/params.ts';
export { FIELDS, type SimResult, simulate, type YearRow } from './model/sim.ts';
