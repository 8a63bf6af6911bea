/**
 * Serves the web app's build (`packages/web/dist`): content types, long caching of hashed
 * assets, `no-cache` (revalidate by ETag) for the rest, gzip/brotli when the client takes it,
 * and the single-page-app fallback (a path without an extension that names no file gets
 * `index.html`, so deep links survive a reload). Paths that try to leave the folder are refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { quote } from './params.ts';
import { HttpProblem, notFound } from './problem.ts';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

const compressible = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg)/;

/** Vite names built assets `name-<hash>.ext` (hash of 8+ url-safe characters). */
export const isHashed = (relPath: string) =>
  /[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(relPath) && relPath.startsWith('assets/');

export interface StaticFile {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Entry {
  mtimeMs: number;
  size: number;
  type: string;
  etag: string;
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

export class StaticFiles {
  private readonly cache = new Map<string, Entry>();
  private readonly root: string | undefined;

  constructor(dir: string | undefined) {
    let root: string | undefined;
    try {
      root = dir && statSync(dir).isDirectory() ? realpathSync(dir) : undefined;
    } catch {
      root = undefined;
    }
    this.root = root;
  }

  get available(): boolean {
    return this.root !== undefined && this.load('index.html') !== undefined;
  }

  /** Splits and decodes a path, refusing anything that could leave the root. */
  static segments(pathname: string): string[] {
    const parts = pathname.split('/').slice(1);
    const out: string[] = [];
    for (const [i, raw] of parts.entries()) {
      let s: string;
      try {
        s = decodeURIComponent(raw);
      } catch {
        throw new HttpProblem(
          400,
          'bad-request',
          `the path is not valid percent-encoding: ${quote(pathname)}`,
        );
      }
      if (s === '..' || s === '.' || s.includes('/') || s.includes('\\') || s.includes('\0'))
        throw new HttpProblem(
          400,
          'bad-request',
          `the path ${quote(pathname)} tries to leave the web app's folder`,
        );
      if (s === '' && i < parts.length - 1)
        throw new HttpProblem(400, 'bad-request', `the path ${quote(pathname)} has an empty segment`);
      if (s !== '') out.push(s);
    }
    return out;
  }

  private load(rel: string): Entry | undefined {
    if (!this.root) return undefined;
    const file = join(this.root, rel);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const cached = this.cache.get(rel);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
    // A symlink inside the build could point anywhere: serve only what really lies inside.
    const real = realpathSync(file);
    if (real !== this.root && !real.startsWith(this.root + sep)) return undefined;
    const raw = readFileSync(real);
    const type = contentTypes[extname(rel).toLowerCase()] ?? 'application/octet-stream';
    const entry: Entry = {
      mtimeMs: st.mtimeMs,
      size: st.size,
      type,
      raw,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
    };
    this.cache.set(rel, entry);
    return entry;
  }

  /**
   * The answer for a GET of `pathname` (not under /api). Throws a problem when there is none.
   */
  serve(pathname: string, acceptEncoding: string, ifNoneMatch: string | undefined): StaticFile {
    const segs = StaticFiles.segments(pathname);
    if (!this.root || !this.available)
      throw new HttpProblem(
        503,
        'unavailable',
        'the web app is not built: run `npm run build -w @opis/web` (or start with `opis serve`, which builds it); the API is at /api',
      );
    if (segs.some((s) => s.startsWith('.'))) throw notFound(`no file ${quote(pathname)} in the web app`);
    let rel = segs.join('/');
    let entry = rel === '' ? undefined : this.load(rel);
    if (!entry) {
      const last = segs[segs.length - 1] ?? '';
      if (rel === '' || !last.includes('.')) {
        rel = 'index.html';
        entry = this.load(rel);
      }
    }
    if (!entry) throw notFound(`no file ${quote(pathname)} in the web app`);
    const headers: Record<string, string> = {
      'Content-Type': entry.type,
      ETag: entry.etag,
      'Cache-Control': isHashed(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const canCompress = compressible.test(entry.type) && entry.raw.length > 1024;
    if (canCompress) headers.Vary = 'Accept-Encoding';
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, entry.etag))
      return { status: 304, headers, body: Buffer.alloc(0) };
    let body = entry.raw;
    if (canCompress) {
      const enc = pickEncoding(acceptEncoding);
      if (enc === 'br') {
        entry.br ??= brotliCompressSync(entry.raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length,
          },
        });
        body = entry.br;
        headers['Content-Encoding'] = 'br';
      } else if (enc === 'gzip') {
        entry.gzip ??= gzipSync(entry.raw, { level: 9 });
        body = entry.gzip;
        headers['Content-Encoding'] = 'gzip';
      }
    }
    return { status: 200, headers, body };
  }
}

/** `br` or `gzip` when the Accept-Encoding header allows it (q=0 refuses), else identity. */
export function pickEncoding(header: string): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? (accepted.has('*') ? (accepted.get('*') ?? 0) : 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
