/**
 * Statistics identities such as `convicted_total = shot + camps + exiled + other`: a tiny
 * arithmetic language (+ - * /, parentheses, numbers, column ids) with one `=`.
 */

type Expr =
  | { k: 'num'; v: number }
  | { k: 'col'; id: string }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Expr; b: Expr }
  | { k: 'neg'; a: Expr };

export interface Identity {
  text: string;
  left: Expr;
  right: Expr;
  columns: string[];
  /** Whether the right side divides (then the left is compared within its printed rounding). */
  divides: boolean;
}

export type IdentityParse = { ok: true; value: Identity } | { ok: false; message: string; offset: number };

export function parseIdentity(text: string): IdentityParse {
  const tokens: { t: string; at: number }[] = [];
  const re = /\s*([a-z_][a-z0-9_]*|\d+(?:\.\d+)?|[-+*/()=])/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  re.lastIndex = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(pos))) break;
      const at = pos + (text.slice(pos).length - text.slice(pos).trimStart().length);
      return { ok: false, message: `unexpected "${text[at]}" in identity`, offset: at };
    }
    tokens.push({ t: m[1] ?? '', at: m.index + (m[0].length - (m[1] ?? '').length) });
    pos = re.lastIndex;
  }
  let i = 0;
  const columns = new Set<string>();
  const peek = () => tokens[i]?.t;
  const here = () => tokens[i]?.at ?? text.length;
  type R = { ok: true; e: Expr } | { ok: false; message: string; offset: number };
  const primary = (): R => {
    const tok = tokens[i];
    if (!tok) return { ok: false, message: 'identity ends too early', offset: text.length };
    if (tok.t === '(') {
      i++;
      const e = sum();
      if (!e.ok) return e;
      if (peek() !== ')') return { ok: false, message: 'expected ")"', offset: here() };
      i++;
      return e;
    }
    if (tok.t === '-') {
      i++;
      const e = primary();
      return e.ok ? { ok: true, e: { k: 'neg', a: e.e } } : e;
    }
    if (/^\d/.test(tok.t)) {
      i++;
      return { ok: true, e: { k: 'num', v: Number(tok.t) } };
    }
    if (/^[a-z_]/.test(tok.t)) {
      i++;
      columns.add(tok.t);
      return { ok: true, e: { k: 'col', id: tok.t } };
    }
    return { ok: false, message: `unexpected "${tok.t}" in identity`, offset: tok.at };
  };
  const product = (): R => {
    let l = primary();
    while (l.ok && (peek() === '*' || peek() === '/')) {
      const op = peek() as '*' | '/';
      i++;
      const r = primary();
      if (!r.ok) return r;
      l = { ok: true, e: { k: 'bin', op, a: l.e, b: r.e } };
    }
    return l;
  };
  const sum = (): R => {
    let l = product();
    while (l.ok && (peek() === '+' || peek() === '-')) {
      const op = peek() as '+' | '-';
      i++;
      const r = product();
      if (!r.ok) return r;
      l = { ok: true, e: { k: 'bin', op, a: l.e, b: r.e } };
    }
    return l;
  };
  const left = sum();
  if (!left.ok) return left;
  if (peek() !== '=')
    return { ok: false, message: 'an identity is "<expression> = <expression>"', offset: here() };
  i++;
  const right = sum();
  if (!right.ok) return right;
  if (i < tokens.length) return { ok: false, message: `unexpected "${peek()}" in identity`, offset: here() };
  return {
    ok: true,
    value: { text, left: left.e, right: right.e, columns: [...columns], divides: /\//.test(text) },
  };
}

/** Evaluates an expression on a row; undefined when a cell is blank or not a number. */
export function evaluate(e: Expr, row: Record<string, unknown>): number | undefined {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'col': {
      const v = row[e.id];
      return typeof v === 'number' ? v : undefined;
    }
    case 'neg': {
      const a = evaluate(e.a, row);
      return a === undefined ? undefined : -a;
    }
    case 'bin': {
      const a = evaluate(e.a, row);
      const b = evaluate(e.b, row);
      if (a === undefined || b === undefined) return undefined;
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      if (e.op === '*') return a * b;
      return b === 0 ? undefined : a / b;
    }
  }
}

function decimals(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export interface IdentityCheck {
  holds: boolean;
  left: number;
  right: number;
}

/**
 * Checks an identity on a row: exact for sums; when the right side divides, the left (a printed,
 * rounded figure) may differ by half a unit of its last printed digit. Undefined when a cell
 * the identity needs is blank.
 */
export function checkIdentity(id: Identity, row: Record<string, unknown>): IdentityCheck | undefined {
  const l = evaluate(id.left, row);
  const r = evaluate(id.right, row);
  if (l === undefined || r === undefined) return undefined;
  const tol = id.divides ? 0.5 * 10 ** -decimals(l) + 1e-9 : 1e-9;
  return { holds: Math.abs(l - r) <= tol, left: l, right: r };
}
