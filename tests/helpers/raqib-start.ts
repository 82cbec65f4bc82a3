// `raqib start` as a child process, the way the end-to-end tests run it: a free port for its HTTP
// server, a clean environment (PATH, the log level, the port and what the test adds), its log
// collected, a bounded wait for what it should do, and a stop that waits for it to exit. One copy,
// so that every e2e test starts and stops raqib the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN } from './cli.ts';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `fn` every 100 ms until it gives a truthy value; throws naming `what` after the timeout. */
export async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Health {
  status: number;
  body: { ok: boolean; checks: Record<string, { ok: boolean; error?: string; detail?: Record<string, { state: string; reason?: string }> }> };
}

/** GET /healthz; undefined while the server does not answer. */
export async function healthz(port: number): Promise<Health | undefined> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: r.status, body: (await r.json()) as Health['body'] };
  } catch {
    return undefined;
  }
}

export interface RaqibChild {
  child: ChildProcess;
  /** What it has logged so far (stderr; stdout too when asked). */
  readonly log: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export function startRaqib(o: { cwd: string; port: number; env: Record<string, string>; logStdout?: boolean }): RaqibChild {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: o.cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: String(o.port), ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  if (o.logStdout) child.stdout!.on('data', (d) => (log += d));
  return {
    child,
    get log() {
      return log;
    },
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
