/**
 * The one engine: compiles a system file into lookup tables indexed by UTF-16 code unit and
 * romanizes text in one pass, word by word, writing into a reusable code-unit buffer.
 */
import { Buffer } from 'node:buffer';
import { composeTable, decompose, letterTable, lowerTable, MARK, UPPER, WORD } from './chars.ts';
import type { SystemFile } from './schema.ts';

/** Output forms of one rule: lower case, Title case, UPPER CASE (as UTF-16 code units). */
interface Out {
  l: Uint16Array;
  t: Uint16Array;
  u: Uint16Array;
}

interface Ending {
  codes: Uint16Array;
  out: Out;
}

export interface CompiledSystem {
  readonly id: string;
  /** Lower-case letter code -> output; only for codes below TABLE. */
  readonly base: (Out | undefined)[];
  /** Bit 1: the letter has prev rules, 2: next rules, 4: rules for both neighbours at once. */
  readonly ctx: Uint8Array;
  /** 1: the letter has rules; 2: no rules, but it is a precomposed letter whose base has; 0: neither. */
  readonly kind: Uint8Array;
  /** Some rule writes a code unit above U+00FF. */
  readonly wide: boolean;
  /** prev[curr][prev] (prev 0 = word boundary; prev codes >= TABLE never have rules). */
  readonly prev: ((Out | undefined)[] | undefined)[];
  /** next[curr][next] (next 0 = word boundary). */
  readonly next: ((Out | undefined)[] | undefined)[];
  /** around[curr] maps prev * TABLE + next to the output (both neighbours letters). */
  readonly around: (Map<number, Out> | undefined)[];
  /** Last letter of an ending (below TABLE) -> endings with that last letter, longest first. */
  readonly endings: (Ending[] | undefined)[];
  /** Longest output of any single rule, in code units. */
  readonly maxOut: number;
}

/** Letters with rules live below this code (Latin, Greek and Cyrillic blocks with supplement). */
const TABLE = 0x530;

