/**
 * The model: one Simulation holds the agents (engine state), the centre's schedule and the
 * regions' limits, and advances week by week: the centre writes the week's table, the kernel
 * runs over all agents (in one thread or several), then the troikas sentence the mass-operation
 * cases within the limits, regions request and the centre approves, and the observer counts
 * what Table 1 counts.
 */

import { workerRunner } from '#threads';
import { hash64 } from '../engine/hash.ts';
import { Keyed, Purpose, threshold, unit } from '../engine/philox.ts';
import { inlineRunner, type Runner } from '../engine/pool.ts';
import { allocate, type Dims, restoreBytes, type State, snapshotBytes } from '../engine/state.ts';
import { arrestHazards, cumulative, massWeight } from '../submodels/arrests.ts';
import { namingProbabilities } from '../submodels/cascade.ts';
import { deathRates, meanTerms } from '../submodels/custody.ts';
import {
  type LimitsState,
  limitViolations,
  massRate,
  requestsAndDecisions,
  setLimits,
  trySentence,
} from '../submodels/massops.ts';
import { expulsionRates } from '../submodels/screening.ts';
import { cumulate, militiaShares, outcomeProbabilities, regimeOf } from '../submodels/sentencing.ts';
import { FIRST_YEAR, WEEK_YEAR_INDEX, WEEKS, YEARS } from './calendar.ts';
import { buildSchedule, campaignBit, type Schedule } from './centre.ts';
import type { QueueEvent } from './events.ts';
import { BLOCK, placeCustody, runKernel, VISIT } from './kernel.ts';
import { CATS, Chan, counterLayout, Status, tableLayout, VARIANTS, variantOf } from './layout.ts';
import { get, type Params } from './params.ts';
import { edgeCount, fillPopulation, populationCounts, populationSize } from './population.ts';

export interface SimConfig {
  params: Params;
  events: readonly QueueEvent[];
  seed: number;
  /** People per agent (k). */
  scale: number;
  /** Multiplies every population and limit (small test worlds); default 1. */
  popScale?: number;
  /** Worker threads; 1 (default) runs in the calling thread. */
  workers?: number;
}

/** Fields observed per year, in persons at full scale. */
export const FIELDS = [
  'arrested',
  'arrestedPolitical',
  'convicted',
  'shot',
  'camps',
  'exiled',
  'other',
  'expelled',
  'arrestsOfExpelled',
  'massSentenced',
  'massShot',
  'nationalArrests',
  'militiaSentences',
  'deaths',
  'releases',
] as const;
export type Field = (typeof FIELDS)[number];
const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

export type YearRow = { year: number } & Record<Field, number>;

export interface SimResult {
  seed: number;
  scale: number;
  paramsHash: string;
  years: YearRow[];
  requests: number;
  approvals: number;
  limitViolations: string[];
  /** Mass-operation limits in persons, all regions, [category 1, category 2]: as first set and at the end (null: no limits were set). */
  limits: { original: [number, number]; final: [number, number] } | null;
}

export interface Snapshot {
  version: 1;
  week: number;
  seed: number;
  scale: number;
  popScale: number;
  paramsHash: string;
  bytes: string;
  main: {
    detMass: number[];
    readyPending: number[];
    obs: number[];
    limits: LimitsState | null;
  };
}

export function paramsHash(
  p: Params,
  events: readonly QueueEvent[],
  scale: number,
  popScale: number,
): string {
  return hash64(
    JSON.stringify(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1))) +
      JSON.stringify(events.map((e) => [e.id, e.week, e.effects])) +
      `${scale}/${popScale}`,
  );
}

export class Simulation {
  readonly R: number;
  readonly state: State;
  readonly schedule: Schedule;
  readonly hash: string;
  week = 0;
  private census: Int32Array;
  private detMass: Int32Array;
  private readyPending: Int32Array;
  private obs: Float64Array;
  limits: LimitsState | null = null;
  private readonly T;
  private readonly K;
  private readonly sums: Int32Array;
  private readonly rng: Keyed;

