/**
 * Writing references: English (the book's style), Russian (GOST R 7.0.100 archival style),
 * compact, and CSL-JSON for reference managers.
 */
import { archiveById, archiveLabel } from './registry.ts';
import type { ArchivalReference, Sheet, Style } from './types.ts';

/** Shortens a range end the Chicago way (101–8, 168–78, 1087–89); the parser expands it back. */
export function abbreviateRangeEnd(from: string, to: string): string {
  const f = Number(from);
  const t = Number(to);
  if (!/^\d+$/.test(from) || !/^\d+$/.test(to) || to.length !== from.length || t < f) return to;
  if (f < 100 || f % 100 === 0) return to;
  let i = 0;
  while (i < from.length - 1 && from[i] === to[i]) i++;
  let short = to.slice(i);
  // Keep at least two digits when the first number's last two digits are 10 or more.
  if (f % 100 >= 10 && short.length < 2) short = to.slice(-2);
  return short;
}

function sheetEn(s: Sheet, abbreviate: boolean): string {
  let out = s.from + (s.verso ? 'ob' : '');
  if (s.to !== undefined) {
    const to = abbreviate && !s.verso ? abbreviateRangeEnd(s.from, s.to) : s.to;
    out += `–${to}${s.toVerso ? 'ob' : ''}`;
  }
  if (s.following) out += ' ff.';
  return out;
}

function sheetRu(s: Sheet): string {
  let out = s.from + (s.verso ? ' об.' : '');
  if (s.to !== undefined) out += `–${s.to}${s.toVerso ? ' об.' : ''}`;
  if (s.following) out += ' и сл.';
  return out;
}

function many(sheets: Sheet[]): boolean {
  return sheets.length > 1 || sheets.some((s) => s.to !== undefined || s.following);
}

function archiveText(ref: ArchivalReference, style: 'en' | 'ru'): string | null {
  if (ref.archive === null) return null;
  return archiveById(ref.archive) ? archiveLabel(ref.archive, style) : ref.archive;
}

function deloEn(ref: ArchivalReference): string | null {
  if (ref.delo === null) return null;
  const range = /^(\d+)–(\d+)$/.exec(ref.delo);
  if (ref.unit === 'por') return `por. ${ref.delo}`;
  if (ref.unit === 'edkhr') return `ed. khr. ${ref.delo}`;
  if (ref.unit === 'file') return `file ${ref.delo}`;
  if (range) return `dd. ${range[1]}–${abbreviateRangeEnd(range[1]!, range[2]!)}`;
  return `d. ${ref.delo}`;
}

function deloRu(ref: ArchivalReference): string | null {
  if (ref.delo === null) return null;
  if (ref.unit === 'por') return `Пор. ${ref.delo}`;
  if (ref.unit === 'edkhr') return `Ед. хр. ${ref.delo}`;
  if (ref.unit === 'file') return `Файл ${ref.delo}`;
  return `Д. ${ref.delo}`;
}

function tomEn(tom: string): string {
  return /[,–]/.test(tom) ? `vols. ${tom.replace(', ', ' and ')}` : `vol. ${tom}`;
}

function formatEn(ref: ArchivalReference): string {
  const parts: string[] = [];
  if (ref.fond !== null) parts.push(`f. ${ref.fond}`);
  if (ref.opis !== null) parts.push(`op. ${ref.opis}`);
  if (ref.vypusk !== undefined) parts.push(`vyp. ${ref.vypusk}`);
  const d = deloEn(ref);
  if (d) parts.push(d);
  if (ref.tom !== undefined) parts.push(tomEn(ref.tom));
  if (ref.chast !== undefined) parts.push(`ch. ${ref.chast}`);
  if (ref.sheets.length > 0)
    parts.push(`${many(ref.sheets) ? 'll.' : 'l.'} ${ref.sheets.map((s) => sheetEn(s, true)).join(', ')}`);
  const a = archiveText(ref, 'en');
  const body = parts.join(', ');
  if (a === null) return body;
  return body === '' ? a : `${a}, ${body}`;
}

function formatRu(ref: ArchivalReference): string {
  const parts: string[] = [];
  const a = archiveText(ref, 'ru');
  if (a !== null) parts.push(a);
  if (ref.fond !== null) parts.push(`Ф. ${ref.fond}`);
  if (ref.opis !== null) parts.push(`Оп. ${ref.opis}`);
  if (ref.vypusk !== undefined) parts.push(`Вып. ${ref.vypusk}`);
  const d = deloRu(ref);
  if (d) parts.push(d);
  if (ref.tom !== undefined) parts.push(`Т. ${ref.tom.replace(', ', ' и ')}`);
  if (ref.chast !== undefined) parts.push(`Ч. ${ref.chast}`);
  if (ref.sheets.length > 0) parts.push(`Л. ${ref.sheets.map(sheetRu).join(', ')}`);
  const out = parts.join('. ');
  return out.endsWith('.') ? out : `${out}.`;
}

function formatCompact(ref: ArchivalReference): string {
  const simple =
    ref.archive !== null &&
    ref.fond !== null &&
    ref.opis !== null &&
    ref.delo !== null &&
    ref.unit === undefined &&
    ref.vypusk === undefined &&
    ref.tom === undefined &&
    ref.chast === undefined &&
    !ref.delo.includes('–') &&
    /^[^\s/]+$/.test(ref.fond + ref.opis + ref.delo);
  if (!simple) return formatEn(ref);
  const head = `${archiveText(ref, 'en')} ${ref.fond}/${ref.opis}/${ref.delo}`;
  if (ref.sheets.length === 0) return head;
  return `${head}, ${ref.sheets.map((s) => sheetEn(s, false)).join(', ')}`;
}

/**
 * Writes a reference. 'en': "RGASPI, f. 17, op. 3, d. 1003, ll. 82–83ob" (the book's style,
 * ranges shortened the Chicago way); 'ru': "РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82–83 об.";
 * 'compact': "RGASPI 17/3/1003, 82–83ob" (English style when a level or part does not fit).
 * The archive is written under its current name.
 */
export function formatReference(ref: ArchivalReference, style: Style = 'en'): string {
  if (style === 'ru') return formatRu(ref);
  if (style === 'compact') return formatCompact(ref);
  return formatEn(ref);
}

/** A CSL-JSON item (type "manuscript") for reference managers such as Zotero. */
export interface CslItem {
  id: string;
  type: 'manuscript';
  title: string;
  archive?: string;
  'archive-place'?: string;
  archive_location: string;
  note?: string;
}

/** Exports a reference as CSL-JSON: the archive and its city, and the unit in `archive_location`. */
export function toCslJson(ref: ArchivalReference): CslItem {
  const a = ref.archive !== null ? archiveById(ref.archive) : undefined;
  const location = formatEn({ ...ref, archive: null });
  const item: CslItem = {
    id: ref.key,
    type: 'manuscript',
    title: formatEn({ ...ref, sheets: [] }),
    archive_location: location,
  };
  if (a) {
    item.archive = a.name.en;
    item['archive-place'] = a.city;
  } else if (ref.archive !== null) item.archive = ref.archive;
  if (ref.archiveAsWritten !== null && a && ref.archiveAsWritten !== archiveLabel(a.id, 'en'))
    item.note = `cited as ${ref.archiveAsWritten}`;
  return item;
}
