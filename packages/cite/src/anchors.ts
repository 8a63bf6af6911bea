/**
 * Finding where references may start, fast: one pass over character codes, stopping at the
 * start of each run of digits to look back for a label ("f. ", "Оп. ", "fond "), and at
 * "Ibid" and "Там же". Everything else is skipped without allocating.
 */

export const ANCHOR_LABEL = 1;
export const ANCHOR_IBID = 2;
export const ANCHOR_COMPACT = 3;

/** Labels written with a full stop, lower-cased, that may start a reference. */
const DOT_LABELS = new Set([
  'f',
  'd',
  'dd',
  'l',
  'll',
  'op',
  'por',
  'ф',
  'д',
  'дд',
  'л',
  'лл',
  'оп',
  'khr',
  'хр',
]);
/** A letter's code in lower case, for the letters labels are written with (A–Z, А–Я). */
function lowerCode(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f) ? c + 32 : c;
}

/**
 * A number standing for the lower-cased word in [s, e) (at most 4 letters, each below
 * U+0800): a leading 1 marks the length, then 11 bits per letter. Allocates nothing.
 */
function wordCode(text: string, s: number, e: number): number {
  let code = 1;
  for (let i = s; i < e; i++) code = code * 2048 + lowerCode(text.charCodeAt(i));
  return code;
}

function codeOf(word: string): number {
  return wordCode(word, 0, word.length);
}

const DOT_LABEL_CODES = new Set([...DOT_LABELS].map(codeOf));
const KHR = codeOf('khr');
const KHR_RU = codeOf('хр');

/** Labels written as words, followed by a blank and a number. */
const WORD_LABELS = new Set(['fond', 'opis', "opis'", 'opis’', 'delo', 'file', 'файл', 'op']);

export function isLetterCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 0x400 && c <= 0x4ff) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x42f);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** The kind of the last anchor `nextAnchor` returned. */
export let anchorKind = 0;

/** Start of the value that begins with the digit run at `i` ("Р-9401" starts at "Р"). */
function valueStart(text: string, i: number, min: number): number {
  let j = i - 1;
  if (j >= min && text.charCodeAt(j) === 45) {
    let k = 0;
    let q = j - 1;
    while (k < 3 && q >= min && isUpperCode(text.charCodeAt(q))) {
      q--;
      k++;
    }
    if (k === 0 || (q >= min && isLetterCode(text.charCodeAt(q)))) return i;
    j = q;
    return j + 1;
  }
  return i;
}

/** The start of a label that ends just before the value at `v`, or -1. */
function labelBefore(text: string, v: number, min: number): number {
  let j = v - 1;
  let blanks = 0;
  while (j >= min && isBlankCode(text.charCodeAt(j)) && blanks < 3) {
    j--;
    blanks++;
  }
  if (j < min) return -1;
  let c = text.charCodeAt(j);
  // "ll., 202": a stray comma after the label.
  if (c === 44 && j - 1 >= min && text.charCodeAt(j - 1) === 46) {
    j--;
    c = 46;
  }
  if (c === 46) {
    let k = j - 1;
    while (k >= min && isLetterCode(text.charCodeAt(k)) && j - k <= 4) k--;
    if (k === j - 1 || (k >= min && (isLetterCode(text.charCodeAt(k)) || isDigitCode(text.charCodeAt(k)))))
      return -1;
    if (k >= min) {
      const b = text.charCodeAt(k);
      if (b === 39 || b === 0x2019) return -1;
    }
    const word = wordCode(text, k + 1, j);
    if (!DOT_LABEL_CODES.has(word)) return -1;
    if (word === KHR || word === KHR_RU) {
      // "ed. khr." / "ед. хр."
      let e = k;
      while (e >= min && isBlankCode(text.charCodeAt(e))) e--;
      if (e - 2 < min || text.charCodeAt(e) !== 46) return -1;
      const ed = text.slice(e - 2, e).toLowerCase();
      if (ed !== 'ed' && ed !== 'ед') return -1;
      return e - 2;
    }
    return k + 1;
  }
  if (blanks === 0) return -1;
  let k = j;
  if (c === 39 || c === 0x2019) k--;
  while (k >= min && isLetterCode(text.charCodeAt(k)) && j - k <= 6) k--;
  if (k === j || (k >= min && (isLetterCode(text.charCodeAt(k)) || isDigitCode(text.charCodeAt(k)))))
    return -1;
  // Every word label is 2, 4 or 5 long and starts with f, o, d or ф: most words fail here.
  const n = j - k;
  if (n !== 2 && n !== 4 && n !== 5) return -1;
  const first = lowerCode(text.charCodeAt(k + 1));
  if (first !== 102 && first !== 111 && first !== 100 && first !== 0x444) return -1;
  const word = text.slice(k + 1, j + 1).toLowerCase();
  return WORD_LABELS.has(word) ? k + 1 : -1;
}

