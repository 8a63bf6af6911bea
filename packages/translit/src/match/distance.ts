/**
 * Distances between canonical name keys (see `key.ts`): a weighted edit distance whose costs
 * say how far apart two symbols are *as spellings of Russian sounds*, and a plain Jaro–Winkler
 * similarity (the usual baseline for name matching, used by the evaluation for comparison).
 */

const VOWELS = 'aeiouO';
const HUSHING = 'SZXJCSc';

/** Symmetric substitution costs below 1 (key: the two symbols sorted). */
const SUB = new Map<string, number>();
function pair(a: string, b: string, cost: number): void {
  SUB.set(a < b ? a + b : b + a, cost);
}
// Ambiguous symbols of German spellings and ё written as yo/ë
pair('X', 'S', 0.05);
pair('X', 'Z', 0.05);
pair('Q', 's', 0.05);
pair('Q', 'z', 0.05);
pair('O', 'o', 0.1);
pair('O', 'e', 0.1);
// Near sounds that systems or scribes confuse
pair('Z', 'S', 0.5);
pair('s', 'z', 0.4);
pair('v', 'f', 0.4);
pair('h', 'g', 0.5);
pair('h', 'k', 0.5);
pair('J', 'C', 0.5);
pair('S', 's', 0.5);
pair('C', 's', 0.5);
pair('X', 's', 0.5);
pair('Z', 'z', 0.5);
pair('b', 'p', 0.6);
pair('d', 't', 0.6);
pair('g', 'k', 0.6);

const CODE_MAX = 128;
/** Substitution cost table by char code, filled once. */
const subTable = new Float32Array(CODE_MAX * CODE_MAX);
/** Insertion/deletion cost by char code. */
const indelTable = new Float32Array(CODE_MAX);
(() => {
  for (let a = 0; a < CODE_MAX; a++) {
    indelTable[a] = 1;
    for (let b = 0; b < CODE_MAX; b++) {
      const ca = String.fromCharCode(a);
      const cb = String.fromCharCode(b);
      let cost = a === b ? 0 : 1;
      if (a !== b) {
        const k = ca < cb ? ca + cb : cb + ca;
        const s = SUB.get(k);
        if (s !== undefined) cost = s;
        else if (VOWELS.includes(ca) && VOWELS.includes(cb)) cost = 0.5;
      }
      subTable[a * CODE_MAX + b] = cost;
    }
  }
  for (const v of 'aeouO') indelTable[v.charCodeAt(0)] = 0.5;
  indelTable['i'.charCodeAt(0)] = 0.5;
  indelTable['h'.charCodeAt(0)] = 0.6;
})();

const E_CODE = 'e'.charCodeAt(0);
const O_CODE = 'o'.charCodeAt(0);
const hushing = new Uint8Array(CODE_MAX);
for (const c of HUSHING) hushing[c.charCodeAt(0)] = 1;

let row0 = new Float32Array(64);
let row1 = new Float32Array(64);

/**
 * The weighted edit distance between two canonical keys. `e`/`o` after a hushing consonant
 * (ж ш ч щ ц) cost 0.2 rather than 0.5, since ё is written e, o or yo there. Keys are short
 * (names), so one O(n·m) pass over two reused rows is fast. When the distance is sure to exceed
 * `max`, the pass stops early and returns some value above `max`.
 */
export function keyDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) {
    let c = 0;
    for (let j = 0; j < m; j++) c += indelTable[b.charCodeAt(j) & 127]!;
    return c;
  }
  if (m + 1 > row0.length) {
    row0 = new Float32Array(m + 1);
    row1 = new Float32Array(m + 1);
  }
  let prev = row0;
  let cur = row1;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + indelTable[b.charCodeAt(j - 1) & 127]!;
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1) & 127;
    const del = indelTable[ca]!;
    cur[0] = prev[0]! + del;
    const afterHushA = i > 1 && hushing[a.charCodeAt(i - 2) & 127] === 1;
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1) & 127;
      let sub = subTable[ca * CODE_MAX + cb]!;
      if (
        sub > 0.2 &&
        ((ca === E_CODE && cb === O_CODE) || (ca === O_CODE && cb === E_CODE)) &&
        (afterHushA || (j > 1 && hushing[b.charCodeAt(j - 2) & 127] === 1))
      )
        sub = 0.2;
      let best = prev[j - 1]! + sub;
      const d = prev[j]! + del;
      if (d < best) best = d;
      const ins = cur[j - 1]! + indelTable[cb]!;
      if (ins < best) best = ins;
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Every path to the end goes through this row: past `max`, stop.
    if (rowMin > max) return rowMin;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/**
 * Turns a distance into a score in [0, 1]. The allowance grows slowly with length, so that a
 * long name may differ a little more than a short one before the score drops as far.
 */
export function scoreOf(distance: number, lenA: number, lenB: number): number {
  const s = 1 - distance / allowance(lenA, lenB);
  return Math.max(s, 0);
}

/** The distance at which the score of two keys of these lengths reaches 0. */
export function allowance(lenA: number, lenB: number): number {
  return 2 + Math.max(lenA, lenB) / 4;
}

/** Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters), on code units. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      ma[i] = 1;
      mb[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
