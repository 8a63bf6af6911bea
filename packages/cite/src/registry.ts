/**
 * The archive registry: data in `data/archives.json`, checked against a small schema when
 * loaded, compiled to a lookup table and to one regular expression of every name.
 */
import { readFileSync } from 'node:fs';

export interface Names {
  en: string;
  ru: string;
  /** Library of Congress romanization of the Russian name. */
  lc: string;
}

export interface Abbreviations {
  en: string[];
  ru: string[];
}

export interface FormerName {
  abbr: Abbreviations;
  name: Names;
  /** EDTF year ("1991", "1958~") or null when unknown. */
  from: string | null;
  to: string | null;
}

export interface Archive {
  id: string;
  kind: 'federal' | 'regional' | 'foreign' | 'other';
  city: string;
  /** "fond": fond/opis'/delo; "file": cited by file number alone; "item": by item number. */
  scheme: 'fond' | 'file' | 'item';
  /** EDTF year of the current name, or null. */
  since: string | null;
  name: Names;
  abbr: Abbreviations;
  variants?: string[];
  former: FormerName[];
  note?: string;
}

export interface ArchiveMatch {
  /** The archive, or undefined when the name is ambiguous. */
  archive: Archive | undefined;
  /** Every archive the name may mean (more than one when ambiguous, e.g. "GASO"). */
  candidates: Archive[];
  /** The former name matched, when the name is a former one. */
  former?: FormerName;
}

const EDTF_YEAR = /^\d{4}~?$/;

/** Checks the registry data; returns a list of problems (empty when valid). */
export function validateRegistry(data: unknown): string[] {
  const errors: string[] = [];
  const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const checkNames = (n: unknown, at: string) => {
    const o = n as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') return errors.push(`${at}: names must be an object`);
    for (const k of ['en', 'ru', 'lc'])
      if (!isStr(o[k])) errors.push(`${at}.${k}: must be a non-empty string`);
    if (isStr(o.ru) && !/[А-Яа-яЁё]/.test(o.ru)) errors.push(`${at}.ru: must be Cyrillic`);
    if (isStr(o.lc) && /[А-Яа-яЁё]/.test(o.lc)) errors.push(`${at}.lc: must be romanized`);
    return 0;
  };
  const checkAbbr = (a: unknown, at: string) => {
    const o = a as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') return errors.push(`${at}: abbr must be an object`);
    for (const k of ['en', 'ru']) {
      const list = o[k];
      if (!Array.isArray(list) || !list.every(isStr)) errors.push(`${at}.${k}: must be a list of strings`);
    }
    return 0;
  };
  const checkYear = (v: unknown, at: string) => {
    if (v !== null && !(typeof v === 'string' && EDTF_YEAR.test(v)))
      errors.push(`${at}: must be an EDTF year like "1991" or "1958~", or null`);
  };
  const root = data as { archives?: unknown } | null;
  if (!root || !Array.isArray(root.archives)) return ['archives: must be a list'];
  const ids = new Set<string>();
  root.archives.forEach((a: Record<string, unknown>, i: number) => {
    const at = `archives[${i}]`;
    if (!isStr(a.id)) errors.push(`${at}.id: must be a non-empty string`);
    else if (ids.has(a.id)) errors.push(`${at}.id: duplicate id ${a.id}`);
    else ids.add(a.id);
    if (!['federal', 'regional', 'foreign', 'other'].includes(a.kind as string))
      errors.push(`${at}.kind: must be federal, regional, foreign or other`);
    if (!['fond', 'file', 'item'].includes(a.scheme as string))
      errors.push(`${at}.scheme: must be fond, file or item`);
    if (!isStr(a.city)) errors.push(`${at}.city: must be a non-empty string`);
    checkYear(a.since, `${at}.since`);
    checkNames(a.name, `${at}.name`);
    checkAbbr(a.abbr, `${at}.abbr`);
    if (a.variants !== undefined && !(Array.isArray(a.variants) && a.variants.every(isStr)))
      errors.push(`${at}.variants: must be a list of strings`);
    if (!Array.isArray(a.former)) errors.push(`${at}.former: must be a list`);
    else
      a.former.forEach((f: Record<string, unknown>, j: number) => {
        checkNames(f.name, `${at}.former[${j}].name`);
        checkAbbr(f.abbr, `${at}.former[${j}].abbr`);
        checkYear(f.from, `${at}.former[${j}].from`);
        checkYear(f.to, `${at}.former[${j}].to`);
      });
  });
  return errors;
}

