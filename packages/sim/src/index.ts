export {
  type FitData,
  HeldOutError,
  loadObserved,
  loadSplit,
  type Observed,
  SERIES,
  type Series,
} from './data/observed.ts';
export { Keyed, philox4x32, threshold, unit } from './engine/philox.ts';
export {
  currentCommit,
  parseSeeds,
  quantile,
  replicateParams,
  runEnsemble,
  type SummaryLine,
  summarize,
} from './ensemble.ts';
export { WEEKS, weekDate, weekOf, YEARS } from './model/calendar.ts';
export { loadKbEvents, loadModelEvents, unmatchedKbRefs } from './model/event-files.ts';
export type { ModelEvent, QueueEvent } from './model/events.ts';
export { calibratedParams, defaultParams, type ParamSpec, type Params, REGISTRY } from './model/params.ts';
export {
  FIELDS,
  type SimConfig,
  type SimResult,
  Simulation,
  type Snapshot,
  simulate,
  type YearRow,
} from './model/sim.ts';
export { drawParticle, loadPosterior, POSTERIOR_FILE, type Posterior } from './posterior.ts';
export {
  isScenarioError,
  listScenarios,
  parseScenario,
  resolveScenario,
  type Scenario,
  scenarioEvents,
} from './scenarios.ts';
export { createSimPool, defaultJobs, type SimPool } from './sim-pool.ts';
