import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkSystemFile, romanize, systems, TranslitError } from '../src/index.ts';

const dir = new URL('../data/systems/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('every system file passes the schema check and its id matches its name', () => {
  assert.ok(files.length >= 34);
  for (const f of files) {
    const data = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { id: string };
    assert.deepEqual(checkSystemFile(data), [], f);
    assert.equal(`${data.id}.json`, f);
  }
});

test('every sample of every system file', () => {
  let n = 0;
  for (const f of files) {
    const data = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
      id: string;
      samples: [string, string][];
    };
    for (const [input, output] of data.samples) {
      assert.equal(romanize(input, data.id), output, `${data.id}: ${input}`);
      n++;
    }
  }
  assert.ok(n > 200);
});

test('systems lists id, name, standard and reversibility', () => {
  const ids = systems.map((s) => s.id);
  for (const id of [
    'modified-lc',
    'ala-lc',
    'ala-lc-ascii',
    'bgn-pcgn',
    'gost-779-alt',
    'wikipedia',
    'german',
    'french',
    'polish',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  for (const s of systems) {
    assert.ok(s.name.length > 0 && s.standard.length > 0);
    assert.equal(typeof s.reversible, 'boolean');
  }
  assert.equal(systems.find((s) => s.id === 'gost-779')?.reversible, true);
  assert.equal(systems.find((s) => s.id === 'modified-lc')?.reversible, false);
});

test('unknown system id throws TranslitError listing the valid ids', () => {
  assert.throws(
    () => romanize('Ежов', 'no-such'),
    (e: unknown) => e instanceof TranslitError && /no-such/.test(e.message) && /modified-lc/.test(e.message),
  );
});

test('the schema check reports each bad field with its path', () => {
  assert.deepEqual(checkSystemFile(null), [{ path: '', message: 'a system file must be a JSON object' }]);
  assert.deepEqual(checkSystemFile([]), [{ path: '', message: 'a system file must be a JSON object' }]);
  const good = {
    id: 'x-y',
    name: 'X',
    standard: 'S',
    description: 'D',
    reversible: false,
    origin: 'opis',
    mapping: { а: 'a' },
    samples: [['а', 'a']],
  };
  assert.deepEqual(checkSystemFile(good), []);
  const paths = (d: unknown) => checkSystemFile(d).map((e) => e.path);
  assert.deepEqual(paths({ ...good, id: 'Bad Id' }), ['id']);
  assert.deepEqual(paths({ ...good, name: '' }), ['name']);
  assert.deepEqual(paths({ ...good, reversible: 'yes' }), ['reversible']);
  assert.deepEqual(paths({ ...good, origin: 'elsewhere' }), ['origin']);
  assert.deepEqual(paths({ ...good, url: 3 }), ['url']);
  assert.deepEqual(paths({ ...good, extra: 1 }), ['extra']);
  assert.deepEqual(paths({ ...good, mapping: { аб: 'ab' } }), ['mapping.аб']);
  assert.deepEqual(paths({ ...good, mapping: { А: 'A' } }), ['mapping.А']);
  assert.deepEqual(paths({ ...good, mapping: { а: 1 } }), ['mapping']);
  assert.deepEqual(paths({ ...good, mapping: undefined }), ['mapping']);
  assert.deepEqual(paths({ ...good, prev_mapping: { абв: 'x' } }), ['prev_mapping.абв']);
  assert.deepEqual(paths({ ...good, next_mapping: { '1а': 'x' } }), ['next_mapping.1а']);
  assert.deepEqual(paths({ ...good, ending_mapping: { абвгд: 'x' } }), ['ending_mapping.абвгд']);
  assert.deepEqual(paths({ ...good, samples: 'no' }), ['samples']);
  assert.deepEqual(paths({ ...good, samples: [['а']] }), ['samples.0']);
});
