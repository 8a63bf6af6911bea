/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), as published with Random123. A block of four 32-bit words
 * is a pure function of a 128-bit counter and a 64-bit key, so any random number can be computed
 * in any order on any thread: the model keys it by (seed, week, agent, purpose).
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const M0L = M0 & 0xffff;
const M0H = M0 >>> 16;
const M1L = M1 & 0xffff;
const M1H = M1 >>> 16;

/** High 32 bits of a 32x32-bit product with the multiplier split in 16-bit halves. */
function mulhi(bl: number, bh: number, a: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Writes Philox4x32-10(counter, key) into `out[0..3]`. All arguments are unsigned 32-bit words.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi(M0L, M0H, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi(M1L, M1H, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** 2^32, to turn a probability into a 32-bit threshold: an event happens when `word < threshold`. */
export const TWO32 = 4294967296;

/** The threshold for probability p (clamped to [0, 1]): `word < threshold(p)` has probability p. */
export function threshold(p: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return TWO32;
  return Math.floor(p * TWO32);
}

/** A uniform number in (0, 1) from a 32-bit word (never 0, so `-log(u)` is finite). */
export function unit(word: number): number {
  return (word + 0.5) / TWO32;
}

/** Purposes: the third counter word, so that each decision has its own stream. */
export const Purpose = {
  agentWeek: 1,
  naming: 2,
  troika: 3,
  approval: 4,
  population: 5,
  network: 6,
  request: 7,
  /** A free agent's events given that it is a thinning candidate (extra 0: keep/which, 1: details). */
  event: 8,
  /** Geometric gaps between thinning candidates of a block of agents (counter word 0 is the block). */
  gap: 9,
} as const;

/**
 * A keyed stream: `block(week, agent, purpose, extra)` is Philox4x32-10 with counter
 * (agent, week, purpose, extra) and key (seed, stream). Same inputs, same words, on any thread.
 */
export class Keyed {
  readonly out = new Uint32Array(4);
  constructor(
    readonly seed: number,
    readonly stream = 0x0915,
  ) {}
  block(week: number, agent: number, purpose: number, extra = 0): Uint32Array {
    philox4x32(agent >>> 0, week >>> 0, purpose >>> 0, extra >>> 0, this.seed >>> 0, this.stream, this.out);
    return this.out;
  }
  /** One uniform in (0, 1). */
  uniform(week: number, agent: number, purpose: number, extra = 0): number {
    return unit(this.block(week, agent, purpose, extra)[0]!);
  }
}
