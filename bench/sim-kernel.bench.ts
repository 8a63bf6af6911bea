/**
 * The simulation kernel: struct-of-arrays typed arrays drawing random numbers only where
 * something can happen (opis) against a straightforward object-per-agent implementation of the
 * same weekly model with one Philox block per agent and week, on the same state and weeks; the
 * kernel on two worker threads against one thread; and, with SIM_FULL=1, whole runs of 3 million
 * agents over the 416 weeks.
 */
import { Purpose, philox4x32, unit } from '../packages/sim/src/engine/philox.ts';
import { workerRunner } from '../packages/sim/src/engine/threads.ts';
import { loadModelEvents } from '../packages/sim/src/model/event-files.ts';
import { BLOCK, runKernel } from '../packages/sim/src/model/kernel.ts';
import {
  CATS,
  Chan,
  counterLayout,
  Flag,
  OUTCOMES,
  Status,
  tableLayout,
  VARIANTS,
} from '../packages/sim/src/model/layout.ts';
import { defaultParams } from '../packages/sim/src/model/params.ts';
import { Simulation } from '../packages/sim/src/model/sim.ts';
import { compare } from './harness.ts';

interface Agent {
  cat: number;
  region: number;
  status: number;
  flags: number;
  chan: number;
  timer: number;
  named: [number, number];
  contacts: Agent[];
}

/**
 * The weekly model of packages/sim/src/model/kernel.ts with one draw per agent and week, over
 * agent objects: returns the step of one agent in `week` (counters zeroed).
 */
function weekStep(tb: Float64Array, cnt: Int32Array, regions: number, seed: number, week: number) {
  const T = tableLayout(regions);
  const K = counterLayout(regions);
  cnt.fill(0);
  const out = new Uint32Array(4);
  const eout = new Uint32Array(4);
  const rd = (week + 1) & 1;
  const wr = week & 1;
  const dur = (w: number, mean: number) =>
    Math.min(65535, Math.max(1, Math.round(-Math.log(unit(w)) * mean)));
  return (a: Agent, i: number): void => {
    if (a.status === Status.shot || a.status === Status.dead) {
      a.named[rd] = 0;
      return;
    }
    philox4x32(i, week, Purpose.agentWeek, 0, seed, 0x0915, out);
    const [w0, w1, w2, w3] = out as unknown as [number, number, number, number];
    let f = a.flags;
    if (a.named[rd]) {
      a.named[rd] = 0;
      f |= Flag.named;
    }
    if (a.status === Status.free) {
      const v = (f & Flag.named ? 4 : 0) | (f & Flag.expelled ? 2 : 0) | (f & Flag.former ? 1 : 0);
      if (f & Flag.named && w3 < tb[T.namedDecay]!) f &= ~Flag.named;
      if (a.cat <= 2 && !(f & Flag.expelled) && w1 < tb[T.expel + a.cat]!) {
        f |= Flag.expelled;
        cnt[K.expel + a.cat]!++;
      }
      if (w1 < tb[T.militia + a.cat]!) {
        const k =
          w2 < tb[T.militiaOut]! ? 0 : w2 < tb[T.militiaOut + 1]! ? 1 : w2 < tb[T.militiaOut + 2]! ? 2 : 3;
        cnt[K.militia + k]!++;
        if (k === 0) a.status = Status.shot;
        else if (k === 1) {
          a.status = Status.camp;
          a.timer = dur(w3, tb[T.mean + 3]!);
        } else if (k === 2) {
          a.status = Status.exile;
          a.timer = dur(w3, tb[T.mean + 1]!);
        }
        a.flags = f & ~Flag.named;
        return;
      }
      const g = ((a.region * CATS + a.cat) * VARIANTS + v) * 4;
      if (w0 < tb[T.arrest + g + 3]!) {
        const ch =
          w0 < tb[T.arrest + g]! ? 0 : w0 < tb[T.arrest + g + 1]! ? 1 : w0 < tb[T.arrest + g + 2]! ? 2 : 3;
        a.status = Status.detained;
        a.chan = ch;
        a.timer = 0;
        cnt[K.arrest + ch]!++;
        cnt[K.arrestCat + a.cat]!++;
        if (f & Flag.expelled) cnt[K.arrestExpelled]!++;
        f &= ~Flag.named;
        if (w2 < tb[T.name + ch]!) {
          a.contacts.forEach((c, e) => {
            if ((e & 3) === 0) philox4x32(i, week, Purpose.naming, e >>> 2, seed, 0x0915, eout);
            if (eout[e & 3]! < tb[T.edge]!) c.named[wr] = 1;
          });
        }
      } else cnt[K.census + g / 4]!++;
      a.flags = f;
      return;
    }
    if (a.status === Status.detained || a.status === Status.ready) {
      if (a.timer < 65535) a.timer++;
      if (a.chan === Chan.mass) {
        if (a.status === Status.ready || w0 < tb[T.proc]!) {
          a.status = Status.ready;
          cnt[K.readyMass + a.region]!++;
        } else cnt[K.detMass + a.region]!++;
      } else if (w0 < tb[T.proc + a.chan]!) {
        if (a.chan === Chan.national) {
          if (w1 < tb[T.natShot]!) a.status = Status.shot;
          else {
            a.status = Status.camp;
            a.timer = dur(w2, tb[T.mean]!);
          }
        } else {
          const o = T.out + (a.chan === Chan.political ? 0 : OUTCOMES);
          let k = 0;
          while (k < OUTCOMES - 1 && w1 >= tb[o + k]!) k++;
          a.status = [Status.free, Status.court, Status.shot, Status.camp, Status.exile, Status.free][k]!;
          if (k === 1 || k === 3 || k === 4) a.timer = dur(w2, tb[T.mean + (k === 1 ? 2 : k === 3 ? 0 : 1)]!);
          if (k >= 2) cnt[K.conv + k - 2]!++;
        }
      }
      a.flags = f & ~Flag.named;
      return;
    }
    const di = a.status === Status.camp ? 0 : a.status === Status.exile ? 1 : 2;
    if (w3 < tb[T.death + di]!) a.status = Status.dead;
    else if (--a.timer <= 0) {
      a.timer = 0;
      a.status = Status.free;
      f |= Flag.former;
    }
    a.flags = f & ~Flag.named;
  };
}

