/**
 * The two places where kb leans on sibling packages: romanizing Russian names (`@opis/translit`)
 * and parsing archival citations (`@opis/cite`). Each goes through this module so that kb works
 * whether or not those packages are present: when they are, their functions are used; when not,
 * the small built-in versions below are.
 */

import { parseCitation, referenceKey } from '@opis/cite';
import {
  hasSystem,
  type MatchResult,
  NameIndex,
  matchName as translitMatchName,
  nameKey as translitNameKey,
  romanize as translitRomanize,
} from '@opis/translit';

/** Which implementation each adapter uses. */
export const adapterInfo = { translit: '@opis/translit', cite: '@opis/cite' };

/**
 * The romanization systems whose forms are stored for every name, as `@opis/translit` ids
 * with the built-in table used when translit lacks the system.
 */
export const NAME_SYSTEMS: { id: string; builtin: string }[] = [
  { id: 'modified-lc', builtin: 'book' },
  { id: 'ala-lc-alt', builtin: 'lc' },
  { id: 'ala-lc', builtin: 'lc' },
  { id: 'bgn-pcgn', builtin: 'bgn' },
  { id: 'bs-2979', builtin: 'bgn' },
  { id: 'scientific', builtin: 'scholarly' },
  { id: 'gost-779', builtin: 'iso9' },
  { id: 'german', builtin: 'de' },
  { id: 'french', builtin: 'fr' },
  { id: 'polish', builtin: 'lc' },
  { id: 'wikipedia', builtin: 'book' },
  { id: 'mvd-310-fr', builtin: 'fr' },
  { id: 'telegram', builtin: 'lc' },
];

// ---------------------------------------------------------------------------------------
// Romanization: a few systems as tables (letter, word-initial, after-vowel, word endings).

interface SystemTable {
  map: Record<string, string>;
  initial?: Record<string, string>;
  afterVowel?: Record<string, string>;
  endings?: Record<string, string>;
  betweenVowels?: Record<string, string>;
}

const LC: Record<string, string> = {
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
  і: 'i',
  ї: 'i',
  є: 'ie',
};

const VOWELS = new Set([...'аеёиоуыэюяіїє']);

export const SYSTEMS: Record<string, SystemTable> = {
  /** Library of Congress without diacritics (the book's notes). */
  lc: { map: LC },
  /** The book's modified LC for the running text: Ye-, Ya-, Yu-, -sky, no soft signs. */
  book: {
    map: LC,
    initial: { е: 'ye', ё: 'yo', я: 'ya', ю: 'yu' },
    endings: { ий: 'y', ый: 'y' },
  },
  /** BGN/PCGN. */
  bgn: {
    map: { ...LC, й: 'y', ю: 'yu', я: 'ya', ё: 'ye' },
    initial: { е: 'ye', ё: 'ye' },
    afterVowel: { е: 'ye', ё: 'ye' },
    endings: { ий: 'iy', ый: 'yy' },
  },
  /** The scholarly system (Slavists). */
  scholarly: {
    map: { ...LC, ж: 'ž', й: 'j', х: 'x', ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ю: 'ju', я: 'ja', э: 'è', ё: 'ë' },
  },
  /** ISO 9. */
  iso9: {
    map: { ...LC, ж: 'ž', й: 'j', х: 'h', ц: 'c', ч: 'č', ш: 'š', щ: 'ŝ', ю: 'û', я: 'â', э: 'è', ё: 'ë' },
  },
  /** German (Duden). */
  de: {
    map: {
      ...LC,
      в: 'w',
      е: 'e',
      ж: 'sch',
      з: 's',
      й: 'i',
      х: 'ch',
      ц: 'z',
      ч: 'tsch',
      ш: 'sch',
      щ: 'schtsch',
      ю: 'ju',
      я: 'ja',
      ё: 'jo',
    },
    initial: { е: 'je' },
    afterVowel: { е: 'je', й: 'i' },
    betweenVowels: { с: 'ss' },
    endings: { ий: 'i', ый: 'y' },
  },
  /** French. */
  fr: {
    map: {
      ...LC,
      ж: 'j',
      у: 'ou',
      й: 'ï',
      х: 'kh',
      ч: 'tch',
      ш: 'ch',
      щ: 'chtch',
      ю: 'iou',
      я: 'ia',
      ё: 'io',
    },
    initial: { е: 'ie' },
    afterVowel: { е: 'ie' },
    betweenVowels: { с: 'ss' },
    endings: { ий: 'i', ый: 'y' },
  },
};

function matchCase(src: string, out: string): string {
  if (out === '') return out;
  if (src !== src.toLowerCase()) return out[0]?.toUpperCase() + out.slice(1);
  return out;
}

