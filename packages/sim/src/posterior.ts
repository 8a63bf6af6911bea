/** The calibrated posterior (`packages/sim/data/posterior.json`): weighted particles over the calibrated parameters. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { Keyed, Purpose } from './engine/philox.ts';

export const POSTERIOR_FILE = new URL('../data/posterior.json', import.meta.url).pathname;

export const posteriorSchema = z.object({
  version: z.literal(1),
  created: z.string(),
  commit: z.string(),
  splitHash: z.string(),
  scale: z.number(),
  names: z.array(z.string()),
  particles: z.array(z.object({ theta: z.array(z.number()), weight: z.number() })),
  epsilons: z.array(z.number()),
  simulations: z.number(),
});
export type Posterior = z.infer<typeof posteriorSchema>;

export function loadPosterior(file = POSTERIOR_FILE): Posterior | null {
  if (!existsSync(file)) return null;
  return posteriorSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The parameter values of the particle drawn (by weight) for a replicate, keyed by seed. */
export function drawParticle(post: Posterior, seed: number): Record<string, number> {
  const u = new Keyed(seed, 0x9057).uniform(0, 0, Purpose.request);
  const total = post.particles.reduce((a, p) => a + p.weight, 0);
  let acc = 0;
  let chosen = post.particles[post.particles.length - 1]!;
  for (const p of post.particles) {
    acc += p.weight / total;
    if (u < acc) {
      chosen = p;
      break;
    }
  }
  return Object.fromEntries(post.names.map((n, i) => [n, chosen.theta[i]!]));
}
