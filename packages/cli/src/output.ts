/**
 * Buffered standard output. Batch commands write one record per input line; writing each
 * line straight to the stream costs more than the work itself, so lines are gathered and
 * flushed in chunks, waiting for the stream to drain when it pushes back.
 */
export class Output {
  private chunks: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly highWater = 1 << 16,
  ) {
    stream.on?.('error', (err: NodeJS.ErrnoException) => {
      // A reader that goes away (`opis ... | head`) is not an error of ours.
      if (err.code === 'EPIPE') this.closed = true;
      else throw err;
    });
  }

  /** Writes one line (a newline is added). */
  async line(text: string): Promise<void> {
    if (this.closed) return;
    this.chunks.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= this.highWater) await this.flush();
  }

  /** Writes one JSON Lines record. */
  json(record: unknown): Promise<void> {
    return this.line(JSON.stringify(record));
  }

  /** Writes rows as an aligned, readable table with a header line. */
  async table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): Promise<void> {
    const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const cells = rows.map((r) => cols.map((c) => cellText(r[c])));
    const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => width(row[i] ?? ''))));
    const pad = (s: string, i: number) => s + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(s)));
    await this.line(
      cols
        .map((c, i) => pad(c, i))
        .join('  ')
        .trimEnd(),
    );
    for (const row of cells)
      await this.line(
        row
          .map((c, i) => pad(c, i))
          .join('  ')
          .trimEnd(),
      );
  }

  async flush(): Promise<void> {
    if (this.size === 0 || this.closed) {
      this.chunks = [];
      this.size = 0;
      return;
    }
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    const ok = this.stream.write(data);
    if (!ok && !this.closed) {
      await new Promise<void>((resolve) => {
        this.stream.once('drain', resolve);
        this.stream.once('close', resolve);
      });
    }
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cellText).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Display width: combining marks take no column. */
function width(s: string): number {
  return s.normalize('NFC').replace(/\p{M}/gu, '').length;
}
