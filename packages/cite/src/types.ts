/** One sheet (list) or a range of sheets. Numbers are strings, as archives number them. */
export interface Sheet {
  /** First sheet, e.g. "82". */
  from: string;
  /** Last sheet of a range, written out in full ("201–5" gives "205"); absent for one sheet. */
  to?: string;
  /** The first sheet is a verso ("82ob", "82 об."). */
  verso: boolean;
  /** The last sheet of a range is a verso ("62–67ob"); present exactly when `to` is. */
  toVerso?: boolean;
  /** "ll. 4 ff.": this sheet and the ones after it. */
  following?: boolean;
}

/** What stands where a delo usually stands. */
export type UnitLabel = 'delo' | 'por' | 'edkhr' | 'file';

/**
 * An archival reference: archive, fond, opis', delo (each kept as written, letter prefixes and
 * suffixes included), optional parts, and sheets. `null` means the level is not stated.
 */
export interface ArchivalReference {
  /** Canonical registry id (e.g. "RGASPI"), or the name as written when the registry does not know it. */
  archive: string | null;
  /** The archive as the text names it ("RTsKhIDNI", "РГАСПИ"). */
  archiveAsWritten: string | null;
  fond: string | null;
  opis: string | null;
  /** A file, or a run of files ("327–329", from "dd. 327–29"). */
  delo: string | null;
  /** Present when the file is not a delo: "por." (TsA FSB), "ed. khr.", Smolensk "file". */
  unit?: Exclude<UnitLabel, 'delo'>;
  /** vypusk (issue of an opis'). */
  vypusk?: string;
  /** tom (volume of a delo); "vols. 1 and 2" gives "1, 2". */
  tom?: string;
  /** chast' (part of a delo). */
  chast?: string;
  sheets: Sheet[];
  /** Stable grouping key, e.g. "RGASPI:17/3/1003" (see referenceKey). */
  key: string;
}

export type Severity = 'error' | 'warning' | 'repair';

/**
 * A problem found in the input, or a repair or guess the parser made. Offsets are JavaScript
 * string indices into the text given to the call (end exclusive).
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** For `missing-*` codes: the level that is missing. */
  missing?: 'archive' | 'fond' | 'opis' | 'delo' | 'value' | 'target';
}

export type CitationKind = 'full' | 'ibid' | 'continuation';

/** One reference found in a text, resolved. */
export interface Citation {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  raw: string;
  kind: CitationKind;
  /** The resolved reference: inherited levels filled in. */
  reference: ArchivalReference;
  /** Index (in the same result list) of the citation this one inherits from, or null. */
  inheritsFrom: number | null;
  /** Levels taken from `inheritsFrom`. */
  inherited: Level[];
  diagnostics: Diagnostic[];
  /** Index of the footnote (for resolveFootnotes) or 0. */
  note: number;
}

export type Level = 'archive' | 'fond' | 'opis' | 'delo' | 'sheets';

export type Style = 'en' | 'ru' | 'compact';
