/**
 * `opis translit match --candidates <file> [--threshold T] [--limit N] [--json] [file]`: for each
 * input line (a name in any spelling), the names of the candidates file that match it, ranked,
 * and the accepted match when the evidence is strong enough. The `translit` command dispatches
 * here; the leading underscore keeps the registry from taking this module for a command.
 */
import { flag, numberOption, stringOption } from '../args.ts';
import type { CommandContext } from '../command.ts';
import { UserError } from '../errors.ts';
import { readLines } from '../input.ts';

/** Rows of the readable table are printed in blocks of this many queries. */
const TABLE_BLOCK = 1000;

export async function runMatch(ctx: CommandContext): Promise<number> {
  const t = await import('@opis/translit');
  const candidatesFile = stringOption(ctx, 'candidates');
  if (candidatesFile === undefined || candidatesFile === '')
    throw new UserError('translit match: --candidates <file> is required (one name per line)');
  if (candidatesFile === '-')
    throw new UserError('translit match: --candidates must name a file (standard input carries the queries)');
  const threshold = numberOption(ctx, 'translit match', 'threshold', t.DEFAULT_THRESHOLD, { min: 0, max: 1 });
  const limit = numberOption(ctx, 'translit match', 'limit', 5, { min: 1, max: 100, integer: true });
  const json = flag(ctx, 'json');
  // `opis translit match [file]`: the word `match` may still be among the positionals.
  const positionals = ctx.positionals[0] === 'match' ? ctx.positionals.slice(1) : ctx.positionals;
  if (positionals.length > 1)
    throw new UserError(`translit match: one input file at most, got ${positionals.length}`);

  const names: string[] = [];
  for await (const { text } of readLines(candidatesFile, ctx.cwd, ctx.stdin)) {
    if (text.trim() !== '') names.push(text);
  }
  if (names.length === 0)
    throw new UserError('translit match: the candidates file has no names', { file: candidatesFile });
  const progress = names.length >= 50_000 ? ctx.progress('indexing names', names.length) : undefined;
  const index = new t.NameIndex(names, {
    onProgress: progress ? (done) => progress.update(done) : undefined,
  });
  progress?.finish();

  let rows: Record<string, unknown>[] = [];
  const flushTable = async () => {
    if (rows.length > 0) await ctx.out.table(rows, ['query', 'match', 'score', 'best', 'best score']);
    rows = [];
  };
  for await (const { text } of readLines(positionals[0], ctx.cwd, ctx.stdin)) {
    const r = index.search(text, { threshold, limit });
    if (json) {
      await ctx.out.json({
        query: text,
        match: r.match?.name ?? null,
        score: r.match?.score ?? r.candidates[0]?.score ?? 0,
        candidates: r.candidates.map((c) => ({ name: c.name, score: c.score })),
      });
    } else {
      const best = r.candidates[0];
      rows.push({
        query: text,
        match: r.match?.name ?? '-',
        score: r.match ? r.match.score.toFixed(3) : '',
        best: best?.name ?? '',
        'best score': best ? best.score.toFixed(3) : '',
      });
      if (rows.length >= TABLE_BLOCK) await flushTable();
    }
  }
  await flushTable();
  return 0;
}
