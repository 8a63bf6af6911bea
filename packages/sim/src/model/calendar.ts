/** Weekly time: week 0 starts on 1 January 1932; the run ends with the last week that starts in 1939. */

const DAY = 86_400_000;
export const START = Date.UTC(1932, 0, 1);
export const FIRST_YEAR = 1932;
export const LAST_YEAR = 1939;
export const YEARS = [1932, 1933, 1934, 1935, 1936, 1937, 1938, 1939] as const;
/** Weeks whose first day falls in 1932-1939. */
export const WEEKS = Math.ceil((Date.UTC(1940, 0, 1) - START) / (7 * DAY));

/** Year in which week `w` starts. */
export function yearOfWeek(w: number): number {
  return new Date(START + w * 7 * DAY).getUTCFullYear();
}

/** Precomputed year index (0 = 1932) of each week. */
export const WEEK_YEAR_INDEX: Uint8Array = (() => {
  const a = new Uint8Array(WEEKS);
  for (let w = 0; w < WEEKS; w++) a[w] = yearOfWeek(w) - FIRST_YEAR;
  return a;
})();

export interface DateError {
  message: string;
}

/**
 * The week in which an EDTF date starts: `1937`, `1937-08`, `1937-08-05`, with `~`/`?` marks and
 * intervals `a/b` (the start counts). Returns an error object for text it cannot read.
 */
export function weekOf(date: string): number | DateError {
  const first = date.split('/')[0]!.replace(/[~?%]/g, '').replace(/^\.\./, '');
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(first);
  if (!m) return { message: `cannot read date '${date}' (expected YYYY, YYYY-MM or YYYY-MM-DD)` };
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return { message: `no such calendar date '${date}'` };
  return Math.floor((t - START) / (7 * DAY));
}

/** The ISO date on which week `w` starts. */
export function weekDate(w: number): string {
  return new Date(START + w * 7 * DAY).toISOString().slice(0, 10);
}
