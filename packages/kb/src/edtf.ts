/**
 * EDTF (ISO 8601-2) dates as opis uses them: a parser with strict calendar validation and
 * 1-based error columns, the span of days a value may denote, and the as-of evaluation of a
 * fact with a start and an end (holds / may-hold / does-not-hold, with why).
 *
 * Forms: `1937`, `1937-06`, `1937-06-11`, a qualifier `?` (uncertain), `~` (approximate) or `%`
 * (both) after any of them, `193X` (unspecified digits), `1934/1935` (interval, or "one of" when
 * used as a bound), `../1938` and `1938/..` (open ends of an interval), `/1938` and `1938/`
 * (unknown ends), `..1938` (on or before) and `1938..` (on or after), and `..` alone (open).
 */

export type Precision = 'decade' | 'year' | 'month' | 'day';

export interface EdtfDate {
  kind: 'date';
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
  /** `?` or `%`: the source is not sure of the value. */
  uncertain: boolean;
  /** `~` or `%`: the value is close to, not exactly, this. */
  approximate: boolean;
  /** `193X`: the number of unspecified trailing year digits. */
  unspecifiedDigits?: number;
  text: string;
}

/** An end of an interval that is not a date: `..` (open) or empty (unknown). */
export interface EdtfEnd {
  kind: 'open' | 'unknown';
}

export interface EdtfInterval {
  kind: 'interval';
  start: EdtfDate | EdtfEnd;
  end: EdtfDate | EdtfEnd;
  text: string;
}

/** `..1938` (on or before) or `1938..` (on or after). */
export interface EdtfOneSided {
  kind: 'before' | 'after';
  date: EdtfDate;
  text: string;
}

/** `..` alone: open (still true when the record ends, or true since before it starts). */
export interface EdtfOpen {
  kind: 'open';
  text: string;
}

export type Edtf = EdtfDate | EdtfInterval | EdtfOneSided | EdtfOpen;

export interface EdtfError {
  message: string;
  /** 1-based column within the string. */
  column: number;
}

export type EdtfResult = { ok: true; value: Edtf } | { ok: false; error: EdtfError };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** Parses one EDTF value. Never throws: errors carry a 1-based column. */
export function parseEdtf(input: string): EdtfResult {
  if (typeof input !== 'string') return fail('a date must be a string', 1);
  const s = input;
  if (s.length === 0) return fail('empty date', 1);
  if (s.trim() !== s) {
    const col = s.length - s.trimStart().length > 0 ? 1 : s.trimEnd().length + 1;
    return fail('a date must not have spaces around it', col);
  }
  if (s === '..') return { ok: true, value: { kind: 'open', text: s } };
  const slash = s.indexOf('/');
  if (slash >= 0) {
    if (s.indexOf('/', slash + 1) >= 0) return fail('an interval has one "/"', s.indexOf('/', slash + 1) + 1);
    const left = s.slice(0, slash);
    const right = s.slice(slash + 1);
    const start = parseEnd(left, 0);
    if (!start.ok) return start;
    const end = parseEnd(right, slash + 1);
    if (!end.ok) return end;
    if (start.value.kind !== 'date' && end.value.kind !== 'date')
      return fail('an interval needs at least one date', 1);
    if (start.value.kind === 'date' && end.value.kind === 'date') {
      if (firstDay(start.value) > lastDay(end.value))
        return fail(`interval ends (${right}) before it starts (${left})`, slash + 2);
    }
    return { ok: true, value: { kind: 'interval', start: start.value, end: end.value, text: s } };
  }
  if (s.startsWith('..')) {
    const d = parseDate(s.slice(2), 2);
    if (!d.ok) return d;
    return { ok: true, value: { kind: 'before', date: d.value, text: s } };
  }
  if (s.endsWith('..')) {
    const d = parseDate(s.slice(0, -2), 0);
    if (!d.ok) return d;
    return { ok: true, value: { kind: 'after', date: d.value, text: s } };
  }
  return parseDate(s, 0);
}

function fail(message: string, column: number): { ok: false; error: EdtfError } {
  return { ok: false, error: { message, column } };
}

function parseEnd(
  s: string,
  offset: number,
): { ok: true; value: EdtfDate | EdtfEnd } | { ok: false; error: EdtfError } {
  if (s === '') return { ok: true, value: { kind: 'unknown' } };
  if (s === '..') return { ok: true, value: { kind: 'open' } };
  return parseDate(s, offset);
}

