// The environment contract (DESIGN.md). This module is the only reader of process.env.
import { z } from 'zod';
import { zodProblems, type Problem } from './problems.ts';

const url = (what: string) =>
  z.string().refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: `${what} must be an http(s) URL` },
  );

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess(blankIsUnset, s.optional());

export const envSchema = z.object({
  SLACK_BOT_TOKEN: opt(z.string().regex(/^xox[a-z]-/, 'must look like a Slack bot token (xoxb-…)')),
  SLACK_SIGNING_SECRET: opt(z.string().min(8, 'too short to be a signing secret')),
  SLACK_APP_TOKEN: opt(z.string().regex(/^xapp-/, 'must look like a Slack app-level token (xapp-…)')),
  SLACK_API_URL: z.preprocess(blankIsUnset, url('SLACK_API_URL').default('https://slack.com/api/')),
  TELEGRAM_BOT_TOKEN: opt(z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like a Bot API token (123456:ABC…)')),
  TELEGRAM_API_ROOT: z.preprocess(blankIsUnset, url('TELEGRAM_API_ROOT').default('https://api.telegram.org')),
  TELEGRAM_WEBHOOK_URL: opt(url('TELEGRAM_WEBHOOK_URL')),
  TELEGRAM_WEBHOOK_SECRET: opt(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z a-z 0-9 _ -')),
  // Plain decimal only: Number() would also take 0x10, 1e3 and 80.0.
  PORT: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535))
      .default(3000),
  ),
  RAQIB_CONFIG: opt(z.string()),
  RAQIB_STORE: z.preprocess(blankIsUnset, z.string().default('sqlite://./data/raqib.sqlite')),
  RAQIB_ADMINS: z.preprocess(blankIsUnset, z.string().default('')),
  LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface Env extends RawEnv {
  admins: AdminRef[];
  /** PORT was given (not the default): run the HTTP server for /healthz and /metrics. */
  portSet: boolean;
  /** RAQIB_STORE was given; otherwise the store is the config's own (src/config/store-path.ts). */
  storeSet: boolean;
}

export interface AdminRef {
  platform: 'slack' | 'telegram' | 'console';
  user: string;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: Problem[] };

/** Validates the environment; every problem is reported, secrets never appear in messages. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): EnvResult {
  const r = envSchema.safeParse(source);
  const problems: Problem[] = r.success ? [] : zodProblems(r.error);
  const admins: AdminRef[] = [];
  const rawAdmins = typeof source.RAQIB_ADMINS === 'string' ? source.RAQIB_ADMINS : '';
  for (const part of rawAdmins
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(slack|telegram|console):([A-Za-z0-9_-]+)$/.exec(part);
    if (m) admins.push({ platform: m[1] as AdminRef['platform'], user: m[2]! });
    else problems.push({ path: 'RAQIB_ADMINS', message: `"${part}" is not platform:user (e.g. slack:U0123,telegram:4242)` });
  }
  // Cross-field rules read the raw values so that they are reported alongside field problems.
  const set = (k: string) => typeof source[k] === 'string' && source[k]!.trim() !== '';
  if (set('TELEGRAM_WEBHOOK_URL') && !set('TELEGRAM_WEBHOOK_SECRET'))
    problems.push({ path: 'TELEGRAM_WEBHOOK_SECRET', message: 'required when TELEGRAM_WEBHOOK_URL is set (webhook calls must be verified)' });
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN'))
    problems.push({ path: 'SLACK_SIGNING_SECRET', message: 'required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set' });
  if (set('TELEGRAM_WEBHOOK_URL')) {
    const hook = webhookUrlProblem(source.TELEGRAM_WEBHOOK_URL!.trim());
    if (hook) problems.push({ path: 'TELEGRAM_WEBHOOK_URL', message: hook });
  }
  if (set('RAQIB_STORE')) {
    const store = storeUrlProblem(source.RAQIB_STORE!.trim());
    if (store) problems.push({ path: 'RAQIB_STORE', message: store });
  }
  if (problems.length > 0 || !r.success) return { ok: false, problems };
  return { ok: true, env: { ...r.data, admins, portSet: set('PORT'), storeSet: set('RAQIB_STORE') } };
}

/**
 * What Telegram and our server need of a webhook URL: HTTPS (Telegram refuses anything else) and
 * a path of its own (it is mounted beside /healthz and /slack/events). Checked here, the one
 * validation path of `raqib check` and `raqib start`.
 */
export function webhookUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined; // the field rule reports "must be an http(s) URL"
  }
  if (u.protocol !== 'https:') return 'must be an https:// URL (Telegram delivers webhooks over HTTPS only)';
  if (u.pathname.replace(/\/+$/, '') === '') return 'needs a path of its own, e.g. https://bot.example.com/telegram/webhook';
  return undefined;
}

/** Why a store URL cannot be opened, checked here so that `raqib check` reports it with the rest. */
function storeUrlProblem(url: string): string | undefined {
  if (url.startsWith('sqlite://'))
    return url.slice('sqlite://'.length).trim() === '' ? 'sqlite:// needs a file path (sqlite://./data/raqib.sqlite)' : undefined;
  if (!/^rediss?:\/\//.test(url)) return 'must start with sqlite:// or redis://';
  try {
    new URL(url);
    return undefined;
  } catch {
    return 'not a valid redis:// URL (redis://[user:password@]host:port[/db])';
  }
}

/** Loads `.env` (if present) into process.env without overriding what is already set. */
export async function loadDotenv(path = '.env'): Promise<void> {
  const dotenv = await import('dotenv');
  dotenv.config({ path, quiet: true });
}
