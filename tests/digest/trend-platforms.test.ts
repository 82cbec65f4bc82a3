// /trend end to end against the fake servers: Telegram answers with sendPhoto (a PNG of at least
// 1200×600 that is not blank, captioned with the summary), Slack with the external upload flow
// into the channel; the console prints the caption. Plus the command's own rules: default topics,
// the 90-day clamp, unknown topics and the per-chat rate gate.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { startTelegram } from '../../src/platforms/telegram/telegram-platform.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { sendSlashCommand, type FakeSlack } from '../fakes/slack-web-api.ts';
import { NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, SLACK_SECRET, startSlackOnFake, waitFor } from '../platforms/platform-helpers.ts';

const USER = 42;

/** Non-white pixels of a PNG, and its size. */
async function inspect(png: Buffer): Promise<{ width: number; height: number; ink: number }> {
  const img = await loadImage(png);
  const ctx = createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i]! < 235 || d[i + 1]! < 235 || d[i + 2]! < 235) ink++;
  return { width: img.width, height: img.height, ink };
}

let w: World;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  w = await openWorld();
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport in Iraq', hoursAgo: 30 });
  await w.seed({ id: 'a2', title: 'Iraq talks on the US withdrawal', hoursAgo: 80 });
  await w.seed({ id: 'a3', title: 'صواريخ تستهدف مطار بغداد في العراق', hoursAgo: 31 });
});
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  await w.close();
});

describe('/trend on Telegram', () => {
  it('/trend iraq calls sendPhoto with a captioned PNG of at least 1200×600 that is not blank', async () => {
    const fake: FakeTelegram = await startFakeTelegram({ chats: [{ id: USER, type: 'private' }] });
    stops.push(() => fake.close());
    const tg = startTelegram({
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [] },
      services: w.services,
      log: memoryLog(),
      now: () => NOW,
    });
    stops.push(() => tg.stop());
    await fake.pushMessage({ chatId: USER, text: '/trend iraq', from: { id: USER, language_code: 'en' } });
    const [m] = await waitFor(() => fake.sent(USER).length > 0 && fake.sent(USER), 'the chart', 20_000);
    expect(fake.callsTo('sendPhoto')).toHaveLength(1);
    expect(m!.photo).toBeDefined();
    expect(m!.text).toMatch(/^iraq: 3 stories in 30 days, up from 0 the 30 days before$/);
    const px = await inspect(m!.photo!.data);
    expect(px.width).toBeGreaterThanOrEqual(1200);
    expect(px.height).toBeGreaterThanOrEqual(600);
    expect(px.ink).toBeGreaterThan(20_000);
  }, 30_000);
});

describe('/trend on Slack', () => {
  let fake: FakeSlack;
  let eventsUrl: string;

  beforeEach(async () => {
    const started = await startSlackOnFake(w.services, { users: [{ id: 'U0EDITOR1', name: 'editor', locale: 'en-US' }], now: () => NOW });
    ({ fake, eventsUrl } = started);
    stops.push(started.stop);
  });

  it('/trend iraq completes the upload flow into the channel with the PNG and the caption', async () => {
    const res = await sendSlashCommand(
      eventsUrl,
      { command: '/trend', text: 'iraq 7d', user_id: 'U0EDITOR1', channel_id: 'C0NEWS001', response_url: fake.responseUrl('t1') },
      { signingSecret: SLACK_SECRET },
    );
    expect(res.status).toBe(200);
    const [f] = await waitFor(() => fake.files.shared.length > 0 && fake.files.shared, 'the upload', 20_000);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(f).toMatchObject({ channel: 'C0NEWS001', initial_comment: 'iraq: 3 stories in 7 days, up from 0 the 7 days before' });
    const px = await inspect(f!.data);
    expect(px.width).toBeGreaterThanOrEqual(1200);
    expect(px.height).toBeGreaterThanOrEqual(600);
    expect(px.ink).toBeGreaterThan(20_000);
  }, 30_000);
});

describe('/trend command', () => {
  it('defaults to the chat subscriptions, else every topic; clamps over 90 days; says "did you mean"', async () => {
    const all = await dispatch(w.ctx({ chatId: 'c-all' }), 'trend', '');
    expect(all.status).toBe('ok');
    expect(all.image!.png.length).toBeGreaterThan(1_000);
    expect(all.text.split('\n').map((l) => l.split(':')[0])).toEqual((await w.services.topics()).map((t) => t.id));
    await w.services.subscriptions.put(
      { platform: 'console', chat: 'c-sub' },
      { topic: 'iraq', mode: { kind: 'daily', at: '08:00' } as never, timezone: 'UTC', by: 'u' },
    );
    const sub = await dispatch(w.ctx({ platform: 'console', chatId: 'c-sub' }), 'trend', '');
    expect(sub.text).toBe('iraq: 3 stories in 30 days, up from 0 the 30 days before');
    const long = await dispatch(w.ctx({ chatId: 'c-long' }), 'trend', '120d iraq');
    expect(long.text.split('\n')).toEqual(['iraq: 3 stories in 90 days, up from 0 the 90 days before', '(asked for 120 days; charts go back at most 90 days)']);
    const typo = await dispatch(w.ctx({ chatId: 'c-typo' }), 'trend', 'irak');
    expect(typo.status).toBe('usage');
    expect(typo.text).toContain('Did you mean iraq?');
    expect(typo.text).toContain('/trend [TOPIC…] [SINCE]');
  }, 60_000);

  it('is rate-limited per chat: the fourth chart in a quarter hour is refused, other chats still served', async () => {
    const ctx = w.ctx({ chatId: 'storm' });
    for (let i = 0; i < 3; i++) expect((await dispatch(ctx, 'trend', 'iraq 7d')).status).toBe('ok');
    const refused = await dispatch(ctx, 'trend', 'iraq 7d');
    expect(refused).toMatchObject({ status: 'denied', ephemeral: true });
    expect(refused.text).toMatch(/^Too many charts here; try again in \d+ min\.$/);
    expect(refused.image).toBeUndefined();
    expect((await dispatch(w.ctx({ chatId: 'calm' }), 'trend', 'iraq 7d')).status).toBe('ok');
  }, 60_000);
});