/** Parses `YYYY[-MM[-DD]][?~%]` starting at `offset` (0-based) of the whole input. */
function parseDate(
  s: string,
  offset: number,
): { ok: true; value: EdtfDate } | { ok: false; error: EdtfError } {
  const col = (i: number) => offset + i + 1;
  let i = 0;
  let body = s;
  let uncertain = false;
  let approximate = false;
  const last = s[s.length - 1];
  if (last === '?' || last === '~' || last === '%') {
    uncertain = last === '?' || last === '%';
    approximate = last === '~' || last === '%';
    body = s.slice(0, -1);
    const again = body[body.length - 1];
    if (again === '?' || again === '~' || again === '%')
      return fail('use "%" for a date both uncertain and approximate', col(body.length - 1));
  }
  if (body.length === 0) return fail('expected a year (4 digits)', col(0));
  // year: 4 characters, digits, optionally ending in X (unspecified)
  const yearText = body.slice(0, 4);
  for (i = 0; i < yearText.length; i++) {
    const c = yearText[i] ?? '';
    if (!/[0-9X]/.test(c)) return fail(`expected a year digit, got "${c}"`, col(i));
  }
  if (yearText.length < 4) return fail('a year has 4 digits', col(yearText.length));
  const xs = /X+$/.exec(yearText)?.[0].length ?? 0;
  if (yearText.slice(0, 4 - xs).includes('X'))
    return fail('unspecified digits (X) come last in a year', col(yearText.indexOf('X')));
  if (xs > 2) return fail('at most two unspecified year digits (193X, 19XX)', col(4 - xs));
  const year = Number(yearText.replaceAll('X', '0'));
  const base = {
    kind: 'date' as const,
    year,
    uncertain,
    approximate,
    text: s,
    ...(xs > 0 ? { unspecifiedDigits: xs } : {}),
  };
  if (body.length === 4) {
    return { ok: true, value: { ...base, precision: xs > 0 ? 'decade' : 'year' } };
  }
  if (body[4] !== '-') return fail(`expected "-" after the year, got "${body[4]}"`, col(4));
  if (xs > 0) return fail('a year with unspecified digits cannot have a month', col(4));
  const monthText = body.slice(5, 7);
  if (!/^[0-9]{2}$/.test(monthText)) return fail('a month has 2 digits (01-12)', col(5));
  const month = Number(monthText);
  if (month < 1 || month > 12) return fail(`month ${monthText} does not exist (01-12)`, col(5));
  if (body.length === 7) return { ok: true, value: { ...base, month, precision: 'month' } };
  if (body[7] !== '-') return fail(`expected "-" after the month, got "${body[7]}"`, col(7));
  const dayText = body.slice(8, 10);
  if (!/^[0-9]{2}$/.test(dayText)) return fail('a day has 2 digits', col(8));
  const day = Number(dayText);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim)
    return fail(`day ${dayText} does not exist in ${year}-${monthText} (it has ${dim} days)`, col(8));
  if (body.length > 10) return fail(`unexpected "${body[10]}" after the date`, col(10));
  return { ok: true, value: { ...base, month, day, precision: 'day' } };
}

// ---------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01 in the proleptic Gregorian calendar.

export const NEG_INF = Number.NEGATIVE_INFINITY;
export const POS_INF = Number.POSITIVE_INFINITY;

