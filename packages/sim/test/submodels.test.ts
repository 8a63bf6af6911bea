import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CAMPAIGNS } from '../src/model/events.ts';
import { Cat, Chan } from '../src/model/layout.ts';
import { defaultParams } from '../src/model/params.ts';
import { arrestHazards, cumulative, massWeight } from '../src/submodels/arrests.ts';
import { expectedNamed, namingProbabilities } from '../src/submodels/cascade.ts';
import { deathRates, meanTerms } from '../src/submodels/custody.ts';
import {
  limitViolations,
  massRate,
  requestsAndDecisions,
  setLimits,
  trySentence,
} from '../src/submodels/massops.ts';
import { expulsionRates } from '../src/submodels/screening.ts';
import {
  cumulate,
  militiaShares,
  outcomeProbabilities,
  sentenceShares,
} from '../src/submodels/sentencing.ts';

const p = defaultParams();
const bit = (c: (typeof CAMPAIGNS)[number]) => 1 << CAMPAIGNS.indexOf(c);

test('screening: no campaign, no expulsions; territorial checking spares cadres, central checking targets them', () => {
  assert.deepEqual(expulsionRates(0, false, p), [0, 0, 0, 0, 0, 0, 0]);
  const terr = expulsionRates(bit('verification-1935'), false, p);
  const cent = expulsionRates(bit('verification-1935'), true, p);
  assert.ok(terr[Cat.official]! < terr[Cat.rankAndFile]!, 'territorial: deflected onto the rank and file');
  assert.ok(cent[Cat.official]! > cent[Cat.rankAndFile]!, 'central: rate rises with rank');
  assert.equal(terr[Cat.formerKulak], 0, 'non-members are never expelled');
  const hunt = expulsionRates(bit('hunt-1936'), false, p);
  assert.ok(hunt[Cat.oppositionist]! / hunt[Cat.rankAndFile]! > 50, 'the hunt narrows onto the opposition');
});

test('arrests: named and expelled raise the political hazard; protection cuts it for cadres; mass only for contingents', () => {
  const x = {
    threat: 2,
    theftLaw: false,
    postHalt: false,
    protection: 0.9,
    nationalOps: false,
    softLine: false,
  };
  const plain = arrestHazards(Cat.rankAndFile, 0, 0, x, p);
  assert.ok(arrestHazards(Cat.rankAndFile, 4, 0, x, p).political > plain.political);
  assert.ok(arrestHazards(Cat.rankAndFile, 2, 0, x, p).political > plain.political);
  assert.ok(arrestHazards(Cat.official, 0, 0, x, p).political < plain.political);
  assert.ok(arrestHazards(Cat.rankAndFile, 0, 0, { ...x, postHalt: true }, p).political < plain.political);
  assert.ok(
    arrestHazards(Cat.citizen, 0, 0, { ...x, theftLaw: true }, p).criminal >
      arrestHazards(Cat.citizen, 0, 0, x, p).criminal,
  );
  assert.ok(
    arrestHazards(Cat.citizen, 0, 0, { ...x, softLine: true }, p).criminal <
      arrestHazards(Cat.citizen, 0, 0, x, p).criminal,
    'the soft line lowers ordinary arrests',
  );
  assert.equal(massWeight(Cat.rankAndFile, 0, p), 0);
  assert.ok(massWeight(Cat.rankAndFile, 2, p) > 0, 'expelled members become a contingent');
  assert.ok(massWeight(Cat.formerKulak, 1, p) > massWeight(Cat.formerKulak, 0, p));
  assert.equal(arrestHazards(Cat.national, 0, 0, x, p).national, 0);
  assert.ok(arrestHazards(Cat.national, 0, 0, { ...x, nationalOps: true }, p).national > 0);
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
      ([a, b, c, d]) => {
        const cum = cumulative({ mass: a!, national: b!, political: c!, criminal: d! });
        for (let i = 1; i < 4; i++) assert.ok(cum[i]! >= cum[i - 1]!);
        assert.ok(cum[3] <= 1);
      },
    ),
  );
});

