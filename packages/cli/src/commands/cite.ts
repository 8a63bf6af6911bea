import { flag, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';
import { readAll } from '../input.ts';

const ACTIONS = ['parse', 'resolve', 'extract', 'format'] as const;
type Action = (typeof ACTIONS)[number];
const STYLES = ['en', 'ru', 'compact', 'csl'] as const;

/** Splits input into lines with the offset of each line's start in the whole input. */
function lines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let s = 0;
  while (s <= text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const t = text.slice(s, e);
    out.push({ text: t.endsWith('\r') ? t.slice(0, -1) : t, offset: s });
    s = e + 1;
  }
  if (out.length > 1 && out[out.length - 1]!.text === '') out.pop();
  return out;
}

export default {
  name: 'cite',
  summary: 'archival citations (f., op., d., l.): parse, resolve Ibid. and continuations, extract, format',
  usage: [
    'opis cite parse [--json] [file]',
    'opis cite resolve [--json] [file]',
    'opis cite extract [--json] [file]',
    'opis cite format [--style en|ru|compact|csl] [file]',
  ],
  description:
    'parse: one citation per line (several on a line when separated by ";"), lines independent. ' +
    'resolve: one footnote per line, in order; "Ibid." and partial references inherit from the note before. ' +
    'extract: finds the citations in a whole text (running text and footnotes). ' +
    'With --json each prints one JSON object per reference: start and end offsets into the whole input ' +
    '(end exclusive), 1-based line, raw text, kind (full, ibid, continuation), the resolved reference, ' +
    'inheritsFrom (index of the earlier result it inherits from) and diagnostics. ' +
    'format: one citation per line, written in the chosen style.',
  options: {
    json: { type: 'boolean', description: 'print JSON Lines, one object per reference' },
    style: {
      type: 'string',
      value: '<style>',
      description: 'format: en (default), ru, compact or csl (CSL-JSON)',
    },
  },
  examples: [
    'echo "RGASPI, f. 17, op. 3, d. 1003, l. 82" | opis cite parse --json',
    'echo "РГАСПИ. Ф. 17. Оп. 3. Д. 1003. Л. 82–83 об." | opis cite format --style en',
    'opis cite extract ../shared/seed/the-road-to-terror-2010.txt --json',
  ],
  async run(ctx) {
    const action = ctx.positionals[0] as Action | undefined;
    if (action === undefined || !(ACTIONS as readonly string[]).includes(action))
      throw new UserError(
        `cite: expected one of ${ACTIONS.join(', ')}${action === undefined ? '' : `, got '${action}'`} (see opis cite --help)`,
      );
    const style = stringOption(ctx, 'style') ?? 'en';
    if (!(STYLES as readonly string[]).includes(style))
      throw new UserError(`cite: --style must be one of ${STYLES.join(', ')}, got '${style}'`);
    if (ctx.positionals.length > 2) throw new UserError('cite: expected at most one file');
    const cite = await import('@opis/cite');
    const { text } = await readAll(ctx.positionals[1], ctx.cwd, ctx.stdin);
    const json = flag(ctx, 'json');

    if (action === 'format') {
      for (const l of lines(text)) {
        if (l.text.trim() === '') continue;
        const c = cite.parseCitation(l.text);
        if (style === 'csl') await ctx.out.json(cite.toCslJson(c.reference));
        else {
          const output = cite.formatReference(c.reference, style as 'en' | 'ru' | 'compact');
          if (json) await ctx.out.json({ input: l.text, output, diagnostics: c.diagnostics });
          else await ctx.out.line(output);
        }
      }
      return 0;
    }

    let found: import('@opis/cite').Citation[] = [];
    if (action === 'extract') {
      let bar: ReturnType<typeof ctx.progress> | undefined;
      const onProgress = (done: number, total: number) => {
        bar ??= ctx.progress('cite extract (characters)', total);
        bar.update(done);
      };
      found = cite.extractCitations(text, text.length > 2_000_000 ? { onProgress } : {});
      bar?.finish();
    } else if (action === 'resolve') {
      const ls = lines(text);
      found = cite.resolveFootnotes(ls.map((l) => l.text));
      for (const c of found) shiftTo(c, ls[c.note]!.offset, c.note + 1);
    } else {
      const ls = lines(text);
      ls.forEach((l, i) => {
        const base = found.length;
        for (const c of cite.parseFootnote(l.text)) {
          shiftTo(c, l.offset, i + 1);
          if (c.inheritsFrom !== null) c.inheritsFrom += base;
          found.push(c);
        }
      });
    }
    if (json) {
      for (const c of found)
        await ctx.out.json({
          start: c.start,
          end: c.end,
          line: c.line,
          raw: c.raw,
          kind: c.kind,
          reference: c.reference,
          inheritsFrom: c.inheritsFrom,
          diagnostics: c.diagnostics,
        });
    } else {
      await ctx.out.table(
        found.map((c, i) => ({
          '#': i,
          line: c.line,
          kind: c.kind,
          key: c.reference.key,
          sheets: c.reference.sheets
            .map((s) => `${s.from}${s.verso ? 'ob' : ''}${s.to ? `–${s.to}${s.toVerso ? 'ob' : ''}` : ''}`)
            .join(', '),
          from: c.inheritsFrom ?? '',
          raw: c.raw,
          notes: c.diagnostics.map((d) => d.code).join(' '),
        })),
      );
    }
    return 0;
  },
} satisfies Command;

function shiftTo(c: import('@opis/cite').Citation, offset: number, line: number) {
  c.start += offset;
  c.end += offset;
  c.line = line;
  for (const d of c.diagnostics) {
    d.start += offset;
    d.end += offset;
  }
}