/**
 * The same agents as AgentScript turtles (the agent-based modelling library for JavaScript),
 * stepped with `turtles.ask`. AgentScript makes a canvas when it loads; nothing here draws, so
 * Node gets a stub. Null when the package cannot be loaded.
 */
async function agentScriptTurtles(agents: Agent[]) {
  const g = globalThis as { OffscreenCanvas?: unknown };
  g.OffscreenCanvas ??= class {
    getContext() {
      return new Proxy({}, { get: () => () => ({ data: [] }) });
    }
  };
  let AS: typeof import('agentscript');
  try {
    AS = await import('agentscript');
  } catch {
    return null;
  }
  const model = new AS.Model(AS.World.defaultOptions(10));
  const index = new Map(agents.map((a, i) => [a, i]));
  const byId: Agent[] = [];
  model.turtles.create(agents.length, (t: Agent & { id: number }) => {
    Object.assign(t, { ...agents[t.id]!, named: [...agents[t.id]!.named] });
    byId[t.id] = t;
  });
  for (const t of byId) t.contacts = t.contacts.map((c) => byId[index.get(c)!]!);
  return model.turtles as { ask(f: (t: Agent & { id: number }) => void): void };
}

/** The object-per-agent peer: a plain loop over the agents. */
function objectKernel(
  agents: Agent[],
  tb: Float64Array,
  cnt: Int32Array,
  regions: number,
  seed: number,
  week: number,
) {
  const step = weekStep(tb, cnt, regions, seed, week);
  for (let i = 0; i < agents.length; i++) step(agents[i]!, i);
}

