/** Welch z of the difference of means, series by series, between two outputs of same-law-runs.ts. */
import { readFileSync } from 'node:fs';

const [fa = '', fb = ''] = process.argv.slice(2);
const a = JSON.parse(readFileSync(fa, 'utf8')) as Record<string, number[]>;
const b = JSON.parse(readFileSync(fb, 'utf8')) as Record<string, number[]>;
const mean = (v: number[]) => v.reduce((p, q) => p + q, 0) / v.length;
const variance = (v: number[]) => v.reduce((p, q) => p + (q - mean(v)) ** 2, 0) / (v.length - 1);
const rows: [string, number, number, number][] = [];
for (const [k, x] of Object.entries(a)) {
  const y = b[k] ?? [];
  const se = Math.sqrt(variance(x) / x.length + variance(y) / y.length);
  if (se > 0) rows.push([k, mean(x), mean(y), (mean(y) - mean(x)) / se]);
}
rows.sort((p, q) => Math.abs(q[3]) - Math.abs(p[3]));
const beyond = (z: number) => rows.filter((r) => Math.abs(r[3]) > z).length;
console.log(
  `${rows.length} series; |z| > 2: ${beyond(2)} (${(0.0455 * rows.length).toFixed(1)} expected by chance); |z| > 3: ${beyond(3)}`,
);
for (const [k, x, y, z] of rows.slice(0, 10))
  console.log(`${k.padEnd(28)} ${x.toFixed(0).padStart(9)} ${y.toFixed(0).padStart(9)}  z = ${z.toFixed(2)}`);
