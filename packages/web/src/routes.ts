// The app's URL space. Pure functions (no DOM) so they can be tested in Node.

export type Route =
  | { page: 'home' }
  | { page: 'search'; q: string }
  | { page: 'person'; id: string }
  | { page: 'people' }
  | { page: 'state'; date: string }
  | { page: 'institution'; id: string }
  | { page: 'institutions' }
  | { page: 'timeline'; filters: TimelineFilters }
  | { page: 'statistics'; id?: string }
  | { page: 'sources'; key?: string }
  | { page: 'simulation'; settings: SimSettings }
  | { page: 'not-found'; path: string };

/** The simulation page's form, as the URL keeps it (checked by the page and the server). */
export interface SimSettings {
  scenario?: string;
  compare?: string;
  seeds?: string;
  scale?: string;
}

export interface TimelineFilters {
  kind?: string;
  person?: string;
  institution?: string;
  from?: string;
  to?: string;
}

export const DEFAULT_DATE = '1937-03-01';
export const MIN_DATE = '1930-01-01';
export const MAX_DATE = '1940-12-31';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** True for a real calendar date YYYY-MM-DD (1937-02-29 is false). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parseRoute(pathname: string, search: string): Route {
  const qs = new URLSearchParams(search);
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  const [head = '', arg, ...rest] = parts;
  const id = arg === undefined ? undefined : safeDecode(arg);
  const notFound: Route = { page: 'not-found', path: pathname };
  if (rest.length > 0 && head !== 'sources') return notFound;
  switch (head) {
    case '':
      return { page: 'home' };
    case 'search':
      return arg === undefined ? { page: 'search', q: qs.get('q') ?? '' } : notFound;
    case 'person':
    case 'people':
      if (id === undefined) return { page: 'people' };
      return ID.test(id) ? { page: 'person', id } : notFound;
    case 'institution':
    case 'institutions':
      if (id === undefined) return { page: 'institutions' };
      return ID.test(id) ? { page: 'institution', id } : notFound;
    case 'state':
      if (id === undefined) return { page: 'state', date: qs.get('date') ?? DEFAULT_DATE };
      return isIsoDate(id) ? { page: 'state', date: id } : notFound;
    case 'timeline': {
      if (arg !== undefined) return notFound;
      const filters: TimelineFilters = {};
      for (const k of ['kind', 'person', 'institution', 'from', 'to'] as const) {
        const v = qs.get(k);
        if (v) filters[k] = v;
      }
      return { page: 'timeline', filters };
    }
    case 'statistics':
      if (id === undefined) return { page: 'statistics' };
      return ID.test(id) ? { page: 'statistics', id } : notFound;
    case 'simulation': {
      if (arg !== undefined) return notFound;
      const settings: SimSettings = {};
      for (const k of ['scenario', 'compare', 'seeds', 'scale'] as const) {
        const v = qs.get(k);
        if (v) settings[k] = v;
      }
      return { page: 'simulation', settings };
    }
    case 'sources': {
      if (arg === undefined) return { page: 'sources' };
      // The key (e.g. RGASPI:17/3/1003) may arrive encoded as one segment or with its slashes.
      const key = safeDecode([arg, ...rest].join('/'));
      return key ? { page: 'sources', key } : notFound;
    }
    default:
      return notFound;
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'search':
      return route.q ? `/search?q=${encodeURIComponent(route.q)}` : '/search';
    case 'person':
      return `/person/${encodeURIComponent(route.id)}`;
    case 'people':
      return '/people';
    case 'state':
      return `/state/${route.date}`;
    case 'institution':
      return `/institution/${encodeURIComponent(route.id)}`;
    case 'institutions':
      return '/institutions';
    case 'timeline': {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(route.filters)) if (v) qs.set(k, v);
      const s = qs.toString();
      return s ? `/timeline?${s}` : '/timeline';
    }
    case 'statistics':
      return route.id ? `/statistics/${encodeURIComponent(route.id)}` : '/statistics';
    case 'sources':
      return route.key ? sourceHref(route.key) : '/sources';
    case 'simulation': {
      const qs = new URLSearchParams();
      for (const k of ['scenario', 'compare', 'seeds', 'scale'] as const) {
        const v = route.settings[k];
        if (v) qs.set(k, v);
      }
      const s = qs.toString();
      return s ? `/simulation?${s}` : '/simulation';
    }
    case 'not-found':
      return route.path;
  }
}

/**
 * The page of an archival file. The key keeps its `:` and `/` readable (RGASPI:17/3/1003 →
 * /sources/RGASPI:17/3/1003): servers refuse an encoded slash (%2F) in a page path.
 */
export function sourceHref(key: string): string {
  return `/sources/${key
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':'))
    .join('/')}`;
}

/** Days since 1930-01-01 and back: the date slider's scale. */
const DAY = 86_400_000;
const EPOCH = Date.UTC(1930, 0, 1);
export function dateToDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y ?? 1930, (m ?? 1) - 1, d ?? 1) - EPOCH) / DAY);
}
export function dayToDate(day: number): string {
  return new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
}
