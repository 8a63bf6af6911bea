import { existsSync, readdirSync } from 'node:fs';
import type { Command } from './command.ts';

const commandsDir = new URL('./commands/', import.meta.url);

/**
 * Every subcommand, found by reading `src/commands/`: a package plugs in by adding one module
 * there that default-exports a `Command`. No central list to edit, so packages never collide.
 */
export async function loadCommands(): Promise<Map<string, Command>> {
  const files = (existsSync(commandsDir) ? readdirSync(commandsDir) : [])
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort();
  const commands = new Map<string, Command>();
  for (const f of files) {
    const mod = (await import(new URL(f, commandsDir).href)) as { default?: Command };
    const cmd = mod.default;
    if (!cmd || typeof cmd.run !== 'function')
      throw new Error(`commands/${f} does not default-export a Command`);
    if (commands.has(cmd.name)) throw new Error(`two commands are named ${cmd.name}`);
    commands.set(cmd.name, cmd);
  }
  return commands;
}
