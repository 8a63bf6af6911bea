import { flag, numberOption, requiredOption, stringOption } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { UserError } from '../errors.ts';

type KbModule = typeof import('@opis/kb');

const WHATS = [
  'state',
  'person',
  'institution',
  'events',
  'stats',
  'cohort',
  'campaigns',
  'sources',
  'search',
  'check',
];

/** Opens the knowledge base, building it first when data/ changed (progress on stderr). */
async function open(ctx: CommandContext, kbm: KbModule) {
  const data = stringOption(ctx, 'data') ?? kbm.defaultDataDir();
  const db = stringOption(ctx, 'db') ?? kbm.defaultDbPath();
  let bar: ReturnType<CommandContext['progress']> | undefined;
  try {
    const r = kbm.ensureDatabase(data, db, {
      onProgress: (done, total) => {
        bar ??= ctx.progress('building the knowledge base', total);
        bar.update(done);
      },
    });
    if (r.built) bar?.finish(`built ${db}`);
  } catch (e) {
    if (e instanceof kbm.DatasetError) {
      const p = e.problems[0];
      throw new UserError(
        `${p?.message ?? 'data/ does not compile'}${e.problems.length > 1 ? ` (and ${e.problems.length - 1} more: opis query check)` : ''}`,
        p ? { file: p.file, line: p.line, column: p.column } : {},
      );
    }
    throw e;
  }
  return kbm.openKb(db);
}

function need(ctx: CommandContext, what: string): string {
  const v = ctx.positionals.slice(1).join(' ').trim();
  if (!v) throw new UserError(`query ${what}: missing argument (see opis query --help)`);
  return v;
}

const span = (from: string | null, to: string | null) => `${from ?? '?'} – ${to ?? '?'}`;