test('cascade: ordinary-crime detainees name nobody; the expected number named scales with degree', () => {
  const q = namingProbabilities(1.5, p);
  assert.equal(q[Chan.criminal], 0);
  assert.ok(q[Chan.political]! > 0 && q[Chan.political]! <= 1);
  assert.equal(expectedNamed(1, 0, p), 0);
  assert.ok(Math.abs(expectedNamed(1, 8, p) - 2 * expectedNamed(1, 4, p)) < 1e-12);
});

test('sentencing: shares sum to 1 under every regime; the halt returns to the 1934-36 shares', () => {
  for (const r of ['ogpu', 'nkvd', 'mass-terror', 'post-halt'] as const) {
    assert.ok(Math.abs(sentenceShares(r, p).reduce((a, b) => a + b, 0) - 1) < 1e-12);
    for (const ch of [Chan.political, Chan.criminal]) {
      const o = outcomeProbabilities(r, ch, p);
      assert.ok(Math.abs(o.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      assert.ok(o.every((x) => x >= 0));
    }
  }
  assert.deepEqual(sentenceShares('post-halt', p), sentenceShares('nkvd', p));
  assert.ok(sentenceShares('mass-terror', p)[0] > sentenceShares('nkvd', p)[0]);
  assert.equal(militiaShares(p)[0], 0, 'police troikas shoot nobody');
  assert.deepEqual(cumulate([0.2, 0.3, 0.5]), [0.2, 0.5, 1]);
});

test('custody: death rates are probabilities and terms are positive', () => {
  for (const d of deathRates(p)) assert.ok(d >= 0 && d < 1);
  for (const m of meanTerms(p)) assert.ok(m > 0);
});

test('mass operations: a limit is never exceeded without a recorded approval (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 30 }),
      fc.array(fc.tuple(fc.nat(5), fc.constantFrom(1 as const, 2 as const), fc.boolean()), {
        maxLength: 300,
      }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (eligible, scale, ops, approveShare) => {
        const s = setLimits(eligible, 5000, 9000, scale);
        let week = 0;
        let coin = 0;
        for (const [region, cat, tick] of ops) {
          if (region < eligible.length) trySentence(s, region, cat, scale);
          if (tick) {
            requestsAndDecisions(s, week++, true, {
              requestFill: 0.8,
              requestSize: 0.3,
              approvalDelayWeeks: 1,
              scale,
              approve: () => {
                coin = (coin + approveShare) % 1;
                return coin < approveShare;
              },
              uniform: () => 0.5,
            });
          }
        }
        assert.deepEqual(limitViolations(s), []);
        for (let i = 0; i < s.limit.length; i++) assert.ok(s.used[i]! <= s.limit[i]!);
      },
    ),
    { numRuns: 200 },
  );
});

test('mass operations: requests are recorded and decided; closed requests file nothing', () => {
  const s = setLimits([100], 100, 100, 10);
  while (trySentence(s, 0, 1, 10));
  const rules = {
    requestFill: 0.9,
    requestSize: 0.5,
    approvalDelayWeeks: 2,
    scale: 10,
    approve: () => true,
    uniform: () => 0.5,
  };
  requestsAndDecisions(s, 0, true, rules);
  assert.equal(s.ledger[0]?.kind, 'request');
  requestsAndDecisions(s, 1, true, rules);
  assert.equal(s.ledger.length, 1, 'not decided before the delay');
  requestsAndDecisions(s, 2, true, rules);
  assert.equal(s.ledger[1]?.kind, 'approved');
  assert.equal(s.limit[0], 150);
  const split = setLimits([1, 1, 1], 100, 0, 10);
  assert.equal(
    split.original.reduce((a, b) => a + b, 0),
    100,
    'largest remainder keeps the total',
  );
  const shut = setLimits([100], 100, 100, 10);
  while (trySentence(shut, 0, 1, 10));
  requestsAndDecisions(shut, 0, false, rules);
  assert.equal(shut.ledger.length, 0);
  assert.equal(massRate(0, 100, 0.1), 0);
  assert.equal(massRate(100, 0, 0.1), 0);
  assert.ok(massRate(100, 1000, 0.1) > 0 && massRate(1e9, 1, 1) <= 0.5);
});
