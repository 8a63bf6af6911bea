import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';

const bin = new URL('../../cli/bin/opis.mjs', import.meta.url).pathname;
const opis = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('opis simulate --json prints one line per year and series; identical bytes with 1 or 2 workers', () => {
  const one = opis('simulate', '--scenario', 'baseline', '--seeds', '1..2', '--scale', '20000', '--json');
  const two = opis(
    'simulate',
    '--scenario',
    'baseline',
    '--seeds',
    '1..2',
    '--scale',
    '20000',
    '--json',
    '--workers',
    '2',
  );
  assert.equal(two, one);
  const lines = one
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 8 * 6);
  assert.deepEqual(Object.keys(lines[0]), [
    'scenario',
    'year',
    'series',
    'median',
    'lo',
    'hi',
    'observed',
    'heldOut',
  ]);
  const l1938 = lines.find((l) => l.year === 1938 && l.series === 'shot');
  assert.equal(l1938.observed, 328618);
  assert.equal(l1938.heldOut, true);
  assert.equal(lines.find((l) => l.year === 1939 && l.series === 'arrested').observed, null);
  for (const l of lines) assert.ok(l.lo <= l.median && l.median <= l.hi);
});

test('opis simulate --list names the five scenarios; bad input (simulate, calibrate, validate) exits 1 with one line', () => {
  const list = opis('simulate', '--list');
  for (const n of [
    'baseline',
    'no-limit-increases',
    'central-checking',
    'no-halt-1938',
    'no-mass-operations',
  ])
    assert.match(list, new RegExp(`^${n} `, 'm'));
  for (const args of [
    ['simulate', '--scenario', 'nope'],
    ['simulate', '--scenario', 'baseline', '--seeds', '5..1'],
    ['calibrate', '--jobs', '0'],
    ['validate', '--replicates', '0'],
    ['validate', '--jobs', 'two'],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 1, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^opis: /);
  }
});
