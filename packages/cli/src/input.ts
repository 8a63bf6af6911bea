import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { UserError } from './errors.ts';

export interface InputLine {
  text: string;
  /** 1-based line number. */
  line: number;
  /** The file name as given, or `<stdin>`. */
  file: string;
}

/**
 * Opens the file named by `arg` (relative to `cwd`), or standard input when `arg` is missing
 * or `-`. A missing or unreadable file is a `UserError` naming the file.
 */
export async function openInput(
  arg: string | undefined,
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<{ stream: NodeJS.ReadableStream; file: string }> {
  if (arg === undefined || arg === '-') return { stream: stdin, file: '<stdin>' };
  const path = resolve(cwd, arg);
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new UserError('is a directory, expected a file', { file: arg });
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
      file: arg,
    });
  }
  return { stream: createReadStream(path, { encoding: 'utf8' }), file: arg };
}

/** Streams the lines of a file or standard input, one record per line, without loading it whole. */
export async function* readLines(
  arg: string | undefined,
  cwd: string,
  stdin: NodeJS.ReadableStream,
): AsyncGenerator<InputLine> {
  const { stream, file } = await openInput(arg, cwd, stdin);
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    yield { text, line, file };
  }
}

/** Reads a whole file or standard input as one string (for commands that need the whole text). */
export async function readAll(
  arg: string | undefined,
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<{ text: string; file: string }> {
  const { stream, file } = await openInput(arg, cwd, stdin);
  const parts: string[] = [];
  stream.setEncoding?.('utf8');
  for await (const chunk of stream) parts.push(String(chunk));
  return { text: parts.join(''), file };
}
