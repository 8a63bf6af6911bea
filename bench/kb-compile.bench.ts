/**
 * Compile time of the shipped data/ (target: under 3 s) against the floor of any compiler: parsing
 * the same YAML files with no validation at all; and the full database build.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildDatabase, compileDataset, datasetFiles, defaultDataDir } from '../packages/kb/src/index.ts';
import { compare } from './harness.ts';

export default async function (): Promise<void> {
  const data = defaultDataDir();
  const files = datasetFiles(data).map((f) => f.path);
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const cold = performance.now();
  const first = compileDataset(data);
  console.log(`first (cold) compile of data/: ${(performance.now() - cold).toFixed(0)} ms, ok=${first.ok}`);
  await compare({
    name: `compile data/ (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB): validate + integrity vs YAML parse only`,
    opis: { label: 'compileDataset', run: () => compileDataset(data) },
    peer: { label: 'yaml.parse of every file', run: () => files.map((f) => parse(readFileSync(f, 'utf8'))) },
    bytes,
    warmup: 1,
    iterations: 5,
  });
  const dir = mkdtempSync(join(tmpdir(), 'opis-bench-'));
  let n = 0;
  await compare({
    name: 'build the SQLite database from data/ vs compile only',
    opis: { label: 'buildDatabase', run: () => buildDatabase(data, join(dir, `b${n++}.sqlite`)) },
    peer: { label: 'compileDataset', run: () => compileDataset(data) },
    warmup: 1,
    iterations: 3,
  });
  rmSync(dir, { recursive: true, force: true });
}
