/** Reading the event files from disk (Node only); the definitions are in `events.ts`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type ModelEvent, type QueueEvent, validateEvents } from './events.ts';

const DATA = new URL('../../data/', import.meta.url).pathname;

/** The model's event queue from `packages/sim/data/events.yaml` (throws on invalid data: it is ours). */
export function loadModelEvents(): QueueEvent[] {
  const file = join(DATA, 'events.yaml');
  const { events, issues } = validateEvents(parse(readFileSync(file, 'utf8')), file);
  if (issues.length > 0) throw new Error(issues.map((i) => `${i.file}: ${i.message}`).join('\n'));
  return events;
}

/**
 * The ids and dates of the knowledge base's events (`data/events/*.yaml`), if that folder
 * exists: used to report which model events are backed by a KB record.
 */
export function loadKbEvents(root = new URL('../../../../data/events/', import.meta.url).pathname) {
  const out = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(root).filter((f) => f.endsWith('.yaml'));
  } catch {
    return out;
  }
  for (const f of files) {
    const list = parse(readFileSync(join(root, f), 'utf8')) as unknown;
    if (!Array.isArray(list)) continue;
    for (const e of list as { id?: unknown; date?: unknown }[])
      if (typeof e.id === 'string') out.set(e.id, String(e.date ?? ''));
  }
  return out;
}

/** Model events whose `kb` reference is missing from the knowledge base (when it exists). */
export function unmatchedKbRefs(events: readonly ModelEvent[], kb: Map<string, string>): string[] {
  if (kb.size === 0) return [];
  return events.filter((e) => e.kb !== undefined && !kb.has(e.kb)).map((e) => e.id);
}
