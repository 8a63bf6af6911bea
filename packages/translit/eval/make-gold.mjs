#!/usr/bin/env node
// Builds eval/gold/variants.tsv, the gold set of the name-matching evaluation, from
// eval/gold/people.tsv (Russian names of real people) and eval/gold/conventional.tsv (spellings
// established in German, French, Polish and English usage, entered by hand).
//
// Each system below is written out here on its own, from the published tables (ALA-LC, ISO 9,
// BGN/PCGN, the Slavist scholarly system, Duden, the French and Polish press conventions), with
// no code shared with the matcher, so that the evaluation does not grade the matcher against
// itself. The output was read through by hand; where a generated form is not the form in use
// (Trotzki, Boukharine...), conventional.tsv supplies it.
//
// Columns of variants.tsv: query, kind (system or form), truth (the candidate line it must match).
// Run: node eval/make-gold.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const here = (p) => new URL(p, import.meta.url);
const rows = readFileSync(here('./gold/people.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .slice(1)
  .map((l) => {
    const [surname, given, patronymic, other, book] = l.split('\t');
    return { surname, given, patronymic, other: other || '', book };
  });
const people = [];
const seen = new Set();
for (const p of rows) {
  if (seen.has(p.surname)) continue;
  seen.add(p.surname);
  people.push(p);
}

const VOWELS = 'аеёиоуыэюя';
const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/**
 * A table transliterator: `base` maps letters; `iot` maps е/ё/ю/я at the start of a word or after
 * a vowel, ъ or ь; `soft` says what ь and ъ become before a vowel and elsewhere; `final` maps word
 * endings; `after` maps a letter after given letters (e.g. ё after hushing consonants).
 */
function system({ base, iot = {}, final = [], after = [], soft = {}, iotInitialOnly = false }) {
  return (word) => {
    const w = word.toLowerCase();
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i];
      const prev = w[i - 1];
      const next = w[i + 1];
      const rest = w.slice(i);
      const fin = final.find(([end]) => rest === end);
      if (fin) {
        out += fin[1];
        break;
      }
      const ctx = after.find(([letters, c]) => c === ch && prev !== undefined && letters.includes(prev));
      if (ctx) {
        out += ctx[2];
        continue;
      }
      if ((ch === 'ь' || ch === 'ъ') && soft[ch] !== undefined) {
        const beforeVowel = next !== undefined && VOWELS.includes(next);
        out += beforeVowel ? (soft[ch + next] ?? soft[`${ch}V`] ?? soft[ch]) : soft[ch];
        continue;
      }
      const iotated = i === 0 || (!iotInitialOnly && (VOWELS.includes(prev) || prev === 'ь' || prev === 'ъ'));
      if (iotated && iot[ch] !== undefined) {
        out += iot[ch];
        continue;
      }
      out += base[ch] ?? ch;
    }
    return cap(out);
  };
}

