/**
 * The kernel draws random numbers only where something can happen (thinning by geometric gaps,
 * due weeks for custody and investigation). These tests check that each agent's events keep the
 * law of one independent draw per event and week, and that the split among threads does not matter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TWO32, threshold } from '../src/engine/philox.ts';
import { allocate, type State } from '../src/engine/state.ts';
import { BLOCK, dueWeek, placeCustody, runKernel, VISIT } from '../src/model/kernel.ts';
import { Chan, counterLayout, Flag, Status, tableLayout, VARIANTS } from '../src/model/layout.ts';

const N = 8 * BLOCK;
const T = tableLayout(1);
const K = counterLayout(1);

/** N free rank-and-file members of one region, every other one named; hazards a (arrest), b (expulsion), d (fading). */
function world(a: number, b: number, d: number, slots = 1): State {
  const s = allocate({ n: N, edges: 0, table: T.size, counters: K.size, slots, blocks: N / VISIT });
  for (let i = 0; i < N; i++) s.flags[i] = i % 2 === 0 ? Flag.named : 0;
  for (let v = 0; v < VARIANTS; v++) {
    const g = T.arrest + v * 4;
    s.table[g] = threshold(a / 4); // mass
    s.table[g + 1] = threshold(a / 2); // + national
    s.table[g + 2] = threshold(a / 2); // + political (none)
    s.table[g + 3] = threshold(a); // + criminal
  }
  s.table[T.expel] = threshold(b);
  s.table[T.namedDecay] = threshold(d);
  s.table[T.proc + Chan.criminal] = threshold(0.5);
  return s;
}

/** Counts over `weeks` fresh worlds: arrests, expulsions, both, names faded (among the free named). */
function tally(a: number, b: number, d: number, weeks: number) {
  const c = { arrests: 0, mass: 0, expelled: 0, both: 0, faded: 0 };
  for (let w = 0; w < weeks; w++) {
    const s = world(a, b, d);
    runKernel(s, 1, 7, w, 0, N, 0);
    const n = s.counters;
    c.arrests += n[K.arrest]! + n[K.arrest + 1]! + n[K.arrest + 2]! + n[K.arrest + 3]!;
    c.mass += n[K.arrest + Chan.mass]!;
    c.expelled += n[K.expel]!;
    c.both += n[K.arrestExpelled]!;
    for (let i = 0; i < N; i += 2)
      if (s.status[i] === Status.free && (s.flags[i]! & Flag.named) === 0) c.faded++;
  }
  return c;
}

function near(label: string, got: number, trials: number, p: number) {
  const sd = Math.sqrt(trials * p * (1 - p));
  assert.ok(
    Math.abs(got - trials * p) <= 4.5 * sd + 1,
    `${label}: ${got}, expected ${(trials * p).toFixed(1)}`,
  );
}

test('free agents keep the law of independent weekly draws: thinned (q < 1/8) and direct (q > 1/8, or named)', () => {
  for (const [a, b, d] of [
    [0.01, 0.02, 0.1],
    [0.3, 0.05, 0.2],
  ] as const) {
    const weeks = 12;
    const c = tally(a, b, d, weeks);
    const trials = N * weeks;
    near('arrests', c.arrests, trials, a);
    near('mass arrests', c.mass, trials, a / 4);
    near('expulsions', c.expelled, trials, b);
    near('arrested and expelled the same week', c.both, trials, a * b);
    near('names faded among the free', c.faded, trials / 2, d * (1 - a));
  }
});

test('the split among threads does not matter when it falls on blocks', () => {
  const one = world(0.02, 0.03, 0.1);
  runKernel(one, 1, 3, 5, 0, N, 0);
  const three = world(0.02, 0.03, 0.1, 3);
  const cuts = [0, 3 * BLOCK, 5 * BLOCK, N];
  for (let k = 0; k < 3; k++) runKernel(three, 1, 3, 5, cuts[k]!, cuts[k + 1]!, k);
  assert.deepEqual(three.status, one.status);
  assert.deepEqual(three.flags, one.flags);
  assert.deepEqual(three.timer, one.timer);
  for (let j = 0; j < K.size; j++) {
    if (j === K.ready) continue;
    const sum = three.counters[j]! + three.counters[K.size + j]! + three.counters[2 * K.size + j]!;
    assert.equal(sum, one.counters[j], `counter ${j}`);
  }
  assert.throws(() => runKernel(three, 1, 3, 6, BLOCK / 2, N, 0));
});

test('due weeks: geometric waiting times and custody ending in death or release with the weekly law', () => {
  const p = 0.1;
  let sum = 0;
  const n = 20000;
  for (let k = 0; k < n; k++) sum += dueWeek(100, threshold(p), Math.floor(((k + 0.5) / n) * TWO32)) - 100;
  assert.ok(Math.abs(sum / n - 1 / p) < 0.1, `mean wait ${sum / n}`);
  assert.equal(dueWeek(3, 0, 12345), 65535);
  // a term of 10 weeks with weekly death probability m: death before release with 1 - (1 - m)^10
  const m = 0.05;
  const timer = new Uint16Array(n);
  const flags = new Uint8Array(n).fill(Flag.named);
  let deaths = 0;
  for (let i = 0; i < n; i++) {
    placeCustody(timer, flags, i, 50, 10, threshold(m), Math.floor(((i + 0.5) / n) * TWO32));
    assert.ok(timer[i]! > 50 && timer[i]! <= 60);
    assert.equal(flags[i]! & Flag.named, 0);
    if ((flags[i]! & Flag.dies) !== 0) deaths++;
    else assert.equal(timer[i], 60);
  }
  assert.ok(Math.abs(deaths / n - (1 - (1 - m) ** 10)) < 0.005, `deaths ${deaths / n}`);
});

test('skipping is only an economy: visiting every block every week gives the same bytes; the kept census equals a recount', async () => {
  const { Simulation } = await import('../src/model/sim.ts');
  const { small } = await import('./helpers.ts');
  const { CATS, variantOf } = await import('../src/model/layout.ts');
  const { WEEKS } = await import('../src/model/calendar.ts');
  const cfg = small({ seed: 5, workers: 2 });
  const lazy = await Simulation.create(cfg);
  const eager = await Simulation.create(cfg);
  const R = cfg.params.regions!;
  const K2 = counterLayout(R);
  const G = R * CATS * VARIANTS;
  try {
    for (let w = 0; w < WEEKS; w++) {
      // every visit block due now, every block marked: the kernel visits all agents
      eager.state.due.fill(0);
      eager.state.mark0.fill(1);
      eager.state.mark1.fill(1);
      await lazy.step();
      await eager.step();
      if (w % 13 !== 0 && w !== WEEKS - 1) continue;
      const s = lazy.state;
      const recount = new Int32Array(G);
      for (let i = 0; i < s.dims.n; i++)
        if (s.status[i] === Status.free)
          recount[(s.region[i]! * CATS + s.cat[i]!) * VARIANTS + variantOf(s.flags[i]!)]!++;
      const kept = new Int32Array(G);
      for (let slot = 0; slot < s.dims.slots; slot++)
        for (let g = 0; g < G; g++) kept[g]! += s.counters[slot * K2.size + K2.census + g]!;
      assert.deepEqual(kept, recount, `census at week ${w}`);
      assert.deepEqual(eager.state.status, s.status, `status at week ${w}`);
      assert.deepEqual(eager.state.flags, s.flags, `flags at week ${w}`);
    }
    assert.deepEqual(eager.result().years, lazy.result().years);
  } finally {
    await lazy.close();
    await eager.close();
  }
});