  private constructor(
    readonly cfg: Required<SimConfig>,
    state: State,
    private readonly runner: Runner,
  ) {
    this.R = get(cfg.params, 'regions');
    this.state = state;
    this.schedule = buildSchedule(cfg.events, cfg.params);
    this.hash = paramsHash(cfg.params, cfg.events, cfg.scale, cfg.popScale);
    this.T = tableLayout(this.R);
    this.K = counterLayout(this.R);
    this.sums = new Int32Array(this.K.size);
    this.census = new Int32Array(this.R * CATS * VARIANTS);
    this.detMass = new Int32Array(this.R);
    this.readyPending = new Int32Array(this.R);
    this.obs = new Float64Array(YEARS.length * FIELDS.length);
    this.rng = new Keyed(cfg.seed, 0x7a11);
  }

  static async create(config: SimConfig): Promise<Simulation> {
    const cfg: Required<SimConfig> = { popScale: 1, workers: 1, ...config };
    const counts = populationCounts(cfg.params, cfg.scale, cfg.popScale);
    const R = get(cfg.params, 'regions');
    const dims: Dims = {
      n: populationSize(counts),
      edges: edgeCount(counts, cfg.params),
      table: tableLayout(R).size,
      counters: counterLayout(R).size,
      slots: Math.max(1, cfg.workers),
      blocks: Math.ceil(populationSize(counts) / VISIT),
    };
    const state = allocate(dims);
    // the threads start (and load their code) while this thread fills the population
    const threads =
      cfg.workers > 1
        ? workerRunner(state, new URL('./kernel.ts', import.meta.url).href, cfg.workers, BLOCK)
        : null;
    try {
      fillPopulation(state, counts, cfg.params, cfg.seed >>> 0);
    } catch (e) {
      await (await threads)?.close();
      throw e;
    }
    const runner = threads
      ? await threads
      : inlineRunner(state, runKernel as (s: State, ...a: number[]) => void, 1, BLOCK);
    const sim = new Simulation(cfg, state, runner);
    sim.initialCensus();
    return sim;
  }

  /** A simulation resumed from a snapshot (same parameters, events and scale; any worker count). */
  static async resume(snap: Snapshot, config: SimConfig): Promise<Simulation> {
    const sim = await Simulation.create(config);
    if (snap.paramsHash !== sim.hash || snap.seed !== sim.cfg.seed)
      throw new Error('snapshot was taken with other parameters, events, scale or seed');
    restoreBytes(sim.state, new Uint8Array(Buffer.from(snap.bytes, 'base64')));
    sim.week = snap.week;
    // the census is a function of the agent bytes: recounted, not stored
    sim.initialCensus();
    sim.detMass.set(snap.main.detMass);
    sim.readyPending.set(snap.main.readyPending);
    sim.obs.set(snap.main.obs);
    sim.limits = snap.main.limits === null ? null : structuredClone(snap.main.limits);
    return sim;
  }

  snapshot(): Snapshot {
    return {
      version: 1,
      week: this.week,
      seed: this.cfg.seed,
      scale: this.cfg.scale,
      popScale: this.cfg.popScale,
      paramsHash: this.hash,
      bytes: Buffer.from(snapshotBytes(this.state)).toString('base64'),
      main: {
        detMass: [...this.detMass],
        readyPending: [...this.readyPending],
        obs: [...this.obs],
        limits: this.limits === null ? null : structuredClone(this.limits),
      },
    };
  }

  /**
   * Counts the free agents by group from the agent bytes, into each worker's counter slot (the
   * kernel keeps it up to date from then on) and into the main thread's copy.
   */
  private initialCensus(): void {
    const { state: s, K } = this;
    const G = this.census.length;
    this.census.fill(0);
    this.runner.ranges.forEach(([lo, hi], slot) => {
      const c = s.counters.subarray(slot * K.size + K.census, slot * K.size + K.census + G);
      c.fill(0);
      for (let i = lo; i < hi; i++) {
        if (s.status[i] !== Status.free) continue;
        const g = (s.region[i]! * CATS + s.cat[i]!) * VARIANTS + variantOf(s.flags[i]!);
        c[g]!++;
        this.census[g]!++;
      }
    });
  }

