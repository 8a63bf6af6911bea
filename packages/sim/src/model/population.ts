/**
 * The initial population: agents by region and category (each agent stands for `scale`
 * people), past sentences, and the contact network on which interrogations name people.
 * Agents are laid out region by region and category by category, so that a community's
 * members are a contiguous block.
 */
import { Keyed, Purpose, threshold } from '../engine/philox.ts';
import type { State } from '../engine/state.ts';
import { largestRemainder } from './apportion.ts';
import { CATS, Cat, Flag, Status } from './layout.ts';
import { get, type Params } from './params.ts';

export const POP_PARAMS = [
  'popRankAndFile',
  'popOfficials',
  'popOppositionists',
  'popFormerKulaks',
  'popCriminals',
  'popNational',
  'popCitizens',
] as const;

/** Community of a category: contacts are drawn inside the same community of the same region. */
const COMMUNITY = [0, 0, 0, 1, 1, 2, 3];

/** Relative size of region r (a few large regions, many small ones). */
export function regionShares(regions: number): number[] {
  const w = Array.from({ length: regions }, (_, r) => 1 / (r + 4) ** 0.7);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** Agents per (region, category), by largest remainder so that category totals are exact. */
export function populationCounts(p: Params, scale: number, popScale: number): number[][] {
  const regions = get(p, 'regions');
  const shares = regionShares(regions);
  const counts = Array.from({ length: regions }, () => new Array<number>(CATS).fill(0));
  POP_PARAMS.forEach((name, c) => {
    const total = Math.round((get(p, name) * popScale) / scale);
    const fl = largestRemainder(
      shares.map((s) => s * total),
      total,
    );
    fl.forEach((v, r) => {
      counts[r]![c] = v;
    });
  });
  return counts;
}

export function populationSize(counts: number[][]): number {
  return counts.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
}

/** Fills agent arrays and the network. `degree` out-edges per agent (fewer in tiny communities). */
export function fillPopulation(s: State, counts: number[][], p: Params, seed: number): void {
  const rng = new Keyed(seed);
  const degree = get(p, 'contacts');
  const formerT = threshold(get(p, 'initialFormerShare'));
  let i = 0;
  let e = 0;
  for (let r = 0; r < counts.length; r++) {
    const row = counts[r]!;
    // community blocks of this region
    const blockStart: number[] = [];
    const blockLen = [0, 0, 0, 0];
    let at = i;
    for (let c = 0; c < CATS; c++) {
      const com = COMMUNITY[c]!;
      if (blockStart[com] === undefined) blockStart[com] = at;
      blockLen[com]! += row[c]!;
      at += row[c]!;
    }
    for (let c = 0; c < CATS; c++) {
      const com = COMMUNITY[c]!;
      const len = blockLen[com]!;
      const start = blockStart[com]!;
      for (let j = 0; j < row[c]!; j++, i++) {
        s.cat[i] = c;
        s.region[i] = r;
        s.status[i] = Status.free;
        s.timer[i] = 0;
        // only the contingents can have a past sentence (the draw is keyed by agent: skipping it changes nothing else)
        const contingent = c === Cat.formerKulak || c === Cat.criminal;
        s.flags[i] = contingent && rng.block(0, i, Purpose.population)[0]! < formerT ? Flag.former : 0;
        s.offsets[i] = e;
        const d = len > 1 ? Math.min(degree, len - 1) : 0;
        let words: Uint32Array = rng.out;
        for (let k = 0; k < d; k++) {
          // four edges per Philox block
          if ((k & 3) === 0) words = rng.block(0, i, Purpose.network, k >>> 2);
          const w = words[k & 3]!;
          let t = start + Math.floor((w / 4294967296) * (len - 1));
          if (t >= i) t++; // no self-loops
          s.targets[e++] = t;
        }
      }
    }
  }
  s.offsets[i] = e;
}

/** Number of edges `fillPopulation` will write. */
export function edgeCount(counts: number[][], p: Params): number {
  const degree = get(p, 'contacts');
  let e = 0;
  for (const row of counts) {
    const com = [0, 0, 0, 0];
    for (let c = 0; c < CATS; c++) com[COMMUNITY[c]!]! += row[c]!;
    for (let c = 0; c < CATS; c++) {
      const len = com[COMMUNITY[c]!]!;
      e += row[c]! * (len > 1 ? Math.min(degree, len - 1) : 0);
    }
  }
  return e;
}
