// Reading loosely-typed JSON without `any`: small accessors that return a safe default when a field
// is missing or has another type. The server's shapes are documented in /api/openapi.json; pages read
// them through these so that an optional field that is absent never breaks a page.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

/** The first of `keys` that holds a non-empty string (numbers are turned into strings). */
export function str(o: unknown, ...keys: string[]): string {
  const r = obj(o);
  for (const k of keys) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return '';
}

export function num(o: unknown, ...keys: string[]): number | undefined {
  const r = obj(o);
  for (const k of keys) {
    const v = r[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** The first of `keys` that holds an array; if `o` is itself an array, `o`. */
export function arr(o: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(o)) return o;
  const r = obj(o);
  for (const k of keys) {
    const v = r[k];
    if (Array.isArray(v)) return v;
  }
  return [];
}

export function field(o: unknown, ...keys: string[]): unknown {
  const r = obj(o);
  for (const k of keys) if (r[k] !== undefined && r[k] !== null) return r[k];
  return undefined;
}

/** A list that may arrive as an array or wrapped in { items | results | data | ... }. */
export function list(o: unknown, ...keys: string[]): unknown[] {
  return arr(o, ...keys, 'items', 'results', 'data', 'rows');
}
