/**
 * Scenarios: data files (validated with zod) that change parameters or the event queue.
 * `packages/sim/data/scenarios/<name>.yaml`, or any file given by path.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadModelEvents } from './model/event-files.ts';
import { modelEvent, type QueueEvent, validateEvents } from './model/events.ts';
import { paramSpec } from './model/params.ts';

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    summary: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.number()).default({}),
    remove_events: z.array(z.string()).default([]),
    add_events: z.array(modelEvent).default([]),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

export const SCENARIO_DIR = new URL('../data/scenarios/', import.meta.url).pathname;

export interface ScenarioError {
  file: string;
  line?: number;
  message: string;
}

/** Parses and checks a scenario text; never throws on bad text. */
export function parseScenario(text: string, file: string): Scenario | ScenarioError {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    const err = e as { message: string; linePos?: { line: number }[] };
    return { file, line: err.linePos?.[0]?.line, message: `invalid YAML: ${err.message.split('\n')[0]}` };
  }
  const res = scenarioSchema.safeParse(raw);
  if (!res.success) {
    const iss = res.error.issues[0]!;
    return { file, message: `${iss.path.join('.') || '(top)'}: ${iss.message}` };
  }
  for (const [k, v] of Object.entries(res.data.parameters)) {
    const spec = paramSpec(k);
    if (!spec) return { file, message: `parameters.${k}: no such parameter in the registry` };
    if (v < spec.min || v > spec.max)
      return {
        file,
        message: `parameters.${k}: ${v} is outside the registry range ${spec.min}..${spec.max}`,
      };
  }
  const base = new Set(loadModelEvents().map((e) => e.id));
  for (const id of res.data.remove_events)
    if (!base.has(id)) return { file, message: `remove_events: no event '${id}' in the event queue` };
  const added = validateEvents(res.data.add_events, file);
  if (added.issues.length > 0) return { file, message: `add_events: ${added.issues[0]!.message}` };
  return res.data;
}

export const isScenarioError = (x: Scenario | ScenarioError): x is ScenarioError => 'message' in x;

/** Scenario names shipped with the package. */
export function listScenarios(): Scenario[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const s = parseScenario(readFileSync(join(SCENARIO_DIR, f), 'utf8'), f);
      if (isScenarioError(s)) throw new Error(`${f}: ${s.message}`);
      return s;
    });
}

/** Resolves a name (shipped scenario) or a path (relative to cwd) to a scenario or an error. */
export function resolveScenario(nameOrFile: string, cwd = process.cwd()): Scenario | ScenarioError {
  const shipped = join(SCENARIO_DIR, `${nameOrFile}.yaml`);
  const file = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(shipped) ? shipped : resolve(cwd, nameOrFile);
  if (!existsSync(file))
    return { file: nameOrFile, message: `no scenario '${nameOrFile}' (see opis simulate --list)` };
  return parseScenario(
    readFileSync(file, 'utf8'),
    /^[a-z0-9-]+$/.test(nameOrFile) ? basename(file) : nameOrFile,
  );
}

/** The event queue of a scenario: the model's events minus removed ones plus added ones. */
export function scenarioEvents(s: Scenario): QueueEvent[] {
  const removed = new Set(s.remove_events);
  const kept = loadModelEvents().filter((e) => !removed.has(e.id));
  const added = validateEvents(s.add_events, s.name).events;
  return [...kept, ...added].sort((a, b) => a.week - b.week);
}
