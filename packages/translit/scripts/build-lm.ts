/**
 * Builds `data/lm/ru-trigrams.json`, the letter trigram counts that rank cyrillize candidates,
 * from two word lists that npm packages ship (devDependencies, used only here):
 * - dictionary-ru: Hunspell ru_RU by Alexander I. Lebedev (BSD-style licence), 146,000 words;
 * - russian_name 2.0.1 (ISC licence): 188,000 male surnames and 25,000 male given names, so that
 *   the model knows names (Сокольников, Горький, Бронштейн) as well as words.
 * Run: `npm run build:lm -w @opis/translit`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import dictionary from 'dictionary-ru';

const require = createRequire(import.meta.url);
const namesDir = join(dirname(require.resolve('russian_name')), '..', 'json');
const names = (file: string, key: string) =>
  (JSON.parse(readFileSync(join(namesDir, file), 'utf8')) as Record<string, string>[]).map((r) =>
    (r[key] ?? '').toLowerCase(),
  );

const words = new TextDecoder()
  .decode(dictionary.dic)
  .split('\n')
  .slice(1)
  .map((l) => (l.split('/')[0] ?? '').trim().toLowerCase())
  .concat(names('surnames_male.json', 'surname'), names('names_male.json', 'name'))
  .filter((w) => /^[а-яё]+$/.test(w));

const tri = new Map<string, number>();
for (const w of words) {
  const s = `^^${w}$`;
  for (let i = 2; i < s.length; i++) {
    const g = s.slice(i - 2, i + 1);
    tri.set(g, (tri.get(g) ?? 0) + 1);
  }
}
const kept = Object.fromEntries([...tri].filter(([, n]) => n >= 2).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
const out = {
  source:
    'dictionary-ru (Hunspell ru_RU, (c) 1997-2008 Alexander I. Lebedev, BSD-style licence): letter trigram counts over the word list, ^ = word start, $ = word end; trigrams seen once dropped',
  words: words.length,
  trigrams: kept,
};
writeFileSync(new URL('../data/lm/ru-trigrams.json', import.meta.url), `${JSON.stringify(out)}\n`);
console.log(`${words.length} words, ${Object.keys(kept).length} trigrams`);
