/**
 * The two places where kb leans on sibling packages: romanizing Russian names (`@opis/translit`)
 * and parsing archival citations (`@opis/cite`). Each goes through this module, so the rest of kb
 * sees one narrow interface to them.
 */

import { parseCitation, referenceKey } from '@opis/cite';
import {
  type MatchResult,
  NameIndex,
  matchName as translitMatchName,
  nameKey as translitNameKey,
  romanize as translitRomanize,
} from '@opis/translit';

/** The romanization systems (`@opis/translit` ids) whose forms are stored for every name. */
export const NAME_SYSTEMS: readonly string[] = [
  'modified-lc',
  'ala-lc-alt',
  'ala-lc',
  'bgn-pcgn',
  'bs-2979',
  'scientific',
  'gost-779',
  'german',
  'french',
  'polish',
  'wikipedia',
  'mvd-310-fr',
  'telegram',
];

/** Romanizes with `@opis/translit` (NFC, so stored forms compare equal whatever the input form). */
export function romanize(text: string, system: string): string {
  return translitRomanize(text, system).normalize('NFC');
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
  for (const id of NAME_SYSTEMS) {
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
  /** `ARCHIVE:fond/opis/delo`, the file a fact rests on. */
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
