import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { HeldOutError, loadObserved, SERIES } from '../src/data/observed.ts';
import { parseSeeds, quantile } from '../src/ensemble.ts';
import { WEEKS, weekDate, weekOf, yearOfWeek } from '../src/model/calendar.ts';
import { loadKbEvents, loadModelEvents, unmatchedKbRefs } from '../src/model/event-files.ts';
import { validateEvents } from '../src/model/events.ts';
import { isScenarioError, listScenarios, parseScenario, resolveScenario } from '../src/scenarios.ts';

test('the split: calibration sees 1932-1937 and cannot read 1938 or 1939', () => {
  const o = loadObserved();
  assert.deepEqual([...o.fit.years], [1932, 1933, 1934, 1935, 1936, 1937]);
  assert.equal(o.fit.value(1937, 'shot'), 353074);
  assert.equal(o.fit.value(1932, 'arrested'), 410433);
  for (const y of [1938, 1939]) for (const s of SERIES) assert.throws(() => o.fit.value(y, s), HeldOutError);
  assert.throws(() => o.fit.value(1930, 'shot'), /not in the fit set/);
  assert.throws(() => o.heldOut.unseal('calibration' as 'validation'), /validation only/);
  const held = o.heldOut.unseal('validation');
  assert.equal(held.get(1938)?.shot, 328618);
  assert.equal(held.get(1939)?.arrested, null, 'a blank cell is null');
  assert.ok(Object.isFrozen(o.fit));
});

test('calibration code never reaches the held-out rows: no module of src/calibrate unseals them', () => {
  const dir = new URL('../src/calibrate/', import.meta.url).pathname;
  for (const f of readdirSync(dir)) {
    if (f === 'validate.ts') continue; // validation runs after calibration and may unseal
    const text = readFileSync(join(dir, f), 'utf8');
    assert.ok(!text.includes('unseal('), `${f} unseals held-out data`);
    assert.ok(!text.includes('table-1.yaml'), `${f} reads the table directly`);
  }
});

test('the split file is checked: overlapping years are refused', () => {
  const d = mkdtempSync(join(tmpdir(), 'split-'));
  const f = join(d, 'split.yaml');
  writeFileSync(f, 'registered: x\ntable: table-1\nfit: [1937]\nheld_out: [1937]\nseries: { shot: shot }\n');
  assert.throws(() => loadObserved(undefined, f), /both fit and held out/);
});

test('calendar: weeks and EDTF dates', () => {
  assert.equal(weekOf('1932-01-01'), 0);
  assert.equal(weekOf('1932-01-08'), 1);
  assert.equal(weekOf('1937'), weekOf('1937-01-01'));
  assert.equal(weekOf('1937-08-05/1938-11-17'), weekOf('1937-08-05'));
  assert.equal(weekOf('1936~'), weekOf('1936'));
  assert.deepEqual(weekOf('1937-02-29'), { message: "no such calendar date '1937-02-29'" });
  assert.match((weekOf('August 1937') as { message: string }).message, /cannot read date/);
  assert.equal(yearOfWeek(0), 1932);
  assert.equal(yearOfWeek(WEEKS - 1), 1939);
  assert.equal(weekDate(WEEKS - 1).slice(0, 4), '1939');
  fc.assert(
    fc.property(fc.string(), (s) => {
      const w = weekOf(s);
      assert.ok(typeof w === 'number' || typeof w.message === 'string');
    }),
  );
});

