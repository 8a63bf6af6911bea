import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { hash64 } from '../src/engine/hash.ts';
import { splitRanges } from '../src/engine/pool.ts';
import { allocate, bytesPerAgent, restoreBytes, snapshotBytes } from '../src/engine/state.ts';
import { WEEKS } from '../src/model/calendar.ts';
import { Simulation, simulate } from '../src/model/sim.ts';
import { small } from './helpers.ts';

const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('ranges cover all agents exactly once, in order', () => {
  for (const [n, k] of [
    [10, 3],
    [7, 7],
    [100, 1],
    [5, 8],
  ] as const) {
    const r = splitRanges(n, k);
    assert.equal(r.length, k);
    assert.equal(r[0]![0], 0);
    assert.equal(r[k - 1]![1], n);
    for (let i = 1; i < k; i++) assert.equal(r[i]![0], r[i - 1]![1]);
  }
});

test('state layout: per-agent bytes stay under the 60-byte target; snapshot bytes round-trip', () => {
  const d = { n: 1000, edges: 4000, table: 10, counters: 5, slots: 2, blocks: 32 };
  assert.ok(bytesPerAgent(d) <= 60, `bytes per agent ${bytesPerAgent(d)}`);
  const s = allocate(d);
  s.cat.fill(3);
  s.timer[7] = 513;
  const snap = snapshotBytes(s);
  const t = allocate(d);
  restoreBytes(t, snap);
  assert.equal(t.timer[7], 513);
  assert.equal(t.cat[999], 3);
  assert.throws(() => restoreBytes(allocate({ ...d, n: 999 }), snap));
});

test('same seed, same bytes: 1 worker and 2 worker threads give identical state and output', async () => {
  const run = async (workers: number) => {
    const sim = await Simulation.create(small({ workers, seed: 5 }));
    await sim.run();
    const out = { result: JSON.stringify(sim.result()), state: digest(snapshotBytes(sim.state)) };
    await sim.close();
    return out;
  };
  const one = await run(1);
  const two = await run(2);
  assert.equal(two.state, one.state);
  assert.equal(two.result, one.result);
  const other = await simulate(small({ seed: 6 }));
  assert.notEqual(JSON.stringify(other), one.result, 'another seed gives another run');
});

test('snapshot and resume at a week equals the uninterrupted run (resumed on 2 workers)', async () => {
  const cfg = small({ seed: 9 });
  const whole = await Simulation.create(cfg);
  await whole.run();
  const expected = JSON.stringify(whole.result());
  const expectedState = digest(snapshotBytes(whole.state));
  for (const [at, workers] of [
    [0, 1],
    [291, 2],
    [WEEKS - 1, 1],
  ] as const) {
    const a = await Simulation.create(cfg);
    await a.run(at);
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = await Simulation.resume(snap, { ...cfg, workers });
    await b.run();
    assert.equal(JSON.stringify(b.result()), expected, `resumed at week ${at}`);
    assert.equal(digest(snapshotBytes(b.state)), expectedState);
    await b.close();
  }
  const snap = (await Simulation.create(cfg)).snapshot();
  await assert.rejects(Simulation.resume(snap, { ...cfg, seed: 10 }), /other parameters/);
});

test('hash64 is FNV-1a 64 (published vectors)', () => {
  assert.equal(hash64(''), 'cbf29ce484222325');
  assert.equal(hash64('a'), 'af63dc4c8601ec8c');
  assert.equal(hash64('foobar'), '85944171f73967e8');
});
