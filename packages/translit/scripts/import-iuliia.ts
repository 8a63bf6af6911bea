/**
 * Generates `data/systems/<id>.json` for every schema of the npm package iuliia (MIT licence,
 * (c) Anton Zhiyanov; see README). Run: `npx tsx packages/translit/scripts/import-iuliia.ts`.
 *
 * What it changes on the way, each listed in the README under "Differences from iuliia":
 * - Cyrillic ё that iuliia writes inside Latin output becomes Latin ë (U+00EB);
 * - `ala-lc` and `ala-lc-alt` gain the pre-1918 letters and the Ukrainian and Belarusian letters
 *   of the Library of Congress tables that are not Russian letters.
 * The runtime never loads iuliia; only this script and the tests do.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('iuliia/package.json'));
const gen = join(root, 'dist', 'esm', 'generated');
const outDir = new URL('../data/systems/', import.meta.url);

interface IuliiaSchema {
  name: string;
  description: string;
  url?: string;
  mapping: Record<string, string>;
  prev_mapping?: Record<string, string> | null;
  next_mapping?: Record<string, string> | null;
  ending_mapping?: Record<string, string> | null;
  samples?: [string, string][];
}

/** The published standard behind each iuliia schema. */
const STANDARDS: Record<string, string> = {
  ala_lc: 'ALA-LC Romanization Tables: Russian (Library of Congress, 1997/2012), with diacritics',
  ala_lc_alt: 'ALA-LC Romanization Tables: Russian, ASCII form without diacritics',
  bgn_pcgn: 'BGN/PCGN 1947 System for Russian',
  bgn_pcgn_alt: 'BGN/PCGN 1947 System for Russian, simplified',
  bs_2979: 'British Standard 2979:1958',
  bs_2979_alt: 'British Standard 2979:1958, simplified (Oxford University Press)',
  gost_16876: 'GOST 16876-71 (GOST 1983), table 1',
  gost_16876_alt: 'GOST 16876-71 (GOST 1983), table 2',
  gost_52290: 'GOST R 52290-2004 (road signs)',
  gost_52535: 'GOST R 52535.1-2006 (identity documents)',
  gost_7034: 'GOST R 7.0.34-2014 (simplified scientific)',
  gost_779: 'GOST 7.79-2000 system A (= ISO 9:1995)',
  gost_779_alt: 'GOST 7.79-2000 system B',
  icao_doc_9303: 'ICAO Doc 9303 (machine-readable travel documents, 2013)',
  iso_9_1954: 'ISO/R 9:1954',
  iso_9_1968: 'ISO/R 9:1968',
  iso_9_1968_alt: 'ISO/R 9:1968, national variant',
  mosmetro: 'Moscow Metro map (2017)',
  mvd_310: 'MVD order 310 (1997), foreign passports',
  mvd_310_fr: 'MVD order 310 (1997), French variant',
  mvd_782: 'MVD order 782 (2000), foreign passports',
  scientific: 'Scientific (Slavist) transliteration',
  telegram: 'Telegram (informal, as Telegram writes links)',
  ungegn_1987: 'UNGEGN 1987 V/18 (= GOST 16876-71 table 1)',
  wikipedia: 'English Wikipedia romanization of Russian',
  yandex_maps: 'Yandex Maps (informal)',
  yandex_money: 'Yandex Money (informal)',
};

/** Short display names. */
const NAMES: Record<string, string> = {
  ala_lc: 'ALA-LC',
  ala_lc_alt: 'ALA-LC (ASCII, as iuliia)',
  bgn_pcgn: 'BGN/PCGN',
  bgn_pcgn_alt: 'BGN/PCGN (simplified)',
  bs_2979: 'BS 2979',
  bs_2979_alt: 'BS 2979 (simplified)',
  gost_16876: 'GOST 16876-71 (1)',
  gost_16876_alt: 'GOST 16876-71 (2)',
  gost_52290: 'GOST R 52290-2004',
  gost_52535: 'GOST R 52535.1-2006',
  gost_7034: 'GOST R 7.0.34-2014',
  gost_779: 'GOST 7.79-2000 A / ISO 9:1995',
  gost_779_alt: 'GOST 7.79-2000 B',
  icao_doc_9303: 'ICAO Doc 9303',
  iso_9_1954: 'ISO/R 9:1954',
  iso_9_1968: 'ISO/R 9:1968',
  iso_9_1968_alt: 'ISO/R 9:1968 (national)',
  mosmetro: 'Moscow Metro',
  mvd_310: 'MVD 310',
  mvd_310_fr: 'MVD 310 (French)',
  mvd_782: 'MVD 782',
  scientific: 'Scientific',
  telegram: 'Telegram',
  ungegn_1987: 'UNGEGN 1987 V/18',
  wikipedia: 'Wikipedia',
  yandex_maps: 'Yandex Maps',
  yandex_money: 'Yandex Money',
};

