/**
 * @opis/kb: the party-state of 1932-1939 as a sourced, temporal knowledge base.
 * Schemas, the dataset compiler, the SQLite store, as-of queries and exports.
 */

export { nameKey, parseArchival, romanizations, romanize } from './adapters.ts';
export {
  type BuildOptions,
  type BuildResult,
  buildDatabase,
  DatasetError,
  defaultDataDir,
  defaultDbPath,
  ensureDatabase,
  repoRoot as repoRootPath,
  writeDatabase,
} from './build.ts';
export {
  type CompileOptions,
  type CompileResult,
  compileDataset,
  datasetFiles,
  datasetHash,
  type Origins,
} from './compile.ts';
export * from './edtf.ts';
export {
  csv,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportResult,
  exportDataset,
  toCsvTables,
  toGraphMl,
  toJsonLd,
} from './export.ts';
export { checkIdentity, parseIdentity } from './identity.ts';
export { type Kb, KbQueryError, openKb } from './kb.ts';
export * from './results.ts';
export * from './schema.ts';
export { type ParsedSource, parseSource } from './sources.ts';
export { formatProblem } from './yaml-source.ts';
