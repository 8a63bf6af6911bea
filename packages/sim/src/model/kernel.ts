/**
 * The per-agent weekly kernel: one pass over agents [lo, hi) that reads only the week's table,
 * the agent's own bytes and the previous week's name marks, and writes the agent's own bytes,
 * idempotent name marks on contacts, its ready list segment and its counter slot. Because every
 * random word is keyed by (seed, week, agent or agent block, purpose) and every count is an
 * integer, the result does not depend on how agents are split among threads, as long as the
 * split falls on multiples of `BLOCK` (the pool guarantees it).
 *
 * Work is done only where something can happen. Agents are visited in blocks of `VISIT`; a visit
 * block is visited only when one of its agents needs it: a due week reached (custody
 * or investigation ends), a name mark received, a named agent (it draws every week), a case of the
 * mass operation (counted every week) or a hazard above `CAP`. The census of free agents by group
 * (from which the centre sizes limits) is kept up to date at each change, in the worker's counter
 * slot, so it needs no visit. The result does not depend on which blocks are visited: every
 * draw is keyed as below and the free agents of every block take part in the same thinning
 * process, whose rate is a bound computed from the table for the block's groups.
 *
 * Random numbers are drawn only where something can happen:
 * - an agent in camp, exile or court custody draws its term and its death week once, when it is
 *   placed there (the death hazard is constant), and costs one comparison a week afterwards;
 * - a free agent (free since before this week, not named) whose weekly probability of any event
 *   (arrest, expulsion or police troika) is q > 0 is a candidate of a Bernoulli process with
 *   rate qmax, the largest q of the groups (region, category, variant) its block spans, sampled
 *   by geometric gaps (four gaps per Philox block); a candidate is kept with probability q / qmax
 *   (thinning) and then draws which events happen conditionally on at least one, so each
 *   agent's events have exactly the original law;
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
  variantOf,
} from './layout.ts';

const STREAM = 0x0915;
/** Agents per block: the unit of the thinning process and of the split among threads. */
export const BLOCK = 256;
/** Agents per visit block: the unit of skipping (a block holds BLOCK / VISIT of them). */
export const VISIT = 32;
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
 * Group key of a flags byte: the variant (`variantOf`: named 4, expelled 2, former convict 1)
 * shifted left once, plus the expelled flag itself in bit 0, since expulsion depends on it.
 */
const VARX = new Uint8Array(16);
for (let f = 0; f < 16; f++) VARX[f] = (variantOf(f) << 1) | (f & Flag.expelled);
/** The flags of a free agent that is not named: the four variants that take part in the thinning. */
const THINNED_FLAGS = [0, Flag.expelled, Flag.former, Flag.expelled | Flag.former] as const;

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
let writeMark: Uint8Array;
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
let qRc = new Float64Array(0);
let hotRc = new Uint8Array(0);
/**
 * The census of this worker's free agents by group (gi = (region * CATS + category) * 8 + variant):
 * a view of the persistent part of its counter slot, changed at every change of an agent's group.
 */
let cen: Int32Array = new Int32Array(0);

/** Group index of a free agent. */
function groupOf(i: number): number {
  return ((S.region[i]! * CATS + S.cat[i]!) << 3) | variantOf(S.flags[i]!);
}

/** After the events of a free agent that was in group gi: its place in the census. */
function settle(i: number, gi: number): void {
  if (S.status[i] !== FREE) {
    cen[gi]!--;
    return;
  }
  const g = groupOf(i);
  if (g !== gi) {
    cen[gi]!--;
    cen[g]!++;
  }
}

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
        if (eout[lane]! < edgeT) {
          const t = targets[e]!;
          writeNamed[t] = 1;
          writeMark[(t / VISIT) | 0] = 1;
        }
      }
    }
  }
  S.flags[i] = f;
}

/**
 * A thinning candidate: kept if it is free since before this week, not named and below `CAP`
 * (the others are visited one by one), then with probability q/qmax; then its events given at
 * least one.
 */
function candidate(i: number, qmax: number): void {
  if (S.status[i] !== FREE || wk < S.timer[i]!) return;
  const f = S.flags[i]!;
  if ((f & NAMED) !== 0) return;
  const gx = ((S.region[i]! * CATS + S.cat[i]!) << 4) | VARX[f & 15]!;
  const q = qG[gx]!;
  if (q > CAP || q === 0) return;
  const gi = gx >>> 1;
  philox4x32(i, wk, Purpose.event, 0, sd, STREAM, out);
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
  freeAct(i, f, gi, w0, w1, w2, w3);
  settle(i, gi);
}