function codes(s: string): Uint16Array {
  const a = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

function capitalize(s: string): string {
  if (s.length === 0) return s;
  const cp = s.codePointAt(0) as number;
  const first = String.fromCodePoint(cp);
  return first.toUpperCase() + s.slice(first.length);
}

function out(s: string): Out {
  return { l: codes(s), t: codes(capitalize(s)), u: codes(s.toUpperCase()) };
}

function code(ch: string): number {
  return ch.charCodeAt(0);
}

/** Compiles a (checked) system file into lookup tables. */
export function compile(sys: SystemFile): CompiledSystem {
  const base: (Out | undefined)[] = new Array(TABLE).fill(undefined);
  const ctx = new Uint8Array(TABLE);
  const prev: ((Out | undefined)[] | undefined)[] = new Array(TABLE).fill(undefined);
  const next: ((Out | undefined)[] | undefined)[] = new Array(TABLE).fill(undefined);
  const endings: (Ending[] | undefined)[] = new Array(TABLE).fill(undefined);
  const around: (Map<number, Out> | undefined)[] = new Array(TABLE).fill(undefined);
  const slot = (t: ((Out | undefined)[] | undefined)[], curr: number) => {
    let a = t[curr];
    if (a === undefined) {
      a = new Array(TABLE).fill(undefined);
      t[curr] = a;
    }
    return a;
  };
  let maxOut = 1;
  const outs: Out[] = [];
  const track = (o: Out) => {
    outs.push(o);
    maxOut = Math.max(maxOut, o.l.length, o.t.length, o.u.length);
    return o;
  };
  for (const [k, v] of Object.entries(sys.mapping)) {
    const c = code(k);
    if (c < TABLE) base[c] = track(out(v));
  }
  for (const [k, v] of Object.entries(sys.prev_mapping ?? {})) {
    const cs = [...k];
    const curr = code(cs[cs.length - 1] as string);
    const p = cs.length === 2 ? code(cs[0] as string) : 0;
    if (curr >= TABLE || p >= TABLE) continue;
    slot(prev, curr)[p] = track(out(v));
    ctx[curr] = (ctx[curr] as number) | 1;
  }
  for (const [k, v] of Object.entries(sys.next_mapping ?? {})) {
    const cs = [...k];
    const curr = code(cs[0] as string);
    const n = cs.length === 2 ? code(cs[1] as string) : 0;
    if (curr >= TABLE || n >= TABLE) continue;
    slot(next, curr)[n] = track(out(v));
    ctx[curr] = (ctx[curr] as number) | 2;
  }
  for (const [k, v] of Object.entries(sys.around_mapping ?? {})) {
    const [p, curr, n] = [...k].map(code) as [number, number, number];
    if (curr >= TABLE || p >= TABLE || n >= TABLE) continue;
    let a = around[curr];
    if (a === undefined) {
      a = new Map();
      around[curr] = a;
    }
    a.set(p * TABLE + n, track(out(v)));
    ctx[curr] = (ctx[curr] as number) | 4;
  }
  for (const [k, v] of Object.entries(sys.ending_mapping ?? {})) {
    const c = codes(k);
    const last = c[c.length - 1] as number;
    if (last >= TABLE) continue;
    const list = endings[last] ?? [];
    list.push({ codes: c, out: track(out(v)) });
    list.sort((a, b) => b.codes.length - a.codes.length);
    endings[last] = list;
  }
  const kind = new Uint8Array(TABLE);
  for (let c = 0; c < TABLE; c++) {
    if (base[c] !== undefined || ctx[c] !== 0) kind[c] = 1;
    else {
      const d = decompose(c);
      if (d !== undefined && base[d.charCodeAt(0)] !== undefined) kind[c] = 2;
    }
  }
  const wide = outs.some((o) => [o.l, o.t, o.u].some((a) => a.some((x) => x > 255)));
  return { id: sys.id, base, ctx, kind, wide, prev, next, around, endings, maxOut };
}

export type CaseMode = 'keep' | 'title' | 'upper' | 'lower';

// Reusable buffers: output code units and the current word (lower code, original code, upper flag).
let buf = new Uint16Array(1 << 14);
let wl = new Uint16Array(256);
let wo = new Uint16Array(256);
let wu = new Uint8Array(256);

function growOut(need: number): void {
  let size = buf.length;
  while (size < need) size *= 2;
  const nb = new Uint16Array(size);
  nb.set(buf);
  buf = nb;
}

function growWord(need: number): void {
  let size = wl.length;
  while (size < need) size *= 2;
  const a = new Uint16Array(size);
  a.set(wl);
  wl = a;
  const b = new Uint16Array(size);
  b.set(wo);
  wo = b;
  const c = new Uint8Array(size);
  c.set(wu);
  wu = c;
}

let bytes = new Uint8Array(1 << 14);

function toText(len: number, wide: boolean): string {
  if (len < 256) {
    return String.fromCharCode.apply(null, buf.subarray(0, len) as unknown as number[]);
  }
  if (!wide) {
    // Every code unit fits in one byte: a Latin-1 string is half the size and faster to make.
    if (bytes.length < len) bytes = new Uint8Array(Math.max(len, bytes.length * 2));
    bytes.set(buf.subarray(0, len));
    return Buffer.from(bytes.buffer, 0, len).toString('latin1');
  }
  // Node's UTF-16 decoder copies code units as they are (lone surrogates included).
  return Buffer.from(buf.buffer, buf.byteOffset, len * 2).toString('utf16le');
}

/** Whether the word starting at or after `from` is written in capitals (two or more, no lower). */
function nextWordCaps(text: string, from: number, let_: Uint8Array): boolean {
  const n = text.length;
  let i = from;
  while (i < n && !((let_[text.charCodeAt(i)] as number) & WORD)) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
    i++;
  }
  let up = 0;
  while (i < n) {
    const f = let_[text.charCodeAt(i)] as number;
    if (!(f & WORD)) break;
    if (f & UPPER) up++;
    else if (!(f & MARK)) return false;
    i++;
  }
  return up >= 2;
}

