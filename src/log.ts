// Structured logs (pino) to stderr, so stdout stays for digests and command output. Secrets are
// redacted by key and scrubbed from strings (telegraf error messages carry the bot token in URLs).
import pino, { type Logger } from 'pino';

export type { Logger };

const SECRET_PATTERNS: RegExp[] = [
  /bot\d{3,}:[A-Za-z0-9_-]{20,}/g, // Telegram bot token in an API URL
  /\d{6,}:[A-Za-z0-9_-]{30,}/g, // bare Telegram token
  /xox[abposr]-[A-Za-z0-9-]{8,}/g, // Slack tokens
  /xapp-[A-Za-z0-9-]{8,}/g,
  /(redis(?:s)?:\/\/[^:@/\s]*:)[^@\s]+@/g, // password in a Redis URL
];

/** Removes anything that looks like a secret from a string. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) out = out.replace(re, (m, p1?: string) => (typeof p1 === 'string' && m.startsWith(p1) ? `${p1}***@` : '[redacted]'));
  return out;
}

const REDACT = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  'env.SLACK_BOT_TOKEN',
  'env.SLACK_SIGNING_SECRET',
  'env.SLACK_APP_TOKEN',
  'env.TELEGRAM_BOT_TOKEN',
  'env.TELEGRAM_WEBHOOK_SECRET',
];

export function createLogger(level: string, destination: NodeJS.WritableStream | number = 2): Logger {
  return pino(
    {
      level,
      base: { app: 'raqib' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        err: (e: unknown) => {
          const s = pino.stdSerializers.err(e as Error);
          return { ...s, message: scrubSecrets(String(s.message ?? '')), stack: s.stack ? scrubSecrets(s.stack) : undefined };
        },
      },
      hooks: {
        logMethod(args, method) {
          // Scrub free-text messages too: a secret may arrive inside an error string.
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : (destination as pino.DestinationStream),
  );
}

/** A logger that writes nothing: the default where a part may be given none (tests, tools). */
export const silentLogger: Logger = pino({ level: 'silent' });
