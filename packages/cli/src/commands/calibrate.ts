import { flag, numberOption } from '../args.ts';
import type { Command } from '../command.ts';
import { stagedProgress } from '../progress.ts';

export default {
  name: 'calibrate',
  summary: 'calibrate the simulation to the fit years of Table 1 (ABC-SMC; resumable)',
  usage: [
    'opis calibrate [--particles 300] [--generations 8] [--scale 500] [--seed 1] [--jobs N] [--screen] [--fresh]',
  ],
  description:
    'Fits the calibrated parameters of the model registry to Table 1 for 1932-1937 only (1938-1939 are held ' +
    'out by the pre-registered split in packages/sim/data/split.yaml). Optionally screens them first (Latin ' +
    'hypercube, then Morris). Each finished ABC-SMC generation is saved, so an interrupted run resumes where it ' +
    'stopped; --fresh starts over. Writes packages/sim/data/posterior.json and prints the 90% intervals.',
  options: {
    particles: { type: 'string', value: '<n>', description: 'ABC particles per generation (default 300)' },
    generations: { type: 'string', value: '<n>', description: 'ABC-SMC generations (default 8)' },
    scale: {
      type: 'string',
      value: '<k>',
      description: 'people per agent in calibration runs (default 500)',
    },
    seed: { type: 'string', value: '<n>', description: 'seed of the sampler (default 1)' },
    jobs: {
      type: 'string',
      value: '<n>',
      description:
        'simulations at once, in worker threads (default: the cores, at most 4); the result does not depend on it',
    },
    screen: { type: 'boolean', description: 'run the Latin hypercube and Morris screening first' },
    fresh: { type: 'boolean', description: 'ignore a saved checkpoint and start over' },
    json: { type: 'boolean', description: 'print the parameter intervals as JSON Lines' },
  },
  examples: ['opis calibrate --particles 20 --generations 2 --scale 4000', 'opis calibrate --screen'],
  async run(ctx) {
    const { runCalibration, summarizePosterior } = await import('@opis/sim/calibrate');
    const particles = numberOption(ctx, 'calibrate', 'particles', 300, {
      min: 4,
      max: 10_000,
      integer: true,
    });
    const generations = numberOption(ctx, 'calibrate', 'generations', 8, { min: 1, max: 50, integer: true });
    const scale = numberOption(ctx, 'calibrate', 'scale', 500, { min: 1, max: 100_000, integer: true });
    const seed = numberOption(ctx, 'calibrate', 'seed', 1, { min: 0, max: 0xffffffff, integer: true });
    const { defaultJobs } = await import('@opis/sim');
    const jobs = numberOption(ctx, 'calibrate', 'jobs', defaultJobs(), { min: 1, max: 64, integer: true });
    const { posterior } = await runCalibration({
      particles,
      generations,
      scale,
      seed,
      jobs,
      screening: flag(ctx, 'screen'),
      fresh: flag(ctx, 'fresh'),
      onProgress: stagedProgress(ctx.progress),
    });
    const rows = summarizePosterior(posterior);
    if (flag(ctx, 'json')) {
      for (const r of rows) await ctx.out.json(r);
      return 0;
    }
    await ctx.out.line(
      `posterior: ${posterior.particles.length} particles, ${posterior.simulations} simulations, tolerances ${posterior.epsilons.map((e) => e.toFixed(3)).join(' > ')}`,
    );
    await ctx.out.table(
      rows.map((r) => ({
        parameter: r.name,
        '5%': r.lo.toPrecision(3),
        median: r.median.toPrecision(3),
        '95%': r.hi.toPrecision(3),
        prior: `${r.priorMin}..${r.priorMax}`,
      })),
    );
    return 0;
  },
} satisfies Command;
