/**
 * YAML with positions: parses a file into plain data and keeps the document so that any path
 * inside it (`[3, 'born', 'date']`) can be turned into `line:column`.
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Problem } from './schema.ts';

export type Path = readonly (string | number)[];

export class YamlFile {
  readonly lines = new LineCounter();
  readonly doc: Document.Parsed;
  readonly data: unknown;
  readonly problems: Problem[] = [];

  constructor(
    /** How the file is named in messages (relative path). */
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of this.doc.errors) {
      const p = this.lines.linePos(e.pos[0]);
      this.problems.push({
        file,
        line: p.line,
        column: p.col,
        message: e.message.split('\n')[0] ?? e.message,
      });
    }
    this.data = this.doc.errors.length > 0 ? undefined : this.doc.toJS({ maxAliasCount: 100 });
  }

  /** The position of the node at `path`, or of its nearest existing ancestor. */
  position(path: Path, opts: { key?: boolean; offset?: number } = {}): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const seg of path) {
      if (isMap(node) && typeof seg === 'number' && seg === 0) continue; // one statement written without a list
      if (isMap(node)) {
        const pair = node.items.find(
          (it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg),
        );
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        keyNode = undefined;
        node = item;
      } else break;
    }
    const target = (opts.key && keyNode ? keyNode : node) as Node | undefined;
    const start = target?.range?.[0] ?? 0;
    let offset = start;
    if (opts.offset !== undefined && isScalar(target)) {
      const quoted = target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE';
      offset = start + (quoted ? 1 : 0) + opts.offset;
    }
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  problem(path: Path, message: string, opts: { key?: boolean; offset?: number } = {}): Problem {
    return { file: this.file, ...this.position(path, opts), message };
  }
}

/** Formats a problem as `file:line:column: message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}
