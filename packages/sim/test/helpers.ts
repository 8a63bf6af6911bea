import { loadModelEvents } from '../src/model/event-files.ts';
import { defaultParams } from '../src/model/params.ts';
import type { SimConfig } from '../src/model/sim.ts';

/** A small world: 0.5% of the population, 16 regions. */
export function small(over: Partial<SimConfig> = {}, params: Record<string, number> = {}): SimConfig {
  return {
    params: defaultParams({ regions: 16, ...params }),
    events: loadModelEvents(),
    seed: 1,
    scale: 10,
    popScale: 0.005,
    workers: 1,
    ...over,
  };
}
