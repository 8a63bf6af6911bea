import { resolve } from 'node:path';
import { numberOption, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { UserError } from '../errors.ts';

interface DatasetProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export default {
  name: 'serve',
  summary: 'serve the explorer and the HTTP API (builds the database and the web app when needed)',
  usage: ['opis serve [--port 8080] [--host 127.0.0.1] [--db path]'],
  description:
    'Builds the embedded database from data/ when data/ changed since the last build, builds the web app ' +
    'when its sources are newer than its build, then serves both until interrupted (Ctrl-C). ' +
    'Standard output gets one line, `opis: serving <url>`; progress and build output go to standard error. ' +
    'The API is described at <url>api/openapi.json.',
  options: {
    port: { type: 'string', value: '<n>', description: 'TCP port, 0 for any free one (default 8080)' },
    host: {
      type: 'string',
      value: '<addr>',
      description: 'address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)',
    },
    db: {
      type: 'string',
      value: '<path>',
      description: 'SQLite database (default .opis/opis.sqlite at the repo root)',
    },
    'no-build': { type: 'boolean', description: 'do not build the web app even when it is out of date' },
  },
  examples: ['opis serve', 'opis serve --port 0', 'opis serve --host 0.0.0.0 --port 3000'],
  async run(ctx) {
    const port = numberOption(ctx, 'serve', 'port', 8080, { min: 0, max: 65535, integer: true });
    const host = stringOption(ctx, 'host') ?? '127.0.0.1';
    if (host === '') throw new UserError('serve: --host must not be empty');
    const say = (s: string) => ctx.stderr.write(`${s}\n`);

    const kb = await import('@opis/kb');
    const server = await import('@opis/server');
    const dbOption = stringOption(ctx, 'db');
    const dbPath = dbOption ? resolve(ctx.cwd, dbOption) : kb.defaultDbPath();
    const dataDir = kb.defaultDataDir();

    let bar: ReturnType<typeof ctx.progress> | undefined;
    try {
      const r = kb.ensureDatabase(dataDir, dbPath, {
        onProgress: (done, total) => {
          bar ??= ctx.progress('opis: building the database', total);
          bar.update(done);
        },
      });
      bar?.finish(r.built ? `built ${dbPath}` : 'done');
    } catch (err) {
      const problems = (err as { problems?: DatasetProblem[] }).problems;
      const first = problems?.[0];
      if (first) {
        for (const p of (problems ?? []).slice(1, 20))
          say(`opis: ${p.file}:${p.line}:${p.column}: ${p.message}`);
        throw new UserError(`serve: data/ does not compile: ${first.message}`, {
          file: first.file,
          line: first.line,
          column: first.column,
        });
      }
      throw err;
    }

    const webDir = server.defaultWebDir();
    if (ctx.values['no-build'] !== true) {
      const b = await server.ensureWebBuild({
        log: (chunk) => ctx.stderr.write(chunk),
        onBuild: (reason) => say(`opis: building the web app (${reason})...`),
      });
      if (!b.ok) say(`opis: warning: ${b.reason}; serving the API only (pages answer 503 until it is built)`);
    }

    let srv: Awaited<ReturnType<typeof server.startServer>>;
    try {
      srv = await server.startServer({ port, host, dbPath, webDir });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE')
        throw new UserError(`serve: port ${port} on ${host} is in use (try --port 0 for a free one)`);
      if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EACCES')
        throw new UserError(`serve: cannot listen on ${host}:${port} (${e.code})`);
      throw err;
    }
    await ctx.out.line(`opis: serving ${srv.url}`);
    await ctx.out.flush();

    // Stay up until interrupted. The handlers stay registered while closing, so a second
    // signal (Ctrl-C reaches both `npm start` and this process) does not kill it half-way.
    let stop: (s: NodeJS.Signals) => void = () => {};
    const signal = await new Promise<NodeJS.Signals>((done) => {
      stop = done;
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    say(`opis: ${signal}, stopping`);
    await srv.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return 0;
  },
} satisfies Command;
