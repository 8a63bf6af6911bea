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

const FAST_LABEL = { f: 'f.', d: 'd.', l: 'l.', ll: 'll.', op: 'op.' } as const;

function fastLabel(text: string, pos: number): LabelHit | undefined {
  const c0 = text.charCodeAt(pos);
  let label: string;
  let info: LabelInfo;
  if (c0 === 102) {
    label = FAST_LABEL.f;
    info = FAST.f!;
  } else if (c0 === 100) {
    label = FAST_LABEL.d;
    info = FAST.d!;
  } else if (c0 === 108) {
    if (text.charCodeAt(pos + 1) === 108) {
      label = FAST_LABEL.ll;
      info = FAST.ll!;
    } else {
      label = FAST_LABEL.l;
      info = FAST.l!;
    }
  } else if (c0 === 111 && text.charCodeAt(pos + 1) === 112) {
    label = FAST_LABEL.op;
    info = FAST.op!;
  } else return undefined;
  const n = label.length - 1;
  if (text.charCodeAt(pos + n) !== 46) return undefined;
  let v = pos + n + 1;
  while (v < text.length) {
    const c = text.charCodeAt(v);
    if (c !== 32 && c !== 9 && c !== 0xa0) break;
    v++;
  }
  // One shared result: the chain reader uses a label before it reads the next one.
  FAST_HIT.info = info;
  FAST_HIT.label = label;
  FAST_HIT.start = pos;
  FAST_HIT.valueStart = v;
  return FAST_HIT;
}

const FAST_HIT: LabelHit = {
  info: LABELS['f.']!,
  label: '',
  start: 0,
  valueStart: 0,
  ocr: false,
  script: 'latin',
};

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
  const first = readSheetItem(text, pos);
  if (!first) return undefined;
  let end = itemEnd;
  // Most lists hold one sheet: an array of exactly that size, no growth.
  let sheets: Sheet[] | undefined;
  let sep = listSepLength(text, end);
  while (sep >= 0) {
    const item = readSheetItem(text, end + sep);
    if (!item) break;
    // "ll. 5, 18 June": a number followed by a word is not a sheet.
    const w = stickyLength(AFTER_ITEM_WORD_RE, text, itemEnd) >= 0;
    if (w && !item.verso && !item.toVerso && !item.following) break;
    if (sheets === undefined) sheets = [first, item];
    else sheets.push(item);
    end = itemEnd;
    sep = listSepLength(text, end);
  }
  const list = sheets === undefined ? [first] : sheets.slice();
  for (const s of list)
    if (s.to !== undefined && Number(s.to) < Number(s.from))
      diags.push({
        code: 'range-reversed',
        severity: 'warning',
        message: `sheet range ends (${s.to}) before it starts (${s.from})`,
        start: pos,
        end,
      });
  return { sheets: list, end };
}

function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x4ff) || (c >= 0xc0 && c <= 0x24f)
  );
}

function isDash(c: number): boolean {
  return c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2012;
}

// Numbers repeat across citations (fond 17, opis 3, sheet 1): one shared string per small
// number instead of a fresh copy per citation, so that fewer objects outlive the call.
const NUMBER_STRINGS: (string | undefined)[] = [];
const NUMBER_CACHE_LIMIT = 1 << 16;

/** `text.slice(s, e)` when that is a run of ASCII digits, shared when it is a small number without a leading zero. */
function digitString(text: string, s: number, e: number): string {
  if (e - s > 5 || (e - s > 1 && text.charCodeAt(s) === 48)) return text.slice(s, e);
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + text.charCodeAt(i) - 48;
  if (n >= NUMBER_CACHE_LIMIT) return text.slice(s, e);
  let v = NUMBER_STRINGS[n];
  if (v === undefined) {
    // The same digits (no leading zero), stored one byte per character.
    v = String(n);
    NUMBER_STRINGS[n] = v;
  }
  return v;
}

