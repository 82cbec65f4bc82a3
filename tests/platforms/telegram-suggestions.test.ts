// /topic TOPIC suggestions on Telegram through the real telegraf against the fake Bot API: an admin
// gets the suggestions with "Exclude «term»" inline buttons; a press by someone else is refused;
// the admin's press answers the callback, posts the 7-day preview (a message: it is too long for
// an alert) and saves nothing until /watch confirm.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/platforms/telegram/telegram-platform.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { HOUR, NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';
import { tgKey, tgPress, type TgKey } from './button-helpers.ts';

const ADMIN = 42;
const OTHER = 43;

let w: World;
let fake: FakeTelegram;
let log: ReturnType<typeof memoryLog>;
let stopBot: (() => Promise<void>) | undefined;

const football = [
  { id: 'f1', title: 'Iraq football team beats Jordan', text: 'The Iraq football team won in Baghdad.' },
  { id: 'f2', title: 'Baghdad hosts the football final', text: 'Fans in Baghdad watched the football final.' },
];

beforeEach(async () => {
  w = await openWorld();
  for (const [i, a] of football.entries()) {
    await w.seed({ ...a, hoursAgo: 5 + i });
    await w.feedback.record({
      topic: 'iraq',
      story: `s-${a.id}`,
      url: `https://news.example.com/${a.id}`,
      title: a.title,
      lang: 'en',
      verdict: 'not-relevant',
      platform: 'telegram',
      chat: String(ADMIN),
      user: String(ADMIN),
      at: new Date(NOW - HOUR).toISOString(),
    });
  }
  await w.seed({ id: 'b1', title: 'Iraq parliament passes the budget', hoursAgo: 8 });
  fake = await startFakeTelegram({
    chats: [
      { id: ADMIN, type: 'private' },
      { id: OTHER, type: 'private' },
    ],
  });
  log = memoryLog();
  const tg = startTelegram({
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [{ platform: 'telegram', user: String(ADMIN) }] },
    services: w.services,
    log,
    buttons: w.buttons,
    now: () => NOW,
  });
  stopBot = () => tg.stop();
});

afterEach(async () => {
  await stopBot?.();
  await fake.close();
  await w.close();
});

const isIraq = (a: { title: string; text: string }) =>
  w.catalog
    .matcher()
    .match(a)
    .some((m) => m.id === 'iraq');

describe('/topic TOPIC suggestions on Telegram', () => {
  it('Exclude «football»: refused for a non-admin, previewed for the admin, saved by /watch confirm', async () => {
    await fake.pushMessage({ chatId: ADMIN, text: '/topic iraq suggestions', from: { id: ADMIN, language_code: 'en' } });
    const m = await waitFor(() => fake.sent(ADMIN).find((x) => x.reply_markup !== undefined), 'the suggestions');
    expect(m.text).toContain('«football» — keeps out 2 👎 and 0 👍 stories');
    const keys = (m.reply_markup as { inline_keyboard: TgKey[][] }).inline_keyboard;
    const key = tgKey(keys, 'Exclude «football»');
    expect(Buffer.byteLength(key.callback_data)).toBeLessThanOrEqual(64);

    const refused = await tgPress(fake, ADMIN, m.message_id, key.callback_data, OTHER);
    expect(refused.text).toContain('RAQIB_ADMINS');
    const before = fake.sent(ADMIN).length;

    const answer = await tgPress(fake, ADMIN, m.message_id, key.callback_data, ADMIN);
    expect(answer.text).toContain('Preview of excluding «football»');
    const preview = await waitFor(
      () =>
        fake
          .sent(ADMIN)
          .slice(before)
          .find((x) => /Preview/.test(x.text ?? '')),
      'the preview',
    );
    expect(preview.text).toMatch(/− 2 would no longer match/);
    expect(isIraq(football[0]!)).toBe(true);

    await fake.pushMessage({ chatId: ADMIN, text: '/watch confirm', from: { id: ADMIN, language_code: 'en' } });
    await waitFor(() => fake.sent(ADMIN).find((x) => /Saved/.test(x.text ?? '')), 'the saved change');
    for (const a of football) expect(isIraq(a)).toBe(false);
    expect(isIraq({ title: 'Iraq parliament passes the budget', text: '' })).toBe(true);
    expect(log.errors()).toEqual([]);
  });
});