export function dayNumber(y: number, m: number, d: number): number {
  // days from civil (H. Hinnant's algorithm), exact for any year
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first day a date can denote, before widening for `~`. */
function firstDay(d: EdtfDate): number {
  return dayNumber(d.year, d.month ?? 1, d.day ?? 1);
}

/** The last day a date can denote, before widening for `~`. */
function lastDay(d: EdtfDate): number {
  if (d.precision === 'decade') return dayNumber(d.year + 10 ** (d.unspecifiedDigits ?? 1) - 1, 12, 31);
  if (d.precision === 'year') return dayNumber(d.year, 12, 31);
  if (d.precision === 'month') return dayNumber(d.year, d.month ?? 12, daysInMonth(d.year, d.month ?? 12));
  return dayNumber(d.year, d.month ?? 1, d.day ?? 1);
}

/**
 * The days a value may denote, inclusive: `lo` the earliest, `hi` the latest.
 * `~` widens the span by one unit of the date's precision on each side (`1936~` → 1935..1937).
 * `uncertain` says that a conclusion drawn from this value is at most "may".
 */
export interface Span {
  lo: number;
  hi: number;
  uncertain: boolean;
  /** Whether lo..hi is a range of candidates (imprecise) rather than one known day. */
  imprecise: boolean;
}

export function dateSpan(d: EdtfDate): Span {
  let lo = firstDay(d);
  let hi = lastDay(d);
  if (d.approximate) {
    if (d.precision === 'day') {
      lo -= 1;
      hi += 1;
    } else if (d.precision === 'month') {
      const m = d.month ?? 1;
      const pm = m === 1 ? [d.year - 1, 12] : [d.year, m - 1];
      const nm = m === 12 ? [d.year + 1, 1] : [d.year, m + 1];
      lo = dayNumber(pm[0] ?? d.year, pm[1] ?? 1, 1);
      hi = dayNumber(nm[0] ?? d.year, nm[1] ?? 1, daysInMonth(nm[0] ?? d.year, nm[1] ?? 1));
    } else {
      const w = d.precision === 'decade' ? 10 ** (d.unspecifiedDigits ?? 1) : 1;
      const lastYear = d.year + (d.precision === 'decade' ? w - 1 : 0);
      lo = dayNumber(d.year - w, 1, 1);
      hi = dayNumber(lastYear + w, 12, 31);
    }
  }
  return { lo, hi, uncertain: d.uncertain, imprecise: lo !== hi };
}

/**
 * The span of days a value may denote when it is used as one point (an event's date, a start or
 * end bound): an interval `A/B` as a bound means "some day from A to B".
 * `..` (open) gives an infinite span; an unknown end (`/1938`) too, but `unknown` is set.
 */
export function edtfSpan(v: Edtf): Span & { open?: boolean; unknown?: boolean } {
  switch (v.kind) {
    case 'date':
      return dateSpan(v);
    case 'open':
      return { lo: NEG_INF, hi: POS_INF, uncertain: false, imprecise: true, open: true };
    case 'before': {
      const s = dateSpan(v.date);
      return { lo: NEG_INF, hi: s.hi, uncertain: s.uncertain, imprecise: true };
    }
    case 'after': {
      const s = dateSpan(v.date);
      return { lo: s.lo, hi: POS_INF, uncertain: s.uncertain, imprecise: true };
    }
    case 'interval': {
      const a = v.start.kind === 'date' ? dateSpan(v.start) : undefined;
      const b = v.end.kind === 'date' ? dateSpan(v.end) : undefined;
      return {
        lo: a ? a.lo : NEG_INF,
        hi: b ? b.hi : POS_INF,
        uncertain: (a?.uncertain ?? false) || (b?.uncertain ?? false),
        imprecise: true,
        ...(v.start.kind === 'unknown' || v.end.kind === 'unknown' ? { unknown: true } : {}),
      };
    }
  }
}

/** Parses and returns the span, or undefined when the text is not a valid EDTF value. */
export function spanOf(text: string): Span | undefined {
  const r = parseEdtf(text);
  return r.ok ? edtfSpan(r.value) : undefined;
}

// ---------------------------------------------------------------------------------------
// As-of evaluation.

const cache = new Map<string, EdtfResult>();

/** `parseEdtf` with a bounded memo: the same few thousand date strings recur in every query. */
export function parseCached(text: string): EdtfResult {
  let r = cache.get(text);
  if (r === undefined) {
    r = parseEdtf(text);
    if (cache.size >= 50000) cache.clear();
    cache.set(text, r);
  }
  return r;
}

export type AsOf = 'holds' | 'may-hold' | 'does-not-hold';

export interface AsOfAnswer {
  status: AsOf;
  why: string;
}

/**
 * A bound of a fact: an EDTF string, `..` (open: the fact runs past the end of the record, or
 * from before its start), or undefined (unknown: the source does not say).
 */
export type BoundText = string | undefined;

/**
 * Whether a fact that runs from `from` to `to` (both inclusive) holds on `date` (an EDTF value:
 * a day, or a month or year meaning "on every day of it").
 *
 * - holds: it certainly started on or before the first day of `date` and certainly had not
 *   ended before its last day;
 * - does-not-hold: it certainly started after `date`, or certainly ended before it;
 * - may-hold: otherwise. Month-only or year-only bounds make this answer on the days they
 *   cover (started "1938-11" may hold on 1938-11-10 and holds from 1938-12-01); an unknown
 *   (missing) start or end, or a bound marked `?`, gives may-hold rather than a silent drop.
 *
 * An invalid bound or date yields may-hold with the parse error as `why` (never throws).
 */
export function asOf(from: BoundText, to: BoundText, date: string): AsOfAnswer {
  const q = parseEdtf(date);
  if (!q.ok) return { status: 'may-hold', why: `date "${date}" is not valid: ${q.error.message}` };
  const qs = edtfSpan(q.value);
  return asOfSpan(from, to, qs, date);
}

/** As `asOf`, with the query already as a span (for speed in loops). */
export function asOfSpan(from: BoundText, to: BoundText, q: Span, date = ''): AsOfAnswer {
  const at = date || (q.lo === q.hi ? fromDayNumber(q.lo) : `${fromDayNumber(q.lo)}/${fromDayNumber(q.hi)}`);
  const maybe: string[] = [];
  // start
  if (from === undefined) {
    maybe.push('start unknown');
  } else if (from !== '..') {
    const r = parseCached(from);
    if (!r.ok) return { status: 'may-hold', why: `start "${from}" is not valid: ${r.error.message}` };
    const f = edtfSpan(r.value);
    if (f.unknown && f.lo === NEG_INF) maybe.push(`start unknown (${from})`);
    else if (q.hi < f.lo) {
      if (f.uncertain) maybe.push(`start ${from} is uncertain, after ${at}`);
      else return { status: 'does-not-hold', why: `starts ${from}, after ${at}` };
    } else if (f.hi > q.lo) {
      maybe.push(`start ${from} ${precisionWords(r.value)}may fall after ${at}`);
    } else if (f.uncertain) maybe.push(`start ${from} is uncertain`);
  }
  // end
  if (to === undefined) {
    maybe.push('end unknown');
  } else if (to !== '..') {
    const r = parseCached(to);
    if (!r.ok) return { status: 'may-hold', why: `end "${to}" is not valid: ${r.error.message}` };
    const t = edtfSpan(r.value);
    if (t.unknown && t.hi === POS_INF) maybe.push(`end unknown (${to})`);
    else if (t.hi < q.lo) {
      if (t.uncertain) maybe.push(`end ${to} is uncertain, before ${at}`);
      else return { status: 'does-not-hold', why: `ended ${to}, before ${at}` };
    } else if (t.lo < q.hi) {
      maybe.push(`end ${to} ${precisionWords(r.value)}may fall before ${at}`);
    } else if (t.uncertain) maybe.push(`end ${to} is uncertain`);
  }
  if (maybe.length > 0) return { status: 'may-hold', why: maybe.join('; ') };
  const fw = from === '..' ? 'open start' : `from ${from}`;
  const tw = to === '..' ? 'open end' : `to ${to}`;
  return { status: 'holds', why: `${fw}, ${tw}` };
}

function precisionWords(v: Edtf): string {
  if (v.kind === 'date') {
    if (v.approximate) return 'is approximate and ';
    if (v.precision === 'day') return '';
    return `is ${v.precision}-precise and `;
  }
  if (v.kind === 'interval') return 'is a range and ';
  if (v.kind === 'before' || v.kind === 'after') return 'is one-sided and ';
  return '';
}

/** Whether an EDTF value (e.g. an event's date) may overlap the days from `from` to `to`. */
export function overlaps(value: string, from: string | undefined, to: string | undefined): boolean {
  const s = spanOf(value);
  if (!s) return false;
  const lo = from === undefined ? NEG_INF : (spanOf(from)?.lo ?? NEG_INF);
  const hi = to === undefined ? POS_INF : (spanOf(to)?.hi ?? POS_INF);
  return s.hi >= lo && s.lo <= hi;
}

/** Combines answers: the weakest wins (does-not-hold < may-hold < holds). */
export function weakest(...answers: AsOfAnswer[]): AsOfAnswer {
  const rank: Record<AsOf, number> = { 'does-not-hold': 0, 'may-hold': 1, holds: 2 };
  let best: AsOfAnswer | undefined;
  for (const a of answers) if (!best || rank[a.status] < rank[best.status]) best = a;
  return best ?? { status: 'holds', why: '' };
}
