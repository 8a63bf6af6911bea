/**
 * Name keys: one small phonetic alphabet that every spelling of a Russian name decodes into.
 *
 * A word is decoded letter by letter (longest sequence first) under one or more *readings*:
 * Cyrillic, English-style romanizations (LC, BGN/PCGN, Wikipedia), scholarly/ISO with
 * diacritics (and Czech), German (Duden and press usage), French and Polish. A Latin word gets
 * every reading its letters make plausible; the matcher keeps the closest. The decoded string
 * is then canonicalized the same way for every reading: runs of i/j/y become one `i`, an `i`
 * before a vowel (the iotation of я/ю/е/ё, the soft sign) is dropped except for a word-initial
 * я or ю, doubled consonants are single, and a final -ff after a vowel is -v. What is left differs between spellings of one
 * name only where a system is truly ambiguous (German `sch` is ш or ж, German `s` is с or з);
 * those get their own symbols, which the distance treats as near-equal to both.
 *
 * Symbols: vowels `a e i o u`, `O` for ё written yo/io/jo/ë; consonants as in English plus
 * `Z` ж, `S` ш, `J` ч, `C` ц, `h` х; `X` German sch (ш or ж), `Q` German s (с or з).
 */

export type Reading = 'cyrillic' | 'english' | 'scholarly' | 'german' | 'french' | 'polish';

const CYR: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ж: 'Z',
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
  х: 'h',
  ц: 'C',
  ч: 'J',
  ш: 'S',
  щ: 'SJ',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian, Belarusian and pre-1918 letters
  і: 'i',
  ї: 'ii',
  є: 'ie',
  ґ: 'g',
  ў: 'v',
  ѣ: 'e',
  ѳ: 'f',
  ѵ: 'i',
};

const CYR_VOWEL = new Set('аеёиоуыэюяіїєѣ');

/** Decodes a lower-case Cyrillic word. */
function decodeCyrillic(w: string): string {
  let out = '';
  let prev = '';
  for (const ch of w) {
    const iotated = prev === '' || CYR_VOWEL.has(prev) || prev === 'ь' || prev === 'ъ';
    if (ch === 'е') out += iotated ? 'ie' : 'e';
    else if (ch === 'ё') out += 'O';
    else {
      const m = CYR[ch];
      if (m !== undefined) out += m;
      else if (/[a-z]/.test(ch)) out += ch;
    }
    prev = ch;
  }
  return out;
}

/** Latin letters with diacritics, decoded the same under every reading. */
const LATIN_SPECIAL: Record<string, string> = {
  ž: 'Z',
  ż: 'Z',
  ź: 'z',
  š: 'S',
  ś: 's',
  č: 'J',
  // Polish ć, ś, ź, ń write soft т, с, з, н (Ignaćjew): the softness is not kept.
  ć: 't',
  ĉ: 'J',
  ŝ: 'SJ',
  ł: 'l',
  ń: 'n',
  ň: 'n',
  ë: 'Y',
  ö: 'Y',
  ě: 'ie',
  ř: 'rZ',
  â: 'ia',
  û: 'iu',
  ä: 'ia',
  ü: 'iu',
  ĭ: 'i',
  ï: 'i',
  ÿ: 'i',
  ý: 'i',
  ß: 'ss',
  ç: 'ss',
  đ: 'd',
  ǵ: 'g',
  ğ: 'g',
  ǧ: 'g',
};

interface LatinRule {
  from: string;
  to: string;
  /** Only when the rule's match is not preceded by a letter (word start). */
  initial?: boolean;
  /** Only when followed by one of these letters. */
  before?: string;
  /** Only between two vowels. */
  intervocalic?: boolean;
}

const COMMON_TAIL: LatinRule[] = [
  { from: 'ph', to: 'f' },
  { from: 'th', to: 't' },
  { from: 'qu', to: 'kv' },
  { from: 'q', to: 'k' },
  { from: 'x', to: 'ks' },
  { from: 'w', to: 'v' },
  { from: 'y', to: 'i' },
];

/** `yo`, `io`, `jo` after a consonant or at the start write ё in most systems. */
const YO: LatinRule[] = [
  { from: 'yo', to: 'Y' },
  { from: 'jo', to: 'Y' },
  { from: 'io', to: 'Y' },
];

