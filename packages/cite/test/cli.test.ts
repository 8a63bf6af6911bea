// The `opis cite` subcommand, run in-process through the command's main().
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { main } from '../../cli/src/main.ts';

async function run(argv: string[], input = '') {
  const stdin = new PassThrough();
  stdin.end(input);
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await main(argv, { stdin, stdout, stderr, cwd: process.cwd() });
  return { code, out, err };
}

test('cite extract --json prints the documented shape, offsets into the whole input', async () => {
  const input = 'Intro.\n¹ RTsKhIDNI, f. 17, op. 3, d. 1003, ll. 82–83; d. 1004, l. 5.\n';
  const r = await run(['cite', 'extract', '--json'], input);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], {
    start: 9,
    end: 52,
    line: 2,
    raw: 'RTsKhIDNI, f. 17, op. 3, d. 1003, ll. 82–83',
    kind: 'full',
    reference: {
      archive: 'RGASPI',
      archiveAsWritten: 'RTsKhIDNI',
      fond: '17',
      opis: '3',
      delo: '1003',
      sheets: [{ from: '82', to: '83', verso: false, toVerso: false }],
      key: 'RGASPI:17/3/1003',
    },
    inheritsFrom: null,
    diagnostics: [],
  });
  assert.equal(lines[1].kind, 'continuation');
  assert.equal(lines[1].inheritsFrom, 0);
  assert.equal(input.slice(lines[1].start, lines[1].end), 'd. 1004, l. 5');
});

test('cite parse and resolve give offsets into the whole input', async () => {
  const input = 'RGASPI, f. 17, op. 2, d. 615, l. 68.\nIbid., ll. 79–79ob.\n';
  const p = await run(['cite', 'parse', '--json'], input);
  const parsed = p.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(parsed.length, 2);
  assert.equal(parsed[1].diagnostics[0].code, 'missing-target');
  const r = await run(['cite', 'resolve', '--json'], input);
  const resolved = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    resolved.map((c) => [c.kind, c.line, c.start, c.inheritsFrom, c.reference.key]),
    [
      ['full', 1, 0, null, 'RGASPI:17/2/615'],
      ['ibid', 2, 37, 0, 'RGASPI:17/2/615'],
    ],
  );
});

test('cite format writes each line in the chosen style', async () => {
  const r = await run(['cite', 'format', '--style', 'ru'], 'RGASPI, f. 17, op. 3, d. 1003, ll. 82–83ob\n');
  assert.equal(r.out, 'РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82–83 об.\n');
  const c = await run(['cite', 'format', '--style', 'csl'], 'RGASPI 17/3/1003, 82\n');
  assert.equal(JSON.parse(c.out).id, 'RGASPI:17/3/1003');
});

test('cite: a bad action or style is a usage error', async () => {
  const a = await run(['cite', 'frobnicate'], '');
  assert.equal(a.code, 1);
  assert.match(a.err, /cite: expected one of parse, resolve, extract, format, got 'frobnicate'/);
  const b = await run(['cite', 'format', '--style', 'mla'], '');
  assert.equal(b.code, 1);
  assert.match(b.err, /--style must be one of en, ru, compact, csl, got 'mla'/);
});
