// Shared by the platform tests: a logger that remembers what it was told, and polling waits.
import { Writable } from 'node:stream';
import type { CommandServices } from '../../commands/types.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { startSlack } from '../../src/platforms/slack/slack-platform.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack-web-api.ts';
import { mulberry32 } from '../helpers/random.ts';
export interface LogEntry {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  obj: Record<string, unknown>;
  msg?: string;
}

const LEVELS: Record<number, LogEntry['level']> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** A real pino Logger (the type the platforms take) that remembers every line it wrote. */
export function memoryLog(): Logger & { entries: LogEntry[]; errors(): LogEntry[] } {
  const entries: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const { level, msg, ...obj } = JSON.parse(line) as { level: number; msg?: string } & Record<string, unknown>;
        entries.push({ level: LEVELS[level] ?? 'info', obj, ...(msg !== undefined ? { msg } : {}) });
      }
      done();
    },
  });
  const log = createLogger('debug', stream);
  return Object.assign(log, { entries, errors: () => entries.filter((e) => e.level === 'error' || e.level === 'fatal') });
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const SLACK_SECRET = 'test-signing-secret-0123456789';

/** The real Bolt app on the real service HTTP server, against a fresh fake Slack; stop() ends all three. */
export async function startSlackOnFake(
  services: CommandServices,
  opts: { users?: FakeSlackOptions['users']; now: () => number },
): Promise<{ fake: FakeSlack; eventsUrl: string; stop(): Promise<void> }> {
  const fake = await startFakeSlack({ ...(opts.users ? { users: opts.users } : {}) });
  const server = new ServiceServer({ port: 0, host: '127.0.0.1' });
  const eventsUrl = `http://127.0.0.1:${await server.listen()}/slack/events`;
  const slack = await startSlack({
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: fake.url, PORT: 0, admins: [] },
    services,
    log: memoryLog(),
    mount: (p, h) => server.mount(p, h),
    now: opts.now,
  });
  return {
    fake,
    eventsUrl,
    async stop() {
      await slack.stop();
      await server.close();
      await fake.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic random strings for fuzzing: command names, junk, Arabic, markup, quotes. */
export function randomCommandLines(seed: number, n: number, names: readonly string[]): string[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const atoms = [
    'iraq',
    'us-strikes',
    'militia-threats',
    '24h',
    '31d',
    '0',
    'daily',
    '25:99',
    'hourly',
    'instant',
    'cron',
    '"0 * * * *"',
    '"',
    "'",
    '“',
    'Asia/Baghdad',
    'Mars/Base',
    'add',
    'edit',
    'remove',
    'list',
    'off',
    'all',
    '(',
    ')',
    'AND',
    'OR',
    'NOT',
    'NEAR/3',
    'title:',
    '*',
    '<b>',
    '&amp;',
    '<!channel>',
    'العراق',
    'انسحاب',
    '🚀',
    '\u202e',
    'https://news.example.com/rss',
    'file:///etc/passwd',
    'http://127.0.0.1/',
    '-',
    '@raqib_bot',
    '\n',
  ];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const head =
      rnd() < 0.8 ? pick(names) : Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => String.fromCharCode(33 + Math.floor(rnd() * 94))).join('');
    const args = Array.from({ length: Math.floor(rnd() * 6) }, () => pick(atoms)).join(rnd() < 0.9 ? ' ' : '');
    lines.push(`/${head}${args ? ` ${args}` : ''}`.slice(0, 300));
  }
  return lines;
}
