import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { calibratedParams, defaultParams, get, REGISTRY } from '../src/model/params.ts';
import { parseRegistryTable } from '../src/odd.ts';

const odd = readFileSync(new URL('../../../docs/ODD.md', import.meta.url), 'utf8');

test('docs/ODD.md and the parameter registry agree, row by row', () => {
  const table = parseRegistryTable(odd);
  if (typeof table === 'string') assert.fail(table);
  assert.deepEqual(
    [...table.keys()],
    REGISTRY.map((p) => p.name),
    'same parameters in the same order',
  );
  for (const p of REGISTRY) {
    const cells: string[] = table.get(p.name) ?? [];
    const [value, unit, range, prior, status, source] = cells;
    assert.equal(Number(value), p.value, `${p.name}: value`);
    assert.equal(unit, p.unit.replace(/\|/g, '\\|'), `${p.name}: unit`);
    assert.equal(range, `${p.min}–${p.max}`, `${p.name}: range`);
    assert.equal(prior, p.prior ?? '—', `${p.name}: prior`);
    assert.equal(status, p.status, `${p.name}: status`);
    assert.equal(source, p.source, `${p.name}: source`);
  }
});

test('the ODD document has the ODD 2020 and ODD+D headings', () => {
  for (const h of [
    'Purpose and patterns',
    'Entities, state variables and scales',
    'Process overview and scheduling',
    'Design concepts',
    'Initialization',
    'Input data',
    'Submodels',
    'individual decision-making',
    'individual sensing',
    'Theoretical and empirical background',
    'Heterogeneity',
  ])
    assert.ok(odd.includes(h), h);
});

test('the registry is consistent: values inside ranges, calibrated ones have priors, sources are given', () => {
  const names = new Set<string>();
  for (const p of REGISTRY) {
    assert.ok(!names.has(p.name), `duplicate ${p.name}`);
    names.add(p.name);
    assert.ok(p.min <= p.value && p.value <= p.max, `${p.name} outside its range`);
    assert.ok(p.source.length > 0 && p.description.length > 0);
    if (p.status === 'calibrated') assert.ok(p.prior, `${p.name} has no prior`);
    if (p.prior === 'log-uniform') assert.ok(p.min > 0);
  }
  const k = calibratedParams().length;
  assert.ok(k >= 5 && k <= 10, `calibrate 5-10 parameters, not ${k}`);
  assert.throws(() => defaultParams({ nope: 1 }), /unknown parameter/);
  assert.throws(() => get({}, 'x'), /not in the registry/);
});

test('model code reads parameters only through the registry names, and never Math.random', () => {
  const dir = new URL('../src/', import.meta.url).pathname;
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(`${d}/${f}`).isDirectory() ? walk(`${d}/${f}`) : [`${d}/${f}`]));
  for (const f of walk(dir).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(f, 'utf8');
    assert.ok(!text.includes('Math.random'), `${f} uses Math.random`);
    for (const m of text.matchAll(/get\(p(?:arams)?, '([A-Za-z0-9]+)'\)/g))
      assert.ok(names().has(m[1]!), `${f} reads unknown parameter ${m[1]}`);
  }
});

function names() {
  return new Set(REGISTRY.map((p) => p.name));
}
