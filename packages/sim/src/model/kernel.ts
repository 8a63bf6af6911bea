/**
 * The per-agent weekly kernel: one pass over agents [lo, hi) that reads only the week's table,
 * the agent's own bytes and the previous week's name marks, and writes the agent's own bytes,
 * idempotent name marks on contacts, its ready list segment and its counter slot. Because every
 * random word is keyed by (seed, week, agent, purpose) and every count is an integer, the result
 * does not depend on how agents are split among threads.
 */
import { Purpose, philox4x32, unit } from '../engine/philox.ts';
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

function duration(word: number, mean: number): number {
  const t = Math.round(-Math.log(unit(word)) * mean);
  return Math.min(65535, Math.max(1, t));
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
  const T = tableLayout(regions);
  const K = counterLayout(regions);
  const tb = s.table;
  const base = slot * K.size;
  const cnt = s.counters;
  cnt.fill(0, base, base + K.size);
  const { cat, region, status, flags, chan, timer, offsets, targets, ready } = s;
  const readNamed = (week & 1) === 0 ? s.named1 : s.named0;
  const writeNamed = (week & 1) === 0 ? s.named0 : s.named1;
  const out = new Uint32Array(4);
  const eout = new Uint32Array(4);
  const halted = tb[T.halted] === 1;
  const edgeT = tb[T.edge]!;
  const decayT = tb[T.namedDecay]!;
  let nReady = 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i]!;
    if (st === Status.shot || st === Status.dead) {
      readNamed[i] = 0;
      continue;
    }
    philox4x32(i, week, Purpose.agentWeek, 0, seed, STREAM, out);
    const w0 = out[0]!;
    const w1 = out[1]!;
    const w2 = out[2]!;
    const w3 = out[3]!;
    let f = flags[i]!;
    if (readNamed[i] !== 0) {
      readNamed[i] = 0;
      f |= Flag.named;
    }
    const c = cat[i]!;
    const r = region[i]!;
    if (st === Status.free) {
      const v = ((f & Flag.named) !== 0 ? 4 : 0) | ((f & Flag.expelled) !== 0 ? 2 : 0) | (f & Flag.former);
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
        if (k === Sent.shot) status[i] = Status.shot;
        else if (k === Sent.camps) {
          status[i] = Status.camp;
          timer[i] = duration(w3, tb[T.mean + 3]!);
        } else if (k === Sent.exiled) {
          status[i] = Status.exile;
          timer[i] = duration(w3, tb[T.mean + 1]!);
        }
        flags[i] = f & ~Flag.named;
        continue;
      }
      const g = ((r * CATS + c) * VARIANTS + v) * 4;
      if (w0 < tb[T.arrest + g + 3]!) {
        const ch =
          w0 < tb[T.arrest + g]!
            ? Chan.mass
            : w0 < tb[T.arrest + g + 1]!
              ? Chan.national
              : w0 < tb[T.arrest + g + 2]!
                ? Chan.political
                : Chan.criminal;
        status[i] = Status.detained;
        chan[i] = ch;
        timer[i] = 0;
        cnt[base + K.arrest + ch]!++;
        cnt[base + K.arrestCat + c]!++;
        if ((f & Flag.expelled) !== 0) cnt[base + K.arrestExpelled]!++;
        f &= ~Flag.named;
        // interrogation: the detainee may name contacts (marks read next week)
        if (w2 < tb[T.name + ch]!) {
          const e0 = offsets[i]!;
          const e1 = offsets[i + 1]!;
          for (let e = e0; e < e1; e++) {
            const lane = (e - e0) & 3;
            if (lane === 0) philox4x32(i, week, Purpose.naming, (e - e0) >>> 2, seed, STREAM, eout);
            if (eout[lane]! < edgeT) writeNamed[targets[e]!] = 1;
          }
        }
      } else {
        cnt[base + K.census + g / 4]!++;
      }
      flags[i] = f;
      continue;
    }
    if (st === Status.detained || st === Status.ready) {
      let ch = chan[i]!;
      if (halted && ch === Chan.mass) {
        // the halt: troika cases go back to the ordinary procedure
        ch = Chan.political;
        chan[i] = ch;
        status[i] = Status.detained;
      }
      if (timer[i]! < 65535) timer[i] = timer[i]! + 1;
      if (ch === Chan.mass) {
        if (st === Status.ready || w0 < tb[T.proc + Chan.mass]!) {
          status[i] = Status.ready;
          ready[lo + nReady++] = i;
          cnt[base + K.readyMass + r]!++;
        } else cnt[base + K.detMass + r]!++;
      } else if (w0 < tb[T.proc + ch]!) {
        if (ch === Chan.national) {
          if (w1 < tb[T.natShot]!) {
            status[i] = Status.shot;
            cnt[base + K.conv + Sent.shot]!++;
          } else {
            status[i] = Status.camp;
            timer[i] = duration(w2, tb[T.mean]!);
            cnt[base + K.conv + Sent.camps]!++;
          }
        } else {
          const o = T.out + (ch === Chan.political ? 0 : OUTCOMES);
          let k = 0;
          while (k < OUTCOMES - 1 && w1 >= tb[o + k]!) k++;
          if (k === Outcome.release) {
            status[i] = Status.free;
            cnt[base + K.release]!++;
          } else if (k === Outcome.court) {
            status[i] = Status.court;
            timer[i] = duration(w2, tb[T.mean + 2]!);
          } else if (k === Outcome.shot) {
            status[i] = Status.shot;
            cnt[base + K.conv + Sent.shot]!++;
          } else if (k === Outcome.camps) {
            status[i] = Status.camp;
            timer[i] = duration(w2, tb[T.mean]!);
            cnt[base + K.conv + Sent.camps]!++;
          } else if (k === Outcome.exiled) {
            status[i] = Status.exile;
            timer[i] = duration(w2, tb[T.mean + 1]!);
            cnt[base + K.conv + Sent.exiled]!++;
          } else {
            status[i] = Status.free;
            cnt[base + K.conv + Sent.other]!++;
          }
        }
      }
      flags[i] = f & ~Flag.named;
      continue;
    }
    // camp, exile, court custody
    const di = st === Status.camp ? 0 : st === Status.exile ? 1 : 2;
    if (w3 < tb[T.death + di]!) {
      status[i] = Status.dead;
      cnt[base + K.death]!++;
    } else {
      const t = timer[i]! - 1;
      if (t <= 0) {
        timer[i] = 0;
        status[i] = Status.free;
        f |= Flag.former;
        cnt[base + K.release]!++;
      } else timer[i] = t;
    }
    flags[i] = f & ~Flag.named;
  }
  cnt[base + K.ready] = nReady;
}
