/** The opis API: every route, and `startServer`, which opens the database and listens. */
import { readFileSync } from 'node:fs';
import { KbQueryError, openKb } from '@opis/kb';
import { type App, type AppOptions, createApp } from './app.ts';
import { type Listening, listen } from './listen.ts';
import { HttpProblem } from './problem.ts';
import { citeRoutes } from './routes/cite.ts';
import { type ApiDeps, apiDeps } from './routes/deps.ts';
import { kbRoutes } from './routes/kb.ts';
import { simRoutes } from './routes/sim.ts';
import { translitRoutes } from './routes/translit.ts';
import { defaultWebDir } from './web-build.ts';

export const apiRoutes = [...kbRoutes, ...translitRoutes, ...citeRoutes, ...simRoutes];

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const apiInfo = {
  title: 'opis',
  version,
  description:
    'Read-only API over the opis knowledge base: the Soviet party-state and its repression machinery, ' +
    '1932-1939, as described in Getty & Naumov, The Road to Terror (2010). Every fact carries its source. ' +
    'The simulation of its dynamics runs here (/api/simulate) or in the browser (/api/sim/*). ' +
    'Errors are RFC 9457 problem documents (application/problem+json).',
};

export type ApiAppOptions = Omit<AppOptions<ApiDeps>, 'routes' | 'deps' | 'info'>;

/** The API as a request handler over an open knowledge base. */
export function createApiApp(deps: ApiDeps, opts: ApiAppOptions = {}): App {
  return createApp({
    routes: apiRoutes,
    deps,
    info: apiInfo,
    mapError: (err) =>
      err instanceof KbQueryError ? new HttpProblem(400, 'invalid-parameter', err.message) : undefined,
    ...opts,
  });
}

export interface ServerOptions extends ApiAppOptions {
  /** TCP port; 0 picks a free one (read it from `url`). */
  port: number;
  /** Address to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** The SQLite database `@opis/kb` built (see `ensureDatabase`). */
  dbPath: string;
  /** The web app's build; default packages/web/dist. */
  webDir?: string;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8080/` */
  url: string;
  port: number;
  /** Stops listening, ends open connections, closes the database. */
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { port, host = '127.0.0.1', dbPath, webDir = defaultWebDir(), ...appOpts } = opts;
  const kb = openKb(dbPath);
  let srv: Listening;
  try {
    srv = await listen(createApiApp(apiDeps(kb), { webDir, ...appOpts }), port, host);
  } catch (err) {
    kb.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: srv.url,
    port: srv.port,
    close: () => {
      closing ??= srv.close().then(() => kb.close());
      return closing;
    },
  };
}
