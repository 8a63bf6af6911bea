import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../src/main.ts';

async function run(argv: string[], input = '') {
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
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await main(argv, { stdin, stdout, stderr, cwd: process.cwd() });
  return { code, stdout: out, stderr: err };
}

describe('opis translit', () => {
  it('romanizes line by line with the book system by default', async () => {
    const r = await run(['translit'], 'Ежов и Зиновьев\n\nТРОЦКИЙ\n');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'Yezhov i Zinoviev\n\nTROTSKY\n');
  });

  it('takes a system, a case and a file, and prints JSON Lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opis-translit-'));
    const file = join(dir, 'in.txt');
    writeFileSync(file, 'ЕЖОВ\nЯгода\n');
    const r = await run(['translit', '--system', 'german', '--case', 'title', '--json', file]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
      [
        { input: 'ЕЖОВ', output: 'Jeschow' },
        { input: 'Ягода', output: 'Jagoda' },
      ],
    );
  });

  it('--reverse gives the best Cyrillic, or ranked candidates with --json', async () => {
    const r = await run(['translit', '--reverse', '--system', 'modified-lc'], 'Yezhov\n');
    assert.equal(r.stdout, 'Ежов\n');
    const j = await run(['translit', '--reverse', '--json', '--limit', '2'], 'Zinoviev\n');
    const rec = JSON.parse(j.stdout) as { input: string; system: string; candidates: { text: string }[] };
    assert.equal(rec.input, 'Zinoviev');
    assert.equal(rec.system, 'modified-lc');
    assert.deepEqual(
      rec.candidates.map((c) => c.text),
      ['Зиновьев', 'Зиновиев'],
    );
  });

  it('--list lists the systems', async () => {
    const r = await run(['translit', '--list', '--json']);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    assert.ok(ids.includes('modified-lc') && ids.includes('gost-779-alt') && ids.length >= 32);
  });

  it('bad usage is a one-line error with exit 1', async () => {
    const a = await run(['translit', '--system', 'nope'], 'x\n');
    assert.equal(a.code, 1);
    assert.match(a.stderr, /unknown system 'nope'; valid ids: .*modified-lc/);
    const b = await run(['translit', '--case', 'sideways'], 'x\n');
    assert.equal(b.code, 1);
    assert.match(b.stderr, /--case must be one of keep, title, upper, lower/);
    const c = await run(['translit', '--reverse', '--limit', '0'], 'x\n');
    assert.equal(c.code, 1);
    assert.match(c.stderr, /--limit/);
    const d = await run(['translit', '/no/such/file.txt']);
    assert.equal(d.code, 1);
    assert.match(d.stderr, /no\/such\/file\.txt/);
  });
});