/**
 * Computes the week's per-group event probabilities from the table and, per (region, category),
 * the thinning rate bound `qRc` (largest q at most `CAP` of the variants that are thinned) and
 * whether some thinned variant is above `CAP` (`hotRc`: its blocks are visited agent by agent).
 */
function groupTables(regions: number): void {
  const G = regions * CATS * VARIANTS;
  if (qG.length !== 2 * G) {
    qG = new Float64Array(2 * G);
    aT = new Float64Array(2 * G);
    bT = new Float64Array(2 * G);
    dT = new Float64Array(2 * G);
    pAnb = new Float64Array(2 * G);
    qRc = new Float64Array(regions * CATS);
    hotRc = new Uint8Array(regions * CATS);
  }
  const d = decayT / TWO32;
  for (let r = 0, rc = 0; r < regions; r++) {
    for (let c = 0; c < CATS; c++, rc++) {
      const mt = tb[T.militia + c]!;
      const et = c <= 2 ? tb[T.expel + c]! : 0;
      for (let v = 0; v < VARIANTS; v++) {
        const gi = rc * VARIANTS + v;
        const at = tb[T.arrest + gi * 4 + 3]!;
        const a = at / TWO32;
        const dt = (v & 4) !== 0 ? decayT : 0;
        const dv = (v & 4) !== 0 ? d : 0;
        const pa = a + dv > 0 ? a / (a + dv - a * dv) : 0;
        for (let e = 0; e < 2; e++) {
          // bit 0 of gx: the agent is already expelled (no expulsion hazard)
          const gx = 2 * gi + e;
          const bt = e === 0 && et > mt ? et : mt;
          aT[gx] = at;
          bT[gx] = bt;
          dT[gx] = dt;
          qG[gx] = 1 - (1 - a) * (1 - bt / TWO32) * (1 - dv);
          pAnb[gx] = pa;
        }
      }
      let qb = 0;
      let hot = 0;
      for (const f of THINNED_FLAGS) {
        const q = qG[(rc << 4) | VARX[f]!]!;
        if (q > CAP) hot = 1;
        else if (q > qb) qb = q;
      }
      qRc[rc] = qb;
      hotRc[rc] = hot;
    }
  }
}

/** Per block: the lowest and highest (region, category) of its agents (static; agents are laid out in that order). */
let rcState: State | null = null;
let rcLo = new Uint16Array(0);
let rcHi = new Uint16Array(0);
function blockGroups(s: State): void {
  if (rcState === s) return;
  const nb = Math.ceil(s.dims.n / BLOCK);
  rcLo = new Uint16Array(nb);
  rcHi = new Uint16Array(nb);
  for (let b = 0; b < nb; b++) {
    let lo = 0xffff;
    let hi = 0;
    for (let i = b * BLOCK; i < Math.min(s.dims.n, (b + 1) * BLOCK); i++) {
      const rc = s.region[i]! * CATS + s.cat[i]!;
      if (rc < lo) lo = rc;
      if (rc > hi) hi = rc;
    }
    rcLo[b] = lo;
    rcHi[b] = hi;
  }
  rcState = s;
}

/** The first week after `week` in which agent i needs a visit (65535: never while nothing happens to it). */
function nextVisit(i: number, week: number): number {
  const st = S.status[i]!;
  if (st === FREE) return (S.flags[i]! & NAMED) !== 0 ? week + 1 : 65535;
  if (st === SHOT || st === DEAD) return 65535;
  if ((st === DETAINED || st === READY) && S.chan[i] === Chan.mass) return week + 1;
  return Math.max(week + 1, S.timer[i]!);
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
      timer[i] = week + 1;
      cen[groupOf(i)]!++;
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
      timer[i] = week + 1;
      cen[groupOf(i)]!++;
      counts[base + K.conv + Sent.other]!++;
    }
  }
}

