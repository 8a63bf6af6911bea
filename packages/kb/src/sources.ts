/**
 * Source references of facts: `book:<part>[:L<line>[-<line>]]`, `archive:<citation>`,
 * `work:<id>`. Archival citations go through the `cite` adapter (the `@opis/cite` parser, and a
 * plain pattern for one it cannot read) to get archive / fond / opis / delo.
 */
import { type ArchivalParts, parseArchival } from './adapters.ts';

export const BOOK_PARTS = new Set([
  'front',
  'intro',
  ...Array.from({ length: 10 }, (_, i) => `ch${i + 1}`),
  'conclusion',
  'app1',
  'app2',
  'index',
  ...Array.from({ length: 5 }, (_, i) => `table${i + 1}`),
]);

/** Lines of the seed text of the book (the locator's upper limit). */
export const BOOK_LINES = 4421;

export type ParsedSource =
  | { kind: 'book'; ref: string; part: string; lineFrom?: number; lineTo?: number }
  | ({ kind: 'archive'; ref: string; citation: string } & ArchivalParts)
  | { kind: 'work'; ref: string; work: string };

export type SourceParse = { ok: true; value: ParsedSource } | { ok: false; message: string; offset: number };

/** Parses a source reference; `offset` of an error is 0-based within the string. */
export function parseSource(ref: string): SourceParse {
  const colon = ref.indexOf(':');
  const scheme = colon < 0 ? ref : ref.slice(0, colon);
  const rest = colon < 0 ? '' : ref.slice(colon + 1);
  if (scheme === 'book') {
    const m = /^([a-z0-9]+)(?::L(\d+)(?:-(\d+))?)?$/.exec(rest);
    if (!m)
      return {
        ok: false,
        message: 'a book locator is <part>[:L<line>[-<line>]] (e.g. book:ch8:L2761)',
        offset: 5,
      };
    const part = m[1] ?? '';
    if (!BOOK_PARTS.has(part))
      return {
        ok: false,
        message: `unknown part of the book "${part}" (front, intro, ch1-ch10, conclusion, app1, app2, index, table1-table5)`,
        offset: 5,
      };
    const lineFrom = m[2] === undefined ? undefined : Number(m[2]);
    const lineTo = m[3] === undefined ? lineFrom : Number(m[3]);
    const lineOffset = 5 + part.length + 2;
    if (lineFrom !== undefined && (lineFrom < 1 || lineFrom > BOOK_LINES))
      return {
        ok: false,
        message: `line ${lineFrom} is outside the book (1-${BOOK_LINES})`,
        offset: lineOffset,
      };
    if (lineFrom !== undefined && lineTo !== undefined && (lineTo < lineFrom || lineTo > BOOK_LINES))
      return { ok: false, message: `line range ${lineFrom}-${lineTo} is not valid`, offset: lineOffset };
    return {
      ok: true,
      value: {
        kind: 'book',
        ref,
        part,
        ...(lineFrom !== undefined ? { lineFrom } : {}),
        ...(lineTo !== undefined ? { lineTo } : {}),
      },
    };
  }
  if (scheme === 'archive') {
    const citation = rest.trim();
    if (!citation) return { ok: false, message: 'an archival reference is empty', offset: 8 };
    const parsed = parseArchival(citation);
    return { ok: true, value: { kind: 'archive', ref, citation, ...parsed } };
  }
  if (scheme === 'work') {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(rest))
      return { ok: false, message: 'a work reference is work:<id>', offset: 5 };
    return { ok: true, value: { kind: 'work', ref, work: rest } };
  }
  return { ok: false, message: 'a source is book:..., archive:... or work:...', offset: 0 };
}