/** True when `text` holds only ASCII digits in [s, e) (and is not empty). */
function allDigits(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
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

/** Length of a LIST_SEP_RE match at `pos`, or -1 (the regex only runs after a comma or a blank). */
function listSepLength(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  return c === 44 || isBlank(c) ? stickyLength(LIST_SEP_RE, text, pos) : -1;
}

/** Where the last sheet `readSheetItem` read ends. */
let itemEnd = 0;

/** One sheet or range at `pos` (its end goes to `itemEnd`); built in its final shape. */
function readSheetItem(text: string, pos: number): Sheet | undefined {
  let p = digitsEnd(text, pos);
  if (p === pos) return undefined;
  const from = digitString(text, pos, p);
  let verso = false;
  let to: string | undefined;
  let toVerso = false;
  let following = false;
  const v1 = readVerso(text, p);
  if (v1 >= 0) {
    verso = true;
    p = v1;
  }
  let q = p;
  while (isBlank(text.charCodeAt(q))) q++;
  if (isDash(text.charCodeAt(q))) {
    q++;
    while (isBlank(text.charCodeAt(q))) q++;
    const e = digitsEnd(text, q);
    if (e > q) {
      to = e - q >= from.length ? digitString(text, q, e) : expandRangeEnd(from, text.slice(q, e));
      p = e;
      const v2 = readVerso(text, p);
      if (v2 >= 0) {
        toVerso = true;
        p = v2;
      }
    }
  }
  const ff = isBlank(text.charCodeAt(p)) ? stickyLength(FF_RE, text, p) : -1;
  if (ff >= 0) {
    following = true;
    p += ff;
  }
  itemEnd = p;
  if (to === undefined) return following ? { from, verso, following } : { from, verso };
  return following ? { from, verso, to, toVerso, following } : { from, verso, to, toVerso };
}

/** Length of an ID_RE match at `pos`, or -1; plain digits followed by ASCII punctuation or a blank without the regex. */
function idLength(text: string, pos: number): number {
  const e = digitsEnd(text, pos);
  if (e > pos) {
    const c = text.charCodeAt(e);
    // Not a letter or digit (nor the end of a longer word): the digits are the whole value.
    if (Number.isNaN(c) || (c < 128 && !((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122))))
      return e - pos;
  }
  return stickyLength(ID_RE, text, pos);
}

/** Where the last value `readId` read ends. */
let idEnd = 0;

/** Reads the value of a non-sheet level at `pos` (its end goes to `idEnd`). */
export function readId(text: string, pos: number, info: LabelInfo): string | undefined {
  if (info.level === 'tom' || info.level === 'chast' || info.level === 'vypusk') {
    const m = sticky(PARTS_RE, text, pos);
    if (!m) return undefined;
    const value = m[0]
      .replace(/[ \t\u00a0]+(?:and|и)[ \t\u00a0]+/, ', ')
      .replace(/[ \t\u00a0]*[-–][ \t\u00a0]*/, '–');
    idEnd = pos + m[0].length;
    return value;
  }
  if (info.unit === 'file') {
    const m = sticky(FILE_RE, text, pos);
    if (!m) return undefined;
    idEnd = pos + m[0].length;
    return m[0];
  }
  const n = idLength(text, pos);
  if (n < 0) return undefined;
  let value = allDigits(text, pos, pos + n) ? digitString(text, pos, pos + n) : text.slice(pos, pos + n);
  let end = pos + n;
  if (info.level === 'delo') {
    const c = text.charCodeAt(end);
    const d = isBlank(c) || isDash(c) ? sticky(DASH_RE, text, end) : null;
    if (d) {
      const m2 = sticky(ID_RE, text, end + d[0].length);
      if (m2 && /^\d+$/.test(m2[0]) && /^\d+$/.test(value)) {
        value = `${value}–${expandRangeEnd(value, m2[0])}`;
        end = end + d[0].length + m2[0].length;
      }
    }
  }
  idEnd = end;
  return value;
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
  const forms = bucket.forms;
  const pc = text.charCodeAt(end - 2);
  for (let i = 0; i < forms.length; i++) {
    const pen = bucket.penultimate[i]!;
    if (pen >= 0 && pen !== pc) continue;
    const form = forms[i]!;
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
  while (e > min && isBlank(text.charCodeAt(e - 1))) e--;
  if (e > min) {
    const c = text.charCodeAt(e - 1);
    if (c === 44 || c === 46 || c === 58) e--;
  }
  while (e > min && isBlank(text.charCodeAt(e - 1))) e--;
  if (e <= min) return undefined;
  if (text.charCodeAt(e - 1) === 41) {
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

// What `readElementSep` read: its punctuation ("," "." or "") and whether it is a bare blank.
let sepPunct = '';
let sepBlank = false;

/** Between two elements: blanks, at most one "," or ".", blanks. Returns the length; sets `sepPunct`, `sepBlank`. */
function readElementSep(text: string, pos: number): number {
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
  sepPunct = punct;
  sepBlank = (before || p > q) && punct === '';
  return p - pos;
}

export interface ChainRead {
  elements: Element[];
  end: number;
}

// readChain's result and elements are reused from call to call: the engine turns them into a
// citation before it reads the next chain, so nothing is allocated per element.
const CHAIN: ChainRead = { elements: [], end: 0 };
const POOL: Element[] = [];

/** The pooled element for position `i` of a chain, filled in. */
function element(
  i: number,
  level: ElementLevel,
  start: number,
  end: number,
  value: string,
  label: string,
  script: 'latin' | 'cyrillic',
): Element {
  let el = POOL[i];
  if (el === undefined) {
    el = { level, start, end, value, sheets: undefined, label, script, unit: undefined };
    POOL[i] = el;
    return el;
  }
  el.level = level;
  el.start = start;
  el.end = end;
  el.value = value;
  el.sheets = undefined;
  el.label = label;
  el.script = script;
  el.unit = undefined;
  return el;
}

/**
 * Reads the elements of one reference from a label at `pos`, in hierarchical order. Stops
 * before a label that does not go further down (it starts the next reference), at ";", or at
 * anything that is not a label. Repairs and problems go to `diags`. The result (and its
 * elements) is valid until the next call.
 */
export function readChain(text: string, pos: number, diags: Diagnostic[]): ChainRead {
  const elements = CHAIN.elements;
  elements.length = 0;
  let p = pos;
  let end = pos;
  let lastRank = 0;
  // The separator before the current label (none before the first).
  let hasSep = false;
  let sepStart = 0;
  let sepLength = 0;
  let punct = '';
  let bare = false;
  for (;;) {
    const hit = readLabel(text, p, elements.length > 0 && lastRank >= RANK.opis && lastRank < RANK.sheets);
    if (!hit) break;
    // A vypusk follows the opis' ("Оп. 1. Вып. 2") or, for some fonds, the delo ("Д. 612. Вып. I").
    const rank = hit.info.level === 'vypusk' && lastRank >= RANK.delo ? RANK.tom - 0.5 : RANK[hit.info.level];
    const prev = elements[elements.length - 1];
    if (rank === RANK.sheets && prev?.level === 'sheets' && hasSep && punct === ',') {
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
      const len2 = readElementSep(text, end);
      if (len2 === 0) break;
      hasSep = true;
      sepStart = end;
      sepLength = len2;
      punct = sepPunct;
      bare = false;
      p = end + len2;
      continue;
    }
    if (rank <= lastRank) break;
    if (hasSep && hit.script === 'latin' && elements[0]?.script === 'latin') {
      if (punct === '.')
        diags.push({
          code: 'separator-full-stop',
          severity: 'repair',
          message: 'a full stop stands where a comma belongs between levels',
          start: sepStart,
          end: sepStart + sepLength,
        });
      else if (punct === '' && bare)
        diags.push({
          code: 'separator-missing',
          severity: 'repair',
          message: 'no comma between levels',
          start: sepStart,
          end: sepStart + sepLength,
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
    if (isBareOp(hit.label))
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
      const el = element(elements.length, 'sheets', hit.start, s.end, '', hit.label, hit.script);
      el.sheets = s.sheets;
      checkSheetNumber(hit, s.sheets, el, diags);
      elements.push(el);
      end = s.end;
    } else {
      const value = readId(text, vpos, hit.info);
      if (value === undefined) {
        diags.push(missingValue(hit, vpos));
        end = hit.start + hit.label.length;
        break;
      }
      const el = element(elements.length, hit.info.level, hit.start, idEnd, value, hit.label, hit.script);
      if (hit.info.unit) el.unit = hit.info.unit;
      elements.push(el);
      end = idEnd;
    }
    lastRank = rank;
    const len = readElementSep(text, end);
    if (len === 0) break;
    hasSep = true;
    sepStart = end;
    sepLength = len;
    punct = sepPunct;
    bare = sepBlank;
    p = end + len;
  }
  CHAIN.end = end;
  return CHAIN;
}

/** "op" without its full stop, in any case. */
function isBareOp(label: string): boolean {
  return label.length === 2 && (label.charCodeAt(0) | 32) === 111 && (label.charCodeAt(1) | 32) === 112;
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
