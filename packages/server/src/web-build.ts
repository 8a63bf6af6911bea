/**
 * Whether the web app's build is missing or older than its sources, and running the build when
 * it is. `opis serve` uses this so that a second start rebuilds nothing that has not changed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (packages/server/src -> ../../..). */
export const repoRoot = (): string => fileURLToPath(new URL('../../../', import.meta.url));
/** The repository's `packages/web`. */
export const defaultWebPackage = (): string => fileURLToPath(new URL('../../web/', import.meta.url));
/** The folder the server serves: `packages/web/dist`. */
export const defaultWebDir = (): string => join(defaultWebPackage(), 'dist');

/** What feeds the build: everything in the package except its output, tests and dependencies. */
const IGNORED = new Set(['dist', 'node_modules', 'test', 'tests', 'test-results', 'screenshots', '.cache']);

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  // A folder's own time changes when a file in it is added, removed or renamed.
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (IGNORED.has(name) || name.startsWith('.') || name.endsWith('.tsbuildinfo')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export interface WebBuildState {
  /** False when the package has no `build` script (nothing to build). */
  buildable: boolean;
  needed: boolean;
  /** Why a build is needed, or why it is not, in words. */
  reason: string;
}

export function webBuildState(pkgDir = defaultWebPackage()): WebBuildState {
  let scripts: Record<string, string> = {};
  try {
    scripts =
      (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
        .scripts ?? {};
  } catch {
    return { buildable: false, needed: false, reason: `${pkgDir} has no package.json` };
  }
  if (!scripts.build)
    return { buildable: false, needed: false, reason: 'the web package has no build script' };
  const index = join(pkgDir, 'dist', 'index.html');
  if (!existsSync(index)) return { buildable: true, needed: true, reason: 'the web app has not been built' };
  const built = statSync(index).mtimeMs;
  let sources = 0;
  for (const name of readdirSync(pkgDir)) {
    if (IGNORED.has(name) || name.startsWith('.') || name.endsWith('.tsbuildinfo')) continue;
    sources = Math.max(sources, newestMtime(join(pkgDir, name)));
  }
  return sources > built
    ? { buildable: true, needed: true, reason: 'the web sources changed since the last build' }
    : { buildable: true, needed: false, reason: 'the web build is up to date' };
}

/**
 * Runs `npm run build -w @opis/web` from the repository root; its output goes to `log`
 * (standard error in `opis serve`, so standard output keeps only the URL line).
 */
export function buildWeb(
  root: string,
  log: (chunk: string) => void,
  workspace = '@opis/web',
): Promise<{ ok: boolean; code: number | null }> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', 'build', '-w', workspace], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.on('data', (d: Buffer) => log(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => log(d.toString('utf8')));
    child.on('error', (err) => {
      log(`${err.message}\n`);
      resolve({ ok: false, code: null });
    });
    child.on('close', (code) => resolve({ ok: code === 0, code }));
  });
}

export interface EnsureWebResult {
  /** Whether a build ran (here, or in another process we waited for). */
  built: boolean;
  ok: boolean;
  reason: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the web app when it is missing or older than its sources. Two processes starting at
 * once (parallel test runs) do not build into the same folder together: the second waits for
 * the first (a lock folder in the temp dir; a lock older than ten minutes is taken as stale).
 */
export async function ensureWebBuild(
  opts: {
    root?: string;
    pkgDir?: string;
    log?: (chunk: string) => void;
    /** Called once before a build starts, with the reason. */
    onBuild?: (reason: string) => void;
  } = {},
): Promise<EnsureWebResult> {
  const pkgDir = opts.pkgDir ?? defaultWebPackage();
  const log = opts.log ?? (() => {});
  let state = webBuildState(pkgDir);
  if (!state.needed) return { built: false, ok: true, reason: state.reason };
  const lock = join(
    tmpdir(),
    `opis-web-build-${createHash('sha1').update(pkgDir).digest('hex').slice(0, 12)}.lock`,
  );
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Removed meanwhile: try again.
      }
      waited = true;
      await sleep(250);
    }
  }
  try {
    if (waited) {
      state = webBuildState(pkgDir);
      if (!state.needed) return { built: true, ok: true, reason: 'built by another process' };
    }
    opts.onBuild?.(state.reason);
    const r = await buildWeb(opts.root ?? repoRoot(), log);
    return { built: true, ok: r.ok, reason: r.ok ? state.reason : `the build failed (exit ${r.code})` };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
