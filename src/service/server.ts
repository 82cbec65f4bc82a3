// One HTTP server on PORT for operations and platform callbacks: /healthz, /metrics, and
// whatever the platforms mount (Bolt's HTTPReceiver at /slack/events, the Telegram webhook).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './metrics.ts';
import { silentLogger, type Logger } from '../log.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A named check for /healthz; it throws or returns false when unhealthy. */
export type HealthCheck = () => Promise<boolean | { ok: boolean; detail?: unknown; error?: string }>;

export interface ServiceOptions {
  port: number;
  host?: string;
  metrics?: MetricsRegistry;
  checks?: Record<string, HealthCheck>;
  /** A check slower than this counts as failed (default 2 s). */
  checkTimeoutMs?: number;
  log?: Logger;
}

export class ServiceServer {
  readonly server: Server;
  private readonly mounts: { prefix: string; handler: Handler }[] = [];
  private readonly checks: Record<string, HealthCheck>;
  private readonly log: Logger;

  constructor(private readonly o: ServiceOptions) {
    this.checks = { ...(o.checks ?? {}) };
    this.log = o.log ?? silentLogger;
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e) => {
        this.log.error({ url: req.url, err: (e as Error).message }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      });
    });
    // Slow or stuck clients must not hold sockets forever.
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 15_000;
  }

  /**
   * Routes every request whose path is `prefix` or starts with `prefix/` to `handler`, untouched
   * (body unread, so a platform can verify its signature). Longest prefix wins.
   */
  mount(prefix: string, handler: Handler): void {
    if (!prefix.startsWith('/') || prefix === '/' || prefix.endsWith('/')) throw new Error(`mount prefix must look like /name: got "${prefix}"`);
    if (prefix === '/healthz' || prefix === '/metrics') throw new Error(`${prefix} is reserved`);
    if (this.mounts.some((m) => m.prefix === prefix)) throw new Error(`${prefix} is mounted already`);
    this.mounts.push({ prefix, handler });
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  addCheck(name: string, check: HealthCheck): void {
    this.checks[name] = check;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host ?? '0.0.0.0', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') return this.healthz(req, res);
    if (path === '/metrics') return this.metrics(req, res);
    const m = this.mounts.find((x) => path === x.prefix || path.startsWith(`${x.prefix}/`));
    if (m) return void (await m.handler(req, res));
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  private async healthz(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.methodNotAllowed(res);
    const timeout = this.o.checkTimeoutMs ?? 2_000;
    const results: Record<string, { ok: boolean; detail?: unknown; error?: string }> = {};
    await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const r = await Promise.race([
            check(),
            new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout))),
          ]);
          results[name] = typeof r === 'boolean' ? { ok: r } : r;
        } catch (e) {
          results[name] = { ok: false, error: (e as Error).message };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const ok = Object.values(results).every((r) => r.ok);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify({ ok, checks: results })}\n`);
  }

  private async metrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.methodNotAllowed(res);
    const body = this.o.metrics ? await this.o.metrics.render() : '';
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private methodNotAllowed(res: ServerResponse): void {
    res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' });
    res.end('method not allowed\n');
  }
}
