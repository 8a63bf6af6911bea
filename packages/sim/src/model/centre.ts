/**
 * The centre's state week by week, as the event queue sets it: threat perception, which
 * campaigns run, the sentencing regime, territorial or central checking, how much protection
 * the family circles still give, interrogation intensity, the limits and the halt.
 */
import { WEEKS } from './calendar.ts';
import { CAMPAIGNS, type Campaign, type QueueEvent, REGIMES, type Regime } from './events.ts';
import { get, type Params } from './params.ts';

export interface Schedule {
  threat: Float64Array;
  /** Bit i set when CAMPAIGNS[i] runs. */
  campaigns: Uint16Array;
  regime: Uint8Array;
  /** 1 = central checking, 0 = territorial. */
  central: Uint8Array;
  protectionFactor: Float64Array;
  namingFactor: Float64Array;
  /** Week in which limits are set (-1: never). */
  limitsWeek: number;
  /** Week of the halt (-1: never). */
  haltWeek: number;
}

export const campaignBit = (c: Campaign) => 1 << CAMPAIGNS.indexOf(c);
export const regimeCode = (r: Regime) => REGIMES.indexOf(r);

export function buildSchedule(events: readonly QueueEvent[], p: Params): Schedule {
  const s: Schedule = {
    threat: new Float64Array(WEEKS),
    campaigns: new Uint16Array(WEEKS),
    regime: new Uint8Array(WEEKS),
    central: new Uint8Array(WEEKS),
    protectionFactor: new Float64Array(WEEKS),
    namingFactor: new Float64Array(WEEKS),
    limitsWeek: -1,
    haltWeek: -1,
  };
  const decay = get(p, 'threatDecayWeeks');
  const base = get(p, 'threatBase');
  const shocks: [number, number][] = [];
  let camp = 0;
  let regime = regimeCode('ogpu');
  let central = 0;
  let prot = 1;
  let naming = 1;
  let k = 0;
  const sorted = [...events].sort((a, b) => a.week - b.week);
  for (let w = 0; w < WEEKS; w++) {
    while (k < sorted.length && sorted[k]!.week <= w) {
      const e = sorted[k++]!;
      for (const f of e.effects) {
        switch (f.kind) {
          case 'threat':
            shocks.push([
              e.week,
              typeof f.size === 'number'
                ? f.size
                : f.size.startsWith('-')
                  ? -get(p, f.size.slice(1))
                  : get(p, f.size),
            ]);
            break;
          case 'campaign':
            camp = f.on ? camp | campaignBit(f.campaign) : camp & ~campaignBit(f.campaign);
            break;
          case 'regime':
            regime = regimeCode(f.regime);
            break;
          case 'checking':
            central = f.mode === 'central' ? 1 : 0;
            break;
          case 'protection':
            prot *= f.factor;
            break;
          case 'naming':
            naming = f.factor;
            break;
          case 'limits':
            if (s.limitsWeek < 0) s.limitsWeek = e.week;
            break;
          case 'halt':
            if (s.haltWeek < 0) s.haltWeek = e.week;
            break;
        }
      }
    }
    let t = base;
    for (const [sw, size] of shocks) t += size * Math.exp(-(w - sw) / decay);
    s.threat[w] = Math.max(0.1, t);
    s.campaigns[w] = camp;
    s.regime[w] = regime;
    s.central[w] = central;
    s.protectionFactor[w] = prot;
    s.namingFactor[w] = naming;
  }
  return s;
}
