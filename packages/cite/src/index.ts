export { abbreviateRangeEnd, type CslItem, formatReference, toCslJson } from './format.ts';
export { referenceKey } from './key.ts';
export type { ExtractOptions } from './parse.ts';
export { extractCitations, parseCitation, parseFootnote, resolveFootnotes } from './parse.ts';
export {
  type Archive,
  type ArchiveMatch,
  archiveById,
  archiveLabel,
  archives,
  type FormerName,
  lookupArchive,
  validateRegistry,
} from './registry.ts';
export type {
  ArchivalReference,
  Citation,
  CitationKind,
  Diagnostic,
  Level,
  Severity,
  Sheet,
  Style,
  UnitLabel,
} from './types.ts';
