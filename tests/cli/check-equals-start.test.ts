// `raqib check` is `raqib start` minus starting: every refusal of start, run through check, is
// refused by check with the same words. And `check --online` tries the tokens and the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';

const TG = '123456:ABCdef_ghi';
const HOOK = { TELEGRAM_BOT_TOKEN: TG, TELEGRAM_WEBHOOK_SECRET: 'right_secret-1' };

/** Everything start refuses before it starts: the environment, the config file, and their rules. */
const REFUSALS: { name: string; env?: Record<string, string>; config?: string; words: RegExp }[] = [
  { name: 'a webhook URL without a path', env: { ...HOOK, TELEGRAM_WEBHOOK_URL: 'https://my.host' }, words: /TELEGRAM_WEBHOOK_URL.*needs a path of its own/ },
  { name: 'a webhook URL with only a slash', env: { ...HOOK, TELEGRAM_WEBHOOK_URL: 'https://my.host/' }, words: /needs a path of its own/ },
  { name: 'an http:// webhook URL', env: { ...HOOK, TELEGRAM_WEBHOOK_URL: 'http://my.host/hook' }, words: /TELEGRAM_WEBHOOK_URL.*must be an https:\/\/ URL/ },
  { name: 'a webhook URL that is no URL', env: { ...HOOK, TELEGRAM_WEBHOOK_URL: 'my.host/hook' }, words: /TELEGRAM_WEBHOOK_URL.*http\(s\) URL/ },
  {
    name: 'a webhook without its secret',
    env: { TELEGRAM_BOT_TOKEN: TG, TELEGRAM_WEBHOOK_URL: 'https://my.host/hook' },
    words: /TELEGRAM_WEBHOOK_SECRET.*required/,
  },
  { name: 'a Slack token without a signing secret', env: { SLACK_BOT_TOKEN: 'xoxb-1-2' }, words: /SLACK_SIGNING_SECRET.*required/ },
  { name: 'a malformed Telegram token', env: { TELEGRAM_BOT_TOKEN: 'nope' }, words: /TELEGRAM_BOT_TOKEN.*Bot API token/ },
  { name: 'a malformed Slack token', env: { SLACK_BOT_TOKEN: 'bot-token', SLACK_SIGNING_SECRET: 'abcdefgh12' }, words: /SLACK_BOT_TOKEN/ },
  { name: 'a store URL of an unknown kind', env: { RAQIB_STORE: 'mysql://x' }, words: /RAQIB_STORE.*sqlite:\/\/ or redis:\/\// },
  { name: 'a sqlite store without a path', env: { RAQIB_STORE: 'sqlite://' }, words: /RAQIB_STORE.*needs a file path/ },
  { name: 'a port that is not a number', env: { PORT: 'eighty' }, words: /PORT/ },
  { name: 'an admin that is not platform:user', env: { RAQIB_ADMINS: 'bogus' }, words: /RAQIB_ADMINS/ },
  { name: 'an unknown log level', env: { LOG_LEVEL: 'loud' }, words: /LOG_LEVEL/ },
  { name: 'a config that is not YAML', config: 'feeds: [\n', words: /raqib\.yaml/ },
  {
    name: 'a subscription to an unknown topic, in an unknown mode',
    config: 'feeds: []\nsubscriptions:\n  - { topic: nope, platform: telegram, chat: "1", mode: sometimes }\n',
    words: /unknown topic "nope"[^]*|"sometimes" is not a mode/,
  },
];

/** start, which must refuse: a start that began running fails the test instead of hanging it. */
async function refusedStart(env: Record<string, string>, cwd: string) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('start did not refuse: it is running')), 15_000)));
  try {
    return await Promise.race([runCli(['start'], { env, cwd }), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('check refuses whatever start refuses, in the same words', () => {
  it.each(REFUSALS)(
    '$name',
    async ({ env, config, words }) => {
      const dir = tempDir();
      try {
        writeFileSync(join(dir.dir, 'raqib.yaml'), config ?? 'feeds: []\n');
        const e = { LOG_LEVEL: 'silent', RAQIB_STORE: `sqlite://${join(dir.dir, 's.sqlite')}`, ...env };
        const start = await refusedStart(e, dir.dir);
        const check = await runCli(['check'], { env: e, cwd: dir.dir });
        expect(start.code).toBe(2);
        expect(start.stderr).toMatch(words);
        expect(check.code).toBe(2);
        expect(check.stderr).toBe(start.stderr);
      } finally {
        dir.remove();
      }
    },
    30_000,
  );
});

describe('raqib check --online', () => {
  let tg: FakeTelegram;
  let slack: FakeSlack;
  const dir = tempDir();
  let env: Record<string, string>;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    slack = await startFakeSlack();
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    env = {
      LOG_LEVEL: 'silent',
      RAQIB_STORE: `sqlite://${join(dir.dir, 's.sqlite')}`,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'e2e-signing-secret-123',
      SLACK_API_URL: slack.url,
    };
  });
  afterAll(async () => {
    await Promise.allSettled([tg?.close(), slack?.close()]);
    dir.remove();
  });

  it('says what works: the store and both tokens', async () => {
    const r = await runCli(['check', '--online'], { env, cwd: dir.dir });
    expect(r.stdout).toMatch(/store: ok \(sqlite/);
    expect(r.stdout).toContain('telegram: ok (@raqib_bot)');
    expect(r.stdout).toMatch(/slack: ok/);
    expect(r.code).toBe(0);
  });

  it('names a refused token and an unreachable store, and exits 1', async () => {
    tg.refusing = true;
    try {
      const r = await runCli(['check', '--online'], { env: { ...env, SLACK_BOT_TOKEN: 'xoxb-revoked', RAQIB_STORE: 'redis://127.0.0.1:1' }, cwd: dir.dir });
      expect(r.stdout).toMatch(/telegram: FAILED auth refused: telegram getMe: Unauthorized/);
      expect(r.stdout).toMatch(/slack: FAILED auth refused: slack auth.test: invalid_auth/);
      expect(r.stdout).toMatch(/store: FAILED/);
      expect(r.code).toBe(1);
    } finally {
      tg.refusing = false;
    }
  }, 30_000);

  it('stays offline without --online', async () => {
    const r = await runCli(['check'], { env: { ...env, RAQIB_STORE: 'redis://127.0.0.1:1' }, cwd: dir.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('online:');
  });
});