test('events: the queue loads; bad events give messages, not exceptions', () => {
  const ev = loadModelEvents();
  assert.ok(ev.length > 15);
  for (let i = 1; i < ev.length; i++) assert.ok(ev[i]!.week >= ev[i - 1]!.week);
  const bad = validateEvents(
    [
      { id: 'x', date: '1937-13', title: 't', effects: [{ kind: 'halt' }], source: 's' },
      { id: 'y', date: '1950', title: 't', effects: [{ kind: 'halt' }], source: 's' },
      { id: 'Z!', date: '1937', title: 't', effects: [{ kind: 'halt' }], source: 's' },
      { id: 'z', date: '1937', title: 't', effects: [{ kind: 'nonsense' }], source: 's' },
      { id: 'w', date: '1937', title: 't', effects: [{ kind: 'halt' }], source: 's' },
      { id: 'w', date: '1938', title: 't', effects: [{ kind: 'halt' }], source: 's' },
    ],
    'f.yaml',
  );
  const msgs = bad.issues.map((i) => i.message).join('\n');
  assert.match(msgs, /no such calendar date/);
  assert.match(msgs, /outside 1932-1939/);
  assert.match(msgs, /id/);
  assert.match(msgs, /effects/);
  assert.match(msgs, /duplicate event id 'w'/);
  assert.deepEqual(validateEvents({}, 'f').issues[0]?.message, 'expected a list of events');
  const kb = new Map([['known', '1937']]);
  assert.deepEqual(
    unmatchedKbRefs(
      [
        { ...ev[0]!, kb: 'unknown' },
        { ...ev[1]!, kb: 'known' },
      ],
      kb,
    ),
    [ev[0]!.id],
  );
  assert.deepEqual(unmatchedKbRefs([{ ...ev[0]!, kb: 'unknown' }], new Map()), []);
});

test('scenarios: the five ship and validate; bad files give one-line errors', () => {
  assert.deepEqual(
    listScenarios().map((s) => s.name),
    ['baseline', 'central-checking', 'no-halt-1938', 'no-limit-increases', 'no-mass-operations'],
  );
  const err = (text: string) => {
    const r = parseScenario(text, 'x.yaml');
    assert.ok(isScenarioError(r), text);
    return r.message;
  };
  assert.match(err('name: [unclosed'), /invalid YAML/);
  assert.match(err('summary: no name'), /name/);
  assert.match(err('name: a\nsummary: s\nparameters: { nope: 1 }'), /no such parameter/);
  assert.match(err('name: a\nsummary: s\nparameters: { massPace: 99 }'), /outside the registry range/);
  assert.match(err('name: a\nsummary: s\nremove_events: [no-such-event]'), /no event 'no-such-event'/);
  assert.match(err('name: a\nsummary: s\nextra: 1'), /(unrecognized|Unrecognized)/);
  const r = resolveScenario('does-not-exist');
  assert.ok(isScenarioError(r) && /no scenario/.test(r.message));
  fc.assert(
    fc.property(fc.string(), (s) => {
      parseScenario(s, 'fuzz.yaml'); // never throws
    }),
  );
});

test('seeds and quantiles', () => {
  assert.deepEqual(parseSeeds('1..3'), [1, 2, 3]);
  assert.deepEqual(parseSeeds('4,7..8'), [4, 7, 8]);
  assert.match(parseSeeds('3..1') as string, /empty/);
  assert.match(parseSeeds('a') as string, /cannot read/);
  assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
  assert.equal(quantile([0, 10], 0.05), 0.5);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('every kb reference of the event queue names a record of the knowledge base (data/events/)', () => {
  const kb = loadKbEvents();
  if (kb.size === 0) return; // the knowledge base has no events yet
  assert.deepEqual(unmatchedKbRefs(loadModelEvents(), kb), []);
});

test('a scenario given by path (relative or absolute) is read and validated', () => {
  const d = mkdtempSync(join(tmpdir(), 'scen-'));
  writeFileSync(join(d, 'mine.yaml'), 'name: mine\nsummary: faster filling\nparameters: { massPace: 0.3 }\n');
  const abs = resolveScenario(join(d, 'mine.yaml'));
  assert.ok(!isScenarioError(abs) && abs.parameters.massPace === 0.3);
  const rel = resolveScenario('mine.yaml', d);
  assert.ok(!isScenarioError(rel) && rel.name === 'mine');
});