  private weightedEligible(): number[] {
    const p = this.cfg.params;
    const w: number[] = [];
    const mw: number[] = [];
    for (let c = 0; c < CATS; c++) for (let v = 0; v < VARIANTS; v++) mw.push(massWeight(c, v, p));
    for (let r = 0; r < this.R; r++) {
      let s = 0;
      for (let g = 0; g < CATS * VARIANTS; g++) s += this.census[r * CATS * VARIANTS + g]! * mw[g]!;
      w.push(s * this.cfg.scale);
    }
    return w;
  }

  private writeTable(w: number): void {
    const p = this.cfg.params;
    const sch = this.schedule;
    const T = this.T;
    const tb = this.state.table;
    const k = this.cfg.scale;
    const camp = sch.campaigns[w]!;
    const halted = sch.haltWeek >= 0 && w >= sch.haltWeek;
    if (sch.limitsWeek >= 0 && w >= sch.limitsWeek && this.limits === null) {
      this.limits = setLimits(
        this.weightedEligible(),
        get(p, 'limitCat1') * this.cfg.popScale,
        get(p, 'limitCat2') * this.cfg.popScale,
        k,
      );
    }
    const massOn = (camp & campaignBit('mass-operation')) !== 0 && this.limits !== null && !halted;
    const ctx = {
      threat: sch.threat[w]!,
      theftLaw: (camp & campaignBit('theft-law')) !== 0,
      postHalt: halted,
      protection: get(p, 'protection') * sch.protectionFactor[w]!,
      nationalOps: (camp & campaignBit('national-operations')) !== 0 && !halted,
      softLine: (camp & campaignBit('soft-line')) !== 0,
    };
    const rates = new Array<number>(this.R).fill(0);
    if (massOn) {
      const L = this.limits!;
      const weighted = this.weightedEligible();
      for (let r = 0; r < this.R; r++) {
        const remaining =
          L.limit[2 * r]! -
          L.used[2 * r]! +
          L.limit[2 * r + 1]! -
          L.used[2 * r + 1]! -
          (this.detMass[r]! + this.readyPending[r]!) * k;
        rates[r] = massRate(remaining, weighted[r]!, get(p, 'massPace'));
      }
    }
    for (let c = 0; c < CATS; c++)
      for (let v = 0; v < VARIANTS; v++) {
        const h = arrestHazards(c, v, 1, ctx, p);
        const rest = cumulative({ ...h, mass: 0 });
        // without a mass-operation rate, every region has the same four thresholds
        const t1 = threshold(rest[1]);
        const t2 = threshold(rest[2]);
        const t3 = threshold(rest[3]);
        for (let r = 0; r < this.R; r++) {
          const g = T.arrest + ((r * CATS + c) * VARIANTS + v) * 4;
          const m = Math.min(1, h.mass * rates[r]!);
          if (m === 0) {
            tb[g] = 0;
            tb[g + 1] = t1;
            tb[g + 2] = t2;
            tb[g + 3] = t3;
            continue;
          }
          tb[g] = threshold(m);
          tb[g + 1] = threshold(m + rest[1]);
          tb[g + 2] = threshold(m + rest[2]);
          tb[g + 3] = threshold(m + rest[3]);
        }
      }
    const expel = expulsionRates(camp, sch.central[w] === 1, p);
    for (let c = 0; c < CATS; c++) {
      tb[T.expel + c] = threshold(expel[c]!);
      const militia = (camp & campaignBit('militia-troikas')) !== 0 && (c === 4 || c === 6);
      tb[T.militia + c] = threshold(militia ? get(p, 'militiaRate') : 0);
    }
    const inv = 1 / get(p, 'investigationWeeks');
    const massInv = 1 / get(p, 'massInvestigationWeeks');
    tb[T.proc + Chan.mass] = threshold(massInv);
    tb[T.proc + Chan.national] = threshold(massInv);
    tb[T.proc + Chan.political] = threshold(inv);
    tb[T.proc + Chan.criminal] = threshold(inv);
    const regime = regimeOf(sch.regime[w]!);
    const op = cumulate(outcomeProbabilities(regime, Chan.political, p));
    const oc = cumulate(outcomeProbabilities(regime, Chan.criminal, p));
    for (let j = 0; j < 6; j++) {
      tb[T.out + j] = threshold(op[j]!);
      tb[T.out + 6 + j] = threshold(oc[j]!);
    }
    const names = namingProbabilities(sch.namingFactor[w]!, p);
    for (let j = 0; j < 4; j++) tb[T.name + j] = threshold(names[j]!);
    tb[T.edge] = threshold(get(p, 'edgeNamingProb'));
    tb[T.namedDecay] = threshold(1 / get(p, 'namedDecayWeeks'));
    tb[T.natShot] = threshold(get(p, 'nationalShotShare'));
    const d = deathRates(p);
    const m = meanTerms(p);
    for (let j = 0; j < 3; j++) tb[T.death + j] = threshold(d[j]!);
    for (let j = 0; j < 4; j++) tb[T.mean + j] = m[j]!;
    const ms = cumulate(militiaShares(p));
    for (let j = 0; j < 4; j++) tb[T.militiaOut + j] = threshold(ms[j]!);
    tb[T.halted] = halted ? 1 : 0;
  }

