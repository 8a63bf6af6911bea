/** Matches a request path against route templates (`/api/people/{id}`), segment by segment. */
import type { AnyRoute } from './route.ts';

interface Compiled<D> {
  route: AnyRoute<D>;
  /** Literal segments, or the name of a parameter. */
  segments: ({ lit: string } | { param: string })[];
}

export interface Match<D> {
  route: AnyRoute<D>;
  /** Raw (still percent-encoded) path parameters. */
  params: Record<string, string>;
}

export class Router<D> {
  private readonly compiled: Compiled<D>[];

  constructor(readonly routes: readonly AnyRoute<D>[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: route.path
        .split('/')
        .slice(1)
        .map((s) => {
          const m = /^\{(\w+)\}$/.exec(s);
          return m?.[1] ? { param: m[1] } : { lit: s };
        }),
    }));
    const seen = new Set<string>();
    for (const r of routes) {
      const key = r.path.replace(/\{\w+\}/g, '{}');
      if (seen.has(key)) throw new Error(`two routes have the path ${r.path}`);
      seen.add(key);
    }
  }

  /** Literal segments win over parameters, whatever the order of the routes. */
  match(pathname: string): Match<D> | undefined {
    const parts = pathname.split('/').slice(1);
    let best: Match<D> | undefined;
    let bestLits = -1;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let lits = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = c.segments[i]!;
        const part = parts[i]!;
        if ('lit' in seg) {
          if (seg.lit !== part) {
            ok = false;
            break;
          }
          lits++;
        } else if (part === '') {
          ok = false;
          break;
        } else params[seg.param] = part;
      }
      if (ok && lits > bestLits) {
        best = { route: c.route, params };
        bestLits = lits;
      }
    }
    return best;
  }
}
