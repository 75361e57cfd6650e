/**
 * A small static file server for the demo, the browser tests and the consumer smoke
 * tests. Listens on 127.0.0.1 only. With `isolated` (the default) every response carries
 * the COOP/COEP headers that make a page cross-origin isolated (SharedArrayBuffer, threads).
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

export interface StaticServerOptions {
  /** URL prefix → directory, e.g. `{ '/': 'demo/public', '/dist/': 'dist' }`; the longest prefix wins. */
  mounts: Record<string, string>;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Send COOP/COEP/CORP headers. @default true */
  isolated?: boolean;
  /** Print one line per request. @default false */
  log?: boolean;
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves files from `mounts`; a directory serves its index.html. */
export async function startStaticServer({ mounts, port = 0, isolated = true, log = false }: StaticServerOptions): Promise<StaticServer> {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)] as const)
    .sort((a, b) => b[0].length - a[0].length);

  const server = createServer((req, res) => {
    const headers: OutgoingHttpHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    const send = (status: number, text: string): void => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    const serve = async (): Promise<void> => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return send(400, 'bad path');
      }
      if (path.includes('\0')) return send(400, 'bad path');
      const mount = table.find(([prefix]) => `${path}/`.startsWith(prefix));
      if (mount === undefined) return send(404, 'not found');
      const [prefix, dir] = mount;
      let file = normalize(join(dir, path.slice(prefix.length - 1)));
      if (file !== dir && !file.startsWith(dir + sep)) return send(403, 'forbidden');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { ...headers, Location: `${path}/` });
          res.end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (info === null || !info.isFile()) return send(404, 'not found');
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    };
    serve()
      .catch((error: unknown) => send(500, String(error)))
      .finally(() => {
        if (log) console.log(`${req.method} ${req.url} → ${res.statusCode}`);
      });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
