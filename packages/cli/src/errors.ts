/** Where in the user's input something went wrong. Lines and columns are 1-based. */
export interface InputLocation {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * An error the user can fix. Its message is shown as one line; no stack trace.
 * Exit code 1 (bad input or usage).
 */
export class UserError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly location: InputLocation = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Formats `file:line:column: message`, leaving out the parts that are unknown. */
export function formatLocated(message: string, loc: InputLocation = {}): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(String(loc.line));
  if (loc.line !== undefined && loc.column !== undefined) parts.push(String(loc.column));
  return parts.length > 0 ? `${parts.join(':')}: ${message}` : message;
}