/** One week of the agents [lo, hi) (a multiple of `BLOCK` at lo), counted in counter slot `slot`. */
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
  const G = regions * CATS * VARIANTS;
  // the census (first in the slot) persists from week to week; the other counters are per week
  cnt.fill(0, base + K.census + G, base + K.size);
  cen = cnt.subarray(base + K.census, base + K.census + G);
  const { cat, region, status, flags, timer, due } = s;
  const readNamed = (week & 1) === 0 ? s.named1 : s.named0;
  writeNamed = (week & 1) === 0 ? s.named0 : s.named1;
  const readMark = (week & 1) === 0 ? s.mark1 : s.mark0;
  writeMark = (week & 1) === 0 ? s.mark0 : s.mark1;
  halted = tb[T.halted] === 1;
  edgeT = tb[T.edge]!;
  decayT = tb[T.namedDecay]!;
  groupTables(regions);
  blockGroups(s);
  // locals, not module bindings, in the hot loop
  const counts = cnt;
  const qg = qG;
  const vr = VARX;
  const qrc = qRc;
  const hrc = hotRc;
  const next = week + 1;
  nReady = 0;
  if (lo % BLOCK !== 0 && lo !== hi) throw new Error(`kernel range must start on a multiple of ${BLOCK}`);
  for (let B0 = lo; B0 < hi; B0 += BLOCK) {
    const B1 = Math.min(B0 + BLOCK, hi);
    const blk = B0 / BLOCK;
    let qmax = 0;
    let hot = 0;
    for (let rc = rcLo[blk]!; rc <= rcHi[blk]!; rc++) {
      if (qrc[rc]! > qmax) qmax = qrc[rc]!;
      hot |= hrc[rc]!;
    }
    for (let b0 = B0; b0 < B1; b0 += VISIT) {
      const b1 = Math.min(b0 + VISIT, B1);
      const b = b0 / VISIT;
      const marked = readMark[b] !== 0;
      if (!(hot !== 0 || marked || week >= due[b]!)) continue;
      if (marked) readMark[b] = 0;
      let nd = 65535;
      for (let i = b0; i < b1; i++) {
        const st = status[i]!;
        if (st === FREE) {
          let f = flags[i]!;
          if (marked && readNamed[i] !== 0) {
            readNamed[i] = 0;
            if ((f & NAMED) === 0) {
              const g0 = groupOf(i);
              f |= NAMED;
              flags[i] = f;
              cen[g0]!--;
              cen[g0 | 4]!++;
            }
          }
          // a free agent that is neither named nor above CAP is left to the thinning
          if ((f & NAMED) === 0 && hot === 0) continue;
          const gx = ((region[i]! * CATS + cat[i]!) << 4) | vr[f & 15]!;
          if ((f & NAMED) === 0 && qg[gx]! <= CAP) continue;
          philox4x32(i, week, Purpose.agentWeek, 0, seed, STREAM, out);
          freeAct(i, f, gx >>> 1, out[0]!, out[1]!, out[2]!, out[3]!);
          settle(i, gx >>> 1);
          // visited: not a thinning candidate this week
          if (status[i] === FREE) timer[i] = next;
          const v = nextVisit(i, week);
          if (v < nd) nd = v;
          continue;
        }
        if (marked) readNamed[i] = 0;
        if (st === SHOT || st === DEAD) continue;
        if (st === DETAINED || st === READY) {
          detainedAct(i, st, lo);
          const v = nextVisit(i, week);
          if (v < nd) nd = v;
          continue;
        }
        // camp, exile, court custody: the due week was drawn at placement
        const t = timer[i]!;
        if (week < t) {
          if (t < nd) nd = t;
          continue;
        }
        const f = flags[i]!;
        if ((f & DIES) !== 0) {
          status[i] = Status.dead;
          counts[base + K.death]!++;
        } else {
          timer[i] = next;
          status[i] = Status.free;
          flags[i] = (f & ~(Flag.dies | Flag.named)) | Flag.former;
          cen[groupOf(i)]!++;
          counts[base + K.release]!++;
        }
      }
      due[b] = nd;
    }
    if (qmax > 0) {
      // thinning: candidates of a Bernoulli(qmax) process over the block, by geometric gaps
      const lq = Math.log1p(-qmax);
      let k = 0;
      let lane = 4;
      let pos = B0 - 1;
      for (;;) {
        if (lane === 4) {
          philox4x32(blk, week, Purpose.gap, k++, seed, STREAM, gout);
          lane = 0;
        }
        pos += 1 + Math.floor(Math.log(unit(gout[lane++]!)) / lq);
        if (pos >= B1) break;
        const st = status[pos];
        candidate(pos, qmax);
        if (status[pos] !== st) {
          const v = nextVisit(pos, week);
          const vb = (pos / VISIT) | 0;
          if (v < due[vb]!) due[vb] = v;
        }
      }
    }
  }
  counts[base + K.ready] = nReady;
}
