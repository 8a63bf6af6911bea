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

/**
 * GET a JSON document. Successful answers are cached for the session (the data are read-only).
 * Callers of the same URL share one request, so the request is not tied to any caller's signal:
 * each caller's `signal` cancels only its own wait (a page left for another, or asked twice, must
 * not fail the other callers).
 */
export function get(
  path: string,
  params: Params = {},
  opts: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const url = apiUrl(path, params);
  let p = cache.get(url);
  if (!p) {
    p = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
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
    });
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return untilAborted(p, opts.signal);
}

/** `p`, or a rejection with the signal's reason as soon as `signal` aborts. */
export function untilAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
