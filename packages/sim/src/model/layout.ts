/** Codes and table/counter layouts shared by the kernel (any thread) and the weekly model step. */

/** Population categories (order 00447 names the contingents 3-4; 5 are the national contingents). */
export const Cat = {
  rankAndFile: 0,
  official: 1,
  oppositionist: 2,
  formerKulak: 3,
  criminal: 4,
  national: 5,
  citizen: 6,
} as const;
export const CATS = 7;
export const CAT_NAMES = [
  'rank-and-file',
  'official',
  'oppositionist',
  'former-kulak',
  'criminal',
  'national',
  'citizen',
] as const;
export const isMember = (c: number) => c <= 2;

export const Status = {
  free: 0,
  detained: 1,
  ready: 2,
  camp: 3,
  exile: 4,
  court: 5,
  shot: 6,
  dead: 7,
} as const;
export const STATUSES = 8;

/** Arrest channels. */
export const Chan = { mass: 0, national: 1, political: 2, criminal: 3 } as const;
export const CHANS = 4;

/** Sentence categories of Table 1. */
export const Sent = { shot: 0, camps: 1, exiled: 2, other: 3 } as const;

/** `dies`: an agent in custody whose due week (in `timer`) is its death rather than its release. */
export const Flag = { expelled: 1, former: 2, named: 4, dies: 8 } as const;
/** Variants of a group: named (4) | expelled (2) | former convict (1). */
export const VARIANTS = 8;
export const variantOf = (flags: number) =>
  ((flags & Flag.named) !== 0 ? 4 : 0) |
  ((flags & Flag.expelled) !== 0 ? 2 : 0) |
  ((flags & Flag.former) !== 0 ? 1 : 0);

/** Outcomes of processing an ordinary case, in cumulative order. */
export const Outcome = { release: 0, court: 1, shot: 2, camps: 3, exiled: 4, other: 5 } as const;
export const OUTCOMES = 6;

export function tableLayout(regions: number) {
  const groups = regions * CATS * VARIANTS;
  let o = 0;
  const take = (n: number) => {
    const s = o;
    o += n;
    return s;
  };
  const T = {
    arrest: take(groups * 4),
    expel: take(CATS),
    militia: take(CATS),
    proc: take(CHANS),
    out: take(2 * OUTCOMES), // political, criminal
    name: take(CHANS),
    edge: take(1),
    namedDecay: take(1),
    natShot: take(1),
    death: take(3), // camp, exile, court
    mean: take(4), // camp, exile, court, militia camp
    militiaOut: take(4),
    halted: take(1),
    size: 0,
  };
  T.size = o;
  return T;
}

export function counterLayout(regions: number) {
  let o = 0;
  const take = (n: number) => {
    const s = o;
    o += n;
    return s;
  };
  const K = {
    census: take(regions * CATS * VARIANTS),
    detMass: take(regions),
    readyMass: take(regions),
    arrest: take(CHANS),
    conv: take(4),
    militia: take(4),
    expel: take(CATS),
    arrestExpelled: take(1),
    death: take(1),
    release: take(1),
    ready: take(1),
    arrestCat: take(CATS),
    size: 0,
  };
  K.size = o;
  return K;
}
