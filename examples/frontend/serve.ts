/**
 * A static file server for the built frontend example, on an origin of its own (another port than
 * the gateway's), as a frontend's dev server would be. `npm run example:frontend` builds the page and
 * serves it at http://localhost:3999/ (`FRONTEND_PORT`); the gateway must list that origin in
 * `CORS_ORIGINS`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { buildFrontend, FRONTEND_DIR } from './build';

/** A running {@link serveStatic} server. */
export interface StaticServer {
  /** `http://<host>:<port>`: the page's origin. */
  readonly origin: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Module-private: the types of what the build writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the files of `root` (GET and HEAD; `/` is `index.html`) on `host:port` (port 0: any free one). */
export async function serveStatic(root: string, options: { port?: number; host?: string } = {}): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileOf(base, req.url ?? '/');
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    origin: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * Module-private: the file a request path names, or undefined when it names none: only files
 * inside the build folder, so `..` segments (even percent-encoded) cannot climb out.
 */
function fileOf(base: string, url: string): string | undefined {
  const pathname = new URL(url, 'http://page').pathname;
  let decoded: string;
  try {
    decoded = pathname === '/' ? '/index.html' : decodeURIComponent(pathname);
  } catch {
    return undefined; // Malformed percent-encoding (`%E0`).
  }
  const file = resolve(base, `.${decoded}`);
  return file.startsWith(base + sep) ? file : undefined;
}

/** Module-private: `npm run example:frontend`. */
async function main(): Promise<void> {
  const port = Number(process.env.FRONTEND_PORT ?? 3999);
  const gatewayUrl = process.env.FRONTEND_GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const outdir = join(FRONTEND_DIR, 'dist');
  await buildFrontend({ outdir, gatewayUrl, apiKey: process.env.FRONTEND_API_KEY });
  await serveStatic(outdir, { port });
  // The browser's origin is the host typed in its address bar: localhost and 127.0.0.1 are two origins.
  console.log(`Frontend example: http://localhost:${port}/ (calls ${gatewayUrl})`);
  console.log(`Start the gateway so that it lets this page in:  CORS_ORIGINS=http://localhost:${port} npm start`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
