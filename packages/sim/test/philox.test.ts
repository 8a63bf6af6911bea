import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Keyed, philox4x32, threshold, unit } from '../src/engine/philox.ts';

// Known-answer vectors of Random123 (tests/kat_vectors, "philox4x32 10" lines):
// counter (4 words), key (2 words), expected output (4 words).
const KAT: [number[], number[], number[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

test('Philox4x32-10 matches the Random123 known-answer vectors', () => {
  const out = new Uint32Array(4);
  for (const [c, k, want] of KAT) {
    philox4x32(c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!, out);
    assert.deepEqual([...out], want);
  }
});

test('a changed counter word changes the block (no collisions on nearby counters)', () => {
  const seen = new Set<string>();
  const r = new Keyed(7);
  for (let w = 0; w < 20; w++)
    for (let a = 0; a < 50; a++) for (let p = 0; p < 3; p++) seen.add([...r.block(w, a, p)].join(','));
  assert.equal(seen.size, 20 * 50 * 3);
});

test('uniforms are uniform: mean, variance and a 10-bin chi-square', () => {
  const r = new Keyed(1);
  const n = 100_000;
  const bins = new Array(10).fill(0);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform(3, i, 1);
    s += u;
    s2 += u * u;
    bins[Math.min(9, Math.floor(u * 10))]++;
  }
  const mean = s / n;
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(s2 / n - mean * mean - 1 / 12) < 0.002);
  const chi = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi < 27.9, `chi-square ${chi} (p < 0.001 at 9 df)`); // 27.88 is the 0.999 quantile
});

test('threshold(p) gives probability p to within rounding, and unit() stays in (0,1)', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(0xffffffff), (p, w) => {
      const t = threshold(p);
      assert.ok(t >= 0 && t <= 4294967296);
      assert.ok(Math.abs(t / 4294967296 - p) < 1e-9);
      const u = unit(w);
      assert.ok(u > 0 && u < 1);
    }),
  );
  assert.equal(threshold(-1), 0);
  assert.equal(threshold(Number.NaN), 0);
  assert.equal(threshold(2), 4294967296);
});
