// The only door to the server: GET JSON under /api. Errors come back as RFC 9457 problem documents;
// they are turned into ApiError with the server's `detail` so that pages can show it.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail || title);
  }
}

export type Params = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const q = qs.toString();
  return `/api${path}${q ? `?${q}` : ''}`;
}

const cache = new Map<string, Promise<unknown>>();

/** GET a JSON document. Successful answers are cached for the session (the data are read-only). */
export function get(
  path: string,
  params: Params = {},
  opts: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const url = apiUrl(path, params);
  const hit = cache.get(url);
  if (hit) return hit;
  const p = fetch(url, { headers: { accept: 'application/json' }, signal: opts.signal ?? null }).then(
    async (res) => {
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const o = (body ?? {}) as Record<string, unknown>;
        throw new ApiError(
          res.status,
          typeof o.title === 'string' ? o.title : res.statusText,
          typeof o.detail === 'string' ? o.detail : '',
        );
      }
      return body;
    },
  );
  cache.set(url, p);
  p.catch(() => cache.delete(url));
  return p;
}
