// Shared by the platform tests: a logger that remembers what it was told, and polling waits.
import { mulberry32 } from '../helpers/random.ts';
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: unknown;
  msg?: string;
}

export function memoryLog() {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: unknown, msg?: string) => {
    entries.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  };
  return {
    entries,
    errors: () => entries.filter((e) => e.level === 'error'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic random strings for fuzzing: command names, junk, Arabic, markup, quotes. */
export function randomCommandLines(seed: number, n: number, names: readonly string[]): string[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const atoms = [
    'iraq', 'us-strikes', 'militia-threats', '24h', '31d', '0', 'daily', '25:99', 'hourly', 'instant', 'cron', '"0 * * * *"', '"', "'", '“', 'Asia/Baghdad',
    'Mars/Base', 'add', 'edit', 'remove', 'list', 'off', 'all', '(', ')', 'AND', 'OR', 'NOT', 'NEAR/3', 'title:', '*', '<b>', '&amp;', '<!channel>',
    'العراق', 'انسحاب', '🚀', '\u202e', 'https://news.example.com/rss', 'file:///etc/passwd', 'http://127.0.0.1/', '-', '@raqib_bot', '\n',
  ];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const head = rnd() < 0.8 ? pick(names) : Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => String.fromCharCode(33 + Math.floor(rnd() * 94))).join('');
    const args = Array.from({ length: Math.floor(rnd() * 6) }, () => pick(atoms)).join(rnd() < 0.9 ? ' ' : '');
    lines.push(`/${head}${args ? ` ${args}` : ''}`.slice(0, 300));
  }
  return lines;
}
