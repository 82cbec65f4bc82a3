// Feedback from both platforms becomes data: 👎 pressed under an instant alert on Telegram (a
// callback_query through the real telegraf) and on Slack (a signed block_actions request to the
// real Bolt app) lands in one store, and `raqib feedback export` prints both as JSON Lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { startTelegram, type TelegramPlatform } from '../../src/platforms/telegram/telegram-platform.ts';
import { createTelegramSender } from '../../src/platforms/telegram/telegram-sender.ts';
import { startSlack, type SlackPlatform } from '../../src/platforms/slack/slack-platform.ts';
import { createSlackSender, createSlackWebClient } from '../../src/platforms/slack/slack-sender.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { NOW, openWorld, type World } from '../commands/command-world.ts';
import { composeAlert, slackPress, tgKey, tgPress, type SlackBlock, type TgKey } from '../platforms/button-helpers.ts';
import { memoryLog } from '../platforms/platform-helpers.ts';
import { storeCases } from '../helpers/stores.ts';
import { runCli } from '../helpers/cli.ts';

const SECRET = 'test-signing-secret-0123456789';
const TG_USER = 42;
const SLACK_USER = 'U0EDITOR1';
const CHANNEL = 'C0NEWS001';

let storeUrl = '';
let w: World;
let tgFake: FakeTelegram;
let slackFake: FakeSlack;
let server: ServiceServer;
let tg: TelegramPlatform;
let slack: SlackPlatform;
const log = memoryLog();

beforeAll(async () => {
  const sqlite = storeCases.find((c) => c.name === 'sqlite')!;
  w = await openWorld({}, { ...sqlite, open: async () => sqlite.open().then((o) => ((storeUrl = o.url), o)) });
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 1 });
  tgFake = await startFakeTelegram({ chats: [{ id: TG_USER, type: 'private' }] });
  slackFake = await startFakeSlack({ channels: [{ id: CHANNEL, name: 'news' }], users: [{ id: SLACK_USER, name: 'editor', locale: 'en-US' }] });
  server = new ServiceServer({ port: 0, host: '127.0.0.1' });
  const port = await server.listen();
  tg = startTelegram({
    env: { TELEGRAM_BOT_TOKEN: tgFake.token, TELEGRAM_API_ROOT: tgFake.url, admins: [] },
    services: w.services,
    log,
    buttons: w.buttons,
    now: () => NOW,
  });
  slack = await startSlack({
    env: { SLACK_BOT_TOKEN: slackFake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackFake.url, PORT: 0, admins: [] },
    services: w.services,
    log,
    buttons: w.buttons,
    mount: (p, h) => server.mount(p, h),
    now: () => NOW,
  });
  // 👎 on Telegram.
  const [tgBody] = await composeAlert(w, { platform: 'telegram', chat: String(TG_USER) });
  await createTelegramSender(new Telegram(tgFake.token, { apiRoot: tgFake.url })).send({ to: { platform: 'telegram', chat: String(TG_USER) }, body: tgBody! });
  const sent = tgFake.sent(TG_USER).at(-1)!;
  const keys = (sent.reply_markup as { inline_keyboard: TgKey[][] }).inline_keyboard;
  expect((await tgPress(tgFake, TG_USER, sent.message_id, tgKey(keys, '👎').callback_data, TG_USER)).text).toMatch(/👎 noted/);
  // 👎 on Slack.
  const [slackBody] = await composeAlert(w, { platform: 'slack', chat: CHANNEL });
  await createSlackSender(createSlackWebClient(slackFake.token, slackFake.url)).send({ to: { platform: 'slack', chat: CHANNEL }, body: slackBody! });
  const posted = slackFake.posted(CHANNEL).at(-1)!;
  const pressed = await slackPress(
    { fake: slackFake, eventsUrl: `http://127.0.0.1:${port}/slack/events`, secret: SECRET, channel: CHANNEL, user: SLACK_USER },
    { ts: posted.ts, text: posted.text, blocks: posted.blocks as SlackBlock[] },
    '👎',
  );
  expect(pressed.status).toBe(200);
  for (let i = 0; i < 200 && (await w.feedback.list()).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
});

afterAll(async () => {
  await tg?.stop();
  await slack?.stop();
  await server?.close();
  await tgFake?.close();
  await slackFake?.close();
  await w?.close();
});

const exportLines = async (...args: string[]) => {
  const r = await runCli(['feedback', 'export', ...args], { env: { LOG_LEVEL: 'silent', RAQIB_STORE: storeUrl } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, string>);
};

describe('raqib feedback export', () => {
  it('lists the 👎 given on Telegram and on Slack as JSON Lines in the labelled-file shape', async () => {
    const lines = await exportLines();
    expect(lines.map((l) => l.platform).sort()).toEqual(['slack', 'telegram']);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['topic', 'verdict', 'url', 'title', 'lang', 'platform', 'chat', 'user', 'at']);
      expect(l).toMatchObject({ topic: 'iraq', verdict: 'not-relevant', url: 'https://news.example.com/a1', title: 'Rockets hit Baghdad airport', lang: 'en' });
    }
    expect(lines.find((l) => l.platform === 'slack')).toMatchObject({ chat: CHANNEL, user: SLACK_USER });
    expect(lines.find((l) => l.platform === 'telegram')).toMatchObject({ chat: String(TG_USER), user: String(TG_USER) });
  });

  it('filters by --topic and --since', async () => {
    expect(await exportLines('--topic', 'iraq')).toHaveLength(2);
    expect(await exportLines('--topic', 'us-strikes')).toEqual([]);
    // The presses happened at the tests' fixed NOW, long before the real clock's last day.
    expect(await exportLines('--since', '1d')).toEqual([]);
    expect(await exportLines('--since', '3650d')).toHaveLength(2);
  });

  it('refuses a bad --since or action with the usage, exit 2', async () => {
    const bad = await runCli(['feedback', 'export', '--since', 'soon'], { env: { LOG_LEVEL: 'silent', RAQIB_STORE: storeUrl } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since "soon" is not a duration/);
    const unknown = await runCli(['feedback', 'import'], { env: { LOG_LEVEL: 'silent', RAQIB_STORE: storeUrl } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/usage: raqib feedback export/);
  });
});
