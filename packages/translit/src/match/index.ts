/**
 * Name matching: one person from any spelling. `nameKey` maps every romanization and the
 * Cyrillic form of a name to one comparable key; `NameIndex` / `matchName` rank the names of a
 * list for a query, and accept one only when the evidence is strong enough.
 */
import { allowance, keyDistance, scoreOf } from './distance.ts';
import { coarse, lemmas, type Reading, skeleton, wordKeys } from './key.ts';
import { type GivenPart, initialClasses, type ParsedName, parseName } from './parse.ts';

export * from '../phonetic/index.ts';
export { jaroWinkler, keyDistance } from './distance.ts';
export { canonical, coarse, type Reading, readingsOf, skeleton } from './key.ts';
export { type GivenPart, isGivenName, type ParsedName, parseName } from './parse.ts';

/** Default score an accepted match must reach. */
export const DEFAULT_THRESHOLD = 0.9;
/** Default lead the accepted match must have over the best other name. */
export const DEFAULT_MARGIN = 0.03;

export interface MatchOptions {
  /** Score the best candidate must reach to be accepted (default 0.9). */
  threshold?: number;
  /** Lead over the next different name needed to accept (default 0.03). */
  margin?: number;
  /** How many ranked candidates to return (default 5). */
  limit?: number;
  /** Leaves out candidates by list position (e.g. to ask "and if this one were not listed?"). */
  skip?: (index: number) => boolean;
}

export interface ScoredName {
  /** The candidate exactly as given. */
  name: string;
  /** Its position in the candidate list. */
  index: number;
  /** Similarity in [0, 1]; 1 means the same name in another spelling (or the same spelling). */
  score: number;
}

export interface MatchResult {
  query: string;
  /** The accepted candidate, or null when the best is not clearly the same person. */
  match: ScoredName | null;
  /** Best first, at most `limit`. */
  candidates: ScoredName[];
}

export interface NameKeys {
  /** Canonical keys of the surname, one per plausible reading and inflection. */
  surname: { key: string; reading: Reading; cost: number }[];
  /** Given name and patronymic as written. */
  given: GivenPart[];
}

interface Variant {
  key: string;
  /** `skeleton(key)`, for the index and for the cheap closeness test. */
  sk: string;
  /** Extra distance for taking this reading of the name (inflection, part of a double name...). */
  cost: number;
  /** Which alternative of the parsed name (0: the name itself). */
  alt: number;
  /** Rank of the reading it comes from (0: the most likely). */
  rank: number;
  /** For a Cyrillic word as written (lower case, ё as е): what the key cannot see (ь, ъ, й). */
  surface?: string;
}

interface NameInfo {
  variants: Variant[];
  alts: ParsedName[];
  /** Whether any alternative has a given name, patronymic or initials. */
  given: boolean;
}

/** Candidates scoring below this are not listed. */
export const MIN_SCORE = 0.3;
/** The cheapest insertion or deletion in `keyDistance` (of a vowel). */
const MIN_INDEL = 0.5;
/** The cheapest change of a consonant that the skeleton keeps apart (v/f). */
const MIN_CONSONANT = 0.4;
/** Below this best score after stages 1 and 2, the letter-pair search runs. */
const LAST_RESORT_BELOW = 0.75;
const LAST_RESORT_MAX = 32;
const ALT_COST = 0.05;
const PART_COST = 0.3;
const READING_COST = 0.02;
const SURFACE_COST = 0.5;

