/**
 * The low-level grammar: labels (f., op., d., l., Ф., Оп., Д., Л., ...), their values, sheet
 * lists, archive names before a chain, "Ibid." / "Там же" and the compact form. Each function
 * reads at a position and returns what it read; none of them throws.
 */
import { type ArchiveMatch, formsByLastChar, lookupArchive } from './registry.ts';
import type { Diagnostic, Sheet, UnitLabel } from './types.ts';

export type ElementLevel = 'fond' | 'opis' | 'vypusk' | 'delo' | 'tom' | 'chast' | 'sheets';

export const RANK: Record<ElementLevel, number> = {
  fond: 1,
  opis: 2,
  vypusk: 3,
  delo: 4,
  tom: 5,
  chast: 6,
  sheets: 7,
};

export interface Element {
  level: ElementLevel;
  /** Start of the label. */
  start: number;
  end: number;
  value: string;
  unit?: UnitLabel;
  sheets?: Sheet[];
  /** The label as written ("ll.", "Л.", "op"). */
  label: string;
  script: 'latin' | 'cyrillic';
}

export interface ArchiveName {
  asWritten: string;
  start: number;
  end: number;
  match: ArchiveMatch | undefined;
}

interface LabelInfo {
  level: ElementLevel;
  unit?: UnitLabel;
  /** For l./ll.: singular or plural. */
  number?: 'sg' | 'pl';
  plural?: boolean;
}

const LABELS: Record<string, LabelInfo> = {
  'f.': { level: 'fond' },
  fond: { level: 'fond' },
  'ф.': { level: 'fond' },
  'op.': { level: 'opis' },
  op: { level: 'opis' },
  opis: { level: 'opis' },
  "opis'": { level: 'opis' },
  'оп.': { level: 'opis' },
  'vyp.': { level: 'vypusk' },
  'вып.': { level: 'vypusk' },
  'd.': { level: 'delo' },
  delo: { level: 'delo' },
  'д.': { level: 'delo' },
  'dd.': { level: 'delo', plural: true },
  'дд.': { level: 'delo', plural: true },
  'por.': { level: 'delo', unit: 'por' },
  'пор.': { level: 'delo', unit: 'por' },
  'ed. khr.': { level: 'delo', unit: 'edkhr' },
  'ед. хр.': { level: 'delo', unit: 'edkhr' },
  file: { level: 'delo', unit: 'file' },
  файл: { level: 'delo', unit: 'file' },
  't.': { level: 'tom' },
  'т.': { level: 'tom' },
  tom: { level: 'tom' },
  'vol.': { level: 'tom' },
  'vols.': { level: 'tom' },
  'ch.': { level: 'chast' },
  'ч.': { level: 'chast' },
  'l.': { level: 'sheets', number: 'sg' },
  list: { level: 'sheets', number: 'sg' },
  'll.': { level: 'sheets', number: 'pl' },
  listy: { level: 'sheets', number: 'pl' },
  'л.': { level: 'sheets' },
  'лл.': { level: 'sheets' },
};

