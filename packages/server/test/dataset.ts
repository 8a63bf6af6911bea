/**
 * A database for the tests, built in a temp dir from the real `data/` when it compiles, else from
 * @opis/kb's test fixtures (so the server's tests do not break while the dataset is being edited).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatabase, defaultDataDir } from '@opis/kb';

export interface TestDb {
  path: string;
  /** `data` or `fixtures`. */
  source: 'data' | 'fixtures';
  remove(): void;
}

const fixtures = fileURLToPath(new URL('../../kb/test/fixtures/good/', import.meta.url));

export function testDatabase(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'opis-server-test-'));
  const path = join(dir, 'opis.sqlite');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (process.env.OPIS_SERVER_TEST_DATA !== 'fixtures') {
    const real = buildDatabase(defaultDataDir(), path);
    if (real.ok) return { path, source: 'data', remove };
  }
  const fx = buildDatabase(fixtures, path);
  if (!fx.ok) throw new Error(`kb's fixtures do not compile: ${fx.problems[0]?.message}`);
  return { path, source: 'fixtures', remove };
}