const READINGS: Record<Exclude<Reading, 'cyrillic'>, LatinRule[]> = {
  english: [
    { from: 'shch', to: 'SJ' },
    { from: 'sch', to: 'SJ' },
    { from: 'tch', to: 'J' },
    { from: 'zh', to: 'Z' },
    { from: 'kh', to: 'h' },
    { from: 'ch', to: 'J' },
    { from: 'sh', to: 'S' },
    { from: 'ts', to: 'C' },
    { from: 'tz', to: 'C' },
    { from: 'c', to: 'C' },
    // LC and BGN have no j: in English-style text it is the press's Дж (Jugashvili).
    { from: 'dj', to: 'dZ' },
    { from: 'j', to: 'dZ', before: 'aeiou', initial: true },
    { from: 'j', to: 'i' },
    // GOST 16876 and GOST 7.79 (B) ASCII forms: shh щ, jj й, eh э, x х; GOST 52535 tc ц
    { from: 'shh', to: 'SJ' },
    { from: 'jj', to: 'i' },
    { from: 'eh', to: 'e' },
    { from: 'tcz', to: 'C' },
    { from: 'tc', to: 'C' },
    ...YO,
    ...COMMON_TAIL,
  ],
  scholarly: [
    { from: 'ch', to: 'h' },
    { from: 'c', to: 'C' },
    { from: 'x', to: 'h' },
    { from: 'j', to: 'i' },
    { from: 'jo', to: 'Y' },
    ...COMMON_TAIL,
  ],
  german: [
    { from: 'schtsch', to: 'SJ' },
    { from: 'stsch', to: 'SJ' },
    { from: 'tsch', to: 'J' },
    { from: 'dsch', to: 'dZ' },
    { from: 'sch', to: 'X' },
    { from: 'sh', to: 'Z' },
    { from: 'ch', to: 'h' },
    { from: 'tz', to: 'C' },
    { from: 'ck', to: 'k' },
    { from: 'z', to: 'C' },
    { from: 'ss', to: 's' },
    { from: 's', to: 'Q' },
    { from: 'j', to: 'i' },
    { from: 'c', to: 'k' },
    ...YO,
    ...COMMON_TAIL,
  ],
  french: [
    { from: 'chtch', to: 'SJ' },
    { from: 'tch', to: 'J' },
    { from: 'ch', to: 'S' },
    { from: 'dj', to: 'dZ' },
    { from: 'j', to: 'Z' },
    { from: 'kh', to: 'h' },
    { from: 'iou', to: 'iu' },
    { from: 'ou', to: 'u' },
    { from: 'ts', to: 'C' },
    { from: 'tz', to: 'C' },
    { from: 'ss', to: 's' },
    { from: 's', to: 'z', intervocalic: true },
    { from: 'gu', to: 'g', before: 'ei' },
    { from: 'c', to: 'k' },
    { from: 'yo', to: 'Y' },
    { from: 'io', to: 'Y' },
    ...COMMON_TAIL,
  ],
  polish: [
    { from: 'szcz', to: 'SJ' },
    { from: 'cz', to: 'J' },
    { from: 'sz', to: 'S' },
    { from: 'rz', to: 'Z' },
    { from: 'ch', to: 'h' },
    { from: 'c', to: 'C' },
    { from: 'j', to: 'i' },
    { from: 'jo', to: 'Y' },
    { from: 'io', to: 'Y' },
    ...COMMON_TAIL,
  ],
};

// Longest rule first within each reading, so `schtsch` wins over `sch`; indexed by first letter.
const RULES_BY_CHAR = new Map<string, Map<string, LatinRule[]>>();
for (const [reading, rules] of Object.entries(READINGS)) {
  rules.sort((a, b) => b.from.length - a.from.length);
  const byChar = new Map<string, LatinRule[]>();
  for (const r of rules) {
    const list = byChar.get(r.from[0]!) ?? [];
    list.push(r);
    byChar.set(r.from[0]!, list);
  }
  RULES_BY_CHAR.set(reading, byChar);
}

const LATIN_VOWEL = /[aeiouy]/;
const NO_RULES: LatinRule[] = [];

function decodeLatin(w: string, reading: Exclude<Reading, 'cyrillic'>): string {
  const byChar = RULES_BY_CHAR.get(reading)!;
  let out = '';
  let i = 0;
  outer: while (i < w.length) {
    for (const r of byChar.get(w[i]!) ?? NO_RULES) {
      if (!w.startsWith(r.from, i)) continue;
      const end = i + r.from.length;
      if (r.initial && i > 0) continue;
      if (r.before !== undefined && (end >= w.length || !r.before.includes(w[end]!))) continue;
      if (r.intervocalic && !(LATIN_VOWEL.test(w[i - 1] ?? '') && LATIN_VOWEL.test(w[end] ?? ''))) continue;
      out += r.to;
      i = end;
      continue outer;
    }
    out += w[i];
    i++;
  }
  return out;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'O']);

