/** The public entry points for parsing, resolving and extracting. */
import { orderReference, runEngine, type Unit } from './engine.ts';
import { referenceKey } from './key.ts';
import type { Citation, Diagnostic } from './types.ts';

export interface ExtractOptions {
  /** Called now and then with the characters read so far and the text's length. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Finds the archival citations in running text or footnote text, with offsets (JavaScript
 * string indices, end exclusive) and 1-based lines, resolved: "Ibid." and continuations
 * ("d. 83, l. 5") inherit from the citation before, and `inheritsFrom` says which.
 */
export function extractCitations(text: string, options: ExtractOptions = {}): Citation[] {
  const opts: Parameters<typeof runEngine>[2] = { mode: 'extract' };
  if (options.onProgress) opts.onProgress = options.onProgress;
  return runEngine(text, 'lines', opts);
}

/**
 * Parses one footnote: several references separated by ";" (or "and") come back as several
 * citations; later ones inherit the levels they leave out from the one before.
 */
export function parseFootnote(text: string): Citation[] {
  const s = String(text ?? '');
  return runEngine(s, [{ start: 0, end: s.length, note: true, index: 0 }], { mode: 'notes' });
}

/**
 * Resolves a sequence of footnotes: "Ibid." and a note that starts with a partial reference
 * inherit from the last reference of the note before. Offsets are relative to each note;
 * `note` is the note's index; `inheritsFrom` indexes the returned list.
 */
export function resolveFootnotes(notes: readonly string[]): Citation[] {
  const list = notes.map((n) => String(n ?? '').replace(/\n/g, ' '));
  const units: Unit[] = [];
  let pos = 0;
  list.forEach((n, i) => {
    units.push({ start: pos, end: pos + n.length, note: true, index: i });
    pos += n.length + 1;
  });
  const text = list.join('\n');
  const out = runEngine(text, units, { mode: 'notes' });
  for (const c of out) {
    const u = units[c.note]!;
    shift(c, -u.start);
    c.line = 1;
  }
  return out;
}

function shift(c: Citation, by: number) {
  c.start += by;
  c.end += by;
  for (const d of c.diagnostics) {
    d.start += by;
    d.end += by;
  }
}

const BLANK_OR_PUNCT = /^[\s.,;:()*]*$/u;
const NAME_LIKE = /^\s*([\p{L}][\p{L}\p{N} .'’()-]{0,80}?)[\s,.:]*$/u;

/**
 * Parses one citation string (English, Russian, LC or Cyrillic, full or compact). Never
 * throws: text that is not a citation, or half of one, gives a result with `diagnostics`
 * (what is missing or unexpected, and where) and whatever parts were valid.
 */
export function parseCitation(text: string): Citation {
  const s = String(text ?? '');
  const all = parseFootnote(s);
  if (all.length === 0) {
    const empty: Citation = {
      start: 0,
      end: s.length,
      line: 1,
      raw: s,
      kind: 'full',
      reference: orderReference({
        archive: null,
        archiveAsWritten: null,
        fond: null,
        opis: null,
        delo: null,
        sheets: [],
        key: '?:',
      }),
      inheritsFrom: null,
      inherited: [],
      diagnostics: [
        {
          code: 'not-a-citation',
          severity: 'error',
          message:
            s.trim() === ''
              ? 'empty input'
              : 'no archival reference found (no fond, opis, delo or sheet label)',
          start: 0,
          end: s.length,
        },
      ],
      note: 0,
    };
    return empty;
  }
  const c = all[0]!;
  const diags: Diagnostic[] = c.diagnostics;
  const lead = s.slice(0, c.start);
  if (!BLANK_OR_PUNCT.test(lead)) {
    const name = NAME_LIKE.exec(lead);
    if (c.reference.archive === null && name) {
      const asWritten = name[1]!.trim();
      const at = lead.indexOf(asWritten);
      c.reference.archive = asWritten;
      c.reference.archiveAsWritten = asWritten;
      c.reference.key = referenceKey(c.reference);
      c.start = at;
      c.raw = s.slice(c.start, c.end);
      const i = diags.findIndex((d) => d.code === 'missing-archive');
      if (i >= 0) diags.splice(i, 1);
      diags.push({
        code: 'unknown-archive',
        severity: 'warning',
        message: `"${asWritten}" is not in the archive registry`,
        start: at,
        end: at + asWritten.length,
      });
    } else
      diags.push({
        code: 'unexpected-text',
        severity: 'warning',
        message: 'text before the citation was ignored',
        start: 0,
        end: c.start,
      });
  }
  const last = all[all.length - 1]!;
  if (all.length > 1)
    diags.push({
      code: 'several-references',
      severity: 'warning',
      message: `${all.length} references found; only the first is returned (use parseFootnote for all)`,
      start: all[1]!.start,
      end: last.end,
    });
  const tail = s.slice(last.end);
  if (!BLANK_OR_PUNCT.test(tail))
    diags.push({
      code: 'unexpected-text',
      severity: 'warning',
      message: 'text after the citation was ignored',
      start: last.end,
      end: s.length,
    });
  return c;
}
