/**
 * The per-agent weekly kernel: one pass over agents [lo, hi) that reads only the week's table,
 * the agent's own bytes and the previous week's name marks, and writes the agent's own bytes,
 * idempotent name marks on contacts, its ready list segment and its counter slot. Because every
 * random word is keyed by (seed, week, agent or agent block, purpose) and every count is an
 * integer, the result does not depend on how agents are split among threads, as long as the
 * split falls on multiples of `BLOCK` (the pool guarantees it).
 *
 * Random numbers are drawn only where something can happen:
 * - an agent in camp, exile or court custody draws its term and its death week once, when it is
 *   placed there (the death hazard is constant), and costs one comparison a week afterwards;
 * - a free agent whose weekly probability of any event (arrest, expulsion or police troika,
 *   fading of a name) is q > 0 is a candidate of a Bernoulli process with the largest such q of
 *   its block of `BLOCK` agents, sampled by geometric gaps (four gaps per Philox block); a
 *   candidate is kept with probability q / qmax (thinning) and then draws which events happen
 *   conditionally on at least one, so each agent's events have exactly the original law;
 * - named agents and agents with q above `CAP` (the targets of a mass operation at full pace)
 *   draw one Philox block of their own each week, as before;
 * - a detainee draws the week its investigation ends when it is arrested (the processing
 *   hazard is constant; redrawn once at the halt), and one block when it ends.
 */
import { Purpose, philox4x32, TWO32, unit } from '../engine/philox.ts';
import type { State } from '../engine/state.ts';
import {
  CATS,
  Chan,
  counterLayout,
  Flag,
  OUTCOMES,
  Outcome,
  Sent,
  Status,
  tableLayout,
  VARIANTS,
} from './layout.ts';

const STREAM = 0x0915;
/** Agents per block: the unit of the thinning process and of the split among threads. */
export const BLOCK = 256;
/**
 * Free agents whose weekly event probability exceeds this, and the named (few, and with hazards
 * far above their neighbours'), draw their own block each week.
 */
const CAP = 1 / 8;
/** A word that no threshold below 2^32 accepts (every thinned group has thresholds below CAP). */
const NONE = 0xffffffff;
const FREE = Status.free;
const DETAINED = Status.detained;
const READY = Status.ready;
const SHOT = Status.shot;
const DEAD = Status.dead;
const NAMED = Flag.named;
const DIES = Flag.dies;

function duration(word: number, mean: number): number {
  const t = Math.round(-Math.log(unit(word)) * mean);
  return Math.min(65535, Math.max(1, t));
}

/**
 * Places agent i in custody at `week` for `term` weeks with a weekly death threshold `deathT`:
 * the death week is geometric (from `word`); whichever comes first is stored as the due week in
 * `timer`, and `Flag.dies` says whether it is a death. Equivalent to a weekly death draw followed
 * by a countdown of the term.
 */
export function placeCustody(
  timer: Uint16Array,
  flags: Uint8Array,
  i: number,
  week: number,
  term: number,
  deathT: number,
  word: number,
): void {
  const m = deathT / TWO32;
  let span = term;
  let dies = false;
  if (m > 0) {
    const d = m >= 1 ? 1 : Math.ceil(Math.log(unit(word)) / Math.log1p(-m));
    if (d <= term) {
      span = d;
      dies = true;
    }
  }
  timer[i] = Math.min(65535, week + span);
  flags[i] = (flags[i]! & ~(Flag.named | Flag.dies)) | (dies ? Flag.dies : 0);
}

/**
 * The first week after `week` in which an event of constant weekly threshold `t` happens
 * (geometric waiting time from the uniform `word`), capped at 65535 (never, in this model).
 */
export function dueWeek(week: number, t: number, word: number): number {
  const p = t / TWO32;
  if (!(p > 0)) return 65535;
  const g = p >= 1 ? 1 : Math.max(1, Math.ceil(Math.log(unit(word)) / Math.log1p(-p)));
  return Math.min(65535, week + g);
}

/**
 * Group key of a flags byte, as the kernel has always computed it: variant bits named -> 4,
 * expelled -> 2, and `flags & Flag.former` (which is 2, so a former convict shares the variant
 * bit of the expelled: kept as is so that the model's statistics do not change; see the README),
 * shifted left once, plus the expelled flag itself in bit 0, since expulsion depends on it.
 */
const VARX = new Uint8Array(16);
for (let f = 0; f < 16; f++)
  VARX[f] =
    ((((f & Flag.named) !== 0 ? 4 : 0) | ((f & Flag.expelled) !== 0 ? 2 : 0) | (f & Flag.former)) << 1) |
    (f & Flag.expelled);

