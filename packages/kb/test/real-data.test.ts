/** The shipped dataset: it compiles with zero problems and answers the questions of issue 5. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  buildDatabase,
  compileDataset,
  defaultDataDir,
  formatProblem,
  type Kb,
  openKb,
  StateResult,
} from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'opis-real-'));
const dbPath = join(dir, 'real.sqlite');
let kb: Kb;

before(() => {
  const r = buildDatabase(defaultDataDir(), dbPath);
  assert.ok(r.ok, r.ok ? '' : r.problems.slice(0, 20).map(formatProblem).join('\n'));
  kb = openKb(dbPath);
});
after(() => {
  kb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the shipped data/', () => {
  it('compiles with zero problems and has the size issue 5 asks for', () => {
    const r = compileDataset(defaultDataDir());
    assert.ok(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n'));
    assert.ok(r.dataset.people.length >= 150, `${r.dataset.people.length} people`);
    assert.ok(r.dataset.events.length >= 200, `${r.dataset.events.length} events`);
    const tables = r.dataset.statistics.map((s) => s.id);
    for (const t of ['table-1', 'table-2', 'table-3', 'table-4', 'table-5']) assert.ok(tables.includes(t), t);
    for (const c of ['purge', 'verification', 'exchange', 'mass-operation'])
      assert.ok(
        r.dataset.campaigns.some((x) => x.kind === c),
        `a ${c} campaign`,
      );
  });

  for (const q of ['Ezhov', 'Yezhov', 'Ežov', 'Jeschow', 'Ежов'])
    it(`finds Yezhov by "${q}"`, () => {
      assert.equal(kb.searchPeople(q)[0]?.id, 'yezhov');
    });

  it('person Ezhov: offices and fate', () => {
    const p = kb.findPerson('Ezhov');
    assert.equal(p?.id, 'yezhov');
    assert.ok(p?.tenures.some((t) => t.institution.id === 'nkvd'));
    assert.ok(p?.fate.some((f) => f.kind === 'shot'));
  });

  it('on 1937-03-01 the NKVD is headed by Yezhov, and the Politburo sits with Stalin', () => {
    const s = kb.stateOn('1937-03-01');
    StateResult.parse(s);
    const nkvd = s.institutions.find((i) => i.id === 'nkvd');
    assert.ok(nkvd, 'the NKVD exists on 1937-03-01');
    const head = nkvd.holders.find((h) => h.person.id === 'yezhov');
    assert.match(head?.office ?? '', /People's Commissar/);
    assert.equal(head?.status, 'holds');
    const pb = s.institutions.find((i) => i.id === 'politburo');
    assert.ok(pb?.holders.some((h) => h.person.id === 'stalin' && h.status === 'holds'));
    assert.ok(s.institutions.length >= 10, `${s.institutions.length} institutions`);
  });

  it('the cohort of full CC members of 1934-02-10 answers with a list', () => {
    const c = kb.cohort({
      institution: 'cc-17',
      office: 'full member',
      asOf: '1934-02-10',
      by: '1939-12-31',
    });
    assert.ok(c.members > 0);
    assert.equal(c.list.length, c.members);
    assert.ok(c.counts.arrested.yes > 0 && c.counts.shot.yes > 0);
    assert.ok(c.list.some((m) => m.person.id === 'yezhov' && m.arrested === 'yes'));
  });

  it('statistics keep the printed numbers and list discrepancies', () => {
    const t1 = kb.series('table-1');
    assert.equal(t1?.rows.find((r) => r.year === 1937)?.arrested_total, 936750);
    assert.ok(kb.statistics().some((s) => s.discrepancies > 0));
  });
});
