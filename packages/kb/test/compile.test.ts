import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileDataset, formatProblem, type Problem } from '../src/index.ts';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

/** The 1-based line and column of `needle` (+ `offset` characters) in a fixture file. */
function at(file: string, needle: string, offset = 0, nth = 0): { line: number; column: number } {
  const lines = readFileSync(join(fixtures, 'bad', file), 'utf8').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const c = (lines[i] ?? '').indexOf(needle);
    if (c >= 0 && seen++ === nth) return { line: i + 1, column: c + 1 + offset };
  }
  throw new Error(`${needle} not in ${file}`);
}

function find(problems: Problem[], file: string, re: RegExp): Problem {
  const p = problems.find((x) => x.file.endsWith(file) && re.test(x.message));
  assert.ok(p, `no problem ${re} in ${file}; got:\n${problems.map(formatProblem).join('\n')}`);
  return p;
}

function expectAt(p: Problem, pos: { line: number; column: number }) {
  assert.deepEqual({ line: p.line, column: p.column }, pos, formatProblem(p));
}

describe('compileDataset on good data', () => {
  it('compiles the good fixture with no problems and lists the computed discrepancy', () => {
    const r = compileDataset(join(fixtures, 'good'));
    assert.ok(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n'));
    assert.equal(r.dataset.people.length, 4);
    assert.equal(r.dataset.tenures.length, 8);
    assert.equal(r.discrepancies.length, 1);
    const d = r.discrepancies[0];
    assert.equal(d?.series, 'table-x');
    assert.equal(d?.where, '1937');
    assert.equal(d?.left, 12);
    assert.equal(d?.right, 11);
    // the printed numbers are kept, never corrected
    const row = r.dataset.statistics[0]?.rows.find((x) => x.year === 1937);
    assert.equal(row?.total, 12);
    assert.match(r.origins.people[0] ?? '', /people\/a-z\.yaml:1$/);
    assert.equal(r.hash.length, 64);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    compileDataset(join(fixtures, 'good'), { onProgress: (d) => seen.push(d) });
    assert.ok(seen.length >= 2);
  });
});

describe('compileDataset on bad data: every problem, with its exact position', () => {
  const r = compileDataset(join(fixtures, 'bad'));
  assert.equal(r.ok, false);
  const problems = r.ok ? [] : r.problems;

  it('reports all problems at once (several files, several kinds)', () => {
    assert.ok(problems.length >= 15, problems.map(formatProblem).join('\n'));
    const files = new Set(problems.map((p) => p.file.replace(/.*fixtures\/bad\//, '')));
    assert.deepEqual([...files].sort(), [
      'institutions.yaml',
      'people/a.yaml',
      'statistics/t.yaml',
      'tenures/t.yaml',
    ]);
  });

  it('1937-02-29 points at the day', () => {
    const p = find(problems, 'people/a.yaml', /1937-02-29.*day 29 does not exist/);
    expectAt(p, at('people/a.yaml', '"1937-02-29"', 9));
  });

  it('a bad month points at the month', () => {
    expectAt(find(problems, 'tenures/t.yaml', /1937-13.*month 13/), at('tenures/t.yaml', '"1937-13"', 6));
  });

  it('unknown fields, bad enum values, missing sources', () => {
    expectAt(find(problems, 'people/a.yaml', /unknown field "soruce"/), at('people/a.yaml', 'soruce'));
    expectAt(
      find(problems, 'institutions.yaml', /"secret" is not one of/),
      at('institutions.yaml', 'secret'),
    );
    expectAt(
      find(problems, 'people/a.yaml', /person "nosource" has no source/),
      at('people/a.yaml', 'id: nosource'),
    );
    expectAt(
      find(problems, 'people/a.yaml', /birth date has no source/),
      at('people/a.yaml', '{ date: "1900" }'),
    );
  });

  it('references that do not resolve', () => {
    expectAt(
      find(problems, 'institutions.yaml', /"sovnarkom" is not defined/),
      at('institutions.yaml', 'sovnarkom'),
    );
    expectAt(
      find(problems, 'tenures/t.yaml', /person "ezhov" is not defined/),
      at('tenures/t.yaml', 'person: ezhov', 8),
    );
    expectAt(
      find(problems, 'people/a.yaml', /work "nowhere" is not in sources.yaml/),
      at('people/a.yaml', '"work:nowhere"', 6),
    );
  });

  it("dates out of order and tenures outside the holder's life", () => {
    expectAt(
      find(problems, 'tenures/t.yaml', /ends \(1936-09-01\) before it starts/),
      at('tenures/t.yaml', '"1936-09-01"'),
    );
    expectAt(
      find(problems, 'people/a.yaml', /ends \(1890\) before it starts \(1900\)/),
      at('people/a.yaml', '"1890"'),
    );
    expectAt(
      find(problems, 'tenures/t.yaml', /before its holder yezhov was born/),
      at('tenures/t.yaml', '"1880"'),
    );
    // no death date, but a fate that ends the life (shot 1937-08)
    expectAt(
      find(
        problems,
        'tenures/t.yaml',
        /tenure starts \(1938-01-05\) after its holder shotperson died \(1937-08\)/,
      ),
      at('tenures/t.yaml', '"1938-01-05"'),
    );
  });

  it('source locators, duplicate ids, statistics columns and identities', () => {
    expectAt(
      find(problems, 'people/a.yaml', /line 99999 is outside the book/),
      at('people/a.yaml', '"book:ch1:L99999"', 11),
    );
    expectAt(
      find(problems, 'people/a.yaml', /duplicate people id "yezhov"/),
      at('people/a.yaml', 'yezhov', 0, 1),
    );
    expectAt(find(problems, 'statistics/t.yaml', /"b" is not a column/), at('statistics/t.yaml', 'b: 1'));
    expectAt(
      find(problems, 'statistics/t.yaml', /identity uses "c"/),
      at('statistics/t.yaml', '"total = a + c"', 13),
    );
    expectAt(
      find(problems, 'statistics/t.yaml', /identity ends too early/),
      at('statistics/t.yaml', '"total = a +"', 12),
    );
  });

  it('YAML syntax errors carry positions and stop nothing else from being reported', () => {
    const s = compileDataset(join(fixtures, 'bad-syntax'));
    assert.equal(s.ok, false);
    if (s.ok) return;
    assert.equal(s.problems.length, 1);
    assert.match(formatProblem(s.problems[0] as Problem), /bad-syntax\/institutions\.yaml:3:3: /);
  });

  it('a missing data directory is a problem, not an exception', () => {
    const s = compileDataset(join(fixtures, 'no-such-dir'));
    assert.equal(s.ok, false);
  });
});