// Sticky: a label at a position, then blanks. Word labels need a blank and a digit after them.
const LABEL_RE =
  /(?:(ed\.[ \t\u00a0]?khr\.|ед\.[ \t\u00a0]?хр\.|vols?\.|vyp\.|por\.|dd\.|ll\.|ch\.|f\.|op\.|d\.|l\.|t\.|вып\.|пор\.|дд\.|лл\.|оп\.|ф\.|д\.|л\.|ч\.|т\.)|(fond|opis['’]?|delo|listy|list|file|файл|tom|op)(?=[ \t\u00a0]+[A-ZА-ЯЁ]{0,3}-?\d))[ \t\u00a0]*/iuy;
const OCR_LL_RE = /(11|1l|l1)\.[ \t\u00a0]*(?=\d)/y;
const ID_RE = /(?:[A-ZА-ЯЁ]{1,3}-|[A-ZА-ЯЁ](?=\d))?\d+(?:[A-Za-zА-Яа-яЁё]{1,4})?(?![\p{L}\p{N}])/uy;
const FILE_RE = /\d+(?:\/\d+)?[a-zа-я]?(?![\p{L}\p{N}])/uy;
const DASH_RE = /[ \t\u00a0]*[-–—‒][ \t\u00a0]*/y;
const FF_RE = /[ \t\u00a0]+(?:ff\.|и[ \t\u00a0]сл\.)/y;
const LIST_SEP_RE = /(?:,[ \t\u00a0]*|[ \t\u00a0]+(?:and|и)[ \t\u00a0]+)(?=\d)/y;
const AFTER_ITEM_WORD_RE = /[ \t\u00a0]+\p{L}/uy;
const STRAY_COMMA_RE = /,[ \t\u00a0]*(?=\d)/y;
const PARTS_RE =
  /(?:\d+[a-zа-я]?|[IVXLC]+(?![\p{L}]))(?:(?:[ \t\u00a0]+(?:and|и)[ \t\u00a0]+|[ \t\u00a0]*[-–][ \t\u00a0]*)(?:\d+[a-zа-я]?|[IVXLC]+(?![\p{L}])))?/uy;

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Length of a sticky match at `pos`, or -1; allocates nothing. */
function stickyLength(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex - pos : -1;
}

export interface LabelHit {
  info: LabelInfo;
  label: string;
  start: number;
  /** Where the value starts. */
  valueStart: number;
  ocr: boolean;
  script: 'latin' | 'cyrillic';
}

/** Reads a label at `pos`; `allowOcr` lets "11." stand for "ll." (only inside a chain). */
// The commonest labels, read without a regular expression: f. op. d. l. ll.
const FAST: Record<string, LabelInfo> = {
  f: LABELS['f.']!,
  op: LABELS['op.']!,
  d: LABELS['d.']!,
  l: LABELS['l.']!,
  ll: LABELS['ll.']!,
};

function fastLabel(text: string, pos: number): LabelHit | undefined {
  const c0 = text.charCodeAt(pos);
  let n = 0;
  if (c0 === 102 || c0 === 100)
    n = 1; // f, d
  else if (c0 === 108)
    n = text.charCodeAt(pos + 1) === 108 ? 2 : 1; // l, ll
  else if (c0 === 111 && text.charCodeAt(pos + 1) === 112)
    n = 2; // op
  else return undefined;
  if (text.charCodeAt(pos + n) !== 46) return undefined;
  let v = pos + n + 1;
  while (v < text.length) {
    const c = text.charCodeAt(v);
    if (c !== 32 && c !== 9 && c !== 0xa0) break;
    v++;
  }
  const label = text.slice(pos, pos + n + 1);
  return { info: FAST[label.slice(0, n)]!, label, start: pos, valueStart: v, ocr: false, script: 'latin' };
}

export function readLabel(text: string, pos: number, allowOcr: boolean): LabelHit | undefined {
  const fast = fastLabel(text, pos);
  if (fast) return fast;
  const m = sticky(LABEL_RE, text, pos);
  if (m) {
    const written = (m[1] ?? m[2])!;
    const key = written
      .toLowerCase()
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace('’', "'");
    const norm = key === 'ed.khr.' ? 'ed. khr.' : key === 'ед.хр.' ? 'ед. хр.' : key;
    const info = LABELS[norm];
    if (!info) return undefined;
    return {
      info,
      label: written,
      start: pos,
      valueStart: pos + m[0].length,
      ocr: false,
      script: /[а-яё]/i.test(written) ? 'cyrillic' : 'latin',
    };
  }
  if (allowOcr) {
    const o = sticky(OCR_LL_RE, text, pos);
    if (o)
      return {
        info: LABELS['ll.']!,
        label: o[1]!,
        start: pos,
        valueStart: pos + o[0].length,
        ocr: true,
        script: 'latin',
      };
  }
  return undefined;
}

/** Completes an abbreviated range end: ("201", "5") gives "205"; ("168", "78") gives "178". */
export function expandRangeEnd(from: string, to: string): string {
  if (to.length >= from.length) return to;
  const full = from.slice(0, from.length - to.length) + to;
  return Number(full) >= Number(from) ? full : to;
}

export interface SheetRead {
  sheets: Sheet[];
  end: number;
}

/** Reads a list of sheets ("56, 56ob, 58–59", "82–83 об.", "4 ff."). Returns undefined when none. */
export function readSheets(text: string, pos: number, diags: Diagnostic[]): SheetRead | undefined {
  const sheets: Sheet[] = [];
  let p = pos;
  let end = pos;
  for (;;) {
    const item = readSheetItem(text, p);
    if (!item) break;
    if (sheets.length > 0) {
      // "ll. 5, 18 June": a number followed by a word is not a sheet.
      const w = stickyLength(AFTER_ITEM_WORD_RE, text, item.end) >= 0;
      if (w && !item.sheet.verso && !item.sheet.toVerso && !item.sheet.following) break;
    }
    sheets.push(item.sheet);
    end = item.end;
    const sep = stickyLength(LIST_SEP_RE, text, end);
    if (sep < 0) break;
    p = end + sep;
  }
  if (sheets.length === 0) return undefined;
  for (const s of sheets)
    if (s.to !== undefined && Number(s.to) < Number(s.from))
      diags.push({
        code: 'range-reversed',
        severity: 'warning',
        message: `sheet range ends (${s.to}) before it starts (${s.from})`,
        start: pos,
        end,
      });
  return { sheets, end };
}

function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x4ff) || (c >= 0xc0 && c <= 0x24f)
  );
}

