import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on loopback; port 0 picks a free port (the headless runner and tests use that). */
export function listen(app: Hono, port: number, hostname = '127.0.0.1', tls?: { key: Buffer; cert: Buffer }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      const options = { fetch: app.fetch, port, hostname, ...(tls ? { createServer: https.createServer, serverOptions: { key: tls.key, cert: tls.cert } } : {}) };
      server = serve(options, (info: AddressInfo) => {
        const host = hostname === '127.0.0.1' || hostname === '0.0.0.0' ? 'localhost' : hostname;
        resolve({
          url: `${tls ? 'https' : 'http'}://${host}:${info.port}/`,
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    } catch (err) {
      reject(err);
      return;
    }
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`Port ${port} is already in use: set PORT to a free port (e.g. PORT=8788 npm start).`));
      else reject(err);
    });
  });
}
