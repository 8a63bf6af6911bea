/**
 * Growth curve on a generated synthetic dataset (packages/kb/scripts/synthetic.ts): N people with
 * 5 tenures each. Default N = 10k; set OPIS_BENCH_SCALE=10000,100000,1000000 to run more (1M takes
 * tens of minutes to generate on 2 cores; the databases are kept in .opis/bench/ for reuse).
 * Measures `state` for one institution (the explorer's query), the full `state` of all
 * institutions, and `person` lookup, each against a linear scan in memory.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { generateSynthetic } from '../packages/kb/scripts/synthetic.ts';
import { openKb, repoRootPath, SCHEMA_VERSION, writeDatabase } from '../packages/kb/src/index.ts';
import { compare } from './harness.ts';
import { naiveState, p99 } from './kb-query.bench.ts';

const GENERATOR_VERSION = 1;

function syntheticDb(n: number): string {
  const dir = join(repoRootPath, '.opis', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `synthetic-${n}-s${SCHEMA_VERSION}-g${GENERATOR_VERSION}.sqlite`);
  if (existsSync(path)) return path;
  const t0 = performance.now();
  const d = generateSynthetic({ people: n });
  const tmp = `${path}.tmp`;
  writeDatabase(tmp, d, undefined, [], `synthetic-${n}`);
  renameSync(tmp, path);
  console.log(
    `generated ${path} (${d.tenures.length} tenures) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return path;
}

export default async function (): Promise<void> {
  const sizes = (process.env.OPIS_BENCH_SCALE ?? '10000').split(',').map(Number);
  for (const n of sizes) {
    const path = syntheticDb(n);
    const kb = openKb(path);
    const peer = naiveState(path);
    const insts = kb.institutions().map((i) => i.id);
    const dates = ['1905-03-01', '1921-07-15', '1937-03-01', '1950-01', '1960'];
    let i = 0;
    const pick = () => insts[(i * 7919) % insts.length] ?? 'inst-0';
    const r1 = await compare({
      name: `[${n} people] state <date> of one institution`,
      opis: {
        label: 'kb.stateOn(date, {institutions})',
        run: () => kb.stateOn(dates[i++ % dates.length] ?? '1937', { institutions: [pick()] }),
      },
      peer: {
        label: 'linear scan + asOf in memory',
        run: () => peer.state(dates[i++ % dates.length] ?? '1937', pick()),
      },
      warmup: 10,
      iterations: 200,
    });
    console.log(`  ${p99(r1)}; ${p99(r1, 'peer')}`);
    const r2 = await compare({
      name: `[${n} people] state <date> of every institution (output grows with N)`,
      opis: { label: 'kb.stateOn(date)', run: () => kb.stateOn(dates[i++ % dates.length] ?? '1937') },
      peer: {
        label: 'linear scan + asOf in memory',
        run: () => peer.state(dates[i++ % dates.length] ?? '1937'),
      },
      warmup: 2,
      iterations: n >= 100000 ? 5 : 15,
    });
    console.log(
      `  ${p99(r2)}; ${p99(r2, 'peer')}; holders on 1937-03-01: ${kb.stateOn('1937-03-01').counts.holders}`,
    );
    const people = kb
      .people({ limit: 50, offset: Math.floor(n / 3) })
      .map((p) => p.ru.split(' ')[0] ?? p.name);
    const r3 = await compare({
      name: `[${n} people] person <name> (Cyrillic surname)`,
      opis: { label: 'kb.searchPeople', run: () => kb.searchPeople(people[i++ % people.length] ?? 'Вако') },
      peer: {
        label: 'linear scan of name keys',
        run: () => peer.person(people[i++ % people.length] ?? 'Вако'),
      },
      warmup: 10,
      iterations: 200,
    });
    console.log(`  ${p99(r3)}; ${p99(r3, 'peer')}`);
    kb.close();
  }
}
