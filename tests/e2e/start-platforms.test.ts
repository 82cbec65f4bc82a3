// The whole bot as users meet it: `raqib start` as a child process, talking to the fake Telegram
// Bot API and Slack Web API over real sockets, polling a real local feed server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDIS_URL, tempDir } from '../helpers/stores.ts';
import { freePort, healthz, startRaqib, until, type RaqibChild } from '../helpers/raqib-start.ts';
import { createClient } from '@keyv/redis';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { startFakeSlack, sendSlashCommand, type FakeSlack } from '../fakes/slack-web-api.ts';

const SIGNING_SECRET = 'e2e-signing-secret-123';

function rss(items: { title: string; link: string; description: string }[]): string {
  const now = new Date().toUTCString();
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${now}</pubDate><description>${i.description}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>${body}</channel></rss>`;
}

const OLD = {
  title: 'Parliament in Baghdad debates the budget',
  link: 'https://wire.example.com/budget',
  description: 'Iraqi lawmakers argued over provincial shares.',
};
const NEW = {
  title: 'US strikes Kataib Hezbollah depots in Iraq after drone attack &lt;!channel&gt;',
  link: 'https://wire.example.com/us-strikes',
  description:
    'American jets struck weapons depots of the Iran-backed militia near Al-Qaim in western Iraq, the Pentagon said, in retaliation for a drone attack on US troops.',
};

// SQLite, and Redis when REDIS_URL is set (there Telegram polling waits for the leader lock). The
// Redis case uses database 9 of the server, emptied first, so runs never see each other's state.
const STORES = [
  { name: 'sqlite', skip: false },
  { name: 'redis', skip: !REDIS_URL },
] as const;

describe.each(STORES)('raqib start with Telegram and Slack ($name)', ({ name, skip }) => {
  let feeds: FeedServer;
  let tg: FakeTelegram;
  let slack: FakeSlack;
  let raqib: RaqibChild;
  let port: number;
  const dir = tempDir();

  beforeAll(async () => {
    if (skip) return;
    let storeUrl = `sqlite://${join(dir.dir, 'raqib.sqlite')}`;
    if (name === 'redis') {
      storeUrl = `${REDIS_URL!.replace(/\/\d+$/, '')}/9`;
      const client = createClient({ url: storeUrl });
      await client.connect();
      await client.flushDb();
      await client.close();
    }
    feeds = await startFeedServer();
    feeds.serve('/wire.xml', rss([OLD]), { contentType: 'application/rss+xml' });
    tg = await startFakeTelegram({ chats: [{ id: 42, type: 'private' }] });
    slack = await startFakeSlack({ channels: [{ id: 'C0NEWS', name: 'news' }], users: [{ id: 'U1', name: 'amal' }] });
    port = await freePort();
    writeFileSync(
      join(dir.dir, 'raqib.yaml'),
      [
        'feeds:',
        `  - url: ${feeds.url('/wire.xml')}`,
        '    name: Wire',
        '    interval: 1s',
        'subscriptions:',
        '  - { topic: us-strikes, platform: telegram, chat: "42", mode: instant }',
        '  - { topic: us-strikes, platform: slack, chat: C0NEWS, mode: instant }',
      ].join('\n'),
    );
    raqib = startRaqib({
      cwd: dir.dir,
      port,
      env: {
        RAQIB_STORE: storeUrl,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.url,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
      },
    });
    await until('the HTTP server', async () => (await healthz(port))?.status === 200);
    // The first poll stores the backlog without alerting.
    await until('the first poll', () => feeds.hits('/wire.xml').length > 0);
  }, 60_000);

  afterAll(async () => {
    if (skip) return dir.remove();
    await raqib?.stop();
    await Promise.allSettled([feeds?.close(), tg?.close(), slack?.close()]);
    dir.remove();
  });

  it.skipIf(skip)('answers /healthz and /metrics', async () => {
    const h = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(h.status).toBe(200);
    // The feed label appears once the first poll has counted items: wait for it (bounded).
    let m = '';
    for (let i = 0; i < 100 && !/raqib_items_fetched_total\{feed="Wire"\}/.test(m); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      m = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    }
    expect(m).toMatch(/raqib_items_fetched_total\{feed="Wire"\}/);
  });

  it.skipIf(skip)(
    'alerts a new matching item once on both platforms, escaped, and never the backlog',
    async () => {
      feeds.serve('/wire.xml', rss([NEW, OLD]), { contentType: 'application/rss+xml' });
      const tgMsg = await until('the Telegram alert', () => tg.sent(42).find((m) => m.text.includes('Kataib')), 30_000);
      const slackMsg = await until(
        'the Slack alert',
        () => slack.posted('C0NEWS').find((m) => m.text.includes('Kataib') || JSON.stringify(m.blocks).includes('Kataib')),
        30_000,
      );
      expect(tgMsg.parse_mode).toBe('HTML');
      expect(tgMsg.text).toContain('<!channel>'); // shown as text …
      expect(tgMsg.source).not.toMatch(/<!channel>/); // … because it was escaped
      expect(JSON.stringify(slackMsg)).not.toContain('<!channel>');
      // Both alerts carry the buttons; a 👎 pressed on Telegram is answered by the running bot.
      const keys = (tgMsg.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
      expect(keys.map((k) => k.text)).toEqual(expect.arrayContaining(['👍', '👎']));
      expect(JSON.stringify(slackMsg.blocks)).toMatch(/"type":"actions".*"👍".*"👎"/);
      const update = await tg.pushCallbackQuery({ chatId: 42, messageId: tgMsg.message_id, data: keys.find((k) => k.text === '👎')!.callback_data, from: 42 });
      const answer = await until(
        'the callback answer',
        () => tg.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === update.callback_query!.id),
        10_000,
      );
      expect(String(answer.params.text)).toMatch(/👎 noted/);
      // Polling goes on; the same item is never alerted again.
      const polls = feeds.hits('/wire.xml').length;
      await until('two more polls', () => feeds.hits('/wire.xml').length >= polls + 2, 15_000);
      expect(tg.sent(42).filter((m) => m.text.includes('Kataib'))).toHaveLength(1);
      expect(tg.sent(42).some((m) => m.text.includes('budget'))).toBe(false);
    },
    60_000,
  );

  it.skipIf(skip)(
    'answers /digest iraq on Telegram',
    async () => {
      const before = tg.sent(42).length;
      await tg.pushMessage({ chatId: 42, text: '/digest iraq', from: 42 });
      const reply = await until('the digest reply', () =>
        tg
          .sent(42)
          .slice(before)
          .find((m) => /Iraq/.test(m.text)),
      );
      expect(reply.text).toMatch(/Kataib|budget/);
    },
    30_000,
  );

  it.skipIf(skip)(
    'answers a signed Slack /digest and refuses a forged one',
    async () => {
      const ok = await sendSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        { command: '/digest', text: 'us-strikes', channel_id: 'C0NEWS', user_id: 'U1', response_url: slack.responseUrl('e2e') },
        { signingSecret: SIGNING_SECRET },
      );
      expect(ok.status).toBe(200);
      const res = await until('the respond() call', () => slack.responses('e2e')[0]);
      expect(JSON.stringify(res.body)).toContain('Kataib');
      const forged = await sendSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        { command: '/digest', text: 'iraq', channel_id: 'C0NEWS', user_id: 'U1', response_url: slack.responseUrl('forged') },
        { signingSecret: 'not-the-secret' },
      );
      expect(forged.status).toBe(401);
    },
    30_000,
  );

  it.skipIf(skip)('logs no secrets', () => {
    expect(raqib.log).not.toContain(tg.token);
    expect(raqib.log).not.toContain(SIGNING_SECRET);
  });
});
