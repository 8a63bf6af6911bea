import { flag, numberOption, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';

export default {
  name: 'simulate',
  summary: 'run the agent-based model of the terror for a scenario over seeds, against Table 1',
  usage: [
    'opis simulate --scenario <name|file> [--seeds 1..20] [--workers N] [--scale K] [--json]',
    'opis simulate --list',
  ],
  description:
    'Runs the model (weekly, January 1932 to December 1939) once per seed, each seed with its own draw ' +
    'from the calibrated posterior, and prints for each year and series (arrested, convicted, shot, camps, ' +
    'exiled, other) the median and the 5th-95th percentile range over seeds, beside the value in Table 1. ' +
    'Counts are persons at full scale whatever --scale is. Output is identical for any number of workers.',
  options: {
    scenario: {
      type: 'string',
      value: '<name|file>',
      description: 'scenario name (see --list) or a scenario YAML file',
    },
    seeds: { type: 'string', value: '<a..b>', description: 'seeds, e.g. 1..20 or 1,5,9 (default 1..20)' },
    workers: { type: 'string', value: '<n>', description: 'worker threads per run (default 1)' },
    scale: {
      type: 'string',
      value: '<k>',
      description: 'people per agent (default 500, the scale of the calibration; 30 is finer and slower)',
    },
    list: { type: 'boolean', description: 'list the scenarios with one line each' },
    json: { type: 'boolean', description: 'print JSON Lines, one per year and series' },
  },
  examples: [
    'opis simulate --list',
    'opis simulate --scenario baseline --seeds 1..5',
    'opis simulate --scenario no-halt-1938 --seeds 1..20 --json',
  ],
  async run(ctx) {
    const sim = await import('@opis/sim');
    if (flag(ctx, 'list')) {
      const list = sim.listScenarios();
      if (flag(ctx, 'json')) for (const s of list) await ctx.out.json({ name: s.name, summary: s.summary });
      else for (const s of list) await ctx.out.line(`${s.name.padEnd(20)} ${s.summary}`);
      return 0;
    }
    const name = stringOption(ctx, 'scenario');
    if (name === undefined || name === '')
      throw new UserError('simulate: --scenario is required (see opis simulate --list)');
    const scenario = sim.resolveScenario(name, ctx.cwd);
    if (sim.isScenarioError(scenario))
      throw new UserError(scenario.message, { file: scenario.file, line: scenario.line });
    const seeds = sim.parseSeeds(stringOption(ctx, 'seeds') ?? '1..20');
    if (typeof seeds === 'string') throw new UserError(`simulate: --seeds: ${seeds}`);
    const workers = numberOption(ctx, 'simulate', 'workers', 1, { min: 1, max: 64, integer: true });
    const scale = numberOption(ctx, 'simulate', 'scale', 500, { min: 1, max: 100_000, integer: true });
    const posterior = sim.loadPosterior();
    const bar = ctx.progress(`simulate ${scenario.name}`, seeds.length);
    const results = await sim.runEnsemble({
      scenario,
      seeds,
      scale,
      workers,
      posterior,
      onProgress: (d) => bar.update(d),
    });
    bar.finish();
    const lines = sim.summarize(scenario.name, results);
    if (flag(ctx, 'json')) {
      for (const l of lines) await ctx.out.json(l);
      return 0;
    }
    await ctx.out.line(
      `scenario ${scenario.name}; seeds ${seeds[0]}..${seeds[seeds.length - 1]} (${seeds.length}); scale 1:${scale}; ` +
        `parameters ${posterior ? `posterior (${posterior.particles.length} particles)` : 'registry defaults (no posterior)'}; ` +
        `commit ${sim.currentCommit()}; hashes ${[...new Set(results.map((r) => r.paramsHash))].length}`,
    );
    await ctx.out.table(
      lines.map((l) => ({
        year: l.year,
        series: l.series,
        median: l.median,
        '5%': l.lo,
        '95%': l.hi,
        observed: l.observed ?? '',
        split: l.heldOut ? 'held out' : 'fit',
      })),
    );
    return 0;
  },
} satisfies Command;
