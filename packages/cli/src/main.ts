import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { formatLocated, UserError } from './errors.ts';
import { commandHelp, mainHelp } from './help.ts';
import { Output } from './output.ts';
import { progressFactory } from './progress.ts';
import { loadCommands } from './registry.ts';

export interface MainIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

const defaultIO = (): MainIO => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Runs `opis` with the given arguments and returns the exit code. Never throws. */
export async function main(argv: string[], io: MainIO = defaultIO()): Promise<number> {
  const debug = argv.includes('--debug');
  const say = (s: string) => io.stderr.write(`${s}\n`);
  try {
    const commands = await loadCommands();
    const first = argv[0];
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const target = first === 'help' ? argv[1] : undefined;
      const cmd = target ? commands.get(target) : undefined;
      if (target && !cmd) throw new UserError(`unknown command '${target}' (see opis --help)`);
      const text = `${cmd ? commandHelp(cmd) : mainHelp(commands, version())}\n`;
      // Bare `opis` is a usage error: help goes to stderr and the exit code is 1.
      if (first === undefined) io.stderr.write(text);
      else io.stdout.write(text);
      return first === undefined ? 1 : 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (first === '--debug') return await main(argv.slice(1).concat('--debug'), io);
    const cmd = commands.get(first);
    if (!cmd) {
      const hint = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
      throw new UserError(`${hint} (see opis --help)`);
    }
    return await runCommand(cmd, argv.slice(1), io);
  } catch (err) {
    if (err instanceof UserError) {
      say(`opis: ${formatLocated(err.message, err.location)}`);
      return err.exitCode;
    }
    const e = err as Error;
    say(
      `opis: internal error: ${e?.message ?? String(err)}${debug ? '' : ' (run with --debug for details)'}`,
    );
    if (debug && e?.stack) say(e.stack);
    return 2;
  }
}

async function runCommand(cmd: Command, args: string[], io: MainIO): Promise<number> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    debug: { type: 'boolean' },
  };
  for (const [name, o] of Object.entries(cmd.options)) {
    options[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: o.default as string & boolean } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UserError(
      `${cmd.name}: ${(err as Error).message.split('\n')[0]} (see opis ${cmd.name} --help)`,
    );
  }
  if (parsed.values.help) {
    io.stdout.write(`${commandHelp(cmd)}\n`);
    return 0;
  }
  const out = new Output(io.stdout);
  try {
    const code = await cmd.run({
      values: parsed.values,
      positionals: parsed.positionals,
      stdin: io.stdin,
      out,
      stderr: io.stderr,
      progress: progressFactory({ stream: io.stderr }),
      cwd: io.cwd,
    });
    return code ?? 0;
  } finally {
    await out.flush();
  }
}
