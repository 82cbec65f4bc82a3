// A local feed host with real sockets on 127.0.0.1:0 that misbehaves the way the web does:
// ETag/Last-Modified with 304s, redirect chains, slow and huge responses, wrong charsets,
// connections dropped mid-body, gzip/deflate/br bodies. Every request is logged so tests can
// assert what the client sent (conditional headers, User-Agent, Accept-Encoding).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';

export interface LoggedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface StaticOptions {
  contentType?: string;
  /** Serve an ETag and answer If-None-Match with 304. */
  etag?: string;
  /** Serve Last-Modified and answer If-Modified-Since with 304. */
  lastModified?: string;
  encoding?: 'gzip' | 'deflate' | 'br';
  status?: number;
  headers?: Record<string, string>;
}

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly requests: LoggedRequest[];
  url(path: string): string;
  /** Requests made to one path. */
  hits(path: string): LoggedRequest[];
  route(path: string, handler: Handler): void;
  /** A document with optional validators and content encoding. */
  serve(path: string, body: string | Buffer, opts?: StaticOptions): void;
  /** `path` answers `status` with Location `to` (relative or absolute). */
  redirect(path: string, to: string, status?: number): void;
  /** Sends headers (and `head` of the body), then waits `ms` before finishing. */
  slow(path: string, ms: number, body: string, head?: string): void;
  /** Streams `bytes` of filler, optionally declaring Content-Length. */
  huge(path: string, bytes: number, declareLength?: boolean): void;
  /** Sends headers and part of the body, then destroys the socket. */
  drop(path: string, partial: string): void;
  close(): Promise<void>;
}

function encode(body: Buffer, encoding: StaticOptions['encoding']): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body);
  if (encoding === 'deflate') return zlib.deflateSync(body);
  if (encoding === 'br') return zlib.brotliCompressSync(body);
  return body;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const api: FeedServer = {
    origin,
    port,
    requests,
    url: (path) => `${origin}${path}`,
    hits: (path) => requests.filter((r) => r.path === path),
    route: (path, handler) => void routes.set(path, handler),
    serve(path, body, opts = {}) {
      const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      const payload = encode(raw, opts.encoding);
      routes.set(path, (req, res) => {
        const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/rss+xml; charset=utf-8', ...opts.headers };
        if (opts.etag) headers.etag = opts.etag;
        if (opts.lastModified) headers['last-modified'] = opts.lastModified;
        const inm = req.headers['if-none-match'];
        const ims = req.headers['if-modified-since'];
        if ((opts.etag && inm === opts.etag) || (!opts.etag && opts.lastModified && ims === opts.lastModified)) {
          res.writeHead(304, headers).end();
          return;
        }
        if (opts.encoding) headers['content-encoding'] = opts.encoding;
        headers['content-length'] = String(payload.length);
        res.writeHead(opts.status ?? 200, headers).end(payload);
      });
    },
    redirect(path, to, status = 302) {
      routes.set(path, (_req, res) => void res.writeHead(status, { location: to }).end());
    },
    slow(path, ms, body, head = '') {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        if (head) res.write(head);
        const t = setTimeout(() => res.end(body), ms);
        res.on('close', () => clearTimeout(t));
      });
    },
    huge(path, bytes, declareLength = false) {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < bytes) {
            const n = Math.min(chunk.length, bytes - sent);
            sent += n;
            if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
      });
    },
    drop(path, partial) {
      routes.set(path, (req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(partial.length * 4) });
        res.write(partial, () => setTimeout(() => req.socket.destroy(), 20));
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