/** The canonical form shared by every reading (see the module comment). */
export function canonical(decoded: string): string {
  // `Y` marks a Latin ё-candidate (yo/jo/ë): it is `O` at the start, after a consonant or after
  // a vowel alike; the iotation it carries is part of it.
  let s = decoded.replaceAll('Y', 'O').replace(/[^a-zA-Z]/g, '');
  s = s.replace(/i+/g, 'i');
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    // Word-initial я and ю keep their i: every system marks them (Ya, Ia, Ja, Â), and Юлианов is
    // not Ульянов. Initial е does not: LC writes it E (Ezhov).
    if (c === 'i' && k === 0 && (s[1] === 'a' || s[1] === 'u')) {
      out += c;
      continue;
    }
    if (c === 'i' && k + 1 < s.length && VOWELS.has(s[k + 1]!)) continue;
    out += c;
  }
  // Doubled consonants are single (Kossior, Ivanoff, Trotzki); doubled vowels are real (Андреев).
  out = out.replace(/([^aeiouO])\1+/g, '$1');
  if (out.length > 2 && out.endsWith('f') && VOWELS.has(out[out.length - 2]!)) out = `${out.slice(0, -1)}v`;
  return out;
}

/** Lower-cases, composes and maps the letters every Latin reading shares; drops marks and primes. */
export function foldLatin(word: string): string {
  // A capital I inside a lower-case word is an OCR misreading of l (KoIinin).
  const lower = word
    .normalize('NFC')
    .replace(/(?<=\p{Ll})I/gu, 'l')
    .toLowerCase();
  let out = '';
  for (const ch of lower) {
    const code = ch.charCodeAt(0);
    if (code >= 97 && code <= 122) {
      out += ch;
      continue;
    }
    const special = LATIN_SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    // OCR digits that stand for letters
    if (base === '0') out += 'o';
    else if (base === '1') out += 'l';
    else if (/^[a-zA-Z]$/.test(base)) out += base;
  }
  return out;
}

const CYRILLIC_RE = /[\u0400-\u04FF]/;

/** Which readings a word's letters make plausible, most likely first. */
export function readingsOf(word: string): Reading[] {
  if (CYRILLIC_RE.test(word)) return ['cyrillic'];
  const w = word.normalize('NFC').toLowerCase();
  // Letters that only one family of systems writes
  const scholarly = /[čšžŝěřëâû]/.test(w);
  const lc = /ĭ|ė|\u0360|\u0361|ʹ|ʺ/.test(w);
  const polish = /cz|sz|rz|[żźśćłń]/.test(w) || (/w/.test(w) && /z/.test(w) && !/sch|tz/.test(w));
  const german = !polish && /sch|tz|ß|[öü]|w/.test(w);
  const french = /ou|tch|ï|dj|^i[aeo]|ine$/.test(w);
  // Digraphs of the English-style systems (LC, BGN, Wikipedia), which the others do not use
  const english = /zh|kh|ts|sh/.test(w);
  const first: Reading[] = [];
  if (lc) first.push('english');
  if (scholarly) first.push('scholarly');
  if (polish) first.push('polish');
  if (german) first.push('german');
  if (french && !german && !polish) first.push('french');
  // A j without English digraphs is й or the iotation (Jagoda, Trockij), not the press's Дж.
  if (/j/.test(w) && !english) first.push('scholarly');
  const out = new Set<Reading>(first);
  out.add('english');
  // x is х in GOST and scientific text whatever else the word shows (Xrushhev).
  if (/x/.test(w)) out.add('scholarly');
  if (!english || scholarly) {
    // Plain letters that read differently elsewhere: j, c, h, s, z, ch, final -e. German and
    // Polish write в as w, so a v speaks against them.
    const noV = !/v/.test(w);
    if (/j|c|h/.test(w)) out.add('scholarly');
    if (noV && /z|s|ch|j|ow$|ew$/.test(w)) out.add('german');
    if (/j|ch|ou|e$/.test(w)) out.add('french');
    if (noV && /ch|j|c/.test(w)) out.add('polish');
  }
  return [...out];
}

/** The canonical keys of one word under each plausible reading (deduplicated, most likely first). */
export function wordKeys(word: string): readonly { key: string; reading: Reading }[] {
  let out = keyCache.get(word);
  if (!out) {
    out = computeWordKeys(word);
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(word, out);
  }
  return out;
}

/** Words repeat (surnames of a card index, given names): their keys are kept, up to a bound. */
const keyCache = new Map<string, readonly { key: string; reading: Reading }[]>();
const KEY_CACHE_MAX = 200_000;

function computeWordKeys(word: string): { key: string; reading: Reading }[] {
  const readings = readingsOf(word);
  const out: { key: string; reading: Reading }[] = [];
  const seen = new Set<string>();
  for (const r of readings) {
    const decoded =
      r === 'cyrillic'
        ? decodeCyrillic(word.normalize('NFC').toLowerCase())
        : decodeLatin(foldLatin(word), r);
    const forms = [decoded];
    // French writes a mute final e after a consonant (Boukharine, Staline) but keeps a real
    // one (Enoukidze): both readings stand, the mute one first.
    if (r === 'french' && /[^aeiouYO]e$/.test(decoded)) forms.unshift(decoded.slice(0, -1));
    for (const form of forms) {
      const key = canonical(form);
      if (key.length === 0 || seen.has(key)) continue;
      seen.add(key);
      out.push({ key, reading: r });
    }
  }
  return out;
}

