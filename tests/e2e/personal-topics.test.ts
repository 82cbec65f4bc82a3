// Personal topics end to end: the real `raqib start` (pipeline, outbox, telegraf) polling a local
// feed server and talking to the fake Telegram Bot API, with two private chats and no admins.
// Chat A adds a topic of its own with /watch; only A sees it in /topics and only A is alerted when
// an article matches it. Chat B, subscribed to a global topic, keeps its own alerts and never
// sees A's topic or its articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/stores.ts';
import { freePort, startRaqib, until as waitFor, type RaqibChild } from '../helpers/raqib-start.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';

const A = 101;
const B = 202;

type Item = { title: string; link: string; publishedMs: number };
const rss = (items: Item[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://example.com/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${new Date(i.publishedMs).toUTCString()}</pubDate><description>${i.title}</description></item>`,
    )
    .join('')}</channel></rss>`;

const until = <T>(what: string, fn: () => T | undefined | false, timeoutMs = 30_000): Promise<T> => waitFor(what, fn, timeoutMs);

describe('personal topics end to end (raqib start, Telegram)', () => {
  let feeds: FeedServer;
  let tg: FakeTelegram;
  let raqib: RaqibChild;
  const dir = tempDir();
  const now = Date.now();
  const backlog: Item = { title: 'Budget talks resume', link: 'https://example.com/budget', publishedMs: now - 3_600_000 };

  /** Sends a command from the chat's own person and waits for the next reply there. */
  async function ask(chat: number, text: string): Promise<string> {
    const before = tg.sent(chat).length;
    await tg.pushMessage({ chatId: chat, text, from: { id: chat, language_code: 'en' } });
    return (await until(`the reply to ${text}`, () => tg.sent(chat)[before])).text;
  }

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.serve('/wire.xml', rss([backlog]), { contentType: 'application/rss+xml' });
    tg = await startFakeTelegram({
      chats: [
        { id: A, type: 'private' },
        { id: B, type: 'private' },
      ],
    });
    writeFileSync(
      join(dir.dir, 'raqib.yaml'),
      [
        'feeds:',
        `  - { url: "${feeds.url('/wire.xml')}", name: Wire, interval: 1s }`,
        'topics:',
        "  - { id: iraq, name: Iraq, query: 'iraq OR baghdad' }",
        'subscriptions:',
        `  - { topic: iraq, platform: telegram, chat: "${B}", mode: instant }`,
        'settings:',
        '  defaultPack: false',
        '  batchWindow: 1s',
      ].join('\n'),
    );
    raqib = startRaqib({
      cwd: dir.dir,
      port: await freePort(),
      env: { RAQIB_STORE: `sqlite://${join(dir.dir, 'raqib.sqlite')}`, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url },
    });
    await until('the first poll', () => feeds.hits('/wire.xml').length > 0 && raqib.log.includes('raqib started'), 60_000);
  }, 90_000);

  afterAll(async () => {
    await raqib?.stop();
    await Promise.allSettled([feeds?.close(), tg?.close()]);
    dir.remove();
  });

  it("A's topic is A's alone: in A's /topics, not B's, and its alert goes to A only", async () => {
    expect(await ask(A, '/watch add bitcoin bitcoin OR بيتكوين confirm')).toContain('Watching "bitcoin" for this chat only');
    expect(await ask(A, '/topics')).toContain('bitcoin');
    const topicsB = await ask(B, '/topics');
    expect(topicsB).toContain('iraq');
    expect(topicsB).not.toContain('bitcoin');
    expect(await ask(B, '/digest bitcoin')).toContain('Unknown topic');

    const btc: Item = { title: 'Bitcoin tops a record MARKBTC771', link: 'https://example.com/btc', publishedMs: now };
    const iraq: Item = { title: 'Baghdad hosts talks MARKIRQ552', link: 'https://example.com/iraq', publishedMs: now };
    feeds.serve('/wire.xml', rss([btc, iraq, backlog]), { contentType: 'application/rss+xml' });
    const alert = await until("A's alert", () => tg.sent(A).find((m) => m.text.includes('MARKBTC771')));
    // Named by the id A gave it, never by the id that names A's chat inside raqib.
    expect(alert.text).not.toContain(`~${A}~`);
    await until("B's alert for its own topic", () => tg.sent(B).find((m) => m.text.includes('MARKIRQ552')));
    // A few more polls and the batch window: nothing else arrives for either chat.
    const polls = feeds.hits('/wire.xml').length;
    await until('three more polls', () => feeds.hits('/wire.xml').length >= polls + 3, 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(tg.sent(B).some((m) => m.text.includes('MARKBTC771'))).toBe(false);
    expect(tg.sent(A).some((m) => m.text.includes('MARKIRQ552'))).toBe(false);
    expect(raqib.log).not.toMatch(/"level":50/);
  }, 120_000);
});
