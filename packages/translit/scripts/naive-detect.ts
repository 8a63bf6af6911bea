/**
 * The first version of `detectSystem` and `cyrillize`, kept as the baseline that
 * `bench/translit-detect.bench.ts` measures the optimized ones against and that
 * `test/detect.test.ts` checks them against: every system reads every word with a full beam
 * search, every reading is romanized again to test exactness, nothing is cached or shared.
 * The results are the same; only the work differs.
 */
import { run } from '../src/engine.ts';
import { logProb } from '../src/lm.ts';
import type { SystemFile } from '../src/schema.ts';
import { compiledSystem, hasSystem, systemFile, systemIds, TranslitError } from '../src/systems.ts';

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
}

interface Reverse {
  byFirst: Map<string, Option[]>;
  /** Letters that romanize to nothing (soft and hard signs in some systems). */
  silent: string[];
  /** Non-letter characters that occur in the system's output (', ", ʹ, `, ·) and so belong to words. */
  wordChars: Set<string>;
}

const reverses = new Map<string, Reverse>();
const VOWELS = new Set([...'аеёиоуыэюяіѣєїѵ']);

function reverseOf(id: string): Reverse {
  let r = reverses.get(id);
  if (r !== undefined) return r;
  const sys: SystemFile = systemFile(id);
  const opts: Option[] = [];
  const silent = new Set<string>();
  const add = (lat: string, cyr: string, final = false) => {
    const l = lat.normalize('NFC').toLowerCase();
    if (l.length === 0) return;
    opts.push({ lat: l, cyr, final });
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
  for (const o of opts) {
    const key = `${o.lat}\u0000${o.cyr}\u0000${o.final}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = o.lat[0] as string;
    const list = byFirst.get(f) ?? [];
    list.push(o);
    byFirst.set(f, list);
    for (const ch of o.lat) if (!/[\p{L}\p{M}]/u.test(ch)) wordChars.add(ch);
  }
  r = { byFirst, silent: [...silent].filter((c) => c === 'ь' || c === 'ъ'), wordChars };
  reverses.set(id, r);
  return r;
}

interface Hyp {
  cyr: string;
  /** `cyr` with the case of the Latin chunks it was read from. */
  shown: string;
  /** Latin chunks read so far. */
  chunks: number;
  a: string;
  b: string;
  score: number;
}

/** Prior costs (natural log) that the trigram model does not know. */
const COST_OPTION = 1.2; // each Latin chunk read: prefer digraph readings (ts -> ц in Trotsky)
const COST_SILENT = 2.5; // a sign the system does not write (ь in modified LC)
const COST_HARD = 5; // a hard sign the system does not write
const COST_YO = 4; // ё, which most Russian print writes as е
const COST_SPELLING = 10; // a sign after a vowel, a sign or at word start: not Russian spelling
const COST_OLD = 8;
const COST_CHUNK_REVERSIBLE = 50; // reversible systems: fewest chunks first (šč -> щ, not шч) // letters outside modern Russian (pre-1918, Ukrainian, Belarusian)
const OLD = new Set([...'іѣѳѵґєїў']);

/** `cyr` in the case of the Latin `chunk` it stands for (`caps`: the whole word is in capitals). */
function caseOf(chunk: string, cyr: string, caps: boolean): string {
  if (caps) return cyr.toUpperCase();
  if (chunk === chunk.toLowerCase()) return cyr;
  // One capital that stands for two letters (German X: кс, Polish D: дь) is a capital initial.
  if (chunk === chunk.toUpperCase() && [...chunk].length > 1) return cyr.toUpperCase();
  return (cyr[0] ?? '').toUpperCase() + cyr.slice(1);
}

function extend(h: Hyp, s: string, shown: string, cost = COST_OPTION): Hyp {
  let { a, b } = h;
  let score = h.score - cost;
  for (const c of s) {
    score += logProb(a, b, c);
    if (c === 'ё') score -= COST_YO;
    else if ((c === 'ь' || c === 'ъ') && (VOWELS.has(b) || b === 'ь' || b === 'ъ' || b === '^'))
      score -= COST_SPELLING;
    else if (OLD.has(c)) score -= COST_OLD;
    a = b;
    b = c;
  }
  return { cyr: h.cyr + s, shown: h.shown + shown, chunks: h.chunks + 1, a, b, score };
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

/** Candidates for one Latin word (NFC), best first; empty when none parses. */
function word(id: string, src: string, beam: number, limit: number): WordCandidate[] {
  const rev = reverseOf(id);
  const lat = src.toLowerCase();
  const n = lat.length;
  if (n !== src.length) return [];
  const cased = [...src].filter((c) => c.toUpperCase() !== c.toLowerCase());
  const caps = cased.length >= 2 && cased.every((c) => c === c.toUpperCase());
  const hyps: Hyp[][] = Array.from({ length: n + 1 }, () => []);
  (hyps[0] as Hyp[]).push({ cyr: '', shown: '', chunks: 0, a: '^', b: '^', score: 0 });
  for (let p = 0; p < n; p++) {
    let here = hyps[p] as Hyp[];
    if (here.length === 0) continue;
    if (here.length > beam) {
      here.sort((x, y) => y.score - x.score);
      here = here.slice(0, beam);
    }
    const opts = rev.byFirst.get(lat[p] as string);
    if (opts === undefined) continue;
    for (const h of here) {
      for (const o of opts) {
        const end = p + o.lat.length;
        if (end > n || (o.final && end !== n) || !lat.startsWith(o.lat, p)) continue;
        const nh = extend(h, o.cyr, caseOf(src.slice(p, end), o.cyr, caps));
        const bucket = hyps[end] as Hyp[];
        bucket.push(nh);
        const last = o.cyr[o.cyr.length - 1] as string;
        if (rev.silent.length > 0 && !VOWELS.has(last) && last !== 'ь' && last !== 'ъ' && last !== 'й') {
          for (const s of rev.silent)
            bucket.push(extend(nh, s, caps ? s.toUpperCase() : s, s === 'ъ' ? COST_HARD : COST_SILENT));
        }
      }
    }
  }
  const sys = compiledSystem(id);
  const done = new Map<string, WordCandidate>();
  for (const h of hyps[n] as Hyp[]) {
    if (done.has(h.cyr)) continue;
    const logp = h.score + logProb(h.a, h.b, '$');
    const exact = run(sys, h.cyr, 'lower').normalize('NFC') === lat;
    done.set(h.cyr, { cyr: h.cyr, shown: h.shown, chunks: h.chunks, logp, exact });
  }
  const all = [...done.values()];
  const exact = all.filter((c) => c.exact);
  const pool = exact.length > 0 ? exact : all;
  // Reversible systems read a Latin sequence the standard gives two readings (šč: щ or шч) as
  // the one with the fewest chunks (щ), whatever the language model says.
  if (systemFile(id).reversible) for (const c of pool) c.logp -= COST_CHUNK_REVERSIBLE * c.chunks;
  pool.sort((x, y) => y.logp - x.logp);
  return pool.slice(0, limit);
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
function readWords(text: string, id: string, limit: number): WordReading[] {
  const rev = reverseOf(id);
  const beam = systemFile(id).reversible ? 64 : 24;
  const res: WordReading[] = [];
  for (const t of tokenize(text.normalize('NFC'), rev.wordChars)) {
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
export function naiveCyrillize(text: string, system?: string, options?: CyrillizeOptions): CyrillizeResult {
  const limit = Math.max(1, options?.limit ?? 5);
  let id = system;
  let detected = false;
  if (id === undefined) {
    id = naiveDetectSystem(text)[0]?.system ?? 'modified-lc';
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
export function naiveDetectSystem(text: string): DetectedSystem[] {
  const ids = systemIds();
  const rank = (id: string) => {
    const i = PRIORITY.indexOf(id);
    return i < 0 ? PRIORITY.length : i;
  };
  const res: (DetectedSystem & { logp: number; words: number })[] = [];
  for (const id of ids) {
    const rs = readWords(text, id, 1).filter((r) => r.candidates.length > 0 || /\p{L}/u.test(r.source));
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
  return res.map(({ system, score }) => ({ system, score }));
}