// Per-call context of the rare paths (module-level: no closures or objects in the hot loop).
let S: State;
let tb: Float64Array;
let cnt: Int32Array;
let base = 0;
let wk = 0;
let sd = 0;
let T: ReturnType<typeof tableLayout>;
let K: ReturnType<typeof counterLayout>;
let writeNamed: Uint8Array;
let edgeT = 0;
let decayT = 0;
let halted = false;
let nReady = 0;
const out = new Uint32Array(4);
const eout = new Uint32Array(4);
const gout = new Uint32Array(4);
const dout = new Uint32Array(4);
// per group (region, category, variant): thresholds and probabilities of the week
let qG = new Float64Array(0);
let aT = new Float64Array(0);
let bT = new Float64Array(0);
let dT = new Float64Array(0);
let pAnb = new Float64Array(0);
/** This call's census by group, in plain (not shared) memory: copied to the counter slot at the end. */
let cen = new Int32Array(0);
const elig = new Uint8Array(BLOCK);

/** The free-agent step with the original words: w0 arrest, w1 expulsion/troika, w2, w3. */
function freeAct(i: number, f: number, gi: number, w0: number, w1: number, w2: number, w3: number): void {
  const c = S.cat[i]!;
  if ((f & Flag.named) !== 0 && w3 < decayT) f &= ~Flag.named;
  // party screening: expulsion does not change custody status
  if (c <= 2 && (f & Flag.expelled) === 0 && w1 < tb[T.expel + c]!) {
    f |= Flag.expelled;
    cnt[base + K.expel + c]!++;
  }
  // police troikas (1935-36): a sentence without an NKVD arrest
  if (w1 < tb[T.militia + c]!) {
    const k =
      w2 < tb[T.militiaOut]! ? 0 : w2 < tb[T.militiaOut + 1]! ? 1 : w2 < tb[T.militiaOut + 2]! ? 2 : 3;
    cnt[base + K.militia + k]!++;
    cen[gi]!--;
    S.flags[i] = f & ~Flag.named;
    if (k === Sent.shot) S.status[i] = Status.shot;
    else if (k === Sent.camps) {
      S.status[i] = Status.camp;
      placeCustody(S.timer, S.flags, i, wk, duration(w3, tb[T.mean + 3]!), tb[T.death]!, w0);
    } else if (k === Sent.exiled) {
      S.status[i] = Status.exile;
      placeCustody(S.timer, S.flags, i, wk, duration(w3, tb[T.mean + 1]!), tb[T.death + 1]!, w0);
    }
    return;
  }
  const g = T.arrest + gi * 4;
  if (w0 < tb[g + 3]!) {
    const ch =
      w0 < tb[g]!
        ? Chan.mass
        : w0 < tb[g + 1]!
          ? Chan.national
          : w0 < tb[g + 2]!
            ? Chan.political
            : Chan.criminal;
    S.status[i] = Status.detained;
    S.chan[i] = ch;
    // the week the investigation ends: geometric, as the weekly processing hazard is constant
    philox4x32(i, wk, Purpose.event, 2, sd, STREAM, dout);
    S.timer[i] = dueWeek(wk, tb[T.proc + ch]!, dout[0]!);
    cnt[base + K.arrest + ch]!++;
    cnt[base + K.arrestCat + c]!++;
    cen[gi]!--;
    if ((f & Flag.expelled) !== 0) cnt[base + K.arrestExpelled]!++;
    f &= ~Flag.named;
    // interrogation: the detainee may name contacts (marks read next week)
    if (w2 < tb[T.name + ch]!) {
      const e0 = S.offsets[i]!;
      const e1 = S.offsets[i + 1]!;
      const targets = S.targets;
      for (let e = e0; e < e1; e++) {
        const lane = (e - e0) & 3;
        if (lane === 0) philox4x32(i, wk, Purpose.naming, (e - e0) >>> 2, sd, STREAM, eout);
        if (eout[lane]! < edgeT) writeNamed[targets[e]!] = 1;
      }
    }
  }
  S.flags[i] = f;
}

