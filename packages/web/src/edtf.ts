// Just enough EDTF to place a date on a chart: the earliest (or latest) day a date can mean.
// 1937 → 1937-01-01 (or 1937-12-31), 1937-06~ → 1937-06-01, 1936/1938 → 1936-01-01 (or 1938-12-31).
// Open or unknown ends give undefined.

export function edtfBound(s: unknown, end = false): Date | undefined {
  if (typeof s !== 'string' || s === '' || s === '..') return undefined;
  let t = s.trim();
  if (t.includes('/')) {
    const [a = '', b = ''] = t.split('/');
    return edtfBound(end ? b : a, end);
  }
  t = t.replace(/^\.\./, '').replace(/\.\.$/, '').replace(/[~?%]/g, '');
  const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : undefined;
  const d = m[3] ? Number(m[3]) : undefined;
  if (mo !== undefined && (mo < 1 || mo > 12)) return undefined;
  if (!end) return new Date(Date.UTC(y, (mo ?? 1) - 1, d ?? 1));
  if (d !== undefined) return new Date(Date.UTC(y, (mo ?? 1) - 1, d));
  if (mo !== undefined) return new Date(Date.UTC(y, mo, 0));
  return new Date(Date.UTC(y, 11, 31));
}

export function edtfYear(s: unknown): number | undefined {
  return edtfBound(s)?.getUTCFullYear();
}
