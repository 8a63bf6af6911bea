/** Puts an app on a node:http server, with timeouts and problem answers to unreadable requests. */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { App } from './app.ts';
import { problemUri, titles } from './problem.ts';

export interface Listening {
  /** e.g. `http://127.0.0.1:8080/` */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/`;
}

/** Requests Node itself cannot parse (bad request line, headers over 16 KiB) get a problem too. */
function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const type = status === 414 ? 'uri-too-long' : 'bad-request';
  const body = JSON.stringify({
    type: problemUri(type),
    title: titles[status],
    status,
    detail: status === 431 ? 'the request headers are too large' : 'the request could not be parsed as HTTP',
    instance: '/',
  });
  socket.end(
    `HTTP/1.1 ${status} ${titles[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function listen(app: App, port: number, host = '127.0.0.1'): Promise<Listening> {
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    app.handle,
  );
  server.on('clientError', onClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        url: urlFor(host, actual),
        port: actual,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
