/** Releases, deaths and transfers: custody terms and death hazards in camps, exile and court custody. */
import { get, type Params } from '../model/params.ts';

/** Weekly death probabilities in camp, exile and court custody. */
export function deathRates(p: Params): [number, number, number] {
  const m = get(p, 'campMortality');
  return [m, m / 3, m / 2];
}

/** Mean terms in weeks: camp, exile, court custody, police-troika camp. */
export function meanTerms(p: Params): [number, number, number, number] {
  const camp = get(p, 'campTermWeeks');
  return [camp, get(p, 'exileTermWeeks'), get(p, 'courtTermWeeks'), camp / 2];
}