function load(): Archive[] {
  const text = readFileSync(new URL('../data/archives.json', import.meta.url), 'utf8');
  const data = JSON.parse(text) as { archives: Archive[] };
  const errors = validateRegistry(data);
  if (errors.length > 0) throw new Error(`archives.json is invalid:\n${errors.join('\n')}`);
  return data.archives;
}

/** Every archive in the registry. */
export const archives: readonly Archive[] = Object.freeze(load());

/** Normalizes a name for lookup: NFC, one space, no dots, case folded, curly quotes straightened. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[’ʹ]/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Entry {
  archive: Archive;
  former?: FormerName;
}

const table = new Map<string, Entry[]>();
/** Every written form, longest first, for matching in text. */
const forms: string[] = [];

function add(form: string, entry: Entry) {
  const k = normalizeName(form);
  if (k === '') return;
  const list = table.get(k) ?? [];
  if (!list.some((e) => e.archive === entry.archive)) list.push(entry);
  table.set(k, list);
  if (!forms.includes(form)) forms.push(form);
}

for (const a of archives) {
  add(a.id, { archive: a });
  for (const f of [...a.abbr.en, ...a.abbr.ru, a.name.en, a.name.ru, a.name.lc, ...(a.variants ?? [])])
    add(f, { archive: a });
  for (const former of a.former)
    for (const f of [...former.abbr.en, ...former.abbr.ru, former.name.en, former.name.ru, former.name.lc])
      add(f, { archive: a, former });
}
forms.sort((x, y) => y.length - x.length);

/**
 * Finds an archive by any of its names, current or former, in English, LC romanization or
 * Russian ("RGASPI", "RTsKhIDNI", "ЦПА ИМЛ", "TsGAOR SSSR"). Case and dots do not matter.
 * Returns undefined when no archive has that name.
 */
export function lookupArchive(name: string): ArchiveMatch | undefined {
  const list = table.get(normalizeName(name));
  if (!list || list.length === 0) return undefined;
  const first = list[0]!;
  if (list.length > 1) return { archive: undefined, candidates: list.map((e) => e.archive) };
  return first.former
    ? { archive: first.archive, candidates: [first.archive], former: first.former }
    : { archive: first.archive, candidates: [first.archive] };
}

/** The archive with this canonical id. */
export function archiveById(id: string): Archive | undefined {
  return byId.get(id);
}

const byId = new Map<string, Archive>();
for (const a of archives) if (!byId.has(a.id)) byId.set(a.id, a);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Source of a regular expression matching any registry name (longest first), no flags or anchors. */
export const archiveNamePattern: string = forms.map(escapeRe).join('|');

/**
 * The current short label of an archive in a script ("RGASPI" / "РГАСПИ"): the first
 * abbreviation that names no other archive, else the full name.
 */
export function archiveLabel(id: string, style: 'en' | 'ru'): string {
  const a = archiveById(id);
  if (!a) return id;
  const list = style === 'ru' ? [...a.abbr.ru, a.name.ru] : [...a.abbr.en, a.id, a.name.en];
  for (const f of list) {
    const m = lookupArchive(f);
    if (m?.archive === a) return f;
  }
  return style === 'ru' ? a.name.ru : a.name.en;
}

/** Exact written forms grouped by their last character, for matching a name that ends at a point. */
export const formsByLastChar: Map<string, { forms: string[]; penultimate: number[] }> = new Map();
for (const f of forms) {
  const last = f[f.length - 1]!;
  const e = formsByLastChar.get(last) ?? { forms: [], penultimate: [] };
  e.forms.push(f);
  // The code of the character before the last (-1 for a one-character form), to skip most
  // forms of a bucket without comparing strings.
  e.penultimate.push(f.length >= 2 ? f.charCodeAt(f.length - 2) : -1);
  formsByLastChar.set(last, e);
}
