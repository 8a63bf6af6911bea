import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Status } from '../src/model/layout.ts';
import { Simulation, simulate } from '../src/model/sim.ts';
import { isScenarioError, resolveScenario, scenarioEvents } from '../src/scenarios.ts';
import { small } from './helpers.ts';

test('invariants hold for random seeds and parameters: population conserved, convicted = sum of categories, no limit exceeded without approval', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 1e6 }),
      fc.double({ min: 0.05, max: 0.4, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(5, 10, 20),
      async (seed, massPace, approvalProb, scale) => {
        const sim = await Simulation.create(small({ seed, scale }, { massPace, approvalProb }));
        const n = sim.state.dims.n;
        for (const stop of [150, 300, 418]) {
          await sim.run(stop);
          const counts = sim.statusCounts();
          assert.equal(
            counts.reduce((a, b) => a + b, 0),
            n,
          );
        }
        const r = sim.result();
        for (const y of r.years) {
          assert.equal(
            y.convicted,
            y.shot + y.camps + y.exiled + y.other,
            `convicted = categories in ${y.year}`,
          );
          for (const v of Object.values(y)) assert.ok(Number.isFinite(v) && v >= 0);
        }
        const shot = r.years.reduce((a, y) => a + y.shot, 0);
        assert.equal(sim.statusCounts()[Status.shot]! * scale, shot, 'every shooting is counted once');
        const dead = r.years.reduce((a, y) => a + y.deaths, 0);
        assert.equal(sim.statusCounts()[Status.dead]! * scale, dead);
        assert.deepEqual(r.limitViolations, []);
        await sim.close();
      },
    ),
    { numRuns: 3 },
  );
});

test('summary statistics do not depend on the scale factor: 1:30 against 1:1', async () => {
  const world = { popScale: 0.01 };
  const params = { regions: 2 };
  const fine = await simulate(small({ ...world, scale: 1, seed: 1 }, params));
  const coarse = await Promise.all(
    [1, 2, 3, 4].map((seed) => simulate(small({ ...world, scale: 30, seed }, params))),
  );
  for (const f of ['arrested', 'convicted', 'shot', 'camps', 'massSentenced'] as const) {
    const a = fine.years.reduce((s, y) => s + y[f], 0);
    const b = coarse.reduce((s, r) => s + r.years.reduce((t, y) => t + y[f], 0), 0) / coarse.length;
    assert.ok(Math.abs(b - a) / a < 0.1, `${f}: 1:1 gives ${a}, 1:30 gives ${b}`);
  }
});

test('mechanisms: the halt ends the troikas; without mass operations 1937-38 shootings collapse; no increases keeps to the limits', async () => {
  const base = await simulate(small({ seed: 3 }));
  const sc = (name: string) => {
    const s = resolveScenario(name);
    assert.ok(!isScenarioError(s));
    return { events: scenarioEvents(s), params: s.parameters };
  };
  const noOps = sc('no-mass-operations');
  const none = await simulate(small({ seed: 3, events: noOps.events }));
  const y = (r: typeof base, year: number) => r.years.find((x) => x.year === year)!;
  assert.ok(y(base, 1937).massSentenced > 0);
  assert.equal(y(none, 1937).massSentenced + y(none, 1938).massSentenced, 0);
  assert.ok(y(none, 1937).shot + y(none, 1938).shot < 0.5 * (y(base, 1937).shot + y(base, 1938).shot));
  assert.equal(y(base, 1939).massSentenced, 0, 'no troika sentences after the halt');
  const noHalt = await simulate(small({ seed: 3, events: sc('no-halt-1938').events }));
  assert.ok(y(noHalt, 1939).massSentenced > 0, 'without the halt the troikas go on in 1939');
  const strict = sc('no-limit-increases');
  const r = await simulate(small({ seed: 3, params: { ...small().params, ...strict.params } }));
  assert.equal(r.approvals, 0);
  assert.ok(r.requests > 0, 'regions still ask');
  assert.ok(
    y(r, 1937).massSentenced + y(r, 1938).massSentenced <
      y(base, 1937).massSentenced + y(base, 1938).massSentenced,
  );
});
