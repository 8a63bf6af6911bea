import { numberOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';
import { stagedProgress } from '../progress.ts';

export default {
  name: 'validate',
  summary:
    'validate the calibrated simulation against held-out years and patterns; writes docs/VALIDATION.md',
  usage: [
    'opis validate [--seeds 20] [--scale 500] [--fast-scale 8000] [--sobol 128] [--replicates 20] [--jobs N]',
  ],
  description:
    'Runs the posterior-predictive ensemble, compares fitted (1932-1937) with held-out (1938-1939) errors, checks ' +
    'patterns beyond Table 1, lists what the data do not identify, fits the centre-region interplay and a top-down ' +
    'plan with the same ABC-SMC budget (100 particles, 6 generations, 1:2000) and compares them, estimates Sobol ' +
    'indices on the posterior and a parameter-recovery calibration, and writes docs/VALIDATION.md.',
  options: {
    seeds: { type: 'string', value: '<n>', description: 'seeds of the predictive ensemble (default 20)' },
    scale: {
      type: 'string',
      value: '<k>',
      description: 'people per agent in the ensemble (default 500, the scale of the calibration)',
    },
    'fast-scale': {
      type: 'string',
      value: '<k>',
      description: 'people per agent for Sobol and recovery runs (default 8000)',
    },
    sobol: { type: 'string', value: '<n>', description: 'Saltelli base sample size N (default 128)' },
    replicates: {
      type: 'string',
      value: '<n>',
      description: 'replicate truths of the parameter-recovery check (default 20)',
    },
    jobs: {
      type: 'string',
      value: '<n>',
      description:
        'simulations at once, in worker threads (default: the cores, at most 4); the result does not depend on it',
    },
  },
  examples: ['opis validate', 'opis validate --seeds 10 --sobol 4 --replicates 2'],
  async run(ctx) {
    const { runValidation, VALIDATION_FILE } = await import('@opis/sim/calibrate');
    const { loadPosterior, REGISTRY } = await import('@opis/sim');
    const post = loadPosterior();
    if (!post) throw new UserError('validate: no posterior yet (run opis calibrate first)');
    const calibrated = REGISTRY.filter((p) => p.status === 'calibrated').map((p) => p.name);
    if (post.names.join() !== calibrated.join())
      throw new UserError(
        'validate: the posterior was made for other calibrated parameters (run opis calibrate again)',
      );
    const seeds = numberOption(ctx, 'validate', 'seeds', 20, { min: 2, max: 1000, integer: true });
    const scale = numberOption(ctx, 'validate', 'scale', 500, { min: 1, max: 100_000, integer: true });
    const fastScale = numberOption(ctx, 'validate', 'fast-scale', 8000, {
      min: 1,
      max: 100_000,
      integer: true,
    });
    const sobolN = numberOption(ctx, 'validate', 'sobol', 128, { min: 2, max: 10_000, integer: true });
    const replicates = numberOption(ctx, 'validate', 'replicates', 20, { min: 1, max: 1000, integer: true });
    const { defaultJobs } = await import('@opis/sim');
    const jobs = numberOption(ctx, 'validate', 'jobs', defaultJobs(), { min: 1, max: 64, integer: true });
    await runValidation({
      seeds,
      scale,
      fastScale,
      sobolN,
      jobs,
      recovery: { particles: 60, generations: 4, replicates },
      alternative: { particles: 100, generations: 6, scale: 2000 },
      onProgress: stagedProgress(ctx.progress),
    });
    await ctx.out.line(`wrote ${VALIDATION_FILE}`);
    return 0;
  },
} satisfies Command;
