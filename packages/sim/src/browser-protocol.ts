/**
 * The messages between a page and the model's Web Worker (`browser-worker.ts`). Pure: types and
 * one checker, no Node API, so the worker, the server (which serves what a run needs) and tests
 * share it. The web app may not import this package; it keeps its own copy of these shapes.
 *
 * page → worker: `run` (a list of replicates: seed and parameters, one event queue, one scale),
 * `cancel` (stop after the replicate in progress). worker → page: `progress` after every
 * simulated year and after every replicate, then `done` with each replicate's yearly rows, or
 * `cancelled`, or `error`.
 */
import type { QueueEvent } from './model/events.ts';
import type { Params } from './model/params.ts';
import type { YearRow } from './model/sim.ts';

/** One replicate: its seed and its parameters (registry defaults, posterior draw, scenario). */
export interface RunSpec {
  seed: number;
  params: Params;
}

export interface RunRequest {
  type: 'run';
  /** Chosen by the page; every answer carries it. */
  id: number;
  runs: RunSpec[];
  /** The scenario's event queue (`scenarioEvents`), weeks already resolved. */
  events: QueueEvent[];
  /** People per agent. */
  scale: number;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type ToWorker = RunRequest | CancelRequest;

export interface RunResult {
  seed: number;
  paramsHash: string;
  years: YearRow[];
}

export type FromWorker =
  | {
      type: 'progress';
      id: number;
      /** Replicates finished. */
      done: number;
      total: number;
      /** Weeks simulated of the replicate in progress (0 when a replicate has just finished). */
      week: number;
      weeks: number;
    }
  | { type: 'done'; id: number; results: RunResult[]; ms: number }
  | { type: 'cancelled'; id: number; done: number }
  | { type: 'error'; id: number | null; message: string };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isSeed = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/** The message as a request, or why it is not one (never throws). */
export function checkRequest(m: unknown): ToWorker | string {
  if (!isObj(m)) return 'a message must be an object';
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return 'id must be an integer';
  if (m.type === 'cancel') return { type: 'cancel', id: m.id };
  if (m.type !== 'run') return `unknown message type ${JSON.stringify(m.type)}`;
  if (typeof m.scale !== 'number' || !Number.isInteger(m.scale) || m.scale < 1 || m.scale > 100_000)
    return 'scale must be a whole number from 1 to 100000';
  if (!Array.isArray(m.runs) || m.runs.length === 0) return 'runs must be a non-empty list';
  for (const [i, r] of m.runs.entries()) {
    if (!isObj(r) || !isSeed(r.seed)) return `runs[${i}].seed must be a whole number from 0 to 2^32-1`;
    if (
      !isObj(r.params) ||
      !Object.values(r.params).every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      return `runs[${i}].params must map parameter names to numbers`;
  }
  if (!Array.isArray(m.events)) return 'events must be a list';
  for (const [i, e] of m.events.entries())
    if (!isObj(e) || typeof e.id !== 'string' || typeof e.week !== 'number' || !Array.isArray(e.effects))
      return `events[${i}] must have an id, a week and effects`;
  return {
    type: 'run',
    id: m.id,
    runs: m.runs as RunSpec[],
    events: m.events as QueueEvent[],
    scale: m.scale,
  };
}
