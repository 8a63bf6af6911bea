/**
 * Character classes for the whole Basic Multilingual Plane, computed once on first use:
 * whether a code unit is a letter or a combining mark (a word character) and its lower case.
 * Word boundaries are any non-letter, so quotes, dashes, hyphens and digits all split words.
 */

let LETTER: Uint8Array | undefined;
let LOWER: Uint16Array | undefined;

/** Bit 1: word character (letter or mark); bit 2: upper case; bit 4: combining mark. */
export const WORD = 1;
export const UPPER = 2;
export const MARK = 4;

function init(): void {
  const letter = new Uint8Array(65536);
  const lower = new Uint16Array(65536);
  const isL = /\p{L}/u;
  const isM = /\p{M}/u;
  for (let c = 0; c < 65536; c++) {
    lower[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letter[c] = WORD;
      if (c >= 65 && c <= 90) {
        letter[c] = WORD | UPPER;
        lower[c] = c + 32;
      }
      continue;
    }
    if (isM.test(ch)) {
      letter[c] = WORD | MARK;
      continue;
    }
    if (!isL.test(ch)) continue;
    let flags = WORD;
    const lo = ch.toLowerCase();
    if (lo.length === 1 && lo !== ch) {
      flags |= UPPER;
      lower[c] = lo.charCodeAt(0);
    }
    letter[c] = flags;
  }
  LETTER = letter;
  LOWER = lower;
}

export function letterTable(): Uint8Array {
  if (LETTER === undefined) init();
  return LETTER as Uint8Array;
}

export function lowerTable(): Uint16Array {
  if (LOWER === undefined) init();
  return LOWER as Uint16Array;
}

let COMPOSE: Map<number, number> | undefined;

/**
 * Canonical compositions of a Cyrillic base letter with a combining mark (key base*65536+mark),
 * e.g. и + U+0306 -> й, е + U+0308 -> ё; used so that NFD input reads like NFC input.
 */
export function composeTable(): Map<number, number> {
  if (COMPOSE) return COMPOSE;
  const m = new Map<number, number>();
  for (let c = 0x400; c < 0x530; c++) {
    const d = String.fromCharCode(c).normalize('NFD');
    if (d.length === 2) m.set(d.charCodeAt(0) * 65536 + d.charCodeAt(1), c);
  }
  COMPOSE = m;
  return m;
}

/** A precomposed Cyrillic letter split into base and marks (NFD), or undefined. */
export function decompose(c: number): string | undefined {
  if (c < 0x400 || c >= 0x530) return undefined;
  const d = String.fromCharCode(c).normalize('NFD');
  return d.length > 1 ? d : undefined;
}
