import assert from 'node:assert/strict';
import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON under test
  json: any;
}

/** One raw HTTP request (no client-side URL normalisation, so `..` reaches the server). */
export function get(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const u = new URL(base);
  const headers = { ...opts.headers };
  if (opts.body !== undefined && !headers['Transfer-Encoding'])
    headers['Content-Length'] = String(Buffer.byteLength(opts.body));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Checks that an answer is an RFC 9457 problem with the given status (and type suffix). */
export function assertProblem(a: Answer, status: number, type?: string): void {
  assert.equal(a.status, status, `expected ${status}, got ${a.status}: ${a.text.slice(0, 300)}`);
  assert.match(String(a.headers['content-type']), /^application\/problem\+json/);
  assert.equal(a.json.status, status);
  assert.equal(typeof a.json.title, 'string');
  assert.equal(typeof a.json.detail, 'string');
  assert.ok(a.json.detail.length > 10, 'the detail says something');
  assert.equal(typeof a.json.instance, 'string');
  assert.match(a.json.type, /^urn:opis:problem:/);
  if (type) assert.equal(a.json.type, `urn:opis:problem:${type}`);
  assert.doesNotMatch(a.text, /\bat .*\.ts:\d+/, 'no stack trace');
  assert.equal(a.headers['x-content-type-options'], 'nosniff');
}