export default {
  name: 'query',
  summary: 'ask the knowledge base: state on a date, a person, an institution, events, statistics, cohorts',
  usage: [
    'opis query state <date> [--kind <kind>] [--institution <id>] [--json]',
    'opis query person <name> [--json]',
    'opis query institution <name> [--json]',
    'opis query events [--from <date>] [--to <date>] [--kind <kind>] [--person <id>] [--institution <id>] [--json]',
    'opis query stats [<series>] [--json]',
    'opis query cohort --institution <id> [--office <office>] --as-of <date> --by <date> [--json]',
    'opis query campaigns [<id>] | sources [<key>] | search <text> | check',
  ],
  description:
    'Dates are EDTF (1937-03-01, 1937-03, 1937). Each fact on a date holds, may hold (an uncertain or unknown bound, with the reason) or does not hold. The database is built from data/ on first use and rebuilt when data/ changes. `check` compiles data/ and lists every problem.',
  options: {
    json: { type: 'boolean', description: 'print JSON Lines' },
    db: { type: 'string', value: '<file>', description: 'database file (default .opis/opis.sqlite)' },
    data: { type: 'string', value: '<dir>', description: 'dataset directory (default data/)' },
    from: { type: 'string', value: '<date>', description: 'events: from this date' },
    to: { type: 'string', value: '<date>', description: 'events: to this date' },
    kind: { type: 'string', value: '<kind>', description: 'events: event kind; state: institution kind' },
    person: { type: 'string', value: '<id>', description: 'events: with this participant' },
    institution: { type: 'string', value: '<id>', description: 'events, state, cohort: this institution' },
    office: { type: 'string', value: '<text>', description: 'cohort: the office (e.g. "full member")' },
    'as-of': { type: 'string', value: '<date>', description: 'cohort: members on this date' },
    by: { type: 'string', value: '<date>', description: 'cohort: fates up to this date' },
    limit: {
      type: 'string',
      value: '<n>',
      description: 'at most this many results (default 50 for search, 1000 for events)',
    },
  },
  examples: [
    'opis query state 1937-03-01 --institution nkvd',
    'opis query person Ezhov',
    'opis query events --from 1937-02 --to 1937-03 --kind plenum',
    'opis query cohort --institution cc-17 --office "full member" --as-of 1934-02-10 --by 1939-12-31',
    'opis query stats table-1 --json',
  ],
  async run(ctx) {
    const what = ctx.positionals[0];
    if (!what || !WHATS.includes(what))
      throw new UserError(
        `query: expected one of ${WHATS.join(', ')}${what ? `, got '${what}'` : ''} (see opis query --help)`,
      );
    const kbm = await import('@opis/kb');
    const json = flag(ctx, 'json');
    if (what === 'check') {
      const r = kbm.compileDataset(stringOption(ctx, 'data') ?? kbm.defaultDataDir());
      for (const w of r.warnings) ctx.stderr.write(`warning: ${kbm.formatProblem(w)}\n`);
      if (!r.ok) {
        for (const p of r.problems) await ctx.out.line(kbm.formatProblem(p));
        await ctx.out.flush();
        throw new UserError(`check: ${r.problems.length} problems in data/`);
      }
      const counts = Object.fromEntries(Object.entries(r.dataset).map(([k, v]) => [k, v.length]));
      if (json) await ctx.out.json({ ok: true, counts, discrepancies: r.discrepancies });
      else {
        await ctx.out.line(
          `data/ compiles: ${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
        );
        for (const d of r.discrepancies)
          await ctx.out.line(`discrepancy ${d.series} [${d.where}]: ${d.note}`);
      }
      return 0;
    }
    const kb = await open(ctx, kbm);
    try {
      return await answer(ctx, kbm, kb, what, json);
    } catch (e) {
      if (e instanceof kbm.KbQueryError) throw new UserError(`query ${what}: ${e.message}`);
      throw e;
    } finally {
      kb.close();
    }
  },
} satisfies Command;

async function answer(
  ctx: CommandContext,
  kbm: KbModule,
  kb: import('@opis/kb').Kb,
  what: string,
  json: boolean,
): Promise<number> {
  const out = ctx.out;
  switch (what) {
    case 'state': {
      const date = need(ctx, 'state');
      const inst = stringOption(ctx, 'institution');
      const kind = stringOption(ctx, 'kind');
      if (kind && !(kbm.INSTITUTION_KINDS as readonly string[]).includes(kind))
        throw new UserError(
          `query state: --kind must be one of ${kbm.INSTITUTION_KINDS.join(', ')}, got '${kind}'`,
        );
      const s = kb.stateOn(date, {
        ...(inst ? { institutions: inst.split(',').map((x) => kb.findInstitution(x)?.id ?? x) } : {}),
        ...(kind ? { kind } : {}),
      });
      if (json) {
        for (const i of s.institutions) await out.json({ date: s.date, ...i });
        return 0;
      }
      await out.line(
        `${s.date}: ${s.counts.institutions} institutions, ${s.counts.holders} holders (${s.counts.mayHold} may hold)`,
      );
      for (const i of s.institutions) {
        const rel = i.relations
          .map((r) => `${r.type} ${r.target}${r.status === 'may-hold' ? '?' : ''}`)
          .join(', ');
        await out.line('');
        await out.line(
          `${i.abbr[0] ?? i.id}: ${i.name} [${i.kind}${i.region ? `, ${i.region}` : ''}]${i.status === 'may-hold' ? ` may exist (${i.why})` : ''}${rel ? `; ${rel}` : ''}`,
        );
        if (i.holders.length === 0) {
          await out.line('  (no holders recorded)');
          continue;
        }
        for (const h of i.holders) {
          const personal =
            h.personal.status === 'free'
              ? ''
              : ` [${h.personal.certain ? '' : 'maybe '}${h.personal.status}: ${h.personal.why}]`;
          await out.line(
            `  ${h.office.padEnd(28)} ${h.person.name.padEnd(16)} ${span(h.from, h.to).padEnd(26)} ${h.status === 'holds' ? 'holds' : `may hold: ${h.why}`}${personal}`,
          );
        }
      }
      return 0;
    }
    case 'person': {
      const name = need(ctx, 'person');
      const p = kb.findPerson(name);
      if (!p) throw new UserError(`query person: no one matches '${name}'`);
      if (json) {
        await out.json(p);
        return 0;
      }
      const rec = p.record;
      await out.line(`${p.fullName} (${p.ru})  id ${p.id}${p.origin ? `  ${p.origin}` : ''}`);
      await out.line(
        `  born ${rec.born?.map((b) => b.date).join(' / ') ?? '?'}, died ${rec.died?.map((b) => b.date).join(' / ') ?? '?'}`,
      );
      const other = [...new Set(p.names.filter((n) => n.part === 'surname').map((n) => n.form))].join(', ');
      await out.line(`  names: ${other}`);
      if (rec.variants?.length)
        await out.line(
          `  variants: ${rec.variants.map((v) => `${v.name}${v.kind ? ` (${v.kind})` : ''}`).join(', ')}`,
        );
      if (rec.roles?.length) await out.line(`  roles: ${rec.roles.join('; ')}`);
      await out.line(
        `  fate: ${p.fate.map((f) => `${f.kind}${f.date ? ` ${f.date}` : ''}`).join(', ') || 'not recorded'}`,
      );
      await out.line('  offices:');
      for (const t of p.tenures)
        await out.line(
          `    ${span(t.from, t.to).padEnd(26)} ${t.office}, ${t.institution.abbr[0] ?? t.institution.name}  [${t.sources.join('; ')}]`,
        );
      if (p.events.length > 0) await out.line('  events:');
      for (const e of p.events) await out.line(`    ${e.date.padEnd(24)} ${e.kind.padEnd(12)} ${e.title}`);
      await out.line(`  sources: ${p.sources.join('; ')}`);
      return 0;
    }
    case 'institution': {
      const name = need(ctx, 'institution');
      const s = kb.findInstitution(name);
      const i = s && kb.institution(s.id);
      if (!i) throw new UserError(`query institution: nothing matches '${name}'`);
      if (json) {
        await out.json(i);
        return 0;
      }
      await out.line(
        `${i.name} (${[...i.abbr, i.record.names.ru].filter(Boolean).join(', ')})  id ${i.id}  [${i.kind}]  ${span(i.from, i.to)}`,
      );
      for (const r of i.relations) await out.line(`  ${r.type} ${r.target} ${span(r.from, r.to)}`);
      for (const r of i.incoming) await out.line(`  ${r.source} ${r.type} this ${span(r.from, r.to)}`);
      await out.line('  holders:');
      for (const t of i.tenures)
        await out.line(`    ${span(t.from, t.to).padEnd(26)} ${t.office.padEnd(28)} ${t.person.name}`);
      if (i.events.length > 0) await out.line('  events:');
      for (const e of i.events) await out.line(`    ${e.date.padEnd(24)} ${e.kind.padEnd(12)} ${e.title}`);
      return 0;
    }
    case 'events': {
      const from = stringOption(ctx, 'from');
      const to = stringOption(ctx, 'to');
      const kind = stringOption(ctx, 'kind');
      if (kind && !(kbm.EVENT_KINDS as readonly string[]).includes(kind))
        throw new UserError(
          `query events: --kind must be one of ${kbm.EVENT_KINDS.join(', ')}, got '${kind}'`,
        );
      const person = stringOption(ctx, 'person');
      const institution = stringOption(ctx, 'institution');
      const text = ctx.positionals.slice(1).join(' ').trim();
      const evs = kb.events({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(kind ? { kind } : {}),
        ...(person ? { person: kb.findPerson(person)?.id ?? person } : {}),
        ...(institution ? { institution: kb.findInstitution(institution)?.id ?? institution } : {}),
        ...(text ? { text } : {}),
        limit: numberOption(ctx, 'query', 'limit', 1000, { min: 1, integer: true }),
      });
      if (json) for (const e of evs) await out.json(e);
      else
        await out.table(
          evs.map((e) => ({ date: e.date, kind: e.kind, title: e.title, source: e.sources[0] ?? '' })),
        );
      return 0;
    }
    case 'stats': {
      const id = ctx.positionals[1];
      if (!id) {
        const list = kb.statistics();
        if (json) for (const s of list) await out.json(s);
        else await out.table(list);
        return 0;
      }
      const s = kb.series(id);
      if (!s) throw new UserError(`query stats: no series '${id}' (see opis query stats)`);
      if (json) {
        await out.json(s);
        return 0;
      }
      await out.line(`${s.title} (${s.unit})  ${s.source ?? ''}`);
      await out.table(
        s.rows,
        s.columns.map((c) => c.id),
      );
      for (const d of s.discrepancies) await out.line(`discrepancy [${d.where}]: ${d.note}`);
      return 0;
    }
    case 'cohort': {
      const inst = requiredOption(ctx, 'query cohort', 'institution');
      const office = stringOption(ctx, 'office');
      const c = kb.cohort({
        institution: kb.findInstitution(inst)?.id ?? inst,
        ...(office ? { office } : {}),
        asOf: requiredOption(ctx, 'query cohort', 'as-of'),
        by: requiredOption(ctx, 'query cohort', 'by'),
      });
      if (json) {
        await out.json(c);
        return 0;
      }
      const q = c.query;
      await out.line(`${q.office ?? 'members'} of ${q.institution} on ${q.asOf}: ${c.members}; by ${q.by}:`);
      for (const k of ['arrested', 'shot', 'died'] as const)
        await out.line(
          `  ${k.padEnd(9)} ${c.counts[k].yes}${c.counts[k].maybe ? ` (+${c.counts[k].maybe} maybe)` : ''}`,
        );
      await out.line(`  neither arrested nor dead: ${c.counts.unharmed}`);
      await out.table(
        c.list.map((m) => ({
          person: m.person.name,
          arrested: m.arrested,
          shot: m.shot,
          died: m.died,
          membership: m.membership,
          fate: m.fate.map((f) => `${f.kind} ${f.date ?? '?'}`).join('; '),
        })),
      );
      return 0;
    }
    case 'campaigns': {
      const id = ctx.positionals[1];
      if (!id) {
        const list = kb.campaigns();
        if (json) for (const c of list) await out.json(c);
        else await out.table(list);
        return 0;
      }
      const c = kb.campaign(id);
      if (!c) throw new UserError(`query campaigns: no campaign '${id}'`);
      await out.json(c);
      return 0;
    }
    case 'sources': {
      const key = ctx.positionals[1];
      if (!key) {
        const tree = kb.sourcesTree();
        if (json) for (const t of tree) await out.json(t);
        else {
          const walk = async (n: import('@opis/kb').SourceTreeNode, depth: number): Promise<void> => {
            await out.line(`${'  '.repeat(depth)}${n.label}  (${n.count})  ${n.key}`);
            for (const c of n.children) await walk(c, depth + 1);
          };
          for (const t of tree) await walk(t, 0);
        }
        return 0;
      }
      const facts = kb.sourceFacts(key);
      if (json) for (const f of facts) await out.json(f);
      else await out.table(facts);
      return 0;
    }
    case 'search': {
      const r = kb.search(
        need(ctx, 'search'),
        numberOption(ctx, 'query', 'limit', 50, { min: 1, integer: true }),
      );
      if (json) await out.json(r);
      else {
        await out.table(
          r.people.map((p) => ({ id: p.id, name: p.name, ru: p.ru, score: p.score, matched: p.matched })),
        );
        for (const i of r.institutions) await out.line(`institution: ${i.id} ${i.name}`);
        for (const e of r.events) await out.line(`event: ${e.date} ${e.title}`);
      }
      return 0;
    }
  }
  return 1;
}
