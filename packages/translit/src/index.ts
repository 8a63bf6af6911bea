export {
  type CyrillizeCandidate,
  type CyrillizeOptions,
  type CyrillizeResult,
  cyrillize,
  type DetectedSystem,
  detectSystem,
} from './cyrillize.ts';
export * from './match/index.ts';
export { type CaseMode, type RomanizeOptions, romanize } from './romanize.ts';
export { checkSystemFile, type SchemaError, type SystemFile } from './schema.ts';
export { hasSystem, type SystemInfo, systemIds, systems, TranslitError } from './systems.ts';
