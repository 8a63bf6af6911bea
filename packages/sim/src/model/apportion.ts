/**
 * Largest-remainder rounding: whole numbers from real shares `raw` that add up to `total` (the
 * floors first, then one more for the largest remainders, ties to the lower index).
 */
export function largestRemainder(raw: readonly number[], total: number): number[] {
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}
