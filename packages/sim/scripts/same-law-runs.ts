/**
 * Yearly outputs of many seeds, as JSON, from the model under `root` (a `packages/sim/src`):
 * `node --import tsx same-law-runs.ts <root> <seeds> <scale>`. Used by `same-law.sh` to compare
 * the current kernel with the per-agent-draw kernel it replaced.
 */
const [root = '', n = '100', scale = '200'] = process.argv.slice(2);
const model = await import(`${root}/index.ts`);
const current = await import('../src/index.ts');
const events = current.loadModelEvents();
const params = current.defaultParams();
const out: Record<string, number[]> = {};
for (let s = 1; s <= Number(n); s++) {
  const r = await model.simulate({ params, events, seed: 1000 + s, scale: Number(scale), workers: 1 });
  for (const y of r.years as Record<string, number>[])
    for (const [k, v] of Object.entries(y)) {
      if (k === 'year') continue;
      const key = `${y.year} ${k}`;
      out[key] = [...(out[key] ?? []), v];
    }
}
console.log(JSON.stringify(out));