const LC = {
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
  ъ: '"',
  ы: 'y',
  ь: "'",
  э: 'e',
  ю: 'iu',
  я: 'ia',
};
const systems = {
  // ALA-LC without diacritics, as in the book's citations: Ezhov, Trotskii, Zinov'ev.
  'ala-lc-ascii': system({ base: LC }),
  // ALA-LC with its diacritics and tie bars: Trot͡skiĭ, Zinovʹev, I͡Agoda.
  'ala-lc': system({
    base: { ...LC, ё: 'ë', й: 'ĭ', ц: 't͡s', ю: 'i͡u', я: 'i͡a', ъ: 'ʺ', ь: 'ʹ', э: 'ė' },
  }),
  // The book's modified LC: no diacritics, -ii/-yi -> -y, initial Ye/Ya/Yu, soft sign dropped.
  'modified-lc': system({
    base: { ...LC, ь: '', ъ: '' },
    iot: { е: 'ye', ю: 'yu', я: 'ya' },
    iotInitialOnly: true,
    soft: { ь: '', ьV: 'i', ья: '', ью: '', ъ: '' },
    final: [
      ['ий', 'y'],
      ['ый', 'y'],
      ['ия', 'ia'],
    ],
  }),
  // BGN/PCGN: Yezhov, Trotskiy, Zinov'yev, Khrushchëv.
  'bgn-pcgn': system({
    base: { ...LC, ё: 'ë', й: 'y', ю: 'yu', я: 'ya', ы: 'y', ъ: '"', ь: "'" },
    iot: { е: 'ye', ё: 'yë', ю: 'yu', я: 'ya' },
    after: [['жчшщ', 'ё', 'ë']],
  }),
  // ISO 9:1995: Ežov, Trockij, Zinovʹev, Hruŝev, Âgoda.
  'iso-9': system({
    base: {
      ...LC,
      ё: 'ë',
      ж: 'ž',
      й: 'j',
      х: 'h',
      ц: 'c',
      ч: 'č',
      ш: 'š',
      щ: 'ŝ',
      ъ: 'ʺ',
      ы: 'y',
      ь: 'ʹ',
      э: 'è',
      ю: 'û',
      я: 'â',
    },
  }),
  // The scholarly (Slavist) system: Ežov, Trockij, Zinov'ev, Chruščev, Jagoda.
  scholarly: system({
    base: {
      ...LC,
      ё: 'ë',
      ж: 'ž',
      й: 'j',
      х: 'ch',
      ц: 'c',
      ч: 'č',
      ш: 'š',
      щ: 'šč',
      ъ: '"',
      ы: 'y',
      ь: "'",
      э: 'è',
      ю: 'ju',
      я: 'ja',
    },
  }),
  // English Wikipedia style: Yezhov, Trotsky, Zinoviev, Pyatakov, Budyonny.
  wikipedia: system({
    base: { ...LC, ё: 'yo', й: 'y', ъ: '', ь: '', ю: 'yu', я: 'ya' },
    iot: { е: 'ye', ё: 'yo', ю: 'yu', я: 'ya' },
    soft: { ь: '', ъ: '' },
    after: [['жчшщ', 'ё', 'o']],
    final: [
      ['ий', 'y'],
      ['ый', 'y'],
      ['ой', 'oy'],
      ['ия', 'ia'],
    ],
  }),
  // German press and Duden usage: Jeschow, Sinowjew, Chruschtschow, Tuchatschewski.
  german: system({
    base: {
      а: 'a',
      б: 'b',
      в: 'w',
      г: 'g',
      д: 'd',
      е: 'e',
      ё: 'jo',
      ж: 'sch',
      з: 's',
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
      х: 'ch',
      ц: 'z',
      ч: 'tsch',
      ш: 'sch',
      щ: 'schtsch',
      ъ: '',
      ы: 'y',
      ь: '',
      э: 'e',
      ю: 'ju',
      я: 'ja',
    },
    iot: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja' },
    soft: { ь: '', ъ: '' },
    after: [
      ['жчшщ', 'ё', 'o'],
      ['аеёиоуыэюя', 'с', 'ss'],
    ],
    final: [
      ['ий', 'i'],
      ['ый', 'y'],
      ['ой', 'oi'],
    ],
  }),
  // French press usage: Iejov, Zinoviev, Khrouchtchev, Toukhatchevski, Boukharine.
  french: system({
    base: {
      а: 'a',
      б: 'b',
      в: 'v',
      г: 'g',
      д: 'd',
      е: 'e',
      ё: 'io',
      ж: 'j',
      з: 'z',
      и: 'i',
      й: 'ï',
      к: 'k',
      л: 'l',
      м: 'm',
      н: 'n',
      о: 'o',
      п: 'p',
      р: 'r',
      с: 's',
      т: 't',
      у: 'ou',
      ф: 'f',
      х: 'kh',
      ц: 'ts',
      ч: 'tch',
      ш: 'ch',
      щ: 'chtch',
      ъ: '',
      ы: 'y',
      ь: '',
      э: 'e',
      ю: 'iou',
      я: 'ia',
    },
    iot: { е: 'ie', ё: 'io', ю: 'iou', я: 'ia' },
    soft: { ь: '', ъ: '' },
    after: [
      ['жчшщ', 'ё', 'o'],
      ['аеёиоуыэюя', 'с', 'ss'],
    ],
    final: [
      ['ий', 'i'],
      ['ый', 'y'],
      ['ин', 'ine'],
      ['ын', 'yne'],
    ],
  }),
  // Polish usage: Jeżow, Zinowjew, Chruszczow, Tuchaczewski, Kamieniew.
  polish: system({
    base: {
      а: 'a',
      б: 'b',
      в: 'w',
      г: 'g',
      д: 'd',
      е: 'ie',
      ё: 'io',
      ж: 'ż',
      з: 'z',
      и: 'i',
      й: 'j',
      к: 'k',
      л: 'ł',
      м: 'm',
      н: 'n',
      о: 'o',
      п: 'p',
      р: 'r',
      с: 's',
      т: 't',
      у: 'u',
      ф: 'f',
      х: 'ch',
      ц: 'c',
      ч: 'cz',
      ш: 'sz',
      щ: 'szcz',
      ъ: '',
      ы: 'y',
      ь: '',
      э: 'e',
      ю: 'iu',
      я: 'ia',
    },
    iot: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja' },
    soft: { ь: '', ъ: '' },
    after: [
      ['жчшщцрзх', 'е', 'e'],
      ['лl', 'е', 'e'],
      ['жчшщ', 'ё', 'o'],
      ['лl', 'я', 'a'],
      ['лl', 'ю', 'u'],
      ['лl', 'ё', 'o'],
      ['жшчц', 'и', 'y'],
    ],
    final: [
      ['кий', 'ki'],
      ['гий', 'gi'],
      ['ий', 'i'],
      ['ый', 'y'],
    ],
  }),
};
// Polish writes л as l before е, ё, и, ю, я and the soft sign (Lenin, Blucher, Sokolnikow) and
// as ł elsewhere (Mołotow).
const polishBase = systems.polish;
systems.polish = (word) => polishBase(word.replace(/л(?=[еёиюяь])/g, 'l').replace(/Л(?=[еёиюяь])/g, 'L'));

