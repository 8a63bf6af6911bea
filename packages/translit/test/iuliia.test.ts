import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { romanize, systems } from '../src/index.ts';

const require = createRequire(import.meta.url);
const gen = join(dirname(require.resolve('iuliia/package.json')), 'dist', 'esm', 'generated');
interface Schema {
  name: string;
  samples: [string, string][];
}
const schemas: Schema[] = [];
for (const f of readdirSync(gen).filter(
  (f) => f.endsWith('.js') && !f.startsWith('_') && f !== 'TransliterationSchema.js',
)) {
  schemas.push(((await import(join(gen, f))) as { default: Schema }).default);
}

/**
 * The one documented difference on iuliia's own samples: iuliia writes a Cyrillic ё inside
 * Latin output (bgn-pcgn, ala-lc, gost-779, scientific, ...); the standards write Latin ë.
 */
const documented = (iuliia: string) => iuliia.replaceAll('ё', 'ë').replaceAll('Ё', 'Ë');

test('every iuliia schema is an opis system with the same id (underscores -> hyphens)', () => {
  assert.ok(schemas.length >= 27);
  const ids = new Set(systems.map((s) => s.id));
  for (const s of schemas) assert.ok(ids.has(s.name.replaceAll('_', '-')), s.name);
});

test("every iuliia sample: identical output, except Cyrillic ё in iuliia's Latin", () => {
  let same = 0;
  let yo = 0;
  for (const s of schemas) {
    for (const [input, expected] of s.samples) {
      const got = romanize(input, s.name.replaceAll('_', '-'));
      if (got === expected) same++;
      else {
        assert.equal(got, documented(expected), `${s.name}: ${input}`);
        assert.notEqual(expected, documented(expected));
        yo++;
      }
    }
  }
  assert.ok(same > 140, `identical: ${same}`);
  assert.equal(yo, 20);
});

test('ALL-CAPS input gives ALL-CAPS output (iuliia mixes case here)', async () => {
  const { translate, WIKIPEDIA } = (await import('iuliia')) as unknown as {
    translate: (s: string, schema: unknown) => string;
    WIKIPEDIA: unknown;
  };
  assert.equal(translate('ЮЛИЯ ЩУКИНА ЕЖОВ', WIKIPEDIA), 'YuLIYa ShchUKINA YeZhOV');
  assert.equal(romanize('ЮЛИЯ ЩУКИНА ЕЖОВ', 'wikipedia'), 'YULIYA SHCHUKINA YEZHOV');
});