/** Reads a name into its keys; a list's names (`candidate`) are taken to be in the nominative. */
function analyse(name: string, candidate = false): NameInfo {
  const alts = parseName(name);
  const variants: Variant[] = [];
  const seen = new Map<string, number>();
  const add = (key: string, cost: number, alt: number, rank: number, surface?: string) => {
    const k = `${key}\u0000${alt}`;
    const old = seen.get(k);
    if (old !== undefined && variants[old]!.cost <= cost) return;
    if (old !== undefined) {
      variants[old]!.cost = cost;
      return;
    }
    seen.set(k, variants.length);
    variants.push({ key, sk: skeleton(key), cost, alt, rank, surface });
  };
  alts.forEach((p, alt) => {
    const base = alt === 0 ? 0 : ALT_COST;
    const words = p.surname;
    // A surname of several words (or an undecided full name): each word alone, and joined.
    const pieces: { text: string; cost: number }[] = [];
    if (words.length === 1) pieces.push({ text: words[0]!, cost: 0 });
    else if (words.length > 1) {
      pieces.push({ text: words.join(''), cost: 0.1 });
      for (const w of words) pieces.push({ text: w, cost: 0 });
    }
    for (const piece of [...pieces]) {
      const parts = piece.text.split(/[-‐‑–—]/).filter((x) => x.length > 0);
      if (parts.length > 1)
        for (const part of parts) pieces.push({ text: part, cost: piece.cost + PART_COST });
    }
    for (const piece of pieces) {
      wordKeys(piece.text).forEach((wk, r) => {
        const c = base + piece.cost + (r === 0 ? 0 : READING_COST);
        const surface =
          wk.reading === 'cyrillic'
            ? piece.text
                .toLowerCase()
                .replaceAll('ё', 'е')
                .replace(/[^а-яіїєґў]/g, '')
            : undefined;
        add(wk.key, c, alt, r, surface);
        for (const l of lemmas(wk.key, candidate)) add(l.key, c + l.cost, alt, r);
      });
    }
  });
  return { variants, alts, given: alts.some((a) => a.given.length > 0) };
}

/**
 * The comparable key of a name: its surname in the coarse phonetic alphabet, under the most
 * likely reading of its letters. Yezhov, Ezhov, Ežov, Jeschow, Iejov, Jeżow and Ежов all give
 * `eSev`. Never throws; a string with no letters gives ''.
 */
export function nameKey(name: string): string {
  const info = analyse(name);
  const best = info.variants.filter((v) => v.alt === 0).sort((a, b) => a.cost - b.cost)[0];
  return best ? coarse(best.key) : '';
}

/** Every key of a name (surname readings and inflections) with its cost, and its given parts. */
export function nameKeys(name: string): NameKeys {
  const alts = parseName(name);
  const surname: NameKeys['surname'] = [];
  for (const w of alts[0]?.surname ?? []) {
    wordKeys(w).forEach((k, r) => {
      surname.push({ key: k.key, reading: k.reading, cost: r === 0 ? 0 : READING_COST });
      for (const l of lemmas(k.key))
        surname.push({ key: l.key, reading: k.reading, cost: l.cost + (r === 0 ? 0 : READING_COST) });
    });
  }
  return { surname, given: alts[0]?.given ?? [] };
}

function partsCompatible(a: GivenPart, b: GivenPart): boolean {
  if (!a.initial && !b.initial) {
    const ka = wordKeys(a.text).map((k) => k.key);
    const kb = wordKeys(b.text).map((k) => k.key);
    for (const x of ka)
      for (const y of kb) if (scoreOf(keyDistance(x, y), x.length, y.length) >= 0.75) return true;
    return false;
  }
  const ca = initialClasses(a);
  for (const c of initialClasses(b)) if (ca.has(c)) return true;
  return false;
}

/** Penalty for given names or initials that contradict each other (none when either side has none). */
function givenPenalty(a: GivenPart[], b: GivenPart[]): number {
  let p = 0;
  const n = Math.min(a.length, b.length, 2);
  for (let i = 0; i < n; i++) if (!partsCompatible(a[i]!, b[i]!)) p += i === 0 ? 0.3 : 0.2;
  return p;
}

/** Score of two variants, or 0 when it cannot reach `floor` (the pass then stops early). */
function variantScore(q: Variant, c: Variant, floor: number): number {
  const la = q.key.length;
  const lb = c.key.length;
  const allow = allowance(la, lb);
  const max = (1 - floor) * allow - q.cost - c.cost;
  if (max < 0 || Math.abs(la - lb) * MIN_INDEL > max) return 0;
  let d = keyDistance(q.key, c.key, max);
  // Two Cyrillic spellings with one key differ where the key is blind (Гринько / Гринко,
  // Емельянов / Емелянов, Приймаков / Примаков): that difference counts like a vowel's.
  if (d === 0 && q.surface !== undefined && c.surface !== undefined && q.surface !== c.surface)
    d = SURFACE_COST;
  if (d > max) return 0;
  return scoreOf(d + q.cost + c.cost, la, lb);
}