/** Romanizes `text` with a compiled system. Never throws; returns `text` itself when nothing maps. */
export function run(sys: CompiledSystem, text: string, mode: CaseMode): string {
  const LET = letterTable();
  const LOW = lowerTable();
  const COMP = composeTable();
  const { base, ctx, kind, prev, next, around, endings, maxOut } = sys;
  const n = text.length;
  if (buf.length < n + 16) growOut(n + 16);
  let pos = 0;
  let changed = false;
  let wide = sys.wide;
  let prevCaps = false;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let f = LET[c] as number;
    if (!(f & WORD)) {
      if (pos >= buf.length) growOut(pos + 1);
      if (c > 255) wide = true;
      buf[pos++] = c;
      i++;
      continue;
    }
    // Read one word into the scratch arrays.
    const start = i;
    let m = 0;
    let ups = 0;
    let lows = 0;
    let mapped = false;
    let composed = false;
    while (i < n) {
      c = text.charCodeAt(i);
      f = LET[c] as number;
      if (!(f & WORD)) break;
      i++;
      if (m + 4 > wl.length) growWord(m + 4);
      if (f & MARK && m > 0) {
        // NFD input: compose a Cyrillic letter with its mark (и + U+0306 -> й) as NFC would,
        // unless the composed letter is one this system reads as base letter plus mark.
        const pl = wl[m - 1] as number;
        const k = pl >= 0x400 && pl < TABLE ? COMP.get(pl * 65536 + c) : undefined;
        if (k !== undefined && kind[k] !== 2) {
          wl[m - 1] = k;
          wo[m - 1] = wu[m - 1] ? String.fromCharCode(k).toUpperCase().charCodeAt(0) : k;
          if (kind[k] === 1) mapped = true;
          composed = true;
          continue;
        }
      }
      const lc = LOW[c] as number;
      const kd = lc < TABLE ? (kind[lc] as number) : 0;
      if (kd === 2) {
        // A precomposed letter (ѐ) the system reads as its base letter and a mark.
        const d = decompose(lc) as string;
        wl[m] = d.charCodeAt(0);
        wo[m] = c;
        wu[m] = f & UPPER ? 1 : 0;
        m++;
        if (f & UPPER) ups++;
        else lows++;
        mapped = true;
        for (let q = 1; q < d.length; q++) {
          if (m + 4 > wl.length) growWord(m + 4);
          const mk = d.charCodeAt(q);
          wl[m] = mk;
          wo[m] = mk;
          wu[m] = 0;
          m++;
        }
        continue;
      }
      wl[m] = lc;
      wo[m] = c;
      if (f & UPPER) {
        wu[m] = 1;
        ups++;
      } else {
        wu[m] = 0;
        if (!(f & MARK)) lows++;
      }
      m++;
      if (kd === 1) mapped = true;
    }
    if (!mapped) {
      if (pos + (i - start) > buf.length) growOut(pos + (i - start));
      if (composed) {
        // Nothing to romanize, but NFD letters were composed: write them as NFC input would be.
        for (let q = 0; q < m; q++) {
          const x = wo[q] as number;
          if (x > 255) wide = true;
          buf[pos++] = x;
        }
        changed = true;
      } else {
        for (let q = start; q < i; q++) {
          const x = text.charCodeAt(q);
          if (x > 255) wide = true;
          buf[pos++] = x;
        }
      }
      prevCaps = ups >= 2 && lows === 0;
      continue;
    }
    changed = true;
    let caps = lows === 0 && (ups >= 2 || (ups === 1 && (prevCaps || nextWordCaps(text, i, LET))));
    if (mode === 'upper') caps = true;
    prevCaps = lows === 0 && ups >= 2;
    // Ending rules: the longest ending that leaves a non-empty stem.
    let endLen = 0;
    let endOut: Out | undefined;
    const last = wl[m - 1] as number;
    const cands = last < TABLE ? endings[last] : undefined;
    if (cands !== undefined) {
      for (const e of cands) {
        const len = e.codes.length;
        if (m <= len) continue;
        let ok = true;
        for (let q = 0; q < len; q++) {
          if (wl[m - len + q] !== e.codes[q]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          endLen = len;
          endOut = e.out;
          break;
        }
      }
    }
    const need = pos + m * maxOut + 8;
    if (need > buf.length) growOut(need);
    const stem = m - endLen;
    const keep = mode === 'keep';
    let carry = 0;
    for (let k = 0; k < stem; k++) {
      const lc = wl[k] as number;
      let o: Out | undefined;
      if (lc < TABLE) {
        const cx = ctx[lc] as number;
        if (cx !== 0) {
          if (cx & 4 && k > 0 && k + 1 < m) {
            const pc = wl[k - 1] as number;
            const nc = wl[k + 1] as number;
            if (pc < TABLE && nc < TABLE) o = (around[lc] as Map<number, Out>).get(pc * TABLE + nc);
          }
          if (o === undefined && cx & 1) {
            const pc = k > 0 ? (wl[k - 1] as number) : 0;
            if (pc < TABLE) o = (prev[lc] as (Out | undefined)[])[pc];
          }
          if (o === undefined && cx & 2) {
            const nc = k + 1 < m ? (wl[k + 1] as number) : 0;
            if (nc < TABLE) o = (next[lc] as (Out | undefined)[])[nc];
          }
        }
        if (o === undefined) o = base[lc];
      }
      if (o === undefined) {
        const x = wo[k] as number;
        if (x > 255) wide = true;
        buf[pos++] = x;
        continue;
      }
      let a: Uint16Array;
      if (keep) a = wu[k] || carry ? (caps ? o.u : o.t) : o.l;
      else if (mode === 'upper') a = o.u;
      else if (mode === 'title') a = k === 0 || carry ? o.t : o.l;
      else a = o.l;
      const len = a.length;
      // A capital that writes nothing (Polish Д before ь + vowel, German К before с) passes
      // its capital to the next letter: Дьяков -> Djakow, Ксения -> Xenija.
      carry = len === 0 && (wu[k] || carry || (mode === 'title' && k === 0)) ? 1 : 0;
      if (len === 1) buf[pos++] = a[0] as number;
      else if (len === 2) {
        buf[pos] = a[0] as number;
        buf[pos + 1] = a[1] as number;
        pos += 2;
      } else for (let q = 0; q < len; q++) buf[pos++] = a[q] as number;
    }
    if (endOut !== undefined) {
      const a = caps ? endOut.u : endOut.l;
      for (let q = 0; q < a.length; q++) buf[pos++] = a[q] as number;
    }
  }
  if (!changed) return text;
  return toText(pos, wide);
}