function isDash(c: number): boolean {
  return c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2012;
}

function digitsEnd(text: string, pos: number): number {
  let p = pos;
  for (;;) {
    const c = text.charCodeAt(p);
    if (!(c >= 48 && c <= 57)) return p;
    p++;
  }
}

/** "ob", " ob.", "об.", " об.", "v" after a sheet number; returns where it ends, or -1. */
function readVerso(text: string, pos: number): number {
  let p = pos;
  const blank = isBlank(text.charCodeAt(p));
  if (blank) p++;
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  if ((a === 111 && b === 98) || (a === 0x43e && b === 0x431)) {
    // ob / об
    if (isLetter(text.charCodeAt(p + 2))) return -1;
    let e = p + 2;
    // "5 ob." and "82 об." keep their full stop; "56ob." does not (the stop ends the sentence).
    if (text.charCodeAt(e) === 46 && (a === 0x43e || blank)) e++;
    return e;
  }
  if (!blank && a === 118 && !isLetter(b)) return p + 1; // 5v
  return -1;
}

function readSheetItem(text: string, pos: number): { sheet: Sheet; end: number } | undefined {
  let p = digitsEnd(text, pos);
  if (p === pos) return undefined;
  const from = text.slice(pos, p);
  const sheet: Sheet = { from, verso: false };
  const v1 = readVerso(text, p);
  if (v1 >= 0) {
    sheet.verso = true;
    p = v1;
  }
  let q = p;
  while (isBlank(text.charCodeAt(q))) q++;
  if (isDash(text.charCodeAt(q))) {
    q++;
    while (isBlank(text.charCodeAt(q))) q++;
    const e = digitsEnd(text, q);
    if (e > q) {
      sheet.to = expandRangeEnd(from, text.slice(q, e));
      sheet.toVerso = false;
      p = e;
      const v2 = readVerso(text, p);
      if (v2 >= 0) {
        sheet.toVerso = true;
        p = v2;
      }
    }
  }
  const ff = stickyLength(FF_RE, text, p);
  if (ff >= 0) {
    sheet.following = true;
    p += ff;
  }
  return { sheet, end: p };
}

