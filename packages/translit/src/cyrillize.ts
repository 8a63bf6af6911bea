/**
 * Latin -> Cyrillic. Every system's tables are read backwards into options (a Latin chunk and
 * the Cyrillic letters it may stand for); a beam search over each Latin word, ranked by a
 * Russian letter trigram model, proposes Cyrillic words, and a candidate is `exact` when
 * romanizing it again with the same system gives the input back. For reversible systems the
 * one exact candidate is the inverse; for lossy systems the exact candidates come ranked.
 */
import { run } from './engine.ts';
import { LM_SIZE, logProbTable, symbolOf } from './lm.ts';
import type { SystemFile } from './schema.ts';
import { compiledSystem, hasSystem, systemFile, systemIds, TranslitError } from './systems.ts';

export interface CyrillizeCandidate {
  text: string;
  /** Share of the probability among the returned candidates (0..1, best first). */
  score: number;
  /** Romanizing `text` with the system gives the input back (ignoring case). */
  exact: boolean;
}

export interface CyrillizeResult {
  /** The system used: the one given, or the best one `detectSystem` found. */
  system: string;
  /** True when the system was detected rather than given. */
  detected: boolean;
  /** Best first; the input itself when nothing in it reads as a romanization. */
  candidates: CyrillizeCandidate[];
}

export interface CyrillizeOptions {
  /** Most candidates to return (default 5). */
  limit?: number;
}

interface Option {
  lat: string;
  cyr: string;
  /** Only where the Latin word ends (ending rules). */
  final: boolean;
  /** `cyr` as symbols of the letter model (`symbolOf`). */
  sym: number[];
  /** Per letter of `cyr`: 1 ё, 2 a sign, 4 a letter outside modern Russian, 8 a vowel or a sign. */
  flags: number[];
  /** A sign the system does not write may follow (the last letter is a consonant other than й). */
  silentAfter: boolean;
  /** Cost of reading this option (a Latin chunk, or a silent sign). */
  cost: number;
  /** The same number for the same chunk, letters and finality in every system. */
  key: number;
}

const optionKeys = new Map<string, number>();

interface Reverse {
  byFirst: Map<string, Option[]>;
  /** Letters that romanize to nothing (soft and hard signs in some systems), as options. */
  silent: Option[];
  /** The silent letters as one string (part of a search's signature). */
  silentKey: string;
  /** Non-letter characters that occur in the system's output (', ", ʹ, `, ·) and so belong to words. */
  wordChars: Set<string>;
  /** `wordChars` as one string, to share tokens between systems. */
  wordKey: string;
  /** Every character of every Latin chunk: a word with any other character has no reading. */
  inventory: Set<string>;
}

const reverses = new Map<string, Reverse>();
const VOWELS = new Set([...'аеёиоуыэюяіѣєїѵ']);

/** Prior costs (natural log) that the trigram model does not know. */
const COST_OPTION = 1.2; // each Latin chunk read: prefer digraph readings (ts -> ц in Trotsky)
const COST_SILENT = 2.5; // a sign the system does not write (ь in modified LC)
const COST_HARD = 5; // a hard sign the system does not write
const COST_YO = 4; // ё, which most Russian print writes as е
const COST_SPELLING = 10; // a sign after a vowel, a sign or at word start: not Russian spelling
const COST_OLD = 8;
const COST_CHUNK_REVERSIBLE = 50; // reversible systems: fewest chunks first (šč -> щ, not шч) // letters outside modern Russian (pre-1918, Ukrainian, Belarusian)
const OLD = new Set([...'іѣѳѵґєїў']);

