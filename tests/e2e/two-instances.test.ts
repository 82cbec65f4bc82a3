// Two real `raqib start` processes on one Redis, with an accelerated digest schedule: every slot's
// digest reaches the chat once, and only one process long-polls Telegram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { BIN } from '../helpers/cli.ts';
import { REDIS_URL, tempDir } from '../helpers/stores.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';

const SLOT_S = 4;

describe.skipIf(!REDIS_URL)('two raqib start processes on one Redis', () => {
  let feeds: FeedServer;
  let tg: FakeTelegram;
  const children: ChildProcess[] = [];
  const dir = tempDir();
  let storeUrl = '';

  beforeAll(async () => {
    storeUrl = `${REDIS_URL!.replace(/\/\d+$/, '')}/10`;
    const client = createClient({ url: storeUrl });
    await client.connect();
    await client.flushDb();
    await client.close();
    feeds = await startFeedServer();
    // A wire that publishes a new Iraq item every second, so every digest slot has news.
    const started = Date.now();
    feeds.route('/wire.xml', (_req, res) => {
      const n = 1 + Math.floor((Date.now() - started) / 1000);
      const items = Array.from({ length: n }, (_, i) => {
        const at = new Date(started + i * 1000).toUTCString();
        return `<item><title>Iraqi parliament session ${i} in Baghdad</title><link>https://w.example/${i}</link><pubDate>${at}</pubDate><description>Iraq budget talks, round ${i}.</description></item>`;
      });
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<rss version="2.0"><channel><title>W</title>${items.reverse().join('')}</channel></rss>`);
    });
    tg = await startFakeTelegram({ chats: [{ id: 7, type: 'private' }] });
    writeFileSync(
      join(dir.dir, 'raqib.yaml'),
      [
        'feeds:',
        `  - { url: "${feeds.url('/wire.xml')}", interval: 1s }`,
        'subscriptions:',
        `  - { topic: iraq, platform: telegram, chat: "7", mode: 'cron "*/${SLOT_S} * * * * *"', timezone: UTC }`,
      ].join('\n'),
    );
    for (let i = 0; i < 2; i++) {
      children.push(
        spawn(process.execPath, [BIN, 'start'], {
          cwd: dir.dir,
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', RAQIB_STORE: storeUrl, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PORT: '0' },
          stdio: ['ignore', 'ignore', 'pipe'],
        }),
      );
    }
  }, 30_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await Promise.allSettled([feeds?.close(), tg?.close()]);
    dir.remove();
  });

  it('posts each scheduled digest once and keeps one long-poller', async () => {
    // Wait for the first digest, then watch several more slots.
    // Generous: two cold starts on a loaded 2-core machine can take tens of seconds.
    const deadline = Date.now() + 60_000;
    while (tg.sent(7).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(tg.sent(7).length).toBeGreaterThan(0);
    const before = tg.sent(7).length;
    await new Promise((r) => setTimeout(r, SLOT_S * 4 * 1000));
    const digests = tg.sent(7).slice(before);
    // One message per slot: two processes posting one slot would land milliseconds apart.
    const gaps = digests.slice(1).map((m, i) => m.at - digests[i]!.at);
    expect(
      gaps.every((g) => g >= (SLOT_S * 1000) / 2),
      `gaps ${gaps.join(', ')} ms`,
    ).toBe(true);
    expect(digests.length).toBeGreaterThanOrEqual(3);
    expect(digests.length).toBeLessThanOrEqual(5);
    expect(digests[0]!.text).toMatch(/Iraq/);
    // Only one process long-polls (two would make the fake answer 409 Conflict).
    const polls = tg.callsTo('getUpdates');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.filter((c) => c.httpStatus === 409)).toHaveLength(0);
  }, 120_000);
});