  /** Advances one week. */
  async step(): Promise<void> {
    const w = this.week;
    if (w >= WEEKS) return;
    const { cfg, state, K } = this;
    this.writeTable(w);
    await this.runner.run((slot, lo, hi) => [this.R, cfg.seed >>> 0, w, lo, hi, slot]);
    // sum the worker slots (integers: the order does not matter)
    const sums = this.sums;
    sums.fill(0);
    for (let s = 0; s < state.dims.slots; s++) {
      const b = s * K.size;
      for (let j = 0; j < K.size; j++) sums[j]! += state.counters[b + j]!;
    }
    this.census.set(sums.subarray(K.census, K.census + this.census.length));
    this.detMass.set(sums.subarray(K.detMass, K.detMass + this.R));
    const y = WEEK_YEAR_INDEX[w]! * FIELDS.length;
    const k = cfg.scale;
    const o = this.obs;
    const arrests = sums[K.arrest]! + sums[K.arrest + 1]! + sums[K.arrest + 2]! + sums[K.arrest + 3]!;
    o[y + F.arrested]! += arrests * k;
    o[y + F.arrestedPolitical]! += (arrests - sums[K.arrest + Chan.criminal]!) * k;
    o[y + F.nationalArrests]! += sums[K.arrest + Chan.national]! * k;
    const cats = [F.shot, F.camps, F.exiled, F.other];
    for (let j = 0; j < 4; j++) {
      const n = sums[K.conv + j]! + sums[K.militia + j]!;
      o[y + cats[j]!]! += n * k;
      o[y + F.convicted]! += n * k;
      o[y + F.militiaSentences]! += sums[K.militia + j]! * k;
    }
    for (let c = 0; c < 3; c++) o[y + F.expelled]! += sums[K.expel + c]! * k;
    o[y + F.arrestsOfExpelled]! += sums[K.arrestExpelled]! * k;
    o[y + F.deaths]! += sums[K.death]! * k;
    o[y + F.releases]! += sums[K.release]! * k;
    this.troikas(w, y);
    this.week = w + 1;
  }

