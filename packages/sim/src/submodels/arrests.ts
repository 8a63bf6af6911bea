/**
 * NKVD arrests: weekly hazards of a free person by channel. Ordinary crimes follow the police
 * line (raised by the 1932 theft law); political arrests follow the centre's threat perception,
 * raised for people named in interrogations and for expelled members, and cut for cadres
 * protected by a family circle; mass-operation arrests fill the region's unused limits;
 * national operations take the national contingents.
 */
import { Cat, Flag, isMember } from '../model/layout.ts';
import { get, type Params } from '../model/params.ts';

export interface ArrestContext {
  threat: number;
  theftLaw: boolean;
  postHalt: boolean;
  /** Effective protection of machine cadres, 0..1. */
  protection: number;
  nationalOps: boolean;
  /** Procurator sanction required for arrests (mid-1935 to September 1936): ordinary arrests fall. */
  softLine: boolean;
}

export interface Hazards {
  mass: number;
  national: number;
  political: number;
  criminal: number;
}

/** Variant bits: 4 named, 2 expelled, 1 former convict (see layout.variantOf). */
export function arrestHazards(
  cat: number,
  variant: number,
  massRate: number,
  x: ArrestContext,
  p: Params,
): Hazards {
  const named = (variant & 4) !== 0;
  const expelled = (variant & 2) !== 0;
  const member = isMember(cat);
  const crimW = member
    ? get(p, 'crimWeightMember')
    : cat === Cat.formerKulak || cat === Cat.national
      ? get(p, 'crimWeightContingent')
      : 1;
  const criminal =
    get(p, 'ordinaryArrestRate') *
    crimW *
    (x.theftLaw ? get(p, 'theftLawMultiplier') : 1) *
    (x.softLine ? get(p, 'softLineFactor') : 1);
  const polW =
    cat === Cat.oppositionist
      ? get(p, 'polWeightOpposition')
      : member
        ? 1
        : cat === Cat.formerKulak || cat === Cat.national
          ? get(p, 'polWeightContingent')
          : get(p, 'polWeightOther');
  let political = get(p, 'politicalArrestRate') * x.threat * polW;
  if (named) political *= get(p, 'namedBoost');
  if (expelled) political *= get(p, 'expelledBoost');
  if (cat === Cat.official) political *= 1 - x.protection;
  if (x.postHalt) political *= get(p, 'postHaltArrestFactor');
  const mass = massRate * massWeight(cat, variant, p);
  const national = x.nationalOps && cat === Cat.national ? get(p, 'nationalRate') : 0;
  return { mass, national, political, criminal };
}

/** Weight of a group among the contingents of order 00447 (0: not a contingent). */
export function massWeight(cat: number, variant: number, p: Params): number {
  const expelled = (variant & 2) !== 0;
  const former = (variant & 1) !== 0;
  let w = 0;
  if (cat === Cat.formerKulak || cat === Cat.criminal) w = 1;
  else if (isMember(cat) && expelled) w = get(p, 'massWeightExpelled');
  else if (former) w = 1;
  if (former) w *= get(p, 'formerConvictBoost');
  if ((variant & 4) !== 0) w *= 2;
  return w;
}

/** Cumulative per-week probabilities (mass, +national, +political, +criminal), capped at 1. */
export function cumulative(h: Hazards): [number, number, number, number] {
  const a = Math.min(1, h.mass);
  const b = Math.min(1, a + h.national);
  const c = Math.min(1, b + h.political);
  const d = Math.min(1, c + h.criminal);
  return [a, b, c, d];
}

export { Flag };