/** A thinning candidate of group key gx: kept with probability q/qmax, then its events given at least one. */
function candidate(i: number, gx: number, qmax: number): void {
  const gi = gx >>> 1;
  philox4x32(i, wk, Purpose.event, 0, sd, STREAM, out);
  const q = qG[gx]!;
  if (out[0]! >= (q / qmax) * TWO32) return;
  const A_T = aT[gx]!;
  const B_T = bT[gx]!;
  const b = B_T / TWO32;
  const B = out[1]! < (b / q) * TWO32;
  let A: boolean;
  let D: boolean;
  if (B) {
    A = out[2]! < A_T;
    D = out[3]! < dT[gx]!;
  } else {
    A = out[2]! < pAnb[gx]! * TWO32;
    D = A ? out[3]! < dT[gx]! : true;
  }
  let w0 = NONE;
  let w1 = NONE;
  let w2 = NONE;
  let w3 = D ? 0 : NONE;
  if (A || B) {
    philox4x32(i, wk, Purpose.event, 1, sd, STREAM, out);
    if (A) w0 = Math.floor(unit(out[0]!) * A_T);
    if (B) w1 = Math.floor(unit(out[1]!) * B_T);
    w2 = out[2]!;
    if (B && w1 < tb[T.militia + S.cat[i]!]!) {
      // a police-troika sentence: the arrest and the fading of a name no longer matter, and
      // the sentence needs whole words for its term and death week
      w0 = out[0]!;
      w3 = out[3]!;
    }
  }
  freeAct(i, S.flags[i]!, gi, w0, w1, w2, w3);
}

/** Computes the week's per-group event probabilities from the table. */
function groupTables(regions: number): void {
  const G = regions * CATS * VARIANTS;
  if (qG.length !== 2 * G) {
    qG = new Float64Array(2 * G);
    aT = new Float64Array(2 * G);
    bT = new Float64Array(2 * G);
    dT = new Float64Array(2 * G);
    pAnb = new Float64Array(2 * G);
    cen = new Int32Array(G);
  }
  cen.fill(0);
  for (let gx = 0; gx < 2 * G; gx++) {
    const gi = gx >>> 1;
    const v = gi & 7;
    const c = ((gi >>> 3) % CATS) | 0;
    const at = tb[T.arrest + gi * 4 + 3]!;
    const et = c <= 2 && (gx & 1) === 0 ? tb[T.expel + c]! : 0;
    const bt = Math.max(et, tb[T.militia + c]!);
    const dt = (v & 4) !== 0 ? decayT : 0;
    const a = at / TWO32;
    const b = bt / TWO32;
    const d = dt / TWO32;
    aT[gx] = at;
    bT[gx] = bt;
    dT[gx] = dt;
    qG[gx] = 1 - (1 - a) * (1 - b) * (1 - d);
    pAnb[gx] = a + d > 0 ? a / (a + d - a * d) : 0;
  }
}

/** A detainee's week: the investigation ends (or not) and the case is decided or goes to the troika. */
function detainedAct(i: number, st: number, lo: number): void {
  const { region, status, flags, chan, timer, ready } = S;
  const week = wk;
  const counts = cnt;
  const r = region[i]!;
  let ch = chan[i]!;
  if (halted && ch === Chan.mass) {
    // the halt: troika cases go back to the ordinary procedure, investigated from this week
    ch = Chan.political;
    chan[i] = ch;
    status[i] = Status.detained;
    philox4x32(i, week, Purpose.event, 3, sd, STREAM, dout);
    timer[i] = dueWeek(week - 1, tb[T.proc + ch]!, dout[0]!);
  }
  if (ch === Chan.mass) {
    if (st === Status.ready || week >= timer[i]!) {
      status[i] = Status.ready;
      ready[lo + nReady++] = i;
      counts[base + K.readyMass + r]!++;
    } else counts[base + K.detMass + r]!++;
    return;
  }
  if (week < timer[i]!) return;
  // the investigation ends this week
  philox4x32(i, week, Purpose.agentWeek, 0, sd, STREAM, out);
  const w1 = out[1]!;
  const w2 = out[2]!;
  const w3 = out[3]!;
  if (ch === Chan.national) {
    if (w1 < tb[T.natShot]!) {
      status[i] = Status.shot;
      counts[base + K.conv + Sent.shot]!++;
    } else {
      status[i] = Status.camp;
      placeCustody(timer, flags, i, week, duration(w2, tb[T.mean]!), tb[T.death]!, w3);
      counts[base + K.conv + Sent.camps]!++;
    }
  } else {
    const o = T.out + (ch === Chan.political ? 0 : OUTCOMES);
    let k = 0;
    while (k < OUTCOMES - 1 && w1 >= tb[o + k]!) k++;
    if (k === Outcome.release) {
      status[i] = Status.free;
      counts[base + K.release]!++;
    } else if (k === Outcome.court) {
      status[i] = Status.court;
      placeCustody(timer, flags, i, week, duration(w2, tb[T.mean + 2]!), tb[T.death + 2]!, w3);
    } else if (k === Outcome.shot) {
      status[i] = Status.shot;
      counts[base + K.conv + Sent.shot]!++;
    } else if (k === Outcome.camps) {
      status[i] = Status.camp;
      placeCustody(timer, flags, i, week, duration(w2, tb[T.mean]!), tb[T.death]!, w3);
      counts[base + K.conv + Sent.camps]!++;
    } else if (k === Outcome.exiled) {
      status[i] = Status.exile;
      placeCustody(timer, flags, i, week, duration(w2, tb[T.mean + 1]!), tb[T.death + 1]!, w3);
      counts[base + K.conv + Sent.exiled]!++;
    } else {
      status[i] = Status.free;
      counts[base + K.conv + Sent.other]!++;
    }
  }
}

