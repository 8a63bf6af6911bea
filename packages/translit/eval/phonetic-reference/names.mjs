#!/usr/bin/env node
// Prints the names the phonetic reference fixture covers: 500 Cyrillic surnames from
// eval/data/surnames.txt, 600 more of them romanized in a plain scholarly way and in German
// and French spellings, and a few hand-picked names that exercise prefixes and other languages.
import { readFileSync } from 'node:fs';

const pool = readFileSync(new URL('../data/surnames.txt', import.meta.url), 'utf8')
  .trim()
  .split('\n');
const base = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};
const german = {
  ...base,
  в: 'w',
  ж: 'sch',
  з: 's',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ю: 'ju',
  я: 'ja',
  й: 'j',
};
const french = {
  ...base,
  ж: 'j',
  у: 'ou',
  х: 'kh',
  ч: 'tch',
  ш: 'ch',
  щ: 'chtch',
  ю: 'iou',
  я: 'ia',
  й: 'ï',
};
const rom = (s, t) => {
  const out = [...s.toLowerCase()].map((c) => t[c] ?? c).join('');
  return out.charAt(0).toUpperCase() + out.slice(1);
};
const names = [...pool.slice(0, 500)];
for (const s of pool.slice(500, 800)) names.push(rom(s, base));
for (const s of pool.slice(800, 950)) names.push(rom(s, german));
for (const s of pool.slice(950, 1100)) names.push(rom(s, french));
names.push(
  'Yezhov',
  'Ezhov',
  'Ežov',
  'Jeschow',
  'Iejov',
  'Jeżow',
  'Zinoviev',
  'Sinowjew',
  'Chruschtschow',
  'Khrushchev',
  'Tukhachevsky',
  'Tuchatschewski',
  'Toukhatchevski',
  'Molotov',
  'Skriabin',
  'Trotsky',
  'Trotzki',
  'Trockij',
  'Piatakov',
  'Pjatakow',
  'Bukharin',
  'Bucharin',
  'Boukharine',
  'de la Cruz',
  'van Gogh',
  "d'Artagnan",
  'della Robbia',
  'ben Yehuda',
  'bar Kochba',
  'von Neumann',
  'Schwarzenegger',
  'Mkrtchian',
  'Dzhugashvili',
  'Ordzhonikidze',
  "O'Brien",
  'McDonald',
  'Kowalski',
  'Wiśniewski',
  'Nowak',
  'Müller',
  'Gonçalves',
  'Nuñez',
  'Papadopoulos',
  'Horváth',
  'Cohen',
  'Rabinowitz',
  'Goldstein',
  'Levi',
  'Szczepański',
  'Łukasiewicz',
  'Dvořák',
  'Nagy',
);
console.log(names.join('\n'));
