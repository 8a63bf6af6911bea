/**
 * Party screenings: the 1933 purge, the 1935 verification, the 1936 exchange and the hunt after
 * the July 1936 letter. Under territorial checking the regional machine deflects expulsions from
 * its own cadres onto the rank and file; under central checking the weight rises with rank
 * (Table 5). Former oppositionists weigh more as the label narrows onto them (Table 4).
 */
import { CAMPAIGNS, type Campaign } from '../model/events.ts';
import { CATS, Cat } from '../model/layout.ts';
import { get, type Params } from '../model/params.ts';

const has = (mask: number, c: Campaign) => (mask & (1 << CAMPAIGNS.indexOf(c))) !== 0;

/** Weekly expulsion probability of a (not yet expelled) member of each category. */
export function expulsionRates(campaigns: number, central: boolean, p: Params): number[] {
  const out = new Array<number>(CATS).fill(0);
  const official = central ? get(p, 'centralRankWeight') : get(p, 'territorialDeflection');
  const add = (rate: number, opp: number) => {
    out[Cat.rankAndFile]! += rate;
    out[Cat.official]! += rate * official;
    out[Cat.oppositionist]! += rate * opp;
  };
  if (has(campaigns, 'purge-1933')) add(get(p, 'purgeRate'), get(p, 'oppWeightVerification'));
  if (has(campaigns, 'verification-1935')) add(get(p, 'verificationRate'), get(p, 'oppWeightVerification'));
  if (has(campaigns, 'exchange-1936')) add(get(p, 'exchangeRate'), get(p, 'oppWeightExchange'));
  if (has(campaigns, 'hunt-1936')) add(get(p, 'huntRate'), get(p, 'oppWeightHunt'));
  return out.map((x) => Math.min(1, x));
}
