import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { formatLocated, UserError } from '../src/errors.ts';
import { main } from '../src/main.ts';
import { Output } from '../src/output.ts';
import { progressFactory, stagedProgress } from '../src/progress.ts';

const bin = new URL('../bin/opis.mjs', import.meta.url).pathname;

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let buf = '';
  stream.on('data', (d) => {
    buf += String(d);
  });
  return { stream, text: () => buf };
}

async function run(argv: string[]) {
  const out = collect();
  const err = collect();
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout: out.stream,
    stderr: err.stream,
    cwd: process.cwd(),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('opis command', () => {
  it('prints the version from package.json', async () => {
    const r = await run(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('lists every command module in --help', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: opis <command>/);
    assert.match(r.stdout, /Exit codes: 0 success, 1 bad input or usage, 2 internal failure/);
  });

  it('exits 1 with one line on an unknown command', async () => {
    const r = await run(['nosuchcommand']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "opis: unknown command 'nosuchcommand' (see opis --help)\n");
    assert.equal(r.stdout, '');
  });

  it('exits 1 on an unknown top-level option', async () => {
    const r = await run(['--frobnicate']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown option '--frobnicate'/);
  });

  it('bare opis is a usage error with help on stderr', async () => {
    const r = await run([]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Usage: opis/);
  });

  it('runs as a real process through the bin script', () => {
    const r = spawnSync(process.execPath, [bin, 'nosuchcommand'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(
      execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim().length > 0,
      true,
    );
  });
});

describe('errors', () => {
  it('formats file:line:column when known', () => {
    assert.equal(formatLocated('bad date', { file: 'a.yaml', line: 3, column: 7 }), 'a.yaml:3:7: bad date');
    assert.equal(formatLocated('bad date', { file: 'a.yaml' }), 'a.yaml: bad date');
    assert.equal(formatLocated('bad date'), 'bad date');
  });
  it('UserError exits 1', () => {
    assert.equal(new UserError('x').exitCode, 1);
  });
});

describe('output', () => {
  it('aligns table columns and writes JSON Lines', async () => {
    const c = collect();
    const out = new Output(c.stream);
    await out.table([
      { name: 'Ежов', office: 'NKVD' },
      { name: 'Yagoda', office: 'NKVD' },
    ]);
    await out.json({ a: 1 });
    await out.flush();
    assert.equal(c.text(), 'name    office\nЕжов    NKVD\nYagoda  NKVD\n{"a":1}\n');
  });
});

describe('progress', () => {
  it('prints plain lines at each tenth when not a terminal', () => {
    const c = collect();
    const p = progressFactory({ stream: c.stream })('ingest', 100);
    for (let i = 0; i <= 100; i++) p.update(i);
    p.finish();
    const lines = c.text().trim().split('\n');
    assert.equal(lines.length, 12);
    assert.equal(lines[0], 'ingest: 0/100 (0%)');
    assert.equal(lines.at(-1), 'ingest: done');
  });
  it('draws a bar on a terminal, without newlines until finish', () => {
    const c = collect();
    const stream = Object.assign(c.stream, { isTTY: true, columns: 80 });
    let t = 0;
    const p = progressFactory({ stream, now: () => (t += 200) })('calibrate', 10);
    p.update(5);
    assert.ok(c.text().startsWith('\rcalibrate '));
    assert.ok(!c.text().includes('\n'));
    p.finish();
    assert.ok(c.text().endsWith('\n'));
  });
  it('opens one bar per stage and finishes each at its total', () => {
    const c = collect();
    const report = stagedProgress(progressFactory({ stream: c.stream }));
    report('screening', 0, 2);
    report('screening', 2, 2);
    report('abc', 1, 1);
    assert.deepEqual(c.text().trim().split('\n'), [
      'screening: 0/2 (0%)',
      'screening: 2/2 (100%)',
      'screening: done',
      'abc: 1/1 (100%)',
      'abc: done',
    ]);
  });
  it('is silent when asked', () => {
    const c = collect();
    const p = progressFactory({ stream: c.stream, silent: true })('x', 3);
    p.update(3);
    p.finish();
    assert.equal(c.text(), '');
  });
});