/** Reads the value of a non-sheet level at `pos`. */
export function readId(
  text: string,
  pos: number,
  info: LabelInfo,
): { value: string; end: number } | undefined {
  if (info.level === 'tom' || info.level === 'chast' || info.level === 'vypusk') {
    const m = sticky(PARTS_RE, text, pos);
    if (!m) return undefined;
    const value = m[0]
      .replace(/[ \t\u00a0]+(?:and|и)[ \t\u00a0]+/, ', ')
      .replace(/[ \t\u00a0]*[-–][ \t\u00a0]*/, '–');
    return { value, end: pos + m[0].length };
  }
  if (info.unit === 'file') {
    const m = sticky(FILE_RE, text, pos);
    return m ? { value: m[0], end: pos + m[0].length } : undefined;
  }
  const n = stickyLength(ID_RE, text, pos);
  if (n < 0) return undefined;
  let value = text.slice(pos, pos + n);
  let end = pos + n;
  if (info.level === 'delo') {
    const d = sticky(DASH_RE, text, end);
    if (d) {
      const m2 = sticky(ID_RE, text, end + d[0].length);
      if (m2 && /^\d+$/.test(m2[0]) && /^\d+$/.test(value)) {
        value = `${value}–${expandRangeEnd(value, m2[0])}`;
        end = end + d[0].length + m2[0].length;
      }
    }
  }
  return { value, end };
}

const NAME_CHAR = /[\p{L}\p{N}]/u;

function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && NAME_CHAR.test(ch);
}

/** An archive name of the registry that ends exactly at `end` (and starts at a word boundary). */
export function nameEndingAt(text: string, end: number, min: number): ArchiveName | undefined {
  const last = text[end - 1];
  if (last === undefined) return undefined;
  const bucket = formsByLastChar.get(last);
  if (!bucket) return undefined;
  for (const form of bucket.forms) {
    const start = end - form.length;
    if (start < min || !text.startsWith(form, start)) continue;
    if (isNameChar(text[start - 1]) || isNameChar(text[end])) continue;
    let match = matchCache.get(form);
    if (match === undefined) {
      match = lookupArchive(form) ?? null;
      matchCache.set(form, match);
    }
    return { asWritten: form, start, end, match: match ?? undefined };
  }
  return undefined;
}

const matchCache = new Map<string, ArchiveMatch | null>();

/**
 * The archive named just before a chain that starts at `pos`: "RGASPI, ", "РГАСПИ. ",
 * "RGALI (Russian State Archive of Literature and Art), ", "(GARF), ", "(hereafter RGANI), ".
 */
export function archiveBefore(text: string, pos: number, min: number): ArchiveName | undefined {
  let e = pos;
  while (e > min && /[ \t\u00a0]/.test(text[e - 1]!)) e--;
  if (e > min && /[,.:]/.test(text[e - 1]!)) e--;
  while (e > min && /[ \t\u00a0]/.test(text[e - 1]!)) e--;
  if (e <= min) return undefined;
  if (text[e - 1] === ')') {
    const inner = nameEndingAt(text, e - 1, min);
    const open = text.lastIndexOf('(', e - 1);
    if (open < min || e - open > 120 || text.slice(open, e).includes('\n')) return inner;
    let b = open;
    while (b > min && /[ \t\u00a0]/.test(text[b - 1]!)) b--;
    return nameEndingAt(text, b, min) ?? inner;
  }
  return nameEndingAt(text, e, min);
}

/** "Ibid.", "*Ibid.*", "ibid", "Там же": returns where the word starts and ends. */
const IBID_RE = /(ibid|там[ \t\u00a0]+же)(\.?)/iuy;
export function readIbid(text: string, pos: number): { start: number; end: number } | undefined {
  const m = sticky(IBID_RE, text, pos);
  if (!m) return undefined;
  if (isNameChar(text[pos + m[1]!.length])) return undefined;
  return { start: pos, end: pos + m[0].length };
}

