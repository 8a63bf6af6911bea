/**
 * A small benchmark runner: each case times opis and a peer on the same input in the same
 * process and run, with warm-up, several iterations, median and spread, and prints the ratio.
 */
import { performance } from 'node:perf_hooks';

export interface Side {
  /** e.g. `opis romanize` or `iuliia`. */
  label: string;
  run: () => unknown;
}

export interface CaseSpec {
  name: string;
  opis: Side;
  peer: Side;
  /** Input size per run, in bytes: when given, MB/s is printed. */
  bytes?: number;
  /** Items per run (requests, names, agent-steps): when given, items/s is printed. */
  items?: number;
  warmup?: number;
  iterations?: number;
}

export interface Timing {
  median: number;
  min: number;
  max: number;
  /** Interquartile range over median, a robust measure of spread. */
  spread: number;
  samples: number[];
}

export interface CaseResult {
  name: string;
  opis: Timing;
  peer: Timing;
  /** Peer time divided by opis time: above 1, opis is faster. */
  speedup: number;
}

export async function time(fn: () => unknown, warmup: number, iterations: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export function summarize(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? 0;
  const median = q(0.5);
  return {
    median,
    min: s[0] ?? 0,
    max: s[s.length - 1] ?? 0,
    spread: median > 0 ? (q(0.75) - q(0.25)) / median : 0,
    samples,
  };
}

function rate(spec: CaseSpec, t: Timing): string {
  const secs = t.median / 1000;
  if (spec.bytes) return ` ${(spec.bytes / 1e6 / secs).toFixed(1)} MB/s`;
  if (spec.items) return ` ${fmtCount(spec.items / secs)}/s`;
  return '';
}

function fmtCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(1);
}

function fmtTime(t: Timing): string {
  return `median ${t.median.toFixed(2)} ms ±${(t.spread * 100).toFixed(0)}%`;
}

/** Runs one case (peer and opis interleaved in the same run) and prints its lines. */
export async function compare(
  spec: CaseSpec,
  log: (line: string) => void = console.log,
): Promise<CaseResult> {
  const warmup = spec.warmup ?? 3;
  const iterations = spec.iterations ?? 10;
  const peer = await time(spec.peer.run, warmup, iterations);
  const opis = await time(spec.opis.run, warmup, iterations);
  const speedup = opis.median > 0 ? peer.median / opis.median : Number.POSITIVE_INFINITY;
  log(`${spec.name}`);
  log(`  opis  ${spec.opis.label.padEnd(28)} ${fmtTime(opis)}${rate(spec, opis)}`);
  log(`  peer  ${spec.peer.label.padEnd(28)} ${fmtTime(peer)}${rate(spec, peer)}`);
  log(
    `  ratio ${speedup >= 1 ? `opis ${speedup.toFixed(2)}x faster` : `opis ${(1 / speedup).toFixed(2)}x slower`} (peer/opis time = ${speedup.toFixed(3)})`,
  );
  return { name: spec.name, opis, peer, speedup };
}
