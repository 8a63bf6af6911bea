#!/usr/bin/env node
// Builds eval/data/surnames.txt, the pool of real Russian surnames used as distractors by the
// evaluation and as the index of the matching benchmark. Run once by hand:
//   npm pack russian_name@2.0.1 && tar xzf russian_name-2.0.1.tgz
//   node eval/make-surnames.mjs package/json/surnames_male.json
// Source: the npm package `russian_name` 2.0.1 (ISC licence), file json/surnames_male.json
// (188,520 entries). Kept: names of 6-18 letters with a common Russian surname ending, without
// a doubled first letter or a tripled vowel (which drops most typing slips of that list); then
// a seeded shuffle (mulberry32, seed 1937) and the first 20,000.
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2];
if (!src) {
  console.error('usage: node eval/make-surnames.mjs <path to russian_name json/surnames_male.json>');
  process.exit(1);
}
const all = JSON.parse(readFileSync(src, 'utf8')).map((x) => x.surname);
const re = /^[А-Я][а-яё]{3,13}(ов|ев|ёв|ин|ын|ский|цкий|ской|ой|ых|их|ко|ук|юк|ич|ян|дзе|швили)$/;
const kept = [...new Set(all)].filter(
  (s) => re.test(s) && !/^(.)\1/i.test(s) && !/([аеиоуыэюя])\1\1/.test(s),
);
function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(1937);
for (let i = kept.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [kept[i], kept[j]] = [kept[j], kept[i]];
}
const out = kept.slice(0, 20000);
writeFileSync(new URL('./data/surnames.txt', import.meta.url), `${out.join('\n')}\n`);
console.log(`${all.length} entries, ${kept.length} kept, ${out.length} written to eval/data/surnames.txt`);