/**
 * Whether two skeletons are equal or one consonant apart (one more, one fewer, or with
 * `substitution`, one different). Pairs further apart cannot reach an accepting score and are
 * not scored by the index.
 */
function skeletonsClose(a: string, b: string, substitution: boolean): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    if (!substitution) return false;
    let diff = 0;
    for (let i = 0; i < la; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return false;
    return true;
  }
  if (la - lb !== 1 && lb - la !== 1) return false;
  const s = la < lb ? a : b;
  const l = la < lb ? b : a;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  for (let j = i; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j + 1)) return false;
  return true;
}

/**
 * Best score over the variants of a query and of a candidate, less any given-name penalty;
 * 0 when below `floor`. With `near`, only variant pairs whose skeletons are close are scored
 * (`near` = 1: equal or one consonant more or fewer; 2: also one consonant different), and
 * with `maxRank`, only the query's readings up to that rank.
 */
function scorePair(q: NameInfo, c: NameInfo, floor = 0, near = 0, given = true, maxRank = 99): number {
  let best = 0;
  for (const qv of q.variants) {
    if (qv.rank > maxRank) continue;
    for (const cv of c.variants) {
      if (near > 0 && !skeletonsClose(qv.sk, cv.sk, near > 1)) continue;
      let s = variantScore(qv, cv, Math.max(floor, best));
      if (s <= best) continue;
      const qg = q.alts[qv.alt]?.given ?? [];
      const cg = c.alts[cv.alt]?.given ?? [];
      if (given && qg.length > 0 && cg.length > 0) s -= givenPenalty(qg, cg);
      if (s > best) best = s;
    }
  }
  return best;
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** The one-letter deletions of a skeleton worth filing (none for very short skeletons). */
function skeletonDeletions(sk: string): string[] {
  return sk.replace('_', '').length >= 2 ? deletions(sk) : [];
}

/** The letter pairs of a skeleton, the first marked as such. */
function bigrams(sk: string): string[] {
  const out = [`^${sk[0] ?? ''}`];
  for (let i = 0; i + 1 < sk.length; i++) out.push(sk.slice(i, i + 2));
  return out;
}

function addPosting(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/**
 * An index over a list of names for fast matching (building it costs some tens of microseconds
 * per name). A query looks up skeleton keys (the same skeleton; then, when needed, with one
 * consonant wrong, missing or extra; as a last resort, shared letter pairs) and scores only the
 * names found there.
 */
export class NameIndex {
  readonly names: readonly string[];
  private readonly infos: NameInfo[];
  /**
   * Names with the same surname keys form a group (the Ivanovs of a card index); the postings
   * and the distance work are per group, given names and initials are then checked per name.
   */
  private readonly groupRep: number[] = [];
  private readonly groupMembers: number[][] = [];
  /** Skeleton -> groups with a variant of that skeleton. */
  private readonly exact = new Map<string, number[]>();
  /** One-letter deletion of a skeleton -> groups. */
  private readonly deleted = new Map<string, number[]>();
  /** Letter pair of a skeleton (with a start mark) -> groups: the last resort for noisy queries. */
  private readonly grams = new Map<string, number[]>();
  private gramCount: Uint16Array;
  /** Candidate index of the first occurrence of each distinct name. */
  private readonly canonicalOf: Int32Array;
  private stamp: Int32Array;
  /** How many groups of names the last search scored (for tests and benchmarks). */
  lastFound = 0;
  private generation = 0;

  constructor(names: Iterable<string>, options: { onProgress?: (done: number, total: number) => void } = {}) {
    this.names = [...names];
    const total = this.names.length;
    this.infos = new Array(total);
    this.canonicalOf = new Int32Array(total);
    this.stamp = new Int32Array(total);
    this.gramCount = new Uint16Array(total);
    const firstOf = new Map<string, number>();
    const groupOf = new Map<string, number>();
    const step = Math.max(1, Math.floor(total / 100));
    for (let i = 0; i < total; i++) {
      const name = this.names[i]!;
      const norm = name.normalize('NFC').trim();
      const first = firstOf.get(norm);
      this.canonicalOf[i] = first ?? i;
      if (first === undefined) firstOf.set(norm, i);
      const info = analyse(name, true);
      this.infos[i] = info;
      const signature = info.variants
        .map((v) => `${v.key} ${v.cost} ${v.alt} ${v.rank} ${v.surface ?? ''}`)
        .join('|');
      const known = groupOf.get(signature);
      if (known !== undefined) {
        this.groupMembers[known]!.push(i);
      } else {
        const group = this.groupRep.length;
        groupOf.set(signature, group);
        this.groupRep.push(i);
        this.groupMembers.push([i]);
        for (const v of info.variants) {
          const sk = v.sk;
          if (sk.length === 0) continue;
          addPosting(this.exact, sk, group);
          for (const d of skeletonDeletions(sk)) addPosting(this.deleted, d, group);
          for (const g of bigrams(sk)) addPosting(this.grams, g, group);
        }
      }
      if (options.onProgress && (i + 1) % step === 0) options.onProgress(i + 1, total);
    }
    options.onProgress?.(total, total);
  }

  get size(): number {
    return this.names.length;
  }

  /** Ranks the list for a query; see `MatchOptions`. */
  search(query: string, options: MatchOptions = {}): MatchResult {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const margin = options.margin ?? DEFAULT_MARGIN;
    const limit = options.limit ?? 5;
    const q = analyse(query);
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    // Stage 1: names of the same skeleton. Stage 2, names one consonant away (more, fewer or
    // different), only when one of them could still matter: when stage 1 found nothing
    // acceptable, or when a name one consonant away could come within the margin of the best.
    const sks = new Set<string>();
    for (const v of q.variants) if (v.sk.length > 0) sks.add(v.sk);
    // The wider stages use the two most likely readings only.
    const likely = new Set<string>();
    for (const v of q.variants) if (v.sk.length > 0 && v.rank <= 1) likely.add(v.sk);
    const dels = new Set<string>();
    for (const sk of likely) for (const d of skeletonDeletions(sk)) dels.add(d);
    const found: number[] = [];
    const collect = (list: number[] | undefined) => {
      if (!list) return;
      for (const i of list) {
        if (this.stamp[i] === gen) continue;
        this.stamp[i] = gen;
        found.push(i);
      }
    };
    for (const sk of sks) collect(this.exact.get(sk));
    const skip = options.skip;
    // The best distinct names so far, best first (score, then list order), at most `cap`; a
    // candidate that cannot enter them is cut short by `floor`.
    const cap = Math.max(limit, 2);
    const topIdx: number[] = [];
    const topScore: number[] = [];
    let floor = MIN_SCORE;
    const offer = (i: number, sc: number): boolean => {
      const id = this.canonicalOf[i]!;
      for (let k = 0; k < topIdx.length; k++) {
        if (this.canonicalOf[topIdx[k]!] !== id) continue;
        if (sc < topScore[k]! || (sc === topScore[k]! && i > topIdx[k]!)) return true;
        topIdx.splice(k, 1);
        topScore.splice(k, 1);
        break;
      }
      let pos = topIdx.length;
      while (pos > 0 && (topScore[pos - 1]! < sc || (topScore[pos - 1] === sc && topIdx[pos - 1]! > i)))
        pos--;
      if (pos >= cap) return false;
      topIdx.splice(pos, 0, i);
      topScore.splice(pos, 0, sc);
      if (topIdx.length > cap) {
        topIdx.pop();
        topScore.pop();
      }
      if (topIdx.length === cap) floor = Math.max(floor, topScore[cap - 1]! - 1e-9);
      return true;
    };
    const score = (from: number, near: number, maxRank = 99) => {
      for (let n = from; n < found.length; n++) {
        const group = found[n]!;
        // Surname keys first, once per group; given names and initials only lower a score.
        const base = scorePair(q, this.infos[this.groupRep[group]!]!, floor, near, false, maxRank);
        if (base < floor || base === 0) continue;
        const rounded = round(base);
        for (const i of this.groupMembers[group]!) {
          if (skip?.(i)) continue;
          const info = this.infos[i]!;
          if (q.given && info.given) {
            const sc = scorePair(q, info, floor, near, true, maxRank);
            if (sc >= floor && sc > 0) offer(i, round(sc));
          } else if (!offer(i, rounded)) break; // the rest of the group, later in the list, cannot enter either
        }
      }
    };
    score(0, 1);
    let longest = 0;
    for (const v of q.variants) longest = Math.max(longest, v.key.length);
    // A name one consonant away costs at least MIN_CONSONANT more: its score is at most this.
    const reachable = 1 - MIN_CONSONANT / allowance(longest + 2, 0);
    const best0 = topScore[0] ?? 0;
    if (best0 < threshold || best0 - margin < reachable) {
      const before = found.length;
      for (const sk of likely) collect(this.deleted.get(sk));
      for (const d of dels) {
        collect(this.exact.get(d));
        collect(this.deleted.get(d));
      }
      score(before, 2, 1);
    }
    if ((topScore[0] ?? 0) < LAST_RESORT_BELOW) {
      // Stage 3: two or more letters wrong (OCR). Names sharing the most letter pairs of the
      // skeleton, at most LAST_RESORT_MAX of them, scored in full.
      const before = found.length;
      const qgrams = new Set<string>();
      for (const sk of likely) for (const g of bigrams(sk)) qgrams.add(g);
      const touched: number[] = [];
      const count = this.gramCount;
      // A pair found in very many names says little and costs much: such lists are passed over.
      const common = Math.max(500, this.groupRep.length >> 7);
      let most = 0;
      for (const g of qgrams) {
        const list = this.grams.get(g);
        if (!list || list.length > common) continue;
        for (const i of list) {
          if (this.stamp[i] === gen) continue;
          if (this.stamp[i] !== -gen) {
            this.stamp[i] = -gen;
            count[i] = 0;
            touched.push(i);
          }
          const c = ++count[i]!;
          if (c > most) most = c;
        }
      }
      // Best counts first, at least two pairs shared: bucketed in one pass, not sorted.
      const buckets: number[][] = [];
      for (const i of touched) {
        const c = count[i]!;
        if (c < 2 || c < most - 2) continue;
        const bucket = buckets[c];
        if (bucket) bucket.push(i);
        else buckets[c] = [i];
      }
      for (let c = most; c >= 2 && found.length - before < LAST_RESORT_MAX; c--) {
        for (const i of buckets[c] ?? []) {
          this.stamp[i] = gen;
          found.push(i);
          if (found.length - before >= LAST_RESORT_MAX) break;
        }
      }
      score(before, 0, 1);
    }
    this.lastFound = found.length;
    const out: ScoredName[] = topIdx.map((i, k) => ({ name: this.names[i]!, index: i, score: topScore[k]! }));
    const best = out[0];
    const rival = out[1];
    const match =
      best && best.score >= threshold && (!rival || best.score - rival.score >= margin) ? best : null;
    return { query, match, candidates: out.slice(0, limit) };
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

const indexCache = new WeakMap<readonly string[], NameIndex>();

/**
 * Matches one query against a list of names (or a prebuilt `NameIndex`). For many queries
 * against one list, build a `NameIndex` once; passing the same array again reuses the index
 * built for it, so an array must not be changed between calls (build a new one instead).
 */
export function matchName(
  query: string,
  candidates: readonly string[] | NameIndex,
  options: MatchOptions = {},
): MatchResult {
  if (candidates instanceof NameIndex) return candidates.search(query, options);
  let index = indexCache.get(candidates);
  if (!index) {
    index = new NameIndex(candidates);
    indexCache.set(candidates, index);
  }
  return index.search(query, options);
}

/**
 * Similarity of two names in [0, 1], whatever their spelling or script, without an index.
 * Given names and initials that contradict each other lower it.
 */
export function nameSimilarity(a: string, b: string): number {
  return round(scorePair(analyse(a), analyse(b, true)));
}
