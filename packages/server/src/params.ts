/**
 * Zod schemas for path and query parameters. Each one validates the raw string, turns it into
 * the value a handler uses, and says in words what was expected. Query strings carry strings,
 * so integers are parsed here rather than coerced (zod's coercion would take '' for 0); the
 * OpenAPI document shows them as integers through `paramDocs`.
 */
import { z } from 'zod';

/** JSON Schema shown in the OpenAPI document for a parameter, where zod's own would mislead. */
export const paramDocs = new WeakMap<z.ZodType, Record<string, unknown>>();

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0));

/** Why `s` is not a calendar date YYYY-MM-DD, or undefined when it is one. */
export function calendarDateProblem(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return `expected a date written YYYY-MM-DD (e.g. 1937-03-01), got ${quote(s)}`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `${s} has no month ${m[2]} (months are 01 to 12)`;
  const last = daysInMonth(y, mo);
  if (d < 1 || d > last) return `${s} is not a calendar date (${MONTHS[mo - 1]} ${y} has ${last} days)`;
  return undefined;
}

/** A partial date: YYYY, YYYY-MM or YYYY-MM-DD. */
export function partialDateProblem(s: string): string | undefined {
  if (/^\d{4}$/.test(s)) return undefined;
  const ym = /^(\d{4})-(\d{2})$/.exec(s);
  if (ym) {
    const mo = Number(ym[2]);
    return mo >= 1 && mo <= 12 ? undefined : `${s} has no month ${ym[2]} (months are 01 to 12)`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return calendarDateProblem(s);
  return `expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1937-08), got ${quote(s)}`;
}

export function quote(s: string, max = 40): string {
  const t = s.length > max ? `${s.slice(0, max)}…` : s;
  return `'${t}'`;
}

export const MIN_DATE = '1917-01-01';
export const MAX_DATE = '1941-12-31';

/** A calendar day within the range the knowledge base covers. */
export function dateParam(description: string) {
  return z
    .string()
    .superRefine((s, ctx) => {
      const why = calendarDateProblem(s);
      if (why) ctx.addIssue({ code: 'custom', message: why });
      else if (s < MIN_DATE || s > MAX_DATE)
        ctx.addIssue({ code: 'custom', message: `${s} is outside ${MIN_DATE}..${MAX_DATE}` });
    })
    .meta({
      description,
      format: 'date',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      examples: ['1937-03-01'],
    });
}

/** YYYY, YYYY-MM or YYYY-MM-DD; an end of range (`to`) is read to the last day it names. */
export function partialDateParam(description: string) {
  return z
    .string()
    .superRefine((s, ctx) => {
      const why = partialDateProblem(s);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    })
    .meta({
      description,
      pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
      examples: ['1937', '1937-08', '1937-08-05'],
    });
}

/** A whole number within bounds, given as a query string. */
export function intParam(opts: { min: number; max: number; default: number; description: string }) {
  const { min, max, description } = opts;
  const msg = `expected a whole number from ${min} to ${max}`;
  const schema = z
    .string()
    .superRefine((s, ctx) => {
      if (!/^\d{1,9}$/.test(s)) ctx.addIssue({ code: 'custom', message: `${msg}, got ${quote(s)}` });
      else {
        const n = Number(s);
        if (n < min || n > max) ctx.addIssue({ code: 'custom', message: `${msg}, got ${n}` });
      }
    })
    .transform(Number)
    .optional()
    .transform((n) => n ?? opts.default);
  paramDocs.set(schema, { type: 'integer', minimum: min, maximum: max, default: opts.default, description });
  return schema;
}

/** Free text of bounded length (length in characters, after trimming). */
export function textParam(opts: {
  min?: number;
  max: number;
  description: string;
  examples?: string[];
  /** Remove leading and trailing white space first (default true). */
  trim?: boolean;
}) {
  const min = opts.min ?? 1;
  const trim = opts.trim ?? true;
  return z
    .string()
    .transform((s) => (trim ? s.trim() : s))
    .superRefine((s, ctx) => {
      const n = [...s].length;
      if (n < min)
        ctx.addIssue({
          code: 'custom',
          message: min === 1 ? 'must not be empty' : `needs at least ${min} characters`,
        });
      else if (n > opts.max)
        ctx.addIssue({ code: 'custom', message: `is ${n} characters long; the limit is ${opts.max}` });
    })
    .meta({
      description: opts.description,
      minLength: min,
      maxLength: opts.max,
      ...(opts.examples ? { examples: opts.examples } : {}),
    });
}

/** An identifier in a path: lower-case slug as the dataset writes them (`yezhov`, `nkvd`, `cc-17`). */
export function idParam(description: string) {
  return z
    .string()
    .superRefine((s, ctx) => {
      if (!/^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,127}$/u.test(s))
        ctx.addIssue({
          code: 'custom',
          message: `${quote(s)} is not an identifier (letters, digits, '.', '_', ':', '-'; at most 128)`,
        });
    })
    .meta({ description, examples: ['yezhov'] });
}

/** One of a fixed set of words. */
export function enumParam<T extends string>(values: readonly [T, ...T[]], description: string) {
  const set = new Set<string>(values);
  const schema = z
    .string()
    .superRefine((s, ctx) => {
      if (!set.has(s))
        ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}, got ${quote(s)}` });
    })
    .transform((s) => s as T);
  paramDocs.set(schema, { type: 'string', enum: [...values], description });
  return schema;
}