export default async function (): Promise<void> {
  const params = defaultParams();
  const sim = await Simulation.create({ params, events: loadModelEvents(), seed: 1, scale: 40 });
  await sim.run(290); // into the mass operations, so every branch of the kernel is busy
  const s = sim.state;
  const n = s.dims.n;
  const R = params.regions!;
  const agents: Agent[] = [];
  for (let i = 0; i < n; i++)
    agents.push({
      cat: s.cat[i]!,
      region: s.region[i]!,
      status: s.status[i]!,
      flags: s.flags[i]!,
      chan: s.chan[i]!,
      // the opis kernel keeps the due week of a custody term; the peer counts the weeks left
      timer:
        s.status[i]! >= Status.camp && s.status[i]! <= Status.court
          ? Math.max(1, s.timer[i]! - 290)
          : s.timer[i]!,
      named: [s.named0[i]!, s.named1[i]!],
      contacts: [],
    });
  for (let i = 0; i < n; i++)
    for (let e = s.offsets[i]!; e < s.offsets[i + 1]!; e++) agents[i]!.contacts.push(agents[s.targets[e]!]!);
  const cnt = new Int32Array(counterLayout(R).size);
  const weeks = 4;
  let w1 = 290;
  let w2 = 290;
  await compare({
    name: `sim kernel: ${n.toLocaleString('en-US')} agents x ${weeks} weeks, one thread`,
    opis: {
      label: 'struct-of-arrays kernel',
      run: () => {
        for (let k = 0; k < weeks; k++) runKernel(s, R, 1, w1++, 0, n, 0);
      },
    },
    peer: {
      label: 'object-per-agent kernel',
      run: () => {
        for (let k = 0; k < weeks; k++) objectKernel(agents, s.table, cnt, R, 1, w2++);
      },
    },
    items: n * weeks,
    warmup: 2,
    iterations: 6,
  });
  const turtles = await agentScriptTurtles(agents);
  if (turtles === null) console.log('AgentScript did not load: that comparison is skipped');
  else {
    let w5 = 300;
    let w6 = 300;
    await compare({
      name: `sim kernel: ${n.toLocaleString('en-US')} agents x ${weeks} weeks, one thread, against AgentScript`,
      opis: {
        label: 'struct-of-arrays kernel',
        run: () => {
          for (let k = 0; k < weeks; k++) runKernel(s, R, 1, w5++, 0, n, 0);
        },
      },
      peer: {
        label: 'AgentScript turtles.ask',
        run: () => {
          for (let k = 0; k < weeks; k++) {
            const step = weekStep(s.table, cnt, R, 1, w6++);
            turtles.ask((t) => step(t, t.id));
          }
        },
      },
      items: n * weeks,
      warmup: 2,
      iterations: 6,
    });
  }
  const two = await workerRunner(
    s,
    new URL('../packages/sim/src/model/kernel.ts', import.meta.url).href,
    2,
    BLOCK,
  );
  let w3 = 320;
  let w4 = 320;
  await compare({
    name: `sim kernel: ${n.toLocaleString('en-US')} agents x ${weeks} weeks, 2 worker threads vs 1 thread`,
    opis: {
      label: '2 workers (SharedArrayBuffer)',
      run: async () => {
        for (let k = 0; k < weeks; k++) {
          const w = w3++;
          await two.run((slot, lo, hi) => [R, 1, w, lo, hi, slot]);
        }
      },
    },
    peer: {
      label: '1 thread',
      run: () => {
        for (let k = 0; k < weeks; k++) runKernel(s, R, 1, w4++, 0, n, 0);
      },
    },
    items: n * weeks,
    warmup: 1,
    iterations: 6,
  });
  await two.close();
  await sim.close();
  if (process.env.SIM_FULL) await fullRuns(params);
}

/**
 * The end-to-end target: 3 million agents over the 416 weeks (population, table, kernel,
 * troikas, observation), with 1 and 2 worker threads. `SIM_FULL=1 npm run bench -- sim-kernel`.
 */
async function fullRuns(params: ReturnType<typeof defaultParams>): Promise<void> {
  const events = loadModelEvents();
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    const full = await Simulation.create({ params, events, seed: 1, scale: 2.144, workers });
    const t1 = performance.now();
    await full.run();
    const t2 = performance.now();
    const n = full.state.dims.n;
    await full.close();
    console.log(
      `full run: ${n.toLocaleString('en-US')} agents x 416 weeks, ${workers} worker(s): ` +
        `${((t2 - t1) / 1000).toFixed(2)} s (+ ${((t1 - t0) / 1000).toFixed(2)} s to build), ` +
        `${((n * 416) / (t2 - t1) / 1000).toFixed(1)}M agent-steps/s`,
    );
  }
}
