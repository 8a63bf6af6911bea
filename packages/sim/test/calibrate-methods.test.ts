import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AbcState, abcSmc, weightedMoments, weightedQuantile } from '../src/calibrate/abc.ts';
import { latinHypercube, spearman } from '../src/calibrate/lhs.ts';
import { morris } from '../src/calibrate/morris.ts';
import { Stream } from '../src/calibrate/random.ts';
import {
  gFunction,
  gFunctionFirst,
  ishigami,
  ishigamiIndices,
  sobolIndices,
} from '../src/calibrate/sobol.ts';

test('Latin hypercube: one point per stratum in every dimension', () => {
  const n = 50;
  const pts = latinHypercube(n, 4, 3);
  for (let j = 0; j < 4; j++) {
    const strata = new Set(pts.map((p) => Math.floor(p[j]! * n)));
    assert.equal(strata.size, n);
  }
  assert.ok(spearman([1, 2, 3, 4], [10, 20, 30, 40]) > 0.999);
  assert.ok(spearman([1, 2, 3, 4], [4, 3, 2, 1]) < -0.999);
});

test('Sobol indices of the Ishigami function match the analytic values', async () => {
  const exact = ishigamiIndices();
  const r = await sobolIndices(ishigami, 3, {
    n: 8000,
    seed: 1,
    sample: (u) => u.map((x) => -Math.PI + 2 * Math.PI * x),
  });
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(r.first[i]! - exact.first[i]!) < 0.04, `S${i + 1} ${r.first[i]} vs ${exact.first[i]}`);
    assert.ok(
      Math.abs(r.total[i]! - exact.total[i]!) < 0.04,
      `ST${i + 1} ${r.total[i]} vs ${exact.total[i]}`,
    );
  }
  assert.equal(r.evaluations, 8000 * 5);
});

test('Sobol g-function: first-order indices and their ranking', async () => {
  const a = [0, 1, 4.5, 9, 99];
  const exact = gFunctionFirst(a);
  const r = await sobolIndices((x) => gFunction(x, a), a.length, { n: 8000, seed: 2 });
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(r.first[i]! - exact[i]!) < 0.04, `S${i + 1}`);
});

test('Morris: mu* equals |slope| for a linear function and is 0 for an inert input', async () => {
  const r = await morris((x) => 3 * x[0]! - 2 * x[1]! + 0 * x[2]!, 3, { trajectories: 10, seed: 1 });
  assert.ok(Math.abs(r.muStar[0]! - 3) < 1e-9);
  assert.ok(Math.abs(r.muStar[1]! - 2) < 1e-9);
  assert.equal(r.muStar[2], 0);
  assert.equal(r.evaluations, 10 * 4);
  const g = await morris((x) => gFunction(x, [0, 1, 9, 99]), 4, { trajectories: 30, seed: 2 });
  assert.ok(g.muStar[0]! > g.muStar[1]! && g.muStar[1]! > g.muStar[2]! && g.muStar[2]! > g.muStar[3]!);
});

/** Conjugate model: x_i ~ N(mu, 1), n = 20; flat prior on [-5, 5]; the posterior is N(mean, 1/20). */
function normalModel(data: number[]) {
  const n = data.length;
  const xbar = data.reduce((a, b) => a + b, 0) / n;
  const mu = (u: number) => -5 + 10 * u;
  const distance = (u: number[], seed: number) => {
    const r = new Stream(seed, 0x77);
    let s = 0;
    for (let i = 0; i < n; i++) s += mu(u[0]!) + r.normal();
    return Math.abs(s / n - xbar);
  };
  return { xbar, mu, distance };
}

function sample(mu: number, n: number, seed: number): number[] {
  const r = new Stream(seed, 0x99);
  return Array.from({ length: n }, () => mu + r.normal());
}

test('ABC-SMC recovers the conjugate normal posterior (mean and spread)', async () => {
  const m = normalModel(sample(1.3, 20, 5));
  const s = await abcSmc({ d: 1, distance: m.distance, particles: 400, generations: 8, seed: 1 });
  const { mean, sd } = weightedMoments(s.particles, 0);
  const postMean = m.mu(mean);
  const postSd = sd * 10;
  assert.ok(Math.abs(postMean - m.xbar) < 0.04, `mean ${postMean} vs ${m.xbar}`);
  assert.ok(Math.abs(postSd - Math.sqrt(1 / 20)) / Math.sqrt(1 / 20) < 0.2, `sd ${postSd}`);
  for (let i = 1; i < s.epsilons.length; i++) assert.ok(s.epsilons[i]! <= s.epsilons[i - 1]!);
});

test('ABC-SMC resumed from a saved generation equals the unbroken run', async () => {
  const m = normalModel(sample(-0.7, 20, 8));
  const opts = { d: 1, distance: m.distance, particles: 100, generations: 4, seed: 3 };
  const whole = await abcSmc(opts);
  let saved: AbcState | undefined;
  await abcSmc({
    ...opts,
    generations: 2,
    onGeneration: (st) => {
      saved = JSON.parse(JSON.stringify(st));
    },
  });
  const resumed = await abcSmc({ ...opts, state: saved });
  assert.deepEqual(resumed, whole);
});

test('ABC-SMC gives the same result whatever the batch of distances evaluated at once', async () => {
  const m = normalModel(sample(0.4, 20, 9));
  const seen: number[][] = [];
  const opts = { d: 1, particles: 60, generations: 4, seed: 5 };
  const one = await abcSmc({ ...opts, distance: m.distance });
  for (const batch of [2, 7, 64]) {
    const calls: number[] = [];
    const many = await abcSmc({
      ...opts,
      batch,
      distance: async (u, seed) => {
        calls.push(seed);
        await new Promise((r) => setTimeout(r, (seed * 7) % 3)); // finish out of order
        return m.distance(u, seed);
      },
    });
    assert.deepEqual(many, one, `batch ${batch}`);
    seen.push(calls);
  }
  // larger batches evaluate proposals that are then not needed, never fewer than the sequential run
  assert.ok(seen.every((c) => c.length >= one.simulations));
});

test('parameter recovery at the nominal rate: 90% intervals cover the true mean in about 90% of datasets', async () => {
  const reps = 40;
  let covered = 0;
  const truth = new Stream(11, 0x42);
  for (let k = 0; k < reps; k++) {
    const mu = -3 + 6 * truth.next();
    const m = normalModel(sample(mu, 20, 100 + k));
    const s = await abcSmc({ d: 1, distance: m.distance, particles: 150, generations: 6, seed: k + 1 });
    const vals = s.particles.map((p) => m.mu(p.u[0]!));
    const w = s.particles.map((p) => p.weight);
    const lo = weightedQuantile(vals, w, 0.05);
    const hi = weightedQuantile(vals, w, 0.95);
    if (lo <= mu && mu <= hi) covered++;
  }
  // Binomial(40, 0.9): 31..40 holds with probability > 0.99; ABC may over-cover a little, never badly under-cover
  assert.ok(covered >= 31, `covered ${covered} of ${reps}`);
});
