import { flag, requiredOption, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';

export default {
  name: 'export',
  summary: 'export the knowledge base as JSON-LD (schema.org), CSV tables or a GraphML network',
  usage: ['opis export --format jsonld|csv|graphml --out <dir> [--db <file>] [--data <dir>] [--json]'],
  description:
    'jsonld: one opis.jsonld graph (Person, Organization, Role, Event, Dataset). csv: one file per entity (people, fates, institutions, relations, tenures, events, campaigns, discrepancies) and one per statistics table. graphml: network.graphml, people and institutions as nodes, tenures and institutional relations as edges. The database is built from data/ first if needed.',
  options: {
    format: { type: 'string', value: '<format>', description: 'jsonld, csv or graphml' },
    out: { type: 'string', value: '<dir>', description: 'output directory (created if missing)' },
    db: { type: 'string', value: '<file>', description: 'database file (default .opis/opis.sqlite)' },
    data: { type: 'string', value: '<dir>', description: 'dataset directory (default data/)' },
    json: { type: 'boolean', description: 'print the files written as JSON Lines' },
  },
  examples: [
    'opis export --format csv --out /tmp/opis-csv',
    'opis export --format graphml --out /tmp/opis-net',
  ],
  async run(ctx) {
    const format = requiredOption(ctx, 'export', 'format');
    const kbm = await import('@opis/kb');
    if (!(kbm.EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UserError(
        `export: --format must be one of ${kbm.EXPORT_FORMATS.join(', ')}, got '${format}'`,
      );
    const { resolve } = await import('node:path');
    const out = resolve(ctx.cwd, requiredOption(ctx, 'export', 'out'));
    const data = stringOption(ctx, 'data') ?? kbm.defaultDataDir();
    const db = stringOption(ctx, 'db') ?? kbm.defaultDbPath();
    let bar: ReturnType<typeof ctx.progress> | undefined;
    try {
      const r = kbm.ensureDatabase(data, db, {
        onProgress: (d, t) => {
          bar ??= ctx.progress('building the knowledge base', t);
          bar.update(d);
        },
      });
      if (r.built) bar?.finish();
    } catch (e) {
      if (e instanceof kbm.DatasetError) {
        const p = e.problems[0];
        throw new UserError(
          p?.message ?? e.message,
          p ? { file: p.file, line: p.line, column: p.column } : {},
        );
      }
      throw e;
    }
    const r = kbm.exportDataset(db, out, format as 'jsonld' | 'csv' | 'graphml');
    for (const f of r.files) {
      if (flag(ctx, 'json')) await ctx.out.json(f);
      else await ctx.out.line(`${f.path}  ${f.records} records, ${f.bytes} bytes`);
    }
    return 0;
  },
} satisfies Command;
