/**
 * Sentencing into the categories of Table 1 (shot, camps and prison, exile, other): outcome
 * shares of an ordinary case under each legal regime, police troikas, and the troika decision of
 * the mass operations (category 1 or 2 within the region's limits, see massops.ts).
 */
import { REGIMES, type Regime } from '../model/events.ts';
import { Chan, OUTCOMES } from '../model/layout.ts';
import { get, type Params } from '../model/params.ts';

/** Shares (shot, camps, exiled, other) of NKVD sentences under a regime; they sum to 1. */
export function sentenceShares(regime: Regime, p: Params): [number, number, number, number] {
  let shot: number;
  let camps: number;
  let exiled: number;
  if (regime === 'ogpu') {
    shot = get(p, 'ogpuShot');
    camps = get(p, 'ogpuCamps');
    exiled = get(p, 'ogpuExiled');
  } else if (regime === 'mass-terror') {
    shot = get(p, 'ordinaryShotShare1937');
    camps = (1 - shot) * 0.95;
    exiled = (1 - shot) * 0.02;
  } else {
    // nkvd, and post-halt: the halt returns sentencing to the 1934-36 procedure
    shot = get(p, 'nkvdShot');
    camps = get(p, 'nkvdCamps');
    exiled = get(p, 'nkvdExiled');
  }
  const other = Math.max(0, 1 - shot - camps - exiled);
  return [shot, camps, exiled, other];
}

/**
 * Probabilities of the six outcomes of a processed ordinary case (release, court, shot, camps,
 * exiled, other), for the political or the criminal channel.
 */
export function outcomeProbabilities(regime: Regime, channel: number, p: Params): number[] {
  const ratio = channel === Chan.criminal ? get(p, 'criminalConvictRatio') : 1;
  const release =
    regime === 'post-halt' && channel === Chan.political ? get(p, 'postHaltRelease') : get(p, 'releaseShare');
  const convict = Math.min(1 - release, get(p, 'nkvdConvictShare') * ratio);
  const court = Math.max(0, 1 - release - convict);
  const [s, c, e, o] = sentenceShares(regime, p);
  const out = [release, court, convict * s, convict * c, convict * e, convict * o];
  if (out.length !== OUTCOMES) throw new Error('outcome table size');
  return out;
}

/** Police-troika sentence shares (none shot). */
export function militiaShares(p: Params): [number, number, number, number] {
  const camps = get(p, 'militiaCamps');
  const exiled = get(p, 'militiaExiled');
  return [0, camps, exiled, Math.max(0, 1 - camps - exiled)];
}

export const regimeOf = (code: number): Regime => REGIMES[code]!;

/** Running sums of a probability vector, each capped at 1 (the last forced to 1). */
export function cumulate(ps: readonly number[]): number[] {
  let a = 0;
  const out = ps.map((x) => {
    a += x;
    return Math.min(1, a);
  });
  if (out.length > 0) out[out.length - 1] = 1;
  return out;
}
