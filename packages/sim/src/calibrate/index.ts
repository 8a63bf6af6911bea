/** Calibration and validation (a separate entry point, `@opis/sim/calibrate`, so that simulate stays light). */
export { type AbcState, abcSmc, weightedMoments, weightedQuantile } from './abc.ts';
export { latinHypercube, spearman } from './lhs.ts';
export { morris } from './morris.ts';
export { calibrate, distance, fromUnit, screen, toPosterior, toUnit } from './pipeline.ts';
export { CHECKPOINT, runCalibration, SCREENING_FILE, summarizePosterior } from './run.ts';
export { gFunction, ishigami, sobolIndices } from './sobol.ts';
export { runValidation, VALIDATION_FILE } from './validate.ts';
