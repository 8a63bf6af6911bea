/** `opis serve` as a user runs it: a real process, the URL line on stdout, a clean stop on SIGTERM. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { get } from './helpers.ts';

const bin = fileURLToPath(new URL('../../cli/bin/opis.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('../../kb/test/fixtures/good/', import.meta.url));
let dir: string;
const env = () => ({ ...process.env, OPIS_DATA_DIR: fixtures, NO_COLOR: '1' });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'opis-serve-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  proc: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(args: string[]): Promise<Started> {
  const proc = spawn(process.execPath, [bin, 'serve', ...args], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  return new Promise((resolve, reject) => {
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^opis: serving (http:\/\/\S+)\n/.exec(out);
      if (m?.[1]) resolve({ proc, url: m[1], stdout: () => out, stderr: () => err, exited });
    });
    exited.then((code) => reject(new Error(`opis serve exited with ${code}: ${err}`)));
  });
}

describe('opis serve', () => {
  it('builds the database, prints the URL, serves, and stops on SIGTERM', async () => {
    const db = join(dir, 'a.sqlite');
    const s = await serve(['--port', '0', '--db', db, '--no-build']);
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(s.stderr(), /building the database/);
    const h = await get(s.url, '/api/health');
    assert.equal(h.status, 200);
    assert.equal(h.json.dataset.people, 4, 'the fixtures have four people');
    s.proc.kill('SIGTERM');
    assert.equal(await s.exited, 0);
    assert.equal(s.stdout(), `opis: serving ${s.url}\n`, 'stdout has the URL line only');
    assert.match(s.stderr(), /SIGTERM, stopping/);

    // A second start rebuilds nothing.
    const again = await serve(['--port', '0', '--db', db, '--no-build']);
    assert.doesNotMatch(again.stderr(), /building the database/);
    assert.equal((await get(again.url, '/api/people/yezhov')).status, 200);
    again.proc.kill('SIGINT');
    assert.equal(await again.exited, 0);
  });

  it('a dataset that does not compile is a user error with its position', () => {
    const bad = fileURLToPath(new URL('../../kb/test/fixtures/bad/', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [bin, 'serve', '--port', '0', '--db', join(dir, 'bad.sqlite'), '--no-build'],
      {
        env: { ...env(), OPIS_DATA_DIR: bad },
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^opis: \S+\.yaml:\d+:\d+: serve: data\/ does not compile: /m);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
  });

  it('rejects a bad port and a port in use with one line', async () => {
    const bad = spawnSync(process.execPath, [bin, 'serve', '--port', 'eighty'], {
      env: env(),
      encoding: 'utf8',
    });
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, "opis: serve: --port must be an integer from 0 to 65535, got 'eighty'\n");
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = spawn(
        process.execPath,
        [bin, 'serve', '--port', String(port), '--db', join(dir, 'b.sqlite'), '--no-build'],
        {
          env: env(),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let err = '';
      busy.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const code = await new Promise((res) => busy.on('exit', res));
      assert.equal(code, 1);
      assert.match(err, new RegExp(`opis: serve: port ${port} on 127.0.0.1 is in use \\(try --port 0`));
    } finally {
      blocker.close();
    }
  });
});