  /** Troika sentencing of ready mass-operation cases within limits; requests and approvals. */
  private troikas(w: number, y: number): void {
    const { state, K, cfg } = this;
    const p = cfg.params;
    const k = cfg.scale;
    this.readyPending.fill(0);
    const L = this.limits;
    if (L === null) return;
    const cat1T = threshold(get(p, 'cat1Share'));
    const campMean = get(p, 'campTermWeeks');
    const campDeathT = threshold(deathRates(p)[0]);
    const o = this.obs;
    const ranges = this.runner.ranges;
    for (let s = 0; s < ranges.length; s++) {
      const lo = ranges[s]![0];
      const n = state.counters[s * K.size + K.ready]!;
      for (let j = 0; j < n; j++) {
        const i = state.ready[lo + j]!;
        const r = state.region[i]!;
        const b = this.rng.block(w, i, Purpose.troika);
        const category: 1 | 2 = b[0]! < cat1T ? 1 : 2;
        if (!trySentence(L, r, category, k)) {
          this.readyPending[r]!++;
          continue;
        }
        o[y + F.convicted]! += k;
        o[y + F.massSentenced]! += k;
        if (category === 1) {
          state.status[i] = Status.shot;
          o[y + F.shot]! += k;
          o[y + F.massShot]! += k;
        } else {
          state.status[i] = Status.camp;
          const t = Math.min(65535, Math.max(1, Math.round(-Math.log(unit(b[1]!)) * campMean)));
          placeCustody(state.timer, state.flags, i, w, t, campDeathT, b[2]!);
          o[y + F.camps]! += k;
        }
      }
    }
    const sch = this.schedule;
    const halted = sch.haltWeek >= 0 && w >= sch.haltWeek;
    const open = !halted && (sch.campaigns[w]! & campaignBit('mass-operation')) !== 0;
    const approvalT = threshold(get(p, 'approvalProb'));
    requestsAndDecisions(L, w, open, {
      requestFill: get(p, 'requestFill'),
      requestSize: get(p, 'requestSize'),
      approvalDelayWeeks: get(p, 'approvalDelayWeeks'),
      scale: k,
      approve: (week, region, category) =>
        this.rng.block(week, region, Purpose.approval, category)[0]! < approvalT,
      uniform: (week, region, category) => unit(this.rng.block(week, region, Purpose.request, category)[0]!),
    });
  }

  async run(untilWeek = WEEKS, onProgress?: (done: number, total: number) => void): Promise<void> {
    while (this.week < untilWeek) {
      await this.step();
      if (onProgress && (this.week % 52 === 0 || this.week === untilWeek)) onProgress(this.week, untilWeek);
    }
  }

  result(): SimResult {
    const years: YearRow[] = YEARS.map((year, yi) => {
      const row = { year } as YearRow;
      FIELDS.forEach((f, j) => {
        row[f] = this.obs[yi * FIELDS.length + j]!;
      });
      return row;
    });
    const ledger = this.limits?.ledger ?? [];
    return {
      seed: this.cfg.seed,
      scale: this.cfg.scale,
      paramsHash: this.hash,
      years,
      requests: ledger.filter((e) => e.kind === 'request').length,
      approvals: ledger.filter((e) => e.kind === 'approved').length,
      limitViolations: this.limits ? limitViolations(this.limits) : [],
      limits: this.limits ? limitTotals(this.limits) : null,
    };
  }

  /** Agents per status (the population is conserved: these always sum to n). */
  statusCounts(): number[] {
    const out = new Array(8).fill(0);
    for (let i = 0; i < this.state.dims.n; i++) out[this.state.status[i]!]++;
    return out;
  }

  async close(): Promise<void> {
    await this.runner.close();
  }
}

/** Runs one whole simulation and returns its yearly observations. */
export async function simulate(
  cfg: SimConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<SimResult> {
  const sim = await Simulation.create(cfg);
  try {
    await sim.run(WEEKS, onProgress);
    return sim.result();
  } finally {
    await sim.close();
  }
}

export { FIRST_YEAR };

/** Limits summed over regions, per category, as first set and at the end. */
function limitTotals(L: LimitsState): { original: [number, number]; final: [number, number] } {
  const total = (a: readonly number[], k: number) => a.reduce((x, v, i) => x + (i % 2 === k ? v : 0), 0);
  return {
    original: [total(L.original, 0), total(L.original, 1)],
    final: [total(L.limit, 0), total(L.limit, 1)],
  };
}
