/**
 * Mass operations: limits per region and category (1 = shooting, 2 = camp), set centrally,
 * filled by the regions, and raised on request when the centre approves. The ledger records
 * every request and decision, so that "no limit exceeded without a recorded approval" can be
 * checked after any run.
 */
import { largestRemainder } from '../model/apportion.ts';

export interface LedgerEntry {
  week: number;
  region: number;
  /** 1 or 2. */
  category: number;
  kind: 'request' | 'approved' | 'denied';
  /** Persons. */
  amount: number;
}

export interface LimitsState {
  /** [region * 2 + (category - 1)], persons. */
  original: number[];
  limit: number[];
  used: number[];
  /** Cases waiting for want of limit this week, in agents. */
  pending: number[];
  /** Open request: decision week, or -1. */
  due: number[];
  amount: number[];
  /** No new request before this week. */
  cooldown: number[];
  ledger: LedgerEntry[];
}

/**
 * Splits the total limits among regions in proportion to their eligible people, in whole agents
 * (multiples of `scale`), by largest remainder so that the totals are kept exactly.
 */
export function setLimits(
  eligible: readonly number[],
  cat1: number,
  cat2: number,
  scale: number,
): LimitsState {
  const R = eligible.length;
  const total = eligible.reduce((a, b) => a + b, 0) || 1;
  const split = (amount: number) => {
    const raw = eligible.map((e) => ((amount / scale) * e) / total);
    return largestRemainder(raw, Math.round(amount / scale)).map((x) => x * scale);
  };
  const c1 = split(cat1);
  const c2 = split(cat2);
  const original: number[] = [];
  for (let r = 0; r < R; r++) original.push(c1[r]!, c2[r]!);
  return {
    original,
    limit: [...original],
    used: new Array(2 * R).fill(0),
    pending: new Array(2 * R).fill(0),
    due: new Array(2 * R).fill(-1),
    amount: new Array(2 * R).fill(0),
    cooldown: new Array(2 * R).fill(0),
    ledger: [],
  };
}

/** Tries to use one agent's worth (`scale` persons) of a limit; false when it would exceed it. */
export function trySentence(s: LimitsState, region: number, category: 1 | 2, scale: number): boolean {
  const i = region * 2 + category - 1;
  if (s.used[i]! + scale > s.limit[i]!) {
    s.pending[i]!++;
    return false;
  }
  s.used[i]! += scale;
  return true;
}

export interface RequestRules {
  requestFill: number;
  requestSize: number;
  approvalDelayWeeks: number;
  scale: number;
  /** Decides a due request: true = approved (a keyed random draw in the model). */
  approve: (week: number, region: number, category: number) => boolean;
  /** A uniform in (0, 1) for unbiased rounding of a request to whole agents. */
  uniform: (week: number, region: number, category: number) => number;
}

/**
 * Regions short of limit (cases pending, or the limit nearly used) file requests; due requests
 * are decided. `open` false (after the halt, or with requests switched off) files none.
 */
export function requestsAndDecisions(s: LimitsState, week: number, open: boolean, rules: RequestRules): void {
  const R = s.limit.length / 2;
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < 2; k++) {
      const i = r * 2 + k;
      if (s.due[i]! >= 0 && week >= s.due[i]!) {
        const ok = open && rules.approve(week, r, k + 1);
        s.ledger.push({
          week,
          region: r,
          category: k + 1,
          kind: ok ? 'approved' : 'denied',
          amount: s.amount[i]!,
        });
        if (ok) s.limit[i]! += s.amount[i]!;
        s.due[i] = -1;
        s.cooldown[i] = week + (ok ? 1 : 4);
      }
      const short = s.pending[i]! > 0 || s.used[i]! >= rules.requestFill * s.limit[i]!;
      if (open && short && s.due[i]! < 0 && week >= s.cooldown[i]!) {
        // the request is a share of the original limit (of the region's eligible people when it had none),
        // rounded to whole agents without bias
        const basis = s.original[i]! > 0 ? s.original[i]! : rules.scale;
        const x = (rules.requestSize * basis) / rules.scale;
        const agents = Math.floor(x) + (rules.uniform(week, r, k + 1) < x - Math.floor(x) ? 1 : 0);
        const amount = Math.max(1, agents) * rules.scale;
        s.amount[i] = amount;
        s.due[i] = week + rules.approvalDelayWeeks;
        s.ledger.push({ week, region: r, category: k + 1, kind: 'request', amount });
      }
      s.pending[i] = 0;
    }
  }
}

/** Checks used <= original + approved increases for every region and category. */
export function limitViolations(s: LimitsState): string[] {
  const approved = new Array(s.limit.length).fill(0);
  for (const e of s.ledger) if (e.kind === 'approved') approved[e.region * 2 + e.category - 1] += e.amount;
  const out: string[] = [];
  for (let i = 0; i < s.limit.length; i++)
    if (s.used[i]! > s.original[i]! + approved[i]!)
      out.push(
        `region ${i >> 1} category ${(i & 1) + 1}: used ${s.used[i]} > ${s.original[i]! + approved[i]!}`,
      );
  return out;
}

/** Weekly mass-arrest multiplier for a region: the pace of filling its unused limit. */
export function massRate(remainingPersons: number, weightedEligiblePersons: number, pace: number): number {
  if (remainingPersons <= 0 || weightedEligiblePersons <= 0) return 0;
  return Math.min(0.5, (pace * remainingPersons) / weightedEligiblePersons);
}
