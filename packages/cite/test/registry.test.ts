import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { archiveLabel, archives, lookupArchive, validateRegistry } from '../src/index.ts';

test('the registry is valid and holds at least 40 archives', () => {
  const data = JSON.parse(readFileSync(new URL('../data/archives.json', import.meta.url), 'utf8'));
  assert.deepEqual(validateRegistry(data), []);
  assert.ok(archives.length >= 40, `${archives.length} archives`);
  assert.ok(archives.filter((a) => a.kind === 'regional').length >= 15);
});

test('the validator names what is wrong and where', () => {
  assert.deepEqual(validateRegistry(null), ['archives: must be a list']);
  const bad = {
    archives: [
      {
        id: 'X',
        kind: 'moon',
        city: 'Nowhere',
        scheme: 'fond',
        since: '1990s',
        name: { en: 'X', ru: 'Latin only', lc: 'x' },
        abbr: { en: ['X'], ru: 'not a list' },
        former: [
          { name: { en: 'Y', ru: 'Игрек', lc: 'Igrek' }, abbr: { en: [], ru: [] }, from: 'soon', to: null },
        ],
      },
      { id: 'X', kind: 'federal', city: 'A', scheme: 'fond', since: null, name: {}, abbr: {}, former: [] },
    ],
  };
  const errors = validateRegistry(bad);
  for (const e of [
    'archives[0].kind: must be federal, regional, foreign or other',
    'archives[0].since: must be an EDTF year like "1991" or "1958~", or null',
    'archives[0].name.ru: must be Cyrillic',
    'archives[0].abbr.ru: must be a list of strings',
    'archives[0].former[0].from: must be an EDTF year like "1991" or "1958~", or null',
    'archives[1].id: duplicate id X',
    'archives[1].name.en: must be a non-empty string',
  ])
    assert.ok(errors.includes(e), `missing: ${e}\n${errors.join('\n')}`);
});

test('lookupArchive: current and former names, any script, case and dots ignored', () => {
  assert.equal(lookupArchive('rgaspi')?.archive?.id, 'RGASPI');
  assert.equal(lookupArchive('РГАСПИ')?.archive?.id, 'RGASPI');
  const f = lookupArchive('R.Ts.Kh.I.D.N.I.');
  assert.equal(f?.archive?.id, 'RGASPI');
  assert.equal(f?.former?.from, '1991');
  assert.equal(lookupArchive('ЦГАОР СССР')?.archive?.id, 'GARF');
  assert.equal(lookupArchive('Gosudarstvennyi arkhiv Rossiiskoi Federatsii')?.archive?.id, 'GARF');
  assert.equal(lookupArchive('TsGAIPD SPb')?.archive?.id, 'TsGAIPD SPb');
  assert.equal(lookupArchive('LPA')?.archive?.id, 'TsGAIPD SPb');
  assert.equal(lookupArchive('nothing like it'), undefined);
  const amb = lookupArchive('GASO');
  assert.equal(amb?.archive, undefined);
  assert.equal(amb?.candidates.length, 2);
});

test('archiveLabel picks an unambiguous short form', () => {
  assert.equal(archiveLabel('RGASPI', 'en'), 'RGASPI');
  assert.equal(archiveLabel('RGASPI', 'ru'), 'РГАСПИ');
  assert.equal(archiveLabel('GA Smolensk', 'en'), 'GASmO');
  assert.equal(archiveLabel('GA Sverdlovsk', 'ru'), 'ГАСвО');
});