function option(lat: string, cyr: string, final: boolean, cost: number): Option {
  const sym: number[] = [];
  const flags: number[] = [];
  for (const c of cyr) {
    sym.push(symbolOf(c));
    let f = 0;
    if (c === 'ё') f |= 1;
    if (c === 'ь' || c === 'ъ') f |= 2 | 8;
    if (OLD.has(c)) f |= 4;
    if (VOWELS.has(c)) f |= 8;
    flags.push(f);
  }
  const last = cyr[cyr.length - 1] as string;
  const silentAfter = !VOWELS.has(last) && last !== 'ь' && last !== 'ъ' && last !== 'й';
  const k = `${lat}\u0000${cyr}\u0000${final}`;
  let key = optionKeys.get(k);
  if (key === undefined) {
    key = optionKeys.size;
    optionKeys.set(k, key);
  }
  return { lat, cyr, final, sym, flags, silentAfter, cost, key };
}

function reverseOf(id: string): Reverse {
  let r = reverses.get(id);
  if (r !== undefined) return r;
  const sys: SystemFile = systemFile(id);
  const opts: Option[] = [];
  const silent = new Set<string>();
  const add = (lat: string, cyr: string, final = false) => {
    const l = lat.normalize('NFC').toLowerCase();
    if (l.length === 0) return;
    opts.push(option(l, cyr, final, COST_OPTION));
  };
  for (const [k, v] of Object.entries(sys.mapping)) {
    if (v === '') silent.add(k);
    else add(v, k);
  }
  const next = sys.next_mapping ?? {};
  for (const [k, v] of Object.entries(sys.prev_mapping ?? {})) {
    const cs = [...k];
    const curr = cs[cs.length - 1] as string;
    add(v, curr);
    // A pair whose first letter vanishes before the second (German к + с -> x).
    if (cs.length === 2 && next[k] === '') add(v, k);
  }
  for (const [k, v] of Object.entries(next)) {
    const curr = [...k][0] as string;
    if (v === '') silent.add(curr);
    else add(v, curr);
  }
  for (const [k, v] of Object.entries(sys.around_mapping ?? {})) {
    const [p, curr] = [...k] as [string, string];
    // A letter that vanishes before this one is read with it (Polish н + ь before a vowel -> n).
    add(v, next[p + curr] === '' ? p + curr : curr);
  }
  for (const [k, v] of Object.entries(sys.ending_mapping ?? {})) add(v, k, true);
  const byFirst = new Map<string, Option[]>();
  const seen = new Set<string>();
  const wordChars = new Set<string>();
  const inventory = new Set<string>();
  for (const o of opts) {
    const key = `${o.lat}\u0000${o.cyr}\u0000${o.final}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = o.lat[0] as string;
    const list = byFirst.get(f) ?? [];
    list.push(o);
    byFirst.set(f, list);
    for (const ch of o.lat) {
      inventory.add(ch);
      if (!/[\p{L}\p{M}]/u.test(ch)) wordChars.add(ch);
    }
  }
  const signs = [...silent]
    .filter((c) => c === 'ь' || c === 'ъ')
    .map((c) => option('', c, false, c === 'ъ' ? COST_HARD : COST_SILENT));
  r = {
    byFirst,
    silent: signs,
    silentKey: signs.map((o) => o.cyr).join(''),
    wordChars,
    wordKey: [...wordChars].sort().join(''),
    inventory,
  };
  reverses.set(id, r);
  return r;
}

interface Hyp {
  /** The hypothesis this one extends, the option read and where its Latin chunk starts. */
  prev: Hyp | undefined;
  o: Option | undefined;
  from: number;
  /** Latin chunks read so far. */
  chunks: number;
  /** The last two letters as model symbols; `bv`: the last is a vowel, a sign or the word start. */
  a: number;
  b: number;
  bv: boolean;
  score: number;
}

/** `cyr` in the case of the Latin `chunk` it stands for (`caps`: the whole word is in capitals). */
function caseOf(chunk: string, cyr: string, caps: boolean): string {
  if (caps) return cyr.toUpperCase();
  if (chunk === chunk.toLowerCase()) return cyr;
  // One capital that stands for two letters (German X: кс, Polish D: дь) is a capital initial.
  if (chunk === chunk.toUpperCase() && [...chunk].length > 1) return cyr.toUpperCase();
  return (cyr[0] ?? '').toUpperCase() + cyr.slice(1);
}

let LP: Float64Array | undefined;

function extend(h: Hyp, o: Option, from: number): Hyp {
  const T = LP as Float64Array;
  let { a, b, bv } = h;
  let score = h.score - o.cost;
  const { sym, flags } = o;
  for (let i = 0; i < sym.length; i++) {
    const c = sym[i] as number;
    const f = flags[i] as number;
    score += T[(a * LM_SIZE + b) * LM_SIZE + c] as number;
    if (f & 1) score -= COST_YO;
    else if (f & 2 && bv) score -= COST_SPELLING;
    else if (f & 4) score -= COST_OLD;
    a = b;
    b = c;
    bv = (f & 8) !== 0;
  }
  return { prev: h, o, from, chunks: h.chunks + 1, a, b, bv, score };
}

/** The hypothesis's Cyrillic (lower case), made only for those that reach the word's end. */
function cyrOf(h: Hyp): string {
  let s = '';
  for (let x: Hyp | undefined = h; x?.o !== undefined; x = x.prev) s = x.o.cyr + s;
  return s;
}

/** The hypothesis's Cyrillic in the case of the Latin it was read from. */
function shownOf(h: Hyp, src: string, caps: boolean, end: number): string {
  const parts: string[] = [];
  let to = end;
  for (let x: Hyp | undefined = h; x?.o !== undefined; x = x.prev) {
    const o = x.o;
    if (o.lat === '') parts.push(caps ? o.cyr.toUpperCase() : o.cyr);
    else {
      parts.push(caseOf(src.slice(x.from, to), o.cyr, caps));
      to = x.from;
    }
  }
  return parts.reverse().join('');
}

interface WordCandidate {
  /** Lower case. */
  cyr: string;
  /** In the case of the input. */
  shown: string;
  chunks: number;
  logp: number;
  exact: boolean;
}

/** One distinct reading of a Latin word; `shown` (the input's case) is made when asked for. */
interface Cand {
  cyr: string;
  h: Hyp;
  chunks: number;
  logp: number;
  shown: string | undefined;
}

/** The readings of a word that a search found, best first (shared by systems that search alike). */
interface Search {
  src: string;
  lat: string;
  caps: boolean;
  all: Cand[];
}

interface Reading {
  search: Search;
  /** Per reading, for this system: 0 not checked yet, 1 romanizes back to the word, 2 does not. */
  exact: Uint8Array;
}

/** Readings by system, beam and word: names repeat in a file and each system reads each word. */
const readingCache = new Map<string, Reading | null>();
const CACHE_MAX = 50_000;

/**
 * The options that match the Latin word at each position, in the system's order, or undefined
 * when the word cannot be cut into the system's chunks at all.
 */
function matches(rev: Reverse, lat: string): Option[][] | undefined {
  const n = lat.length;
  for (const ch of lat) if (!rev.inventory.has(ch)) return undefined;
  const at: Option[][] = [];
  const reach = new Uint8Array(n + 1);
  reach[0] = 1;
  for (let p = 0; p < n; p++) {
    const here: Option[] = [];
    at.push(here);
    const opts = rev.byFirst.get(lat[p] as string);
    if (opts === undefined) continue;
    for (const o of opts) {
      const end = p + o.lat.length;
      if (end > n || (o.final && end !== n) || !lat.startsWith(o.lat, p)) continue;
      here.push(o);
      if (reach[p] === 1) reach[end] = 1;
    }
  }
  if (reach[n] !== 1) return undefined;
  // Keep only chunks on some path from the start to the end: the others make hypotheses that
  // never reach the end and never compete with those that do (a beam is per position), so the
  // search gives the same result without them, and more systems share one search.
  const back = new Uint8Array(n + 1);
  back[n] = 1;
  for (let p = n - 1; p >= 0; p--) {
    const here = at[p] as Option[];
    if (reach[p] === 0) {
      here.length = 0;
      continue;
    }
    const live = here.filter((o) => back[p + o.lat.length] === 1);
    at[p] = live;
    if (live.length > 0) back[p] = 1;
  }
  return at;
}

/**
 * Every reading of one Latin word (NFC) by beam search, best first. Systems that offer the same
 * chunks for this word (most ASCII systems for Molotov) share one search: the search sees only
 * the matching chunks, so its result is the same for each of them.
 */
function readWord(id: string, src: string, beam: number): Reading | null {
  const key = `${id}\u0000${beam}\u0000${src}`;
  const hit = readingCache.get(key);
  if (hit !== undefined) return hit;
  const rev = reverseOf(id);
  const lat = src.toLowerCase();
  const at = lat.length === src.length ? matches(rev, lat) : undefined;
  let res: Reading | null = null;
  if (at !== undefined) {
    const reversible = systemFile(id).reversible;
    let sig = `${beam}\u0000${reversible}\u0000${rev.silentKey}\u0000${src}`;
    for (const here of at) {
      sig += '\u0001';
      for (const o of here) sig += `${o.key},`;
    }
    let found = searches.get(sig);
    if (found === undefined) {
      found = search(rev, at, src, lat, beam, reversible);
      if (searches.size >= CACHE_MAX) searches.clear();
      searches.set(sig, found);
    }
    res = { search: found, exact: new Uint8Array(found.all.length) };
  }
  if (readingCache.size >= CACHE_MAX) readingCache.clear();
  readingCache.set(key, res);
  return res;
}

/** Searches by the chunks they saw (see readWord); exactness is per system and not kept here. */
const searches = new Map<string, Search>();

function search(
  rev: Reverse,
  at: Option[][],
  src: string,
  lat: string,
  beam: number,
  reversible: boolean,
): Search {
  const n = lat.length;
  if (LP === undefined) LP = logProbTable();
  const T = LP;
  const cased = [...src].filter((c) => c.toUpperCase() !== c.toLowerCase());
  const caps = cased.length >= 2 && cased.every((c) => c === c.toUpperCase());
  const hyps: Hyp[][] = Array.from({ length: n + 1 }, () => []);
  const START = symbolOf('^');
  (hyps[0] as Hyp[]).push({
    prev: undefined,
    o: undefined,
    from: 0,
    chunks: 0,
    a: START,
    b: START,
    bv: true,
    score: 0,
  });
  for (let p = 0; p < n; p++) {
    const here = hyps[p] as Hyp[];
    if (here.length === 0) continue;
    if (here.length > beam) {
      here.sort((x, y) => y.score - x.score);
      here.length = beam;
    }
    const opts = at[p] as Option[];
    for (const h of here) {
      for (const o of opts) {
        const end = p + o.lat.length;
        const nh = extend(h, o, p);
        const bucket = hyps[end] as Hyp[];
        bucket.push(nh);
        if (rev.silent.length > 0 && o.silentAfter) {
          for (const s of rev.silent) bucket.push(extend(nh, s, end));
        }
      }
    }
  }
  const END = symbolOf('$');
  const done = new Map<string, Cand>();
  for (const h of hyps[n] as Hyp[]) {
    const cyr = cyrOf(h);
    if (done.has(cyr)) continue;
    const logp = h.score + (T[(h.a * LM_SIZE + h.b) * LM_SIZE + END] as number);
    done.set(cyr, { cyr, h, chunks: h.chunks, logp, shown: undefined });
  }
  const all = [...done.values()];
  // Reversible systems read a Latin sequence the standard gives two readings (šč: щ or шч) as
  // the one with the fewest chunks (щ), whatever the language model says.
  if (reversible) for (const c of all) c.logp -= COST_CHUNK_REVERSIBLE * c.chunks;
  all.sort((x, y) => y.logp - x.logp);
  return { src, lat, caps, all };
}

/**
 * Candidates for one Latin word (NFC), best first; empty when none parses. When some reading
 * romanizes back to the word exactly, only exact readings are returned. Exactness is checked
 * best first and only as far as needed.
 */
function word(id: string, src: string, beam: number, limit: number): WordCandidate[] {
  const r = readWord(id, src, beam);
  if (r === null) return [];
  const { all, lat, caps } = r.search;
  const sys = compiledSystem(id);
  const picked: number[] = [];
  for (let i = 0; i < all.length; i++) {
    if (r.exact[i] === 0)
      r.exact[i] = run(sys, (all[i] as Cand).cyr, 'lower').normalize('NFC') === lat ? 1 : 2;
    if (r.exact[i] === 1) {
      picked.push(i);
      if (picked.length >= limit) break;
    }
  }
  if (picked.length === 0) for (let i = 0; i < Math.min(limit, all.length); i++) picked.push(i);
  return picked.map((i) => {
    const c = all[i] as Cand;
    c.shown ??= shownOf(c.h, src, caps, lat.length);
    return { cyr: c.cyr, shown: c.shown, chunks: c.chunks, logp: c.logp, exact: r.exact[i] === 1 };
  });
}

interface Token {
  text: string;
  isWord: boolean;
}

function tokenize(text: string, wordChars: Set<string>): Token[] {
  const out: Token[] = [];
  let cur = '';
  let isWord = false;
  for (const ch of text) {
    const w: boolean = /[\p{L}\p{M}]/u.test(ch) || (wordChars.has(ch) && cur !== '' && isWord);
    if (cur !== '' && w !== isWord) {
      out.push({ text: cur, isWord });
      cur = '';
    }
    isWord = w;
    cur += ch;
  }
  if (cur !== '') out.push({ text: cur, isWord });
  // A word may not end in a sign character (closing quote, apostrophe of a possessive).
  return out;
}

export interface WordReading {
  /** The word as written. */
  source: string;
  candidates: WordCandidate[];
}

/** Reads each Latin word of `text` in the system; non-words come back with no candidates. */
export function readWords(text: string, id: string, limit: number): WordReading[] {
  return readTokens(tokenize(text.normalize('NFC'), reverseOf(id).wordChars), id, limit);
}

function readTokens(tokens: Token[], id: string, limit: number): WordReading[] {
  const beam = systemFile(id).reversible ? 64 : 24;
  const res: WordReading[] = [];
  for (const t of tokens) {
    if (!t.isWord) {
      res.push({ source: t.text, candidates: [] });
      continue;
    }
    res.push({ source: t.text, candidates: word(id, t.text, beam, limit) });
  }
  return res;
}

function combine(readings: WordReading[], limit: number): CyrillizeCandidate[] {
  const words = readings.filter((r) => r.candidates.length > 0);
  const build = (choice: Map<WordReading, number>) => {
    let text = '';
    let logp = 0;
    let exact = true;
    for (const r of readings) {
      if (r.candidates.length === 0) {
        text += r.source;
        continue;
      }
      const c = r.candidates[choice.get(r) ?? 0] as WordCandidate;
      text += c.shown;
      logp += c.logp;
      exact &&= c.exact;
    }
    return { text, logp, exact };
  };
  const combos = [build(new Map())];
  for (const r of words) {
    for (let j = 1; j < r.candidates.length; j++) combos.push(build(new Map([[r, j]])));
  }
  combos.sort((x, y) => Number(y.exact) - Number(x.exact) || y.logp - x.logp);
  const top = combos.slice(0, limit);
  const best = top[0]?.logp ?? 0;
  const w = top.map((c) => Math.exp(c.logp - best));
  const sum = w.reduce((s, x) => s + x, 0) || 1;
  return top.map((c, i) => ({
    text: c.text,
    score: Number(((w[i] as number) / sum).toFixed(4)),
    exact: c.exact,
  }));
}

/**
 * Turns romanized text back into Cyrillic. With `system` omitted, the system is detected
 * (`detectSystem`). Returns ranked candidates; for reversible systems the first is the exact
 * inverse. Never throws on text; throws `TranslitError` for an unknown system id.
 */
export function cyrillize(text: string, system?: string, options?: CyrillizeOptions): CyrillizeResult {
  const limit = Math.max(1, options?.limit ?? 5);
  let id = system;
  let detected = false;
  if (id === undefined) {
    id = detectSystem(text)[0]?.system ?? 'modified-lc';
    detected = true;
  } else if (!hasSystem(id)) {
    throw new TranslitError(`unknown romanization system '${id}'; valid ids: ${systemIds().join(', ')}`);
  }
  const readings = readWords(text, id, limit);
  return { system: id, detected, candidates: combine(readings, limit) };
}

export interface DetectedSystem {
  system: string;
  /** Share of the Latin words that the system reads exactly (0..1). */
  score: number;
}

/**
 * How much less likely a system is a priori (natural log per word): the book's systems first,
 * then the common ones, then the national and informal systems. A reading in a rarer system
 * must look that much more Russian to win.
 */
const PRIOR: Record<string, number> = {
  'modified-lc': 0,
  'ala-lc-ascii': 0,
  wikipedia: 1,
  'bgn-pcgn': 1,
  'ala-lc': 1,
  scientific: 2,
  'gost-779': 2,
  german: 2,
  french: 2,
  polish: 2,
};
const PRIOR_OTHER = 5;
const PRIORITY = Object.keys(PRIOR);

/**
 * Which systems could have produced the romanized `text`, best first: a system scores the share
 * of Latin words it reads back exactly; ties go to the book's systems, then the common ones.
 * Returns an empty list when the text has no Latin word.
 */
export function detectSystem(text: string): DetectedSystem[] {
  const ids = systemIds();
  const rank = (id: string) => {
    const i = PRIORITY.indexOf(id);
    return i < 0 ? PRIORITY.length : i;
  };
  const hit = detected.get(text);
  if (hit !== undefined) return hit.map((d) => ({ ...d }));
  const nfc = text.normalize('NFC');
  // Systems with the same word characters cut the text into the same tokens.
  const tokens = new Map<string, Token[]>();
  const res: (DetectedSystem & { logp: number; words: number })[] = [];
  for (const id of ids) {
    const rev = reverseOf(id);
    let ts = tokens.get(rev.wordKey);
    if (ts === undefined) {
      ts = tokenize(nfc, rev.wordChars);
      tokens.set(rev.wordKey, ts);
    }
    const rs = readTokens(ts, id, 1).filter((r) => r.candidates.length > 0 || /\p{L}/u.test(r.source));
    const latin = rs.filter((r) => /[a-z\u00c0-\u024f\u1e00-\u1eff]/i.test(r.source));
    if (latin.length === 0) continue;
    const exact = latin.filter((r) => r.candidates[0]?.exact === true);
    if (exact.length === 0) continue;
    const prior = PRIOR[id] ?? PRIOR_OTHER;
    const logp = exact.reduce((s, r) => s + (r.candidates[0]?.logp ?? 0) - prior, 0);
    res.push({ system: id, score: exact.length / latin.length, logp, words: latin.length });
  }
  // Equal readings tie on logp (within rounding) and fall back to the priority order.
  const q = (x: number) => Math.round(x * 10) / 10;
  // A system that reads an apostrophe as a letter (Zinov'ev as one word) beats one that splits.
  res.sort(
    (a, b) =>
      b.score - a.score || a.words - b.words || q(b.logp) - q(a.logp) || rank(a.system) - rank(b.system),
  );
  const out = res.map(({ system, score }) => ({ system, score }));
  if (detected.size >= DETECT_CACHE_MAX) detected.clear();
  detected.set(text, out);
  return out.map((d) => ({ ...d }));
}

/** Results by text: a file of names repeats its lines. */
const detected = new Map<string, DetectedSystem[]>();
const DETECT_CACHE_MAX = 10_000;

/** Empties the caches of readings and detections (for benchmarks that time cold runs). */
export function clearCyrillizeCaches(): void {
  readingCache.clear();
  searches.clear();
  detected.clear();
}
