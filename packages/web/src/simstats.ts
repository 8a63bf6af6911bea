// The simulation page's arithmetic, without the DOM: the worker's messages (a copy of the shapes in
// packages/sim/src/browser-protocol.ts; the app imports no other opis package) and the summary of
// replicates per year, computed as `opis simulate` does (packages/sim/src/ensemble.ts).

export const SERIES = ['arrested', 'convicted', 'shot', 'camps', 'exiled', 'other'] as const;
export type Series = (typeof SERIES)[number];

export const SERIES_LABELS: Record<Series, string> = {
  arrested: 'Arrested',
  convicted: 'Convicted',
  shot: 'Shot',
  camps: 'Sentenced to camps',
  exiled: 'Exiled',
  other: 'Other sentences',
};

export type YearRow = { year: number } & Record<string, number>;

export interface RunResult {
  seed: number;
  paramsHash: string;
  years: YearRow[];
}

/** What the worker posts (see browser-protocol.ts in @opis/sim). */
export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number; week: number; weeks: number }
  | { type: 'done'; id: number; results: RunResult[]; ms: number }
  | { type: 'cancelled'; id: number; done: number }
  | { type: 'error'; id: number | null; message: string };

/** Linear-interpolation quantile of sorted values (NaN for none), as `quantile` in @opis/sim. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] ?? Number.NaN) + ((sorted[hi] ?? Number.NaN) - (sorted[lo] ?? Number.NaN)) * (h - lo);
}

export interface Band {
  year: number;
  median: number;
  lo: number;
  hi: number;
}

/** Median and 5th-95th percentiles over replicates for each year of one series, rounded like `summarize`. */
export function bands(results: readonly RunResult[], series: string, years: readonly number[]): Band[] {
  return years.map((year) => {
    const vals = results
      .map((r) => r.years.find((y) => y.year === year)?.[series])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    return {
      year,
      median: Math.round(quantile(vals, 0.5)),
      lo: Math.round(quantile(vals, 0.05)),
      hi: Math.round(quantile(vals, 0.95)),
    };
  });
}

/** Reads a worker message; anything else (never expected) is undefined. */
export function readMessage(m: unknown): FromWorker | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const t = (m as { type?: unknown }).type;
  return t === 'progress' || t === 'done' || t === 'cancelled' || t === 'error'
    ? (m as FromWorker)
    : undefined;
}

export const SCALES = [500, 1000, 2000, 4000] as const;
export const DEFAULT_SCALE = 2000;
export const DEFAULT_SEEDS = '1..10';
