/**
 * The engine behind extract, parse and resolve: finds anchors (labels, "Ibid.", compact
 * forms), reads each reference, decides what it inherits and from which earlier result, and
 * adds diagnostics for what is missing.
 */
import { ANCHOR_COMPACT, ANCHOR_IBID, anchorKind, nextAnchor } from './anchors.ts';
import { referenceKey } from './key.ts';
import { archiveById } from './registry.ts';
import {
  type ArchiveName,
  archiveBefore,
  type Element,
  nameEndingAt,
  RANK,
  readChain,
  readCompact,
  readIbid,
  readSheets,
} from './scan.ts';
import type { ArchivalReference, Citation, CitationKind, Diagnostic, Level, Sheet } from './types.ts';

/** A stretch of text read as one unit: a footnote, or a line of running text. */
export interface Unit {
  start: number;
  end: number;
  /** A footnote (its predecessor is the note before), not running text. */
  note: boolean;
  /** Index reported as `Citation.note`. */
  index: number;
}

export interface EngineOptions {
  /**
   * 'extract': running text; a reference must be recognizable as archival (archive name, fond
   * plus another level, or a continuation of one). 'notes': the text is meant as citations;
   * everything found is returned, with diagnostics for what is missing.
   */
  mode: 'extract' | 'notes';
  onProgress?: (done: number, total: number) => void;
}

const NOTE_MARK_ANY_RE = /^[ \t]*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,4}\]|\d{1,4}[.)])[ \t]/m;
// After the last archival reference of a note, signs that another (published) source follows.
const PUBLISHED_RE = /\*|“|"|«|\(\D{0,40}\d{4}\)|\bno\.\s*\d|\bnos\.\s*\d/;

interface Raw {
  start: number;
  end: number;
  archive?: ArchiveName;
  ibid?: { start: number; end: number };
  elements: Element[];
  compact?: { fond: string; opis: string; delo: string; sheets: Sheet[] };
  diagnostics: Diagnostic[];
}

