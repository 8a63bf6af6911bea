/**
 * `state` and `person` latency (median and p99) on the shipped data (target: state p99 < 5 ms),
 * against a naive peer: the same as-of evaluation by a linear scan over every tenure held in
 * memory, and a name lookup by linear scan over every name key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { asOf, buildDatabase, defaultDataDir, nameKey, openKb } from '../packages/kb/src/index.ts';
import { type CaseResult, compare } from './harness.ts';

export function p99(r: CaseResult, side: 'opis' | 'peer' = 'opis'): string {
  const s = [...r[side].samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  return `${side} median ${q(0.5).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms (${s.length} runs)`;
}

/** The naive peer: every tenure in memory, evaluated one by one for each query. */
export function naiveState(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const tenures = db.prepare('SELECT person_id, institution_id, office, "from", "to" FROM tenures').all() as {
    person_id: string;
    institution_id: string;
    office: string;
    from: string | null;
    to: string | null;
  }[];
  const names = db.prepare('SELECT person_id, key FROM person_names').all() as {
    person_id: string;
    key: string;
  }[];
  db.close();
  return {
    state(date: string, institution?: string) {
      const by = new Map<string, { person: string; status: string }[]>();
      for (const t of tenures) {
        if (institution && t.institution_id !== institution) continue;
        const a = asOf(t.from ?? undefined, t.to ?? undefined, date);
        if (a.status === 'does-not-hold') continue;
        const list = by.get(t.institution_id) ?? [];
        list.push({ person: t.person_id, status: a.status });
        by.set(t.institution_id, list);
      }
      return by;
    },
    person(q: string) {
      const k = nameKey(q);
      return [...new Set(names.filter((n) => n.key === k).map((n) => n.person_id))];
    },
  };
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opis-bench-'));
  const db = join(dir, 'kb.sqlite');
  const b = buildDatabase(defaultDataDir(), db);
  if (!b.ok) throw new Error('data/ does not compile: run opis query check');
  const kb = openKb(db);
  const peer = naiveState(db);
  const dates = ['1934-02-10', '1936-09-26', '1937-03-01', '1937-06-11', '1938-11-25', '1939-03'];
  let i = 0;
  const r1 = await compare({
    name: `state <date> on the shipped data (${b.counts.tenures} tenures, ${b.counts.institutions} institutions)`,
    opis: { label: 'kb.stateOn', run: () => kb.stateOn(dates[i++ % dates.length] ?? '1937') },
    peer: {
      label: 'linear scan + asOf in memory',
      run: () => peer.state(dates[i++ % dates.length] ?? '1937'),
    },
    warmup: 20,
    iterations: 300,
  });
  console.log(`  ${p99(r1)}; ${p99(r1, 'peer')}`);
  const names = ['Ezhov', 'Ежов', 'Jeschow', 'Yagoda', 'Molotov', 'Bukharin', 'Stalin', 'Ordzhonikidze'];
  const r2 = await compare({
    name: 'person <name> lookup on the shipped data (any spelling)',
    opis: { label: 'kb.searchPeople', run: () => kb.searchPeople(names[i++ % names.length] ?? 'Ezhov') },
    peer: { label: 'linear scan of name keys', run: () => peer.person(names[i++ % names.length] ?? 'Ezhov') },
    warmup: 20,
    iterations: 500,
  });
  console.log(`  ${p99(r2)}; ${p99(r2, 'peer')}`);
  const r3 = await compare({
    name: 'person detail (offices, fate, events, sources) vs search only',
    opis: { label: 'kb.findPerson', run: () => kb.findPerson(names[i++ % names.length] ?? 'Ezhov') },
    peer: { label: 'kb.searchPeople', run: () => kb.searchPeople(names[i++ % names.length] ?? 'Ezhov') },
    warmup: 20,
    iterations: 300,
  });
  console.log(`  ${p99(r3)}`);
  kb.close();
  rmSync(dir, { recursive: true, force: true });
}