export function runKernel(
  s: State,
  regions: number,
  seed: number,
  week: number,
  lo: number,
  hi: number,
  slot: number,
): void {
  S = s;
  tb = s.table;
  T = tableLayout(regions);
  K = counterLayout(regions);
  base = slot * K.size;
  cnt = s.counters;
  wk = week;
  sd = seed;
  cnt.fill(0, base, base + K.size);
  const { cat, region, status, flags, timer } = s;
  const readNamed = (week & 1) === 0 ? s.named1 : s.named0;
  writeNamed = (week & 1) === 0 ? s.named0 : s.named1;
  halted = tb[T.halted] === 1;
  edgeT = tb[T.edge]!;
  decayT = tb[T.namedDecay]!;
  groupTables(regions);
  // locals, not module bindings, in the hot loop
  const counts = cnt;
  const cg = cen;
  const qg = qG;
  const el = elig;
  const vr = VARX;
  const census = base + K.census;
  nReady = 0;
  if (lo % BLOCK !== 0 && lo !== hi) throw new Error(`kernel range must start on a multiple of ${BLOCK}`);
  for (let b0 = lo; b0 < hi; b0 += BLOCK) {
    const b1 = Math.min(b0 + BLOCK, hi);
    let qmax = 0;
    for (let i = b0; i < b1; i++) {
      const st = status[i]!;
      const mark = readNamed[i]!;
      if (mark !== 0) readNamed[i] = 0;
      if (st === FREE) {
        let f = flags[i]!;
        if (mark !== 0 && (f & NAMED) === 0) {
          f |= NAMED;
          flags[i] = f;
        }
        const gx = ((region[i]! * CATS + cat[i]!) << 4) | vr[f & 15]!;
        const gi = gx >>> 1;
        cg[gi]!++;
        const q = qg[gx]!;
        if (q === 0) {
          el[i - b0] = 0;
        } else if (q > CAP || (f & NAMED) !== 0) {
          el[i - b0] = 0;
          philox4x32(i, week, Purpose.agentWeek, 0, seed, STREAM, out);
          freeAct(i, f, gi, out[0]!, out[1]!, out[2]!, out[3]!);
        } else {
          el[i - b0] = 1;
          if (q > qmax) qmax = q;
        }
        continue;
      }
      el[i - b0] = 0;
      if (st === SHOT || st === DEAD) continue;
      if (st === DETAINED || st === READY) {
        detainedAct(i, st, lo);
        continue;
      }
      // camp, exile, court custody: the due week was drawn at placement
      if (week >= timer[i]!) {
        const f = flags[i]!;
        if ((f & DIES) !== 0) {
          status[i] = Status.dead;
          counts[base + K.death]!++;
        } else {
          timer[i] = 0;
          status[i] = Status.free;
          flags[i] = (f & ~(Flag.dies | Flag.named)) | Flag.former;
          counts[base + K.release]!++;
        }
      }
    }
    if (qmax > 0) {
      // thinning: candidates of a Bernoulli(qmax) process over the block, by geometric gaps
      const lq = Math.log1p(-qmax);
      const blk = b0 / BLOCK;
      let k = 0;
      let lane = 4;
      let pos = b0 - 1;
      for (;;) {
        if (lane === 4) {
          philox4x32(blk, week, Purpose.gap, k++, seed, STREAM, gout);
          lane = 0;
        }
        pos += 1 + Math.floor(Math.log(unit(gout[lane++]!)) / lq);
        if (pos >= b1) break;
        if (el[pos - b0] === 0) continue;
        const f = flags[pos]!;
        candidate(pos, ((region[pos]! * CATS + cat[pos]!) << 4) | vr[f & 15]!, qmax);
      }
    }
  }
  counts[base + K.ready] = nReady;
  for (let g = 0; g < cg.length; g++) counts[census + g] = cg[g]!;
}