// German and French double s only between vowels (Wassiljew, Vassiliev; but Postychev).
for (const id of ['german', 'french']) {
  const f = systems[id];
  systems[id] = (word) => f(word).replace(/ss(?![aeiouy])/g, 's');
}

/** Declension of a masculine surname for the inflected-form queries. */
function inflect(s) {
  if (/(ов|ев|ёв|ин|ын)$/.test(s)) return [`${s}а`, `${s}у`, `${s}ым`];
  if (/ский$|цкий$/.test(s))
    return [s.replace(/ий$/, 'ого'), s.replace(/ий$/, 'ому'), s.replace(/ий$/, 'им')];
  if (/ая$/.test(s)) return [s.replace(/ая$/, 'ой'), s.replace(/ая$/, 'ую')];
  if (/(ова|ева|ина)$/.test(s)) return [s.replace(/а$/, 'ой')];
  if (/а$/.test(s)) return [s.replace(/а$/, 'ы'), s.replace(/а$/, 'ой')];
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(s)) return [`${s}а`, `${s}у`, `${s}ом`];
  return [];
}

/** OCR-like damage: one or two letters read wrongly, chosen deterministically per name. */
const OCR_SWAPS = [
  ['m', 'rn'],
  ['e', 'c'],
  ['o', 'a'],
  ['h', 'b'],
  ['n', 'u'],
  ['l', 'I'],
  ['i', 'l'],
  ['v', 'y'],
  ['a', 'o'],
  ['k', 'x'],
];
function ocr(s, seed, count) {
  let out = s;
  let applied = 0;
  for (let k = 0; k < OCR_SWAPS.length && applied < count; k++) {
    const [from, to] = OCR_SWAPS[(seed + k * 3) % OCR_SWAPS.length];
    const at = out.indexOf(from, 1);
    if (at < 0) continue;
    out = out.slice(0, at) + to + out.slice(at + from.length);
    applied++;
  }
  return applied === count ? out : null;
}

const conventional = readFileSync(here('./gold/conventional.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'));

const out = [['query', 'kind', 'truth']];
const have = new Set();
const add = (query, kind, truth) => {
  const k = `${query}\t${truth}`;
  if (have.has(k)) return;
  have.add(k);
  out.push([query, kind, truth]);
};
people.forEach((p, n) => {
  const truth = p.other ? `${p.surname} (${p.other})` : p.surname;
  add(p.book, 'book', truth);
  for (const [id, f] of Object.entries(systems)) add(f(p.surname), id, truth);
  // Initials as the book writes them: Ya., Yu., Ye., Zh., Kh., Ch., Sh. for one Cyrillic letter.
  const g = p.given ? systems['modified-lc'](p.given[0]) : '';
  const pt = p.patronymic ? systems['modified-lc'](p.patronymic[0]) : '';
  const ini = [g, pt].filter(Boolean).map((x) => `${x}.`);
  if (ini.length > 0) {
    add(`${p.book}, ${ini.join(' ')}`, 'initials', truth);
    if (n % 2 === 0) add(`${ini.join(' ')} ${p.book}`, 'initials', truth);
  }
  if (p.given) add([p.given, p.patronymic, p.surname].filter(Boolean).join(' '), 'cyrillic-full', truth);
  if (p.given && n % 2 === 1)
    add(
      `${p.surname} ${p.given[0]}.${p.patronymic ? ` ${p.patronymic[0]}.` : ''}`,
      'cyrillic-initials',
      truth,
    );
  if (n % 3 === 1) add(p.surname.toUpperCase(), 'cyrillic-caps', truth);
  const forms = inflect(p.surname);
  if (forms.length > 0) add(forms[n % forms.length], 'cyrillic-inflected', truth);
  if (forms.length > 1 && n % 4 === 0) add(forms[(n + 1) % forms.length], 'cyrillic-inflected', truth);
  if (p.other) {
    add(p.other, 'other-name-cyrillic', truth);
    add(systems['modified-lc'](p.other), 'other-name', truth);
    add(`${p.book} (${systems['modified-lc'](p.other)})`, 'double-name', truth);
  }
  if (n % 3 === 0) {
    const damaged = ocr(p.book, n, n % 2 === 0 ? 1 : 2);
    if (damaged && damaged.toLowerCase() !== p.book.toLowerCase()) add(damaged, 'ocr', truth);
  }
});
for (const [query, kind, surname] of conventional) {
  const p = people.find((x) => x.surname === surname);
  if (!p) throw new Error(`conventional.tsv: unknown person ${surname}`);
  add(query, kind, p.other ? `${p.surname} (${p.other})` : p.surname);
}
writeFileSync(here('./gold/variants.tsv'), `${out.map((r) => r.join('\t')).join('\n')}\n`);
const kinds = {};
for (const [, k] of out.slice(1)) kinds[k] = (kinds[k] ?? 0) + 1;
console.log(`${out.length - 1} variants of ${people.length} people`, kinds);