/** Built-in romanization of Russian text in one of `SYSTEMS`. */
export function romanizeBuiltin(text: string, system: string): string {
  const t = SYSTEMS[system] ?? SYSTEMS.lc;
  if (!t) return text;
  return text.replace(/[\p{Script=Cyrillic}]+/gu, (word) => {
    const lower = word.toLowerCase();
    let out = '';
    let i = 0;
    while (i < lower.length) {
      const c = lower[i] ?? '';
      const rest = lower.slice(i);
      const ending = t.endings && Object.keys(t.endings).find((e) => rest === e && i > 0);
      if (ending && t.endings) {
        out += matchCase(word[i] ?? '', t.endings[ending] ?? '');
        break;
      }
      const prev = lower[i - 1];
      const next = lower[i + 1];
      let r: string | undefined;
      if (i === 0 && t.initial?.[c] !== undefined) r = t.initial[c];
      else if (prev && (VOWELS.has(prev) || prev === 'ь' || prev === 'ъ') && t.afterVowel?.[c] !== undefined)
        r = t.afterVowel[c];
      else if (prev && next && VOWELS.has(prev) && VOWELS.has(next) && t.betweenVowels?.[c] !== undefined)
        r = t.betweenVowels[c];
      else r = t.map[c] ?? c;
      out += matchCase(word[i] ?? '', r ?? '');
      i++;
    }
    return out;
  });
}

/** Romanizes with `@opis/translit` when it has the system, else with the built-in tables. */
export function romanize(text: string, system: string): string {
  try {
    if (hasSystem(system)) return translitRomanize(text, system).normalize('NFC');
  } catch {
    // fall through to the built-in tables
  }
  const fallback = NAME_SYSTEMS.find((x) => x.id === system)?.builtin ?? system;
  return romanizeBuiltin(text, fallback);
}

/**
 * A search key for a name in any script: lower case, no diacritics, letters only
 * (Ežov -> ezov, Jeschow -> jeschow, Ежов -> ежов).
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}]/gu, '');
}

/** Every romanized form of a Cyrillic name, by system (deduplicated). */
export function romanizations(cyrillic: string): { system: string; form: string }[] {
  const seen = new Set<string>();
  const out: { system: string; form: string }[] = [];
  for (const { id } of NAME_SYSTEMS) {
    const form = romanize(cyrillic, id);
    if (!seen.has(form)) {
      seen.add(form);
      out.push({ system: id, form });
    }
  }
  return out;
}

/**
 * The coarse phonetic key of a surname in any spelling or script (`@opis/translit` nameKey):
 * Yezhov, Ezhov, Ežov, Jeschow, Iejov and Ежов share one. '' when it has no letters.
 */
export function phoneticKey(name: string): string {
  try {
    return translitNameKey(name);
  } catch {
    return '';
  }
}

/** An index of names for near-spelling search (`@opis/translit` NameIndex). */
export function nameIndex(names: readonly string[]): {
  search(query: string, limit: number): MatchResult['candidates'];
} {
  const index = new NameIndex(names);
  return {
    search(query, limit) {
      try {
        return translitMatchName(query, index, { limit }).candidates;
      } catch {
        return [];
      }
    },
  };
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

// ---------------------------------------------------------------------------------------
// Archival citations.

export interface ArchivalParts {
  archive?: string;
  fond?: string;
  opis?: string;
  delo?: string;
  folios?: string;
  key?: string;
}

const CITATION =
  /^(?<archive>[\p{L}][\p{L}\s-]*?),\s*f\.\s*(?<fond>[\p{L}\p{N}-]+)(?:,\s*op\.\s*(?<opis>[\p{L}\p{N}-]+))?(?:,\s*d\.\s*(?<delo>[\p{L}\p{N}-]+))?(?:,\s*ll?\.\s*(?<folios>.+?))?\s*\.?$/u;

/** Splits `RGASPI, f. 17, op. 3, d. 1003, l. 82` into archive, fond, opis, delo, folios. */
export function parseArchivalBuiltin(citation: string): ArchivalParts {
  const m = CITATION.exec(citation.trim());
  if (!m?.groups) return {};
  const g = m.groups;
  const archive = g.archive?.trim();
  const parts: ArchivalParts = {};
  if (archive) parts.archive = archive;
  if (g.fond) parts.fond = g.fond;
  if (g.opis) parts.opis = g.opis;
  if (g.delo) parts.delo = g.delo;
  if (g.folios) parts.folios = g.folios;
  if (archive && g.fond) parts.key = `${archive}:${[g.fond, g.opis, g.delo].filter(Boolean).join('/')}`;
  return parts;
}

/** Parses with `@opis/cite` (which also maps former archive names to current ones), falling back on the built-in parser. */
export function parseArchival(citation: string): ArchivalParts {
  const builtin = parseArchivalBuiltin(citation);
  try {
    const c = parseCitation(citation);
    const ref = c.reference;
    if (c.diagnostics.some((d) => d.severity === 'error') || !ref.archive || !ref.fond) return builtin;
    const parts: ArchivalParts = { archive: ref.archive, fond: ref.fond };
    if (ref.opis) parts.opis = ref.opis;
    if (ref.delo) parts.delo = ref.delo;
    if (builtin.folios) parts.folios = builtin.folios;
    parts.key = referenceKey(ref);
    return parts;
  } catch {
    return builtin;
  }
}
