/**
 * The registry of romanization systems: the JSON files in `data/systems/`, checked when they are
 * loaded and compiled on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type CompiledSystem, compile } from './engine.ts';
import { checkSystemFile, type SystemFile } from './schema.ts';

/** What a caller may know about a system: the descriptive fields of its file, not its tables. */
export type SystemInfo = Pick<
  SystemFile,
  'id' | 'name' | 'standard' | 'description' | 'url' | 'reversible' | 'origin'
>;

/** Thrown for a programming error such as an unknown system id (never for text). */
export class TranslitError extends Error {
  override name = 'TranslitError';
}

const DIR = new URL('../data/systems/', import.meta.url);

const files = new Map<string, SystemFile>();
const compiled = new Map<string, CompiledSystem>();

function loadAll(): void {
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of names) {
    const data: unknown = JSON.parse(readFileSync(new URL(f, DIR), 'utf8'));
    const errors = checkSystemFile(data);
    if (errors.length > 0) {
      const e = errors[0] as { path: string; message: string };
      throw new TranslitError(`data/systems/${f}: ${e.path}: ${e.message}`);
    }
    const sys = data as SystemFile;
    if (`${sys.id}.json` !== f)
      throw new TranslitError(`data/systems/${f}: id '${sys.id}' does not match the file name`);
    files.set(sys.id, sys);
  }
}
loadAll();

function info(s: SystemFile): SystemInfo {
  const i: SystemInfo = {
    id: s.id,
    name: s.name,
    standard: s.standard,
    description: s.description,
    reversible: s.reversible,
    origin: s.origin,
  };
  if (s.url !== undefined) i.url = s.url;
  return i;
}

/** Every system, sorted by id. */
export const systems: readonly SystemInfo[] = Object.freeze(
  [...files.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(info),
);

export function systemIds(): string[] {
  return systems.map((s) => s.id);
}

export function hasSystem(id: string): boolean {
  return files.has(id);
}

/** The system's full data file (mapping tables and samples). */
export function systemFile(id: string): SystemFile {
  const f = files.get(id);
  if (f === undefined) {
    throw new TranslitError(`unknown romanization system '${id}'; valid ids: ${systemIds().join(', ')}`);
  }
  return f;
}

export function compiledSystem(id: string): CompiledSystem {
  let c = compiled.get(id);
  if (c === undefined) {
    c = compile(systemFile(id));
    compiled.set(id, c);
  }
  return c;
}
