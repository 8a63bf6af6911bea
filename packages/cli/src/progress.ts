/**
 * Progress for long work. On a terminal it draws one bar on stderr, redrawn at most ten
 * times a second; when stderr is not a terminal it prints a plain line at each tenth of the
 * way, so logs stay readable. Standard output is never touched.
 */
export interface Progress {
  /** Sets how much is done (absolute, not an increment). */
  update(done: number, note?: string): void;
  /** Ends the bar with a final line. */
  finish(note?: string): void;
}

export type ProgressFactory = (label: string, total: number) => Progress;

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Suppresses all progress output (e.g. `--quiet`). */
  silent?: boolean;
  now?: () => number;
}

export function progressFactory(opts: ProgressOptions): ProgressFactory {
  return (label, total) => {
    if (opts.silent) return { update() {}, finish() {} };
    return opts.stream.isTTY ? new Bar(label, total, opts) : new PlainLines(label, total, opts);
  };
}

class Bar implements Progress {
  private last = 0;
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly opts: ProgressOptions,
  ) {}

  update(done: number, note = ''): void {
    const now = (this.opts.now ?? Date.now)();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 0;
    const cols = Math.max(10, Math.min(40, (this.opts.stream.columns ?? 80) - this.label.length - 30));
    const filled = Math.round(frac * cols);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(cols - filled)}`;
    this.opts.stream.write(
      `\r${this.label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${this.total} ${note}\x1b[K`,
    );
  }

  finish(note = 'done'): void {
    this.last = 0;
    this.update(this.total, note);
    this.opts.stream.write('\n');
  }
}

class PlainLines implements Progress {
  private lastTenth = -1;
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly opts: ProgressOptions,
  ) {}

  update(done: number, note?: string): void {
    const tenth = this.total > 0 ? Math.floor((Math.min(done, this.total) / this.total) * 10) : 0;
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.opts.stream.write(
      `${this.label}: ${done}/${this.total} (${tenth * 10}%)${note ? ` ${note}` : ''}\n`,
    );
  }

  finish(note = 'done'): void {
    this.opts.stream.write(`${this.label}: ${note}\n`);
  }
}

/**
 * Progress for work in named stages (calibration, validation): one bar per stage, opened when the
 * stage first reports and finished when it reaches its total. Returns the library's callback.
 */
export function stagedProgress(
  factory: ProgressFactory,
): (stage: string, done: number, total: number) => void {
  const bars = new Map<string, Progress>();
  return (stage, done, total) => {
    let bar = bars.get(stage);
    if (!bar) {
      bar = factory(stage, total);
      bars.set(stage, bar);
    }
    bar.update(done);
    if (done >= total) bar.finish();
  };
}