/**
 * The coarse key: the canonical key with the ambiguous pairs merged (ж/ш/German sch, с/з/German
 * s, ё/е/о after a hushing consonant). Spellings of one name in different systems share it.
 */
export function coarse(key: string): string {
  let s = '';
  for (const c of key) {
    if (c === 'Z' || c === 'X') s += 'S';
    else if (c === 'Q' || c === 'z') s += 's';
    else if (c === 'O') s += 'e';
    else s += c;
  }
  s = s.replace(/([SCJ])o/g, '$1e');
  return s.replace(/(.)\1+/g, '$1');
}

/**
 * The skeleton used to retrieve candidates: the coarse key's consonants, with х and г merged
 * (Ukrainian h for г), and whether the word starts with a vowel.
 */
export function skeleton(key: string): string {
  const c = coarse(key);
  let s = VOWELS.has(c[0] ?? '') ? '_' : '';
  for (const ch of c) {
    if (VOWELS.has(ch)) continue;
    s += ch === 'h' ? 'g' : ch;
  }
  return s.replace(/(.)\1+/g, '$1');
}

// ---------------------------------------------------------------------------------------------
// Inflection: Russian surnames decline; a query in the genitive or instrumental (Ежова, Ежовым)
// or a feminine form should still find the nominative. Endings are matched on canonical keys,
// so they work on romanized forms too (Yezhova, Ezhovym).

interface Ending {
  suffix: string;
  lemma: string;
  /** Extra cost of taking this reading. */
  cost: number;
}

const ENDINGS: Ending[] = [
  // -ов/-ев/-ёв/-ин/-ын surnames
  ...['ov', 'ev', 'Ov', 'in'].flatMap((stem) =>
    ['a', 'u', 'im', 'e', 'oi', 'oiu'].map((e) => ({
      suffix: stem + e,
      lemma: stem,
      cost: 0.15,
    })),
  ),
  // adjectival surnames (-ский, -цкий): -ая and -ую leave aa and uu once the iotation is gone
  ...['ski', 'Cki', 'zki'].flatMap((stem) => {
    const base = stem.slice(0, -1);
    return ['aa', 'a', 'ogo', 'omu', 'im', 'om', 'oi', 'uu', 'u'].map((e) => ({
      suffix: base + e,
      lemma: stem,
      cost: 0.15,
    }));
  }),
  // consonant-stem surnames (Косиор, Радек): Косиора, Косиору, Косиором, Косиоре
  ...['a', 'u', 'om', 'e', 'em'].map((e) => ({ suffix: e, lemma: '', cost: 0.3 })),
  // a-stem surnames (Ягода, Берия): Ягоды, Ягоде, Ягодой, Ягоду
  ...['i', 'e', 'oi', 'u'].map((e) => ({ suffix: e, lemma: 'a', cost: 0.3 })),
];
ENDINGS.sort((a, b) => b.suffix.length - a.suffix.length);

/** Feminine nominative endings: the only inflected forms a list of names normally holds. */
const FEMININE = new Set(['ova', 'eva', 'Ova', 'ina', 'skaa', 'Ckaa', 'zkaa', 'ska', 'Cka', 'zka']);

/**
 * Possible nominative masculine keys of a (possibly inflected) surname key, with their costs.
 * A query may be in any case (a name taken from running text); with `feminineOnly`, as for the
 * names of a list, only the feminine nominative (Ежова, Крупская) is read back.
 */
export function lemmas(key: string, feminineOnly = false): { key: string; cost: number }[] {
  const out: { key: string; cost: number }[] = [];
  const seen = new Set<string>([key]);
  for (const e of ENDINGS) {
    if (!key.endsWith(e.suffix)) continue;
    if (feminineOnly && !FEMININE.has(e.suffix)) continue;
    const bare = key.slice(0, key.length - e.suffix.length);
    const stem = bare + e.lemma;
    const needsConsonant = e.lemma === '' || e.lemma === 'a';
    if (needsConsonant && (bare.length < 2 || VOWELS.has(bare[bare.length - 1]!))) continue;
    // -ский, -цкий are not a-stem nouns (Вышинский is not an inflected *Вышинска)
    if (e.lemma === 'a' && bare.endsWith('k')) continue;
    if (stem.length < 3 || seen.has(stem)) continue;
    seen.add(stem);
    out.push({ key: stem, cost: e.cost });
  }
  return out;
}
