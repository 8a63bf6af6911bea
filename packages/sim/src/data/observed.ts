/**
 * The observations (Table 1) and the pre-registered split. `loadObserved()` returns the fit
 * rows openly and the held-out rows sealed: calibration code receives a `FitData`, whose
 * accessors throw on a held-out year, and only validation unseals the rest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const SERIES = ['arrested', 'convicted', 'shot', 'camps', 'exiled', 'other'] as const;
export type Series = (typeof SERIES)[number];

const splitSchema = z
  .object({
    registered: z.string(),
    table: z.literal('table-1'),
    fit: z.array(z.number().int()),
    held_out: z.array(z.number().int()),
    series: z.partialRecord(z.enum(SERIES), z.string()),
  })
  .strict();
export type Split = z.infer<typeof splitSchema>;

const tableSchema = z.object({
  id: z.literal('table-1'),
  rows: z.array(z.record(z.string(), z.union([z.number(), z.null()]))),
});

const SPLIT_FILE = new URL('../../data/split.yaml', import.meta.url).pathname;
const TABLE_FILE = new URL('../../../../data/statistics/table-1.yaml', import.meta.url).pathname;

export class HeldOutError extends Error {
  constructor(year: number) {
    super(`year ${year} is held out by the pre-registered split: calibration cannot read it`);
    this.name = 'HeldOutError';
  }
}

type Row = Record<Series, number | null>;

/** What calibration may see: the fit years only. */
export interface FitData {
  readonly years: readonly number[];
  /** The observed value (null: blank in the table). Throws HeldOutError for a held-out year. */
  value(year: number, series: Series): number | null;
}

/** The held-out rows, readable only through `unseal`. */
export interface Sealed {
  readonly years: readonly number[];
  unseal(purpose: 'validation'): ReadonlyMap<number, Row>;
}

export interface Observed {
  split: Split;
  splitHash: string;
  fit: FitData;
  heldOut: Sealed;
}

export function loadSplit(file = SPLIT_FILE): { split: Split; hash: string } {
  const text = readFileSync(file, 'utf8');
  const split = splitSchema.parse(parse(text));
  const overlap = split.fit.filter((y) => split.held_out.includes(y));
  if (overlap.length > 0) throw new Error(`split: years both fit and held out: ${overlap.join(', ')}`);
  return { split, hash: createHash('sha256').update(text).digest('hex') };
}

export function loadObserved(tableFile = TABLE_FILE, splitFile = SPLIT_FILE): Observed {
  const { split, hash } = loadSplit(splitFile);
  const table = tableSchema.parse(parse(readFileSync(tableFile, 'utf8')));
  const byYear = new Map<number, Row>();
  for (const r of table.rows) {
    const year = r.year;
    if (typeof year !== 'number') continue;
    const row = {} as Row;
    for (const s of SERIES) {
      const v = r[split.series[s] ?? ''];
      row[s] = typeof v === 'number' ? v : null;
    }
    byYear.set(year, row);
  }
  const fitRows = new Map(split.fit.map((y) => [y, byYear.get(y)] as const));
  const heldRows = new Map<number, Row>();
  for (const y of split.held_out) {
    const r = byYear.get(y);
    if (r) heldRows.set(y, r);
  }
  const fit: FitData = Object.freeze({
    years: Object.freeze([...split.fit]),
    value(year: number, series: Series) {
      if (split.held_out.includes(year)) throw new HeldOutError(year);
      const r = fitRows.get(year);
      if (!r) throw new Error(`year ${year} is not in the fit set`);
      return r[series];
    },
  });
  const heldOut: Sealed = Object.freeze({
    years: Object.freeze([...split.held_out]),
    unseal(purpose: 'validation') {
      if (purpose !== 'validation') throw new Error('held-out rows are for validation only');
      return heldRows;
    },
  });
  return { split, splitHash: hash, fit, heldOut };
}
