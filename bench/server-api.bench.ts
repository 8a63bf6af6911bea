/**
 * Requests per second and p99 latency of the API's person and state endpoints under autocannon on
 * loopback, against a bare node:http server answering a fixed body of the same size (the floor of
 * any Node.js HTTP server). Each server runs in its own process; autocannon runs in this one.
 * Zero errors and zero non-2xx answers are required. Target: >= 3,000 req/s on the person
 * endpoint with p99 < 25 ms.
 *
 * The same file is the child process: with OPIS_BENCH_ROLE=opis|peer it starts that server and
 * prints its URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './harness.ts';

const role = process.env.OPIS_BENCH_ROLE;
if (role === 'opis') {
  const { startServer } = await import('@opis/server');
  const s = await startServer({
    port: 0,
    dbPath: process.env.OPIS_BENCH_DB ?? '',
    webDir: '/nonexistent',
    cacheEntries: Number(process.env.OPIS_BENCH_CACHE ?? '4096'),
  });
  process.stdout.write(`${s.url}\n`);
} else if (role === 'peer') {
  const body = Buffer.from(process.env.OPIS_BENCH_BODY ?? '{}');
  const srv = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  srv.listen(0, '127.0.0.1', () => {
    const a = srv.address();
    process.stdout.write(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/\n`);
  });
}

interface Result {
  requests: { average: number; total: number };
  duration: number;
  latency: { p99: number; p50: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

function child(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ url: line, proc });
    });
    proc.on('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
}

async function buildDb(dir: string): Promise<string> {
  const kb = await import('@opis/kb');
  const path = join(dir, 'opis.sqlite');
  const real = kb.buildDatabase(kb.defaultDataDir(), path);
  if (real.ok) return path;
  const fixtures = fileURLToPath(new URL('../packages/kb/test/fixtures/good/', import.meta.url));
  console.log('  (data/ does not compile now: using @opis/kb test fixtures)');
  const fx = kb.buildDatabase(fixtures, path);
  if (!fx.ok) throw new Error(`no database: ${fx.problems[0]?.message}`);
  return path;
}

/** Requests per run, scaled per case by the size of the answer (OPIS_BENCH_SCALE=2 doubles them). */
const SCALE = Number(process.env.OPIS_BENCH_SCALE ?? '1');
const CONNECTIONS = 10;

export default async function (): Promise<void> {
  // autocannon ships no types: import it by a computed name and give it the shape used here.
  const name = 'autocannon';
  const autocannon = ((await import(name)) as { default: (o: object) => Promise<Result> }).default;
  const dir = mkdtempSync(join(tmpdir(), 'opis-bench-'));
  const children: ChildProcess[] = [];
  try {
    const db = await buildDb(dir);
    const cached = await child({ OPIS_BENCH_ROLE: 'opis', OPIS_BENCH_DB: db });
    const uncached = await child({ OPIS_BENCH_ROLE: 'opis', OPIS_BENCH_DB: db, OPIS_BENCH_CACHE: '0' });
    children.push(cached.proc, uncached.proc);
    const cases: [string, string, string, number][] = [
      ['person', 'api/people/yezhov', cached.url, 10000],
      ['state', 'api/state?date=1937-03-01', cached.url, 2000],
      ['person, response cache off', 'api/people/yezhov', uncached.url, 1000],
      ['state, response cache off', 'api/state?date=1937-03-01', uncached.url, 200],
    ];
    const failures: string[] = [];
    for (const [name, path, base, n] of cases) {
      const AMOUNT = Math.round(n * SCALE);
      const body = await (await fetch(base + path)).text();
      const peer = await child({ OPIS_BENCH_ROLE: 'peer', OPIS_BENCH_BODY: body });
      children.push(peer.proc);
      const last: Record<string, Result> = {};
      const load = (label: string, url: string) => async () => {
        // autocannon ends a run on a sampling tick: sample often, or every run lasts whole seconds.
        const r = await autocannon({ url, connections: CONNECTIONS, amount: AMOUNT, sampleInt: 10 });
        last[label] = r;
        if (r.errors || r.timeouts || r.non2xx)
          failures.push(`${name} ${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
      };
      await compare({
        name: `GET /${path} (${body.length} bytes, ${CONNECTIONS} connections, ${AMOUNT} requests)`,
        opis: { label: `opis server (${name})`, run: load('opis', base + path) },
        peer: { label: 'bare node:http, fixed body', run: load('peer', peer.url) },
        items: AMOUNT,
        warmup: 1,
        iterations: 3,
      });
      for (const side of ['opis', 'peer']) {
        const r = last[side];
        if (r)
          console.log(
            `  ${side.padEnd(5)} autocannon (last run): ${Math.round(r.requests.total / r.duration)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx`,
          );
      }
      const o = last.opis;
      if (name === 'person' && o) {
        const ok = o.requests.total / o.duration >= 3000 && o.latency.p99 < 25;
        console.log(`  target (>= 3000 req/s, p99 < 25 ms): ${ok ? 'met' : 'NOT met'}`);
      }
      peer.proc.kill();
    }
    if (failures.length > 0) throw new Error(`requests failed (zero required): ${failures.join('; ')}`);
  } finally {
    for (const c of children) c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
