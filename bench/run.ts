/**
 * `npm run bench [-- name-filter]`: runs every `bench/*.bench.ts` in turn. Each module
 * default-exports an async function that calls `compare` for its cases.
 */
import { readdirSync } from 'node:fs';

const filter = process.argv[2];
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? '*'}`);
  process.exit(1);
}
for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = (await import(new URL(f, dir).href)) as { default: () => Promise<void> };
  await mod.default();
}