function isSuperscriptDigit(c: number): boolean {
  return c === 0xb9 || c === 0xb2 || c === 0xb3 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

/** A line that starts with a note marker: "¹ ", "[12] ", "12. ", "12) ". */
export function hasNoteMarker(text: string, s: number, e: number): boolean {
  let p = s;
  while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  const c = text.charCodeAt(p);
  let q = p;
  if (isSuperscriptDigit(c)) {
    while (q < e && isSuperscriptDigit(text.charCodeAt(q))) q++;
  } else if (c === 91) {
    q++;
    const d = q;
    while (q < e && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    if (q === d || q - d > 4 || text.charCodeAt(q) !== 93) return false;
    q++;
  } else if (c >= 48 && c <= 57) {
    while (q < e && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    if (q - p > 4) return false;
    const t = text.charCodeAt(q);
    if (t !== 46 && t !== 41) return false;
    q++;
  } else return false;
  const b = text.charCodeAt(q);
  return q > p && (b === 32 || b === 9);
}

/** Splits a text into line units; lines with a note marker are notes (or every line, if none has one). */
export function lineUnits(text: string): Unit[] {
  const units: Unit[] = [];
  forEachLine(text, (u) => units.push({ ...u }));
  return units;
}

/** Calls `f` with each line as a unit (the same object each time). */
function forEachLine(text: string, f: (u: Unit) => void) {
  const anyMarker = NOTE_MARK_ANY_RE.test(text);
  const u: Unit = { start: 0, end: 0, note: false, index: 0 };
  let s = 0;
  let i = 0;
  while (s <= text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    u.start = s;
    u.end = e;
    u.index = i++;
    u.note = anyMarker ? hasNoteMarker(text, s, e) : !/^\s*$/.test(text.slice(s, Math.min(e, s + 200)));
    f(u);
    s = e + 1;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Runs the engine over `units` of `text`, or over its lines ('lines', for extraction: line
 * numbers then come from the units and progress is reported in characters).
 */
export function runEngine(text: string, units: Unit[] | 'lines', opts: EngineOptions): Citation[] {
  const out: Citation[] = [];
  const starts = units === 'lines' ? undefined : lineStarts(text);
  // The last citation of the previous note, if that note ends with an archival reference.
  let prevNoteTarget = -1;
  let lastProgress = 0;
  const step = (unit: Unit) => {
    let lastInUnit = -1;
    let minBack = unit.start;
    let pos = unit.start;
    for (;;) {
      const a = nextAnchor(text, pos, unit.end, minBack);
      if (a < 0) break;
      const raw = readAt(text, a, anchorKind, minBack);
      if (!raw) {
        pos = a + 1;
        continue;
      }
      pos = Math.max(raw.end, a + 1);
      let target = -1;
      if (lastInUnit >= 0) target = lastInUnit;
      else if (prevNoteTarget >= 0 && unit.note && isNoteStart(text, unit.start, raw.start))
        target = prevNoteTarget;
      const c = resolve(text, raw, target, out, opts.mode);
      if (!c) continue;
      c.line = starts ? lineOf(starts, c.start) : unit.index + 1;
      c.note = unit.index;
      out.push(c);
      lastInUnit = out.length - 1;
      minBack = c.end;
    }
    if (unit.note) {
      if (lastInUnit >= 0) {
        const c = out[lastInUnit]!;
        const rest = text.slice(c.end, unit.end);
        prevNoteTarget = PUBLISHED_RE.test(rest) ? -1 : lastInUnit;
      } else prevNoteTarget = -1;
    }
  };
  if (units === 'lines') {
    forEachLine(text, (u) => {
      step(u);
      if (opts.onProgress && (u.end - lastProgress >= 1_000_000 || u.end === text.length)) {
        lastProgress = u.end;
        opts.onProgress(u.end, text.length);
      }
    });
  } else {
    units.forEach((u, i) => {
      step(u);
      if (opts.onProgress && (i + 1 - lastProgress >= 1000 || i + 1 === units.length)) {
        lastProgress = i + 1;
        opts.onProgress(i + 1, units.length);
      }
    });
  }
  return out;
}

/**
 * Whether only a note marker (and blanks, and a "*") stands between the start of the unit and
 * `pos`: `^[ \t]*(?:[⁰-⁹]+|\[\d{1,4}\]|\d{1,4}[.)])?[ \t]*\*?$` over character codes.
 */
function isNoteStart(text: string, unitStart: number, pos: number): boolean {
  let p = unitStart;
  while (p < pos && isTab(text.charCodeAt(p))) p++;
  const m = markerEnd(text, p, pos);
  return (m >= 0 && onlyBlanksAndStar(text, m, pos)) || onlyBlanksAndStar(text, p, pos);
}

function isTab(c: number): boolean {
  return c === 32 || c === 9;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of a note marker ("¹²", "[12]", "12." or "12)") at `p`, not past `to`; -1 when none. */
function markerEnd(text: string, p: number, to: number): number {
  const c = text.charCodeAt(p);
  if (p >= to) return -1;
  let q = p;
  if (isSuperscriptDigit(c)) {
    while (q < to && isSuperscriptDigit(text.charCodeAt(q))) q++;
    return q;
  }
  if (c === 91) {
    q++;
    while (q < to && isAsciiDigit(text.charCodeAt(q)) && q - p <= 4) q++;
    if (q === p + 1 || q - p > 5 || q >= to || text.charCodeAt(q) !== 93) return -1;
    return q + 1;
  }
  while (q < to && isAsciiDigit(text.charCodeAt(q)) && q - p < 4) q++;
  if (q === p || q >= to) return -1;
  const t = text.charCodeAt(q);
  return t === 46 || t === 41 ? q + 1 : -1;
}

/** Whether [p, to) holds only blanks and tabs, then at most one "*". */
function onlyBlanksAndStar(text: string, p: number, to: number): boolean {
  let q = p;
  while (q < to && isTab(text.charCodeAt(q))) q++;
  if (q < to && text.charCodeAt(q) === 42) q++;
  return q === to;
}

/** Reads the reference whose anchor matched at `a`. */
/** A Raw with every field present (one object shape for the engine to read). */
function makeRaw(
  start: number,
  end: number,
  archive: ArchiveName | undefined,
  ibid: { start: number; end: number } | undefined,
  elements: Element[],
  compact: Raw['compact'],
  diagnostics: Diagnostic[],
): Raw {
  return { start, end, archive, ibid, elements, compact, diagnostics };
}

function readAt(text: string, a: number, kind: number, minBack: number): Raw | undefined {
  const diagnostics: Diagnostic[] = [];
  if (kind === ANCHOR_IBID) {
    const ib = readIbid(text, a);
    if (!ib) return undefined;
    let p = ib.end;
    if (text[p] === '*') p++;
    const sep = /^[ \t\u00a0]*[,.;:]?[ \t\u00a0]*/.exec(text.slice(p, p + 8))!;
    const q = p + sep[0].length;
    const chain = readChain(text, q, diagnostics);
    if (chain.elements.length > 0)
      return makeRaw(a, chain.end, undefined, ib, chain.elements, undefined, diagnostics);
    if (/[,]/.test(sep[0])) {
      const s = readSheets(text, q, diagnostics);
      if (s && !/^[ \t\u00a0]*[\p{L}\d]/u.test(text.slice(s.end, s.end + 2))) {
        const el: Element = {
          level: 'sheets',
          start: q,
          end: s.end,
          value: '',
          sheets: s.sheets,
          label: '',
          script: 'latin',
        };
        return makeRaw(a, s.end, undefined, ib, [el], undefined, diagnostics);
      }
    }
    return makeRaw(a, ib.end, undefined, ib, [], undefined, diagnostics);
  }
  if (kind === ANCHOR_COMPACT) {
    // Compact: an archive name, a blank, then fond/opis/delo.
    let e = a;
    while (e > minBack && /[ \t\u00a0]/.test(text[e - 1]!)) e--;
    const name = nameEndingAt(text, e, minBack);
    if (!name) return undefined;
    const c = readCompact(text, name.end, diagnostics);
    if (!c) return undefined;
    const compact = { fond: c.fond, opis: c.opis, delo: c.delo, sheets: c.sheets };
    return makeRaw(name.start, c.end, name, undefined, [], compact, diagnostics);
  }
  const chain = readChain(text, a, diagnostics);
  if (chain.elements.length === 0) {
    if (diagnostics.length === 0) return undefined;
    return makeRaw(a, chain.end, undefined, undefined, [], undefined, diagnostics);
  }
  const archive = archiveBefore(text, a, minBack);
  return makeRaw(
    archive ? archive.start : a,
    chain.end,
    archive,
    undefined,
    chain.elements,
    undefined,
    diagnostics,
  );
}

/** Builds the resolved citation, or undefined when (in extract mode) it is not archival. */
function resolve(
  text: string,
  raw: Raw,
  target: number,
  out: Citation[],
  mode: 'extract' | 'notes',
): Citation | undefined {
  const diags = raw.diagnostics;
  // Worked out on a scratch reference; the result is built once, in its final shape, at the end.
  const ref = SCRATCH;
  ref.archive = null;
  ref.archiveAsWritten = null;
  ref.fond = null;
  ref.opis = null;
  ref.delo = null;
  ref.unit = undefined;
  ref.vypusk = undefined;
  ref.tom = undefined;
  ref.chast = undefined;
  ref.sheets = NO_SHEETS;
  ref.key = '';
  let top = 99;
  if (raw.compact) {
    ref.fond = raw.compact.fond;
    ref.opis = raw.compact.opis;
    ref.delo = raw.compact.delo;
    ref.sheets = raw.compact.sheets;
    top = RANK.fond;
  }
  for (const el of raw.elements) {
    top = Math.min(top, RANK[el.level]);
    switch (el.level) {
      case 'fond':
        ref.fond = el.value;
        break;
      case 'opis':
        ref.opis = el.value;
        break;
      case 'vypusk':
        ref.vypusk = el.value;
        break;
      case 'delo':
        ref.delo = el.value;
        if (el.unit && el.unit !== 'delo') ref.unit = el.unit;
        break;
      case 'tom':
        ref.tom = el.value;
        break;
      case 'chast':
        ref.chast = el.value;
        break;
      case 'sheets':
        ref.sheets = el.sheets ?? [];
        break;
    }
  }
  let kind: CitationKind = raw.ibid ? 'ibid' : 'full';
  let inheritsFrom: number | null = null;
  // Levels taken from the target, as bits (collected into an exact-size array at the end).
  let took = 0;
  if (raw.archive) {
    const m = raw.archive.match;
    ref.archiveAsWritten = raw.archive.asWritten;
    if (m?.archive) ref.archive = m.archive.id;
    else {
      ref.archive = raw.archive.asWritten;
      diags.push({
        code: 'ambiguous-archive',
        severity: 'warning',
        message: `"${raw.archive.asWritten}" may mean ${m ? m.candidates.map((c) => c.id).join(' or ') : 'several archives'}`,
        start: raw.archive.start,
        end: raw.archive.end,
      });
    }
  } else {
    const t = target >= 0 ? out[target] : undefined;
    if (t) {
      // Ibid. with nothing after it takes everything, sheets included.
      if (raw.ibid && raw.elements.length === 0) top = 100;
      const tr = t.reference;
      inheritsFrom = target;
      if (!raw.ibid) kind = 'continuation';
      ref.archive = tr.archive;
      ref.archiveAsWritten = tr.archiveAsWritten;
      took |= 1;
      if (top > RANK.fond && ref.fond === null && tr.fond !== null) {
        ref.fond = tr.fond;
        took |= 2;
      }
      if (top > RANK.opis && ref.opis === null && tr.opis !== null) {
        ref.opis = tr.opis;
        took |= 4;
      }
      if (top > RANK.vypusk && ref.vypusk === undefined && tr.vypusk !== undefined) ref.vypusk = tr.vypusk;
      if (top > RANK.opis && ref.delo === null && tr.delo !== null) {
        ref.delo = tr.delo;
        if (tr.unit) ref.unit = tr.unit;
        took |= 8;
      }
      if (top > RANK.tom && ref.tom === undefined && tr.tom !== undefined) ref.tom = tr.tom;
      if (top > RANK.chast && ref.chast === undefined && tr.chast !== undefined) ref.chast = tr.chast;
      if (top > RANK.sheets && ref.sheets.length === 0 && tr.sheets.length > 0) {
        ref.sheets = tr.sheets.map((s) => ({ ...s }));
        took |= 16;
      }
    } else if (mode === 'extract') {
      // Without an archive or an earlier reference, only "f. N" plus another level is archival.
      if (raw.ibid) return undefined;
      const first = raw.elements[0];
      if (first?.level !== 'fond' || raw.elements.length < 2) return undefined;
    } else if (raw.ibid) {
      diags.push({
        code: 'missing-target',
        severity: 'error',
        message: 'nothing earlier for this "Ibid." to refer to',
        start: raw.ibid.start,
        end: raw.ibid.end,
        missing: 'target',
      });
    }
  }
  if (mode === 'extract' && !raw.archive && inheritsFrom === null && raw.elements.length === 0)
    return undefined;
  ref.key = referenceKey(ref);
  flatten(ref.key);
  addMissing(ref, raw, diags);
  const start = raw.start;
  const end = raw.end;
  return {
    start,
    end,
    line: 0,
    raw: text.slice(start, end),
    kind,
    reference: finalReference(ref),
    inheritsFrom,
    inherited: took === 0 ? [] : inheritedLevels(took),
    diagnostics: diags.length === 0 ? diags : diags.slice(),
    note: 0,
  };
}

const NO_SHEETS: Sheet[] = [];
const SCRATCH: ArchivalReference = {
  archive: null,
  archiveAsWritten: null,
  fond: null,
  opis: null,
  delo: null,
  unit: undefined,
  vypusk: undefined,
  tom: undefined,
  chast: undefined,
  sheets: NO_SHEETS,
  key: '',
};

/** A new reference with the scratch reference's fields, in the documented order. */
function finalReference(r: ArchivalReference): ArchivalReference {
  const sheets = r.sheets === NO_SHEETS ? [] : r.sheets;
  if (r.unit || r.vypusk || r.tom || r.chast) return orderReference({ ...r, sheets });
  return {
    archive: r.archive,
    archiveAsWritten: r.archiveAsWritten,
    fond: r.fond,
    opis: r.opis,
    delo: r.delo,
    sheets,
    key: r.key,
  };
}

const LEVEL_BITS: readonly (readonly [Level, number])[] = [
  ['archive', 1],
  ['fond', 2],
  ['opis', 4],
  ['delo', 8],
  ['sheets', 16],
];

// For each set of bits, the levels in hierarchical order.
const LEVEL_SETS: readonly (readonly Level[])[] = Array.from({ length: 32 }, (_, bits) =>
  LEVEL_BITS.filter(([, bit]) => bits & bit).map(([level]) => level),
);

/** The levels whose bits are set, in hierarchical order, in a new array of exactly that size. */
function inheritedLevels(bits: number): Level[] {
  return LEVEL_SETS[bits]!.slice();
}

const MISSING_ORDER: readonly (readonly ['fond' | 'opis' | 'delo', number])[] = [
  ['fond', RANK.fond],
  ['opis', RANK.opis],
  ['delo', RANK.delo],
];

function addMissing(ref: ArchivalReference, raw: Raw, diags: Diagnostic[]) {
  const firstEl = raw.elements[0];
  const at = raw.archive ? raw.archive.end : (firstEl?.start ?? raw.start);
  if (ref.archive === null) {
    if (!(raw.ibid && raw.elements.length === 0))
      diags.push({
        code: 'missing-archive',
        severity: 'warning',
        message: 'no archive named (and none to inherit)',
        start: raw.start,
        end: raw.start,
        missing: 'archive',
      });
  }
  const scheme = ref.archive ? (archiveById(ref.archive)?.scheme ?? 'fond') : 'fond';
  if (scheme !== 'fond') return;
  if (raw.ibid && raw.elements.length === 0 && ref.archive === null) return;
  for (const [level, rank] of MISSING_ORDER) {
    if (ref[level] !== null) continue;
    // Where the level would go: after the last element above it.
    let pos = at;
    for (const el of raw.elements) if (RANK[el.level] < rank) pos = el.end;
    diags.push({
      code: `missing-${level}`,
      severity: 'warning',
      message: `no ${level === 'opis' ? "opis'" : level} given`,
      start: pos,
      end: pos,
      missing: level,
    });
  }
}

/** Puts the fields in the documented order (archive, ..., delo, parts, sheets, key). */
export function orderReference(r: ArchivalReference): ArchivalReference {
  const o: Record<string, unknown> = {
    archive: r.archive,
    archiveAsWritten: r.archiveAsWritten,
    fond: r.fond,
    opis: r.opis,
    delo: r.delo,
  };
  if (r.unit !== undefined) o.unit = r.unit;
  if (r.vypusk !== undefined) o.vypusk = r.vypusk;
  if (r.tom !== undefined) o.tom = r.tom;
  if (r.chast !== undefined) o.chast = r.chast;
  o.sheets = r.sheets;
  o.key = r.key;
  return o as unknown as ArchivalReference;
}

/** Makes V8 store a concatenated string flat, so that the pieces it was built from can be freed. */
function flatten(s: string): void {
  // Converting to a number flattens the string as a side effect.
  Number(s);
}
