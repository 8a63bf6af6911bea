/** `opis query` and `opis export` (packages/cli/src/commands/{query,export}.ts), run as a user would. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const bin = new URL('../../cli/bin/opis.mjs', import.meta.url).pathname;
const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'opis-cli-'));
const db = join(dir, 'kb.sqlite');
const base = ['--data', join(fixtures, 'good'), '--db', db];
after(() => rmSync(dir, { recursive: true, force: true }));

function opis(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('opis query', () => {
  it('state: builds the database on first use (progress on stderr), then answers', () => {
    const r = opis('query', 'state', '1937-03-01', '--json', ...base);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /building the knowledge base/);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; holders: { person: { id: string }; office: string }[] });
    const nkvd = lines.find((l) => l.id === 'nkvd');
    assert.equal(nkvd?.holders[0]?.person.id, 'yezhov');
    const again = opis('query', 'state', '1937-03-01', ...base);
    assert.equal(again.stderr, '', 'no rebuild the second time');
    assert.match(again.stdout, /NKVD: People's Commissariat of Internal Affairs \[police\]; part-of snk/);
    assert.match(again.stdout, /People's Commissar\s+Yezhov\s+1936-09-26 – 1938-11-25\s+holds/);
  });

  it('person, cohort, events and stats', () => {
    const p = opis('query', 'person', 'Jeschow', ...base);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /^Nikolai Ivanovich Yezhov \(Ежов Николай Иванович\)/);
    assert.match(p.stdout, /fate: arrested 1939-04, shot 1940-02-04/);
    const c = opis(
      'query',
      'cohort',
      '--institution',
      'cc-17',
      '--office',
      'full member',
      '--as-of',
      '1934-02-10',
      '--by',
      '1939-12-31',
      '--json',
      ...base,
    );
    assert.equal(c.code, 0, c.stderr);
    const cohort = JSON.parse(c.stdout) as { members: number; list: unknown[] };
    assert.equal(cohort.members, 3);
    const e = opis('query', 'events', '--from', '1937-03-02', '--kind', 'arrest', ...base);
    assert.match(e.stdout, /1937-03\s+arrest\s+Yagoda arrested/);
    const s = opis('query', 'stats', 'table-x', ...base);
    assert.match(s.stdout, /discrepancy \[1937\]: total = a \+ b: 12 printed, 11 computed/);
  });

  it('bad input: a bad date, an unknown person, a missing argument (exit 1, one line)', () => {
    const d = opis('query', 'state', '1937-02-30', ...base);
    assert.equal(d.code, 1);
    assert.match(
      d.stderr,
      /^opis: query state: date "1937-02-30": day 30 does not exist in 1937-02 .*column 9/,
    );
    assert.equal(d.stderr.trim().split('\n').length, 1);
    const n = opis('query', 'person', 'Nobodyski', ...base);
    assert.equal(n.code, 1);
    assert.match(n.stderr, /no one matches 'Nobodyski'/);
    const m = opis('query', 'cohort', '--institution', 'cc-17', ...base);
    assert.match(m.stderr, /--as-of is required/);
  });

  it('bad data: the first problem with its position, and check lists them all', () => {
    const bad = ['--data', join(fixtures, 'bad'), '--db', join(dir, 'bad.sqlite')];
    const r = opis('query', 'state', '1937', ...bad);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /opis: .*fixtures\/bad\/institutions\.yaml:7:32: institution "sovnarkom" is not defined .*\(and \d+ more: opis query check\)/,
    );
    const c = opis('query', 'check', ...bad);
    assert.equal(c.code, 1);
    assert.ok(c.stdout.trim().split('\n').length >= 15);
    assert.match(c.stdout, /people\/a\.yaml:6:26: bad date "1937-02-29"/);
  });
});

describe('opis export', () => {
  it('writes JSON-LD, CSV and GraphML', () => {
    for (const f of ['jsonld', 'csv', 'graphml']) {
      const r = opis('export', '--format', f, '--out', join(dir, f), ...base);
      assert.equal(r.code, 0, r.stderr);
    }
    const ld = JSON.parse(readFileSync(join(dir, 'jsonld', 'opis.jsonld'), 'utf8')) as {
      '@graph': { '@type': string; '@id': string; memberOf?: { roleName: string }[] }[];
    };
    const y = ld['@graph'].find((n) => n['@id'] === 'person/yezhov');
    assert.equal(y?.['@type'], 'Person');
    assert.ok(y?.memberOf?.some((m) => m.roleName === "People's Commissar"));
    assert.deepEqual(readdirSync(join(dir, 'csv')).sort(), [
      'campaigns.csv',
      'discrepancies.csv',
      'events.csv',
      'fates.csv',
      'institutions.csv',
      'people.csv',
      'relations.csv',
      'statistics',
      'tenures.csv',
    ]);
    const people = readFileSync(join(dir, 'csv', 'people.csv'), 'utf8');
    assert.match(people, /^id,name,given,surname_ru,/);
    assert.match(
      readFileSync(join(dir, 'csv', 'statistics', 'table-x.csv'), 'utf8'),
      /^year,total,a,b,pct\r\n1936,10,4,6,40\r\n/,
    );
    const g = readFileSync(join(dir, 'graphml', 'network.graphml'), 'utf8');
    assert.match(g, /<edge id="e\d+" source="p:yezhov" target="i:nkvd">/);
    const bad = opis('export', '--format', 'pdf', '--out', dir, ...base);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--format must be one of jsonld, csv, graphml/);
  });
});
