import type { CommandContext } from './command.ts';
import { UserError } from './errors.ts';

/** The value of a string option, or undefined. */
export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The value of a boolean option (false when absent). */
export function flag(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}

/** A string option that must be present. */
export function requiredOption(ctx: CommandContext, cmd: string, name: string): string {
  const v = stringOption(ctx, name);
  if (v === undefined || v === '')
    throw new UserError(`${cmd}: --${name} is required (see opis ${cmd} --help)`);
  return v;
}

/** A numeric option within bounds, with a message naming the option when it is not. */
export function numberOption(
  ctx: CommandContext,
  cmd: string,
  name: string,
  fallback: number,
  { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, integer = false } = {},
): number {
  const raw = stringOption(ctx, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const kind = integer ? 'an integer' : 'a number';
    throw new UserError(`${cmd}: --${name} must be ${kind} from ${min} to ${max}, got '${raw}'`);
  }
  return n;
}