const COMPACT_RE =
  /[ \t\u00a0]+((?:[A-ZА-ЯЁ]{1,3}-)?\d+[a-zа-я]{0,4})\/((?:[A-ZА-ЯЁ]{1,3}-)?\d+[a-zа-я]{0,4})\/((?:[A-ZА-ЯЁ]{1,3}-)?\d+[a-zа-я]{0,4})(?![\p{L}\p{N}/])/uy;
const COMPACT_SHEETS_RE = /,[ \t\u00a0]*(?=\d)/y;

/** The compact form after an archive name: " 17/3/1003, 82–83ob". */
export function readCompact(
  text: string,
  pos: number,
  diags: Diagnostic[],
): { fond: string; opis: string; delo: string; sheets: Sheet[]; end: number; idsEnd: number } | undefined {
  const m = sticky(COMPACT_RE, text, pos);
  if (!m) return undefined;
  let end = pos + m[0].length;
  const idsEnd = end;
  let sheets: Sheet[] = [];
  const c = sticky(COMPACT_SHEETS_RE, text, end);
  if (c) {
    const s = readSheets(text, end + c[0].length, diags);
    if (s) {
      sheets = s.sheets;
      end = s.end;
    }
  }
  return { fond: m[1]!, opis: m[2]!, delo: m[3]!, sheets, end, idsEnd };
}

// Between two elements of one reference: ", " (English), ". " (Russian), or a blank.
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** Between two elements: blanks, at most one "," or ".", blanks. */
function readElementSep(text: string, pos: number): { length: number; punct: string; blank: boolean } {
  let p = pos;
  while (isBlank(text.charCodeAt(p))) p++;
  const before = p > pos;
  let punct = '';
  const c = text.charCodeAt(p);
  if (c === 44 || c === 46) {
    punct = c === 44 ? ',' : '.';
    p++;
  }
  const q = p;
  while (isBlank(text.charCodeAt(p))) p++;
  return { length: p - pos, punct, blank: (before || p > q) && punct === '' };
}

export interface ChainRead {
  elements: Element[];
  end: number;
}

/**
 * Reads the elements of one reference from a label at `pos`, in hierarchical order. Stops
 * before a label that does not go further down (it starts the next reference), at ";", or at
 * anything that is not a label. Repairs and problems go to `diags`.
 */
