import type { Output } from './output.ts';
import type { ProgressFactory } from './progress.ts';

/** One option of a subcommand, as `util.parseArgs` reads it, plus what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** Shown in help, e.g. `<id>` for `--system <id>`. */
  value?: string;
  description: string;
}

export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  stdin: NodeJS.ReadableStream;
  out: Output;
  stderr: NodeJS.WritableStream;
  progress: ProgressFactory;
  /** The directory the command was run from; file arguments are relative to it. */
  cwd: string;
}

/**
 * A subcommand. Modules in `src/commands/` default-export one of these; the registry finds
 * them. Keep the module light: import the package that does the work inside `run`, so that
 * `opis --help` does not load every package.
 */
export interface Command {
  name: string;
  /** One line for `opis --help`. */
  summary: string;
  /** Usage lines, e.g. `opis translit --system <id> [--reverse] [file]`. */
  usage: string[];
  /** Longer description for `opis <cmd> --help`. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Runnable examples, each a full command line. */
  examples: string[];
  /** Returns the exit code (0 when omitted). Throw `UserError` for bad input. */
  run(ctx: CommandContext): Promise<number | undefined> | number | undefined;
}
