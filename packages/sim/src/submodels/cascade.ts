/**
 * The interrogation naming cascade: a political or mass-operation detainee may name contacts on
 * the network; a named person's political hazard is multiplied (arrests.ts) until the name
 * fades. Ordinary-crime detainees name nobody.
 */
import { CHANS, Chan } from '../model/layout.ts';
import { get, type Params } from '../model/params.ts';

/** Probability that a new detainee of each channel names contacts this week. */
export function namingProbabilities(namingFactor: number, p: Params): number[] {
  const out = new Array<number>(CHANS).fill(0);
  const q = Math.min(1, get(p, 'namingProb') * namingFactor);
  out[Chan.mass] = q;
  out[Chan.national] = q;
  out[Chan.political] = q;
  out[Chan.criminal] = 0;
  return out;
}

/** Expected named people per detainee: the cascade's reproduction number is this times the named arrest probability. */
export function expectedNamed(namingFactor: number, degree: number, p: Params): number {
  return Math.min(1, get(p, 'namingProb') * namingFactor) * degree * get(p, 'edgeNamingProb');
}
