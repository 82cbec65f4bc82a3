// "Never silent", end to end: the real `raqib start` (real pipeline, story index, outbox, telegraf
// and Bolt's WebClient) polling two outlets on a local feed server, posting to the fake Telegram
// Bot API and Slack Web API. Two outlets' reports of one strike — one Arabic, one English — give
// one alert and one follow-up threaded under it; a second attack on another base the next day
// gives its own alert; on both platforms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/stores.ts';
import { freePort, startRaqib, until as waitFor, type RaqibChild } from '../helpers/raqib-start.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import type { DeliveredMessage } from '../fakes/telegram-state.ts';
import type { PostedMessage } from '../fakes/slack-world.ts';
import { REPORTS, type Report } from './follow-up-reports.ts';

const DAY = 86_400_000;

function rss(title: string, items: (Report & { publishedMs: number })[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${new Date(i.publishedMs).toUTCString()}</pubDate><description>${i.text}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.com/</link>${body}</channel></rss>`;
}

// Waits here default to 30 s: two outlets, a story index and two platforms take their time.
const until = <T>(what: string, fn: () => T | undefined | false, timeoutMs = 30_000): Promise<T> => waitFor(what, fn, timeoutMs);

const slackText = (m: PostedMessage) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('follow-ups end to end (raqib start, Telegram and Slack)', () => {
  let feeds: FeedServer;
  let tg: FakeTelegram;
  let slack: FakeSlack;
  let raqib: RaqibChild;
  const dir = tempDir();
  const now = Date.now();
  // The first strike happened yesterday; the second attack today.
  const yesterday = now - DAY;

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.serve('/a.xml', rss('Outlet A', [{ ...REPORTS.backlogA, publishedMs: yesterday - 3_600_000 }]), { contentType: 'application/rss+xml' });
    feeds.serve('/b.xml', rss('Outlet B', [{ ...REPORTS.backlogB, publishedMs: yesterday - 3_600_000 }]), { contentType: 'application/rss+xml' });
    tg = await startFakeTelegram({ chats: [{ id: 42, type: 'private' }] });
    slack = await startFakeSlack({ channels: [{ id: 'C0NEWS', name: 'news' }] });
    writeFileSync(
      join(dir.dir, 'raqib.yaml'),
      [
        'feeds:',
        `  - { url: "${feeds.url('/a.xml')}", name: Outlet A, interval: 1s }`,
        `  - { url: "${feeds.url('/b.xml')}", name: Outlet B, interval: 1s }`,
        'topics:',
        `  - { id: strikes, name: Strikes, query: '${REPORTS.query}' }`,
        'subscriptions:',
        '  - { topic: strikes, platform: telegram, chat: "42", mode: instant }',
        '  - { topic: strikes, platform: slack, chat: C0NEWS, mode: instant }',
        'settings:',
        '  batchWindow: 1s',
      ].join('\n'),
    );
    const port = await freePort();
    raqib = startRaqib({
      cwd: dir.dir,
      port,
      env: {
        RAQIB_STORE: `sqlite://${join(dir.dir, 'raqib.sqlite')}`,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.url,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: 'e2e-follow-ups-secret',
        SLACK_API_URL: slack.url,
      },
    });
    // The first poll of each feed stores its backlog without alerting.
    await until('the first polls', () => feeds.hits('/a.xml').length > 0 && feeds.hits('/b.xml').length > 0 && raqib.log.includes('raqib started'), 60_000);
    await new Promise((r) => setTimeout(r, 1_500));
  }, 90_000);

  afterAll(async () => {
    await raqib?.stop();
    await Promise.allSettled([feeds?.close(), tg?.close(), slack?.close()]);
    dir.remove();
  });

  it('one alert, one threaded follow-up from the other outlet and language, and its own alert for a second attack', async () => {
    const { strikeA, strikeB, secondAttack } = REPORTS;
    // Outlet A reports the strike: the alert.
    feeds.serve(
      '/a.xml',
      rss('Outlet A', [
        { ...strikeA, publishedMs: yesterday },
        { ...REPORTS.backlogA, publishedMs: yesterday - 3_600_000 },
      ]),
      { contentType: 'application/rss+xml' },
    );
    const tgAlert = await until('the Telegram alert', () => tg.sent(42).find((m) => m.text.includes(strikeA.marker)));
    const slackAlert = await until('the Slack alert', () => slack.posted('C0NEWS').find((m) => slackText(m).includes(strikeA.marker)));
    expect(tgAlert.reply_to_message_id).toBeUndefined();
    expect(slackAlert.thread_ts).toBeUndefined();

    // Outlet B's report of the same strike in the other language: a follow-up under the alert.
    feeds.serve(
      '/b.xml',
      rss('Outlet B', [
        { ...strikeB, publishedMs: yesterday + 1_800_000 },
        { ...REPORTS.backlogB, publishedMs: yesterday - 3_600_000 },
      ]),
      { contentType: 'application/rss+xml' },
    );
    const tgFollow = await until('the Telegram follow-up', () => tg.sent(42).find((m) => m.text.includes(strikeB.marker)));
    const slackFollow = await until('the Slack follow-up', () => slack.posted('C0NEWS').find((m) => slackText(m).includes(strikeB.marker)));
    expect(tgFollow.reply_to_message_id).toBe(tgAlert.message_id);
    expect(slackFollow.thread_ts).toBe(slackAlert.ts);
    for (const text of [tgFollow.text, slackText(slackFollow)]) {
      expect(text).toContain('Follow-up');
      expect(text).toContain('Outlet B');
      expect(text).toContain(` · ${strikeB.lang}`);
      // What is new: a higher toll than the alert's.
      expect(text).toMatch(/wounded: \u2068?4/);
    }

    // A second attack, on another base, the next day: its own alert, not a follow-up.
    feeds.serve(
      '/a.xml',
      rss('Outlet A', [
        { ...secondAttack, publishedMs: now },
        { ...strikeA, publishedMs: yesterday },
        { ...REPORTS.backlogA, publishedMs: yesterday - 3_600_000 },
      ]),
      { contentType: 'application/rss+xml' },
    );
    const tgSecond = await until('the second Telegram alert', () => tg.sent(42).find((m) => m.text.includes(secondAttack.marker)));
    const slackSecond = await until('the second Slack alert', () => slack.posted('C0NEWS').find((m) => slackText(m).includes(secondAttack.marker)));
    expect(tgSecond.reply_to_message_id).toBeUndefined();
    expect(tgSecond.text).not.toContain('Follow-up');
    expect(slackSecond.thread_ts).toBeUndefined();

    // A few more polls: nothing else arrives (no repeat, no follow-up of the alert's own article).
    const polls = feeds.hits('/a.xml').length;
    await until('three more polls', () => feeds.hits('/a.xml').length >= polls + 3, 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const count = (msgs: (DeliveredMessage | PostedMessage)[]) => msgs.length;
    expect(
      count(tg.sent(42)),
      tg
        .sent(42)
        .map((m) => m.text)
        .join('\n---\n'),
    ).toBe(3);
    expect(count(slack.posted('C0NEWS')), slack.posted('C0NEWS').map(slackText).join('\n---\n')).toBe(3);
    expect(raqib.log).not.toMatch(/"level":50/);
  }, 120_000);
});