/** Systems whose romanization is injective, so cyrillize inverts it exactly. */
const REVERSIBLE = new Set([
  'gost_779',
  'gost_779_alt',
  'scientific',
  'iso_9_1954',
  'iso_9_1968',
  'gost_16876',
  'ungegn_1987',
]);

/** Library of Congress letters beyond modern Russian (pre-1918, Ukrainian, Belarusian). */
const LC_EXTRA: Record<string, Record<string, string>> = {
  ala_lc: { і: 'ī', ѣ: 'i͡e', ѳ: 'ḟ', ѵ: 'ẏ', ґ: 'g', є: 'i͡e', ї: 'ï', ў: 'ŭ' },
  ala_lc_alt: { і: 'i', ѣ: 'ie', ѳ: 'f', ѵ: 'y', ґ: 'g', є: 'ie', ї: 'i', ў: 'u' },
};
const LC_SAMPLES: Record<string, [string, string][]> = {
  ala_lc: [
    ['Ежов', 'Ezhov'],
    ['Троцкий', 'Trot͡skiĭ'],
    ['Известия', 'Izvestii͡a'],
    ['Зиновьев', 'Zinovʹev'],
    ['Съезд', 'Sʺezd'],
    ['Эйхе', 'Ėĭkhe'],
    ['Хрущёв', 'Khrushchëv'],
    ['Лѣсъ', 'Li͡esʺ'],
    ['Ѳеодоръ', 'Ḟeodorʺ'],
    ['Россія', 'Rossīi͡a'],
    ['Ґанок', 'Ganok'],
    ['Їжак', 'Ïzhak'],
    ['Беларусь', 'Belarusʹ'],
  ],
  ala_lc_alt: [
    ['Ежов', 'Ezhov'],
    ['Троцкий', 'Trotskii'],
    ['Известия', 'Izvestiia'],
    ['Зиновьев', "Zinov'ev"],
    ['Лѣсъ', 'Lies"'],
  ],
};

const fixYo = (s: string) => s.replaceAll('ё', 'ë').replaceAll('Ё', 'Ë');
const fixTable = (t: Record<string, string> | null | undefined) =>
  t ? Object.fromEntries(Object.entries(t).map(([k, v]) => [k, fixYo(v)])) : undefined;

const files = readdirSync(gen).filter(
  (f) => f.endsWith('.js') && !f.startsWith('_') && f !== 'TransliterationSchema.js',
);
for (const f of files.sort()) {
  const s = ((await import(join(gen, f))) as { default: IuliiaSchema }).default;
  const id = s.name.replaceAll('_', '-');
  const standard = STANDARDS[s.name];
  if (standard === undefined) throw new Error(`no standard known for iuliia schema ${s.name}`);
  const out: Record<string, unknown> = {
    id,
    name: NAMES[s.name] ?? s.name,
    standard,
    description: `${s.description} (generated from iuliia by scripts/import-iuliia.ts)`,
    url: s.url,
    reversible: REVERSIBLE.has(s.name),
    origin: 'iuliia',
    mapping: { ...fixTable(s.mapping), ...(LC_EXTRA[s.name] ?? {}) },
  };
  const prev = fixTable(s.prev_mapping);
  const next = fixTable(s.next_mapping);
  const end = fixTable(s.ending_mapping);
  if (prev) out.prev_mapping = prev;
  if (next) out.next_mapping = next;
  if (end) out.ending_mapping = end;
  out.samples = [...(s.samples ?? []).map(([a, b]) => [a, fixYo(b)]), ...(LC_SAMPLES[s.name] ?? [])];
  writeFileSync(new URL(`${id}.json`, outDir), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote data/systems/${id}.json`);
}