export function readChain(text: string, pos: number, diags: Diagnostic[]): ChainRead {
  const elements: Element[] = [];
  let p = pos;
  let end = pos;
  let lastRank = 0;
  let pendingSep: { start: number; length: number; punct: string; blank: boolean } | undefined;
  for (;;) {
    const hit = readLabel(text, p, elements.length > 0 && lastRank >= RANK.opis && lastRank < RANK.sheets);
    if (!hit) break;
    // A vypusk follows the opis' ("Оп. 1. Вып. 2") or, for some fonds, the delo ("Д. 612. Вып. I").
    const rank = hit.info.level === 'vypusk' && lastRank >= RANK.delo ? RANK.tom - 0.5 : RANK[hit.info.level];
    const prev = elements[elements.length - 1];
    if (rank === RANK.sheets && prev?.level === 'sheets' && pendingSep?.punct === ',') {
      // "ll. 2–4, 12–18, ll. 23–26": the label repeated inside one list.
      const more = readSheets(text, hit.valueStart, diags);
      if (!more) break;
      diags.push({
        code: 'repeated-label',
        severity: 'repair',
        message: `"${hit.label}" repeated inside one list of sheets`,
        start: hit.start,
        end: hit.valueStart,
      });
      prev.sheets = [...(prev.sheets ?? []), ...more.sheets];
      prev.end = more.end;
      end = more.end;
      const sep2 = readElementSep(text, end);
      if (sep2.length === 0) break;
      pendingSep = { start: end, length: sep2.length, punct: sep2.punct, blank: false };
      p = end + sep2.length;
      continue;
    }
    if (rank <= lastRank) break;
    if (pendingSep && hit.script === 'latin' && elements[0]?.script === 'latin') {
      if (pendingSep.punct === '.')
        diags.push({
          code: 'separator-full-stop',
          severity: 'repair',
          message: 'a full stop stands where a comma belongs between levels',
          start: pendingSep.start,
          end: pendingSep.start + pendingSep.length,
        });
      else if (pendingSep.punct === '' && pendingSep.blank)
        diags.push({
          code: 'separator-missing',
          severity: 'repair',
          message: 'no comma between levels',
          start: pendingSep.start,
          end: pendingSep.start + pendingSep.length,
        });
    }
    if (hit.ocr)
      diags.push({
        code: 'ocr-ll',
        severity: 'repair',
        message: `"${hit.label}." read as "ll." (an OCR error)`,
        start: hit.start,
        end: hit.start + hit.label.length + 1,
      });
    if (hit.label.toLowerCase() === 'op')
      diags.push({
        code: 'label-missing-full-stop',
        severity: 'repair',
        message: 'no full stop after "op"',
        start: hit.start,
        end: hit.start + 2,
      });
    let vpos = hit.valueStart;
    if (hit.info.level === 'sheets') {
      const stray = sticky(STRAY_COMMA_RE, text, vpos);
      if (stray) {
        diags.push({
          code: 'stray-comma',
          severity: 'repair',
          message: `stray comma after "${hit.label}"`,
          start: vpos,
          end: vpos + 1,
        });
        vpos += stray[0].length;
      }
      const s = readSheets(text, vpos, diags);
      if (!s) {
        diags.push(missingValue(hit, vpos));
        end = vpos;
        break;
      }
      const el: Element = {
        level: 'sheets',
        start: hit.start,
        end: s.end,
        value: '',
        sheets: s.sheets,
        label: hit.label,
        script: hit.script,
      };
      checkSheetNumber(hit, s.sheets, el, diags);
      elements.push(el);
      end = s.end;
    } else {
      const v = readId(text, vpos, hit.info);
      if (!v) {
        diags.push(missingValue(hit, vpos));
        end = hit.start + hit.label.length;
        break;
      }
      const el: Element = {
        level: hit.info.level,
        start: hit.start,
        end: v.end,
        value: v.value,
        label: hit.label,
        script: hit.script,
      };
      if (hit.info.unit) el.unit = hit.info.unit;
      elements.push(el);
      end = v.end;
    }
    lastRank = rank;
    const sep = readElementSep(text, end);
    if (sep.length === 0) break;
    pendingSep = { start: end, ...sep };
    p = end + sep.length;
  }
  return { elements, end };
}

function missingValue(hit: LabelHit, at: number): Diagnostic {
  return {
    code: 'missing-value',
    severity: 'error',
    message: `"${hit.label}" is not followed by a ${hit.info.level === 'sheets' ? 'sheet number' : `${hit.info.level} number`}`,
    start: hit.start,
    end: Math.max(at, hit.start + hit.label.length),
    missing: 'value',
  };
}

function checkSheetNumber(hit: LabelHit, sheets: Sheet[], el: Element, diags: Diagnostic[]) {
  if (hit.ocr) return;
  const n = hit.info.number;
  const many = sheets.length > 1 || sheets.some((s) => s.to !== undefined || s.following);
  if (n === 'pl' && !many)
    diags.push({
      code: 'sheet-label-plural',
      severity: 'warning',
      message: `"${hit.label}" (plural) before a single sheet`,
      start: el.start,
      end: el.end,
    });
  if (n === 'sg' && many)
    diags.push({
      code: 'sheet-label-singular',
      severity: 'warning',
      message: `"${hit.label}" (singular) before several sheets`,
      start: el.start,
      end: el.end,
    });
}