/** A compact reference "17/3/1003" starts at `v` after an archive name and a blank. */
function compactAt(text: string, v: number, i: number, min: number, to: number): boolean {
  if (v - 2 < min || !isBlankCode(text.charCodeAt(v - 1))) return false;
  const b = text.charCodeAt(v - 2);
  if (!isLetterCode(b)) return false;
  let k = i;
  while (k < to && isDigitCode(text.charCodeAt(k))) k++;
  let n = 0;
  while (k < to && n < 4 && isLetterCode(text.charCodeAt(k))) {
    k++;
    n++;
  }
  return k < to && text.charCodeAt(k) === 47;
}

// Where a reference may start: a digit after a label-ending character (and up to three
// blanks), "Ibid", "Там". Native regular-expression scanning skips the rest of the text.
const CANDIDATE_RE = /[.,'’\-A-Za-zА-Яа-яЁё][ \t\u00a0]{0,3}\d|[Ii]bid|[Тт]ам[ \t\u00a0]/g;
let cacheText = '';
let cacheFrom = -1;
let cacheIndex = -1;
let cacheLength = 0;

/** The first candidate at or after `from` (sets `cacheLength`), using a one-entry cache. */
function candidate(text: string, from: number): number {
  if (text === cacheText && from >= cacheFrom && (cacheIndex < 0 || from <= cacheIndex)) return cacheIndex;
  CANDIDATE_RE.lastIndex = from;
  cacheText = text;
  cacheFrom = from;
  if (!CANDIDATE_RE.test(text)) {
    cacheIndex = -1;
    cacheLength = 0;
    return -1;
  }
  // Without allocating a match: a digit ends the label alternative; "Ibid" and "Там " are 4 long.
  const end = CANDIDATE_RE.lastIndex;
  if (isDigitCode(text.charCodeAt(end - 1))) {
    let start = end - 2;
    while (start > from && isBlankCode(text.charCodeAt(start)) && end - 1 - start <= 3) start--;
    cacheIndex = start;
  } else cacheIndex = end - 4;
  cacheLength = end - cacheIndex;
  return cacheIndex;
}

function isIbidAt(text: string, i: number, min: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 73 || c === 105)
    return (
      text.charCodeAt(i + 1) === 98 &&
      text.charCodeAt(i + 2) === 105 &&
      text.charCodeAt(i + 3) === 100 &&
      !isLetterCode(text.charCodeAt(i + 4)) &&
      (i === min || !isLetterCode(text.charCodeAt(i - 1)))
    );
  if (c !== 0x422 && c !== 0x442) return false;
  if (text.charCodeAt(i + 1) !== 0x430 || text.charCodeAt(i + 2) !== 0x43c) return false;
  if (i > min && isLetterCode(text.charCodeAt(i - 1))) return false;
  let k = i + 3;
  while (isBlankCode(text.charCodeAt(k))) k++;
  return (
    k > i + 3 &&
    text.charCodeAt(k) === 0x436 &&
    text.charCodeAt(k + 1) === 0x435 &&
    !isLetterCode(text.charCodeAt(k + 2))
  );
}

/**
 * The next position in [from, to) where a reference may start, or -1. Sets `anchorKind`.
 * `min` bounds how far back a label may be looked for.
 */
export function nextAnchor(text: string, from: number, to: number, min: number): number {
  let pos = from;
  for (;;) {
    const at = candidate(text, pos);
    if (at < 0 || at >= to) return -1;
    const len = cacheLength;
    const c = text.charCodeAt(at);
    if (
      (c === 73 || c === 105 || c === 0x422 || c === 0x442) &&
      !isDigitCode(text.charCodeAt(at + len - 1))
    ) {
      if (isIbidAt(text, at, min)) {
        anchorKind = ANCHOR_IBID;
        return at;
      }
      pos = at + 1;
      continue;
    }
    const i = at + len - 1;
    const p = i > min ? text.charCodeAt(i - 1) : 32;
    if (!isDigitCode(p) && !isLetterCode(p) && i >= from) {
      const v = valueStart(text, i, min);
      const l = labelBefore(text, v, min);
      if (l >= 0 && l >= from) {
        anchorKind = ANCHOR_LABEL;
        return l;
      }
      if (l < 0 && compactAt(text, v, i, min, to) && v >= from) {
        anchorKind = ANCHOR_COMPACT;
        return v;
      }
    }
    let e = i + 1;
    while (e < to && isDigitCode(text.charCodeAt(e))) e++;
    pos = Math.max(e, at + 1);
  }
}
