// Building blocks shared by the pages: loading and error states, dates, links to people,
// institutions and archival files, and how a source reference is shown.
import { ApiError } from './api.ts';
import { badge, type Child, h, link } from './dom.ts';
import { field, isObj, obj, str } from './json.ts';
import { sourceHref } from './routes.ts';

export function loading(what = 'Loading'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, `${what}…`);
}

export function errorBox(err: unknown): HTMLElement {
  const msg =
    err instanceof ApiError
      ? `${err.status} ${err.title}${err.detail ? `: ${err.detail}` : ''}`
      : err instanceof Error
        ? err.message
        : String(err);
  return h('div', { class: 'error', role: 'alert' }, h('strong', null, 'Could not load this page. '), msg);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An EDTF date for people: 1937-03-01 → 1 Mar 1937, 1937-06~ → Jun 1937 (approx.), .. → open. */
export function fmtDate(edtf: unknown): string {
  if (typeof edtf !== 'string' || edtf === '') return '?';
  if (edtf === '..') return 'open';
  if (edtf.includes('/')) {
    const [a = '', b = ''] = edtf.split('/');
    return `${fmtDate(a || '..')} – ${fmtDate(b || '..')}`;
  }
  if (edtf.startsWith('..')) return `by ${fmtDate(edtf.slice(2))}`;
  if (edtf.endsWith('..')) return `from ${fmtDate(edtf.slice(0, -2))}`;
  let s = edtf;
  let q = '';
  if (/[~?%]$/.test(s)) {
    q = s.endsWith('?') ? ' (uncertain)' : ' (approx.)';
    s = s.slice(0, -1);
  }
  const [y, m, d] = s.split('-');
  const mon = m ? MONTHS[Number(m) - 1] : undefined;
  const out = d && mon ? `${Number(d)} ${mon} ${y}` : mon ? `${mon} ${y}` : (y ?? s);
  return out + q;
}

/** `from – to`: an open end (`..`) reads "open" at the start and "on" at the end; a missing one "?" (unknown). */
export function fmtRange(from: unknown, to: unknown): string {
  const f = from === '..' ? 'open' : typeof from === 'string' && from ? fmtDate(from) : '?';
  const t = to === '..' ? 'on' : typeof to === 'string' && to ? fmtDate(to) : '?';
  return `${f} – ${t}`;
}

export function personLink(id: string, label: string): Child {
  return id ? link(`/person/${encodeURIComponent(id)}`, label || id) : label;
}

export function institutionLink(id: string, label: string): Child {
  return id ? link(`/institution/${encodeURIComponent(id)}`, label || id) : label;
}

/** A person's status on a date: free, arrested, dead (or anything else the server says). */
export function statusBadge(status: string, why = ''): Child {
  if (!status || status === 'free' || status === 'alive') return null;
  const base = status.replace(/\?$/, '');
  const b = badge(
    status,
    base === 'arrested' ? 'arrested' : base === 'dead' || base === 'shot' ? 'dead' : 'other',
  );
  if (why) b.title = why;
  return b;
}

/**
 * A source reference: a string like `book:ch8:L2761`, `archive:RGASPI, f. 17, ...`, `work:id`,
 * or an object from the server with a parsed citation and a key into the sources tree.
 */
export function sourceRef(src: unknown): Child {
  if (typeof src === 'string') return sourceFromString(src);
  if (!isObj(src)) return null;
  const citation = field(src, 'citation', 'parsed');
  const key = str(src, 'key', 'fileKey', 'file_key') || str(citation, 'key', 'fileKey');
  const text =
    str(src, 'formatted', 'display', 'label', 'text') ||
    str(citation, 'formatted', 'display', 'text') ||
    str(src, 'ref', 'raw', 'source');
  const shown: Child = text ? sourceFromString(text, !key) : citationText(citation);
  return h('span', { class: 'source' }, shown, key ? [' ', link(sourceHref(key), `(file ${key})`)] : null);
}

function citationText(c: unknown): string {
  const o = obj(c);
  const parts: string[] = [];
  const a = str(o, 'archive');
  if (a) parts.push(a);
  const f = str(o, 'fond');
  if (f) parts.push(`f. ${f}`);
  const op = str(o, 'opis');
  if (op) parts.push(`op. ${op}`);
  const d = str(o, 'delo');
  if (d) parts.push(`d. ${d}`);
  const l = str(o, 'list', 'sheets', 'folios');
  if (l) parts.push(`l. ${l}`);
  return parts.join(', ');
}

const BOOK_PARTS: Record<string, string> = {
  front: 'front matter',
  intro: 'Introduction',
  conclusion: 'Conclusion',
  app1: 'Appendix One',
  app2: 'Appendix Two',
  index: 'Index',
};

/**
 * The file key (ARCHIVE:fond/opis/delo) of a plain citation such as `RGASPI, f. 17, op. 3, d. 1003, l. 82`,
 * only to link it to its page; the server parses citations properly (objects with `key`).
 */
export function archivalKey(citation: string): string | undefined {
  const m = /^([\p{Lu}][\p{L}\p{N}-]*),\s*f\.\s*([^,\s]+),\s*op\.\s*([^,\s]+),\s*d\.\s*([^,\s]+)/u.exec(
    citation,
  );
  return m ? `${m[1]}:${m[2]}/${m[3]}/${m[4]}` : undefined;
}

function sourceFromString(s: string, withLink = true): Child {
  if (s.startsWith('book:')) {
    const [, part = '', line = ''] = s.split(':');
    const name =
      BOOK_PARTS[part] ??
      (/^ch\d+$/.test(part)
        ? `ch. ${part.slice(2)}`
        : /^table\d$/.test(part)
          ? `Table ${part.slice(5)}`
          : part);
    return h(
      'span',
      { class: 'source' },
      h('cite', null, 'The Road to Terror'),
      `, ${name}${line ? `, seed ${line.replace(/^L/, 'line ')}` : ''}`,
    );
  }
  if (s.startsWith('archive:')) {
    const text = s.slice('archive:'.length).trim();
    const key = withLink ? archivalKey(text) : undefined;
    return h(
      'span',
      { class: 'source archival' },
      text,
      key ? [' ', link(sourceHref(key), `(file ${key})`)] : null,
    );
  }
  if (s.startsWith('work:')) return h('span', { class: 'source' }, `work ${s.slice(5)}`);
  return h('span', { class: 'source' }, s);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}
