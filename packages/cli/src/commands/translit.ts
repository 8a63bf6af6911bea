import { flag, numberOption, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';
import { readLines } from '../input.ts';

const CASES = ['keep', 'title', 'upper', 'lower'] as const;
type Case = (typeof CASES)[number];

export default {
  name: 'translit',
  summary: 'romanize Russian in any system (book, LC, ISO 9, GOST, BGN/PCGN, German...), or back to Cyrillic',
  usage: [
    'opis translit [--system <id>] [--case keep|title|upper|lower] [--json] [file]',
    'opis translit --reverse [--system <id>] [--limit <n>] [--json] [file]',
    'opis translit --list [--json]',
    'opis translit match --candidates <file> [--threshold <t>] [--limit <n>] [--json] [file]',
  ],
  description:
    'Reads one line at a time from the file or standard input and writes one line per input line. ' +
    'Without --system, romanization uses modified-lc (the running-text system of The Road to Terror) ' +
    'and --reverse detects the system of each line. Text that is not Cyrillic (or, with --reverse, not ' +
    'a romanization) passes through unchanged.',
  options: {
    system: {
      type: 'string',
      value: '<id>',
      description: 'romanization system id (see --list); default modified-lc',
    },
    reverse: {
      type: 'boolean',
      description: 'Latin -> Cyrillic: the best candidate (with --json, ranked candidates)',
    },
    case: { type: 'string', value: '<mode>', description: 'keep (default), title, upper or lower' },
    list: { type: 'boolean', description: 'list the systems with their standards and reversibility' },
    json: {
      type: 'boolean',
      description: 'print JSON Lines: {"input","output"}, or {"input","system","candidates"} with --reverse',
    },
    limit: {
      type: 'string',
      value: '<n>',
      description: 'candidates per line with --reverse --json (default 5); for match: candidates per query',
    },
    candidates: {
      type: 'string',
      value: '<file>',
      description: 'match: the file of names to match against, one per line',
    },
    threshold: { type: 'string', value: '<t>', description: 'match: score needed to accept a match' },
  },
  examples: [
    'echo "Ежов, Зиновьев и Троцкий" | opis translit',
    'echo "Ежов" | opis translit --system ala-lc',
    'echo "ЕЖОВ Николай" | opis translit --system german --case title',
    'echo "Zinoviev" | opis translit --reverse --json',
    'opis translit --list',
    'echo Jeschow | opis translit match --candidates names.txt --json',
  ],
  async run(ctx) {
    if (ctx.positionals[0] === 'match') {
      const { runMatch } = await import('./_translit-match.ts');
      return runMatch(ctx);
    }
    const t = await import('@opis/translit');
    if (flag(ctx, 'list')) {
      const rows = t.systems.map((s) => ({
        id: s.id,
        reversible: s.reversible ? 'yes' : 'no',
        name: s.name,
        standard: s.standard,
      }));
      if (flag(ctx, 'json')) for (const s of t.systems) await ctx.out.json(s);
      else await ctx.out.table(rows);
      return 0;
    }
    const system = stringOption(ctx, 'system');
    if (system !== undefined && !t.hasSystem(system)) {
      throw new UserError(`translit: unknown system '${system}'; valid ids: ${t.systemIds().join(', ')}`);
    }
    const caseOpt = stringOption(ctx, 'case') ?? 'keep';
    if (!(CASES as readonly string[]).includes(caseOpt)) {
      throw new UserError(`translit: --case must be one of ${CASES.join(', ')}, got '${caseOpt}'`);
    }
    const json = flag(ctx, 'json');
    const file = ctx.positionals[0];
    if (flag(ctx, 'reverse')) {
      const limit = numberOption(ctx, 'translit', 'limit', 5, { min: 1, max: 100, integer: true });
      for await (const { text } of readLines(file, ctx.cwd, ctx.stdin)) {
        const r = t.cyrillize(text, system, { limit: json ? limit : 1 });
        if (json) await ctx.out.json({ input: text, system: r.system, candidates: r.candidates });
        else await ctx.out.line(r.candidates[0]?.text ?? text);
      }
      return 0;
    }
    const id = system ?? 'modified-lc';
    const options = { case: caseOpt as Case };
    for await (const { text } of readLines(file, ctx.cwd, ctx.stdin)) {
      const output = t.romanize(text, id, options);
      if (json) await ctx.out.json({ input: text, output });
      else await ctx.out.line(output);
    }
    return 0;
  },
} satisfies Command;
