// Buttons on Telegram end to end: an instant alert composed by delivery carries 👍 / 👎 / Why? /
// Mute 6h as an inline keyboard (validated by the fake Bot API: callback_data ≤ 64 bytes), and
// presses (callback_query updates) through the real telegraf are answered, recorded and marked;
// forged, altered, expired payloads and non-admin mutes are refused with nothing changed. The
// "Exclude «term»" buttons under /topic TOPIC suggestions: refused for a non-admin, previewed for
// an admin (a message: too long for an alert), saved only by /watch confirm.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { createButtonCodec } from '../../src/core/button-codec.ts';
import { buttonSecret, buttonStash } from '../../src/store/button-store.ts';
import { startTelegram } from '../../src/platforms/telegram/telegram-platform.ts';
import { createTelegramSender } from '../../src/platforms/telegram/telegram-sender.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { HOUR, NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';
import { ALERT_TITLE, composeAlert, seedFootballVerdicts, seedStories, tgKey, tgPress, titlesIn, type TgKey } from './button-helpers.ts';

const USER = 42;
const GROUP = -100500;
const MEMBER = 7;
const GROUP_ADMIN = 8;

let w: World;
let fake: FakeTelegram;
let log: ReturnType<typeof memoryLog>;
let stopBot: (() => Promise<void>) | undefined;

beforeEach(async () => {
  w = await openWorld();
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 1 });
  fake = await startFakeTelegram({
    chats: [
      { id: USER, type: 'private' },
      { id: GROUP, type: 'supergroup', title: 'Newsroom', members: { [MEMBER]: 'member', [GROUP_ADMIN]: 'administrator' } },
    ],
  });
  log = memoryLog();
  const tg = startTelegram({
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [{ platform: 'telegram', user: String(USER) }] },
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

type Key = TgKey;

/** Sends the alert for `a1` to a chat the way delivery does; returns the message and its keyboard. */
async function sendAlert(chat: number): Promise<{ id: number; keys: Key[][] }> {
  const [body] = await composeAlert(w, { platform: 'telegram', chat: String(chat) });
  const outcome = await createTelegramSender(new Telegram(fake.token, { apiRoot: fake.url })).send({
    to: { platform: 'telegram', chat: String(chat) },
    body: body!,
  });
  expect(outcome).toMatchObject({ ok: true });
  const m = fake.sent(chat).at(-1)!;
  return { id: m.message_id, keys: (m.reply_markup as { inline_keyboard: Key[][] }).inline_keyboard };
}

const find = tgKey;
const press = (chatId: number, messageId: number, data: string, from: number) => tgPress(fake, chatId, messageId, data, from);

describe('alert buttons on Telegram', () => {
  it('an instant alert carries 👍, 👎, Why? and Mute 6h, each callback_data within 64 bytes', async () => {
    const { keys } = await sendAlert(USER);
    expect(keys.flat().map((k) => k.text)).toEqual(['👍', '👎', 'Why?', 'Mute 6h']);
    for (const k of keys.flat()) expect(Buffer.byteLength(k.callback_data)).toBeLessThanOrEqual(64);
    expect(await w.feedback.summary('iraq', NOW - 30 * 24 * HOUR, NOW)).toMatchObject({ alerts: 1 });
  });

  it('👎 is answered, recorded with the article, and marked on the row; a second tap on 👍 changes it', async () => {
    const { id, keys } = await sendAlert(USER);
    const answer = await press(USER, id, find(keys, '👎').callback_data, USER);
    expect(answer.text).toBe('👎 noted: not relevant to Iraq.');
    const [rec] = await w.feedback.list();
    expect(rec).toMatchObject({
      topic: 'iraq',
      story: 's-a1',
      verdict: 'not-relevant',
      url: 'https://news.example.com/a1',
      title: 'Rockets hit Baghdad airport',
      platform: 'telegram',
      chat: String(USER),
      user: String(USER),
    });
    const marked = await waitFor(() => {
      const m = fake.sent(USER).find((x) => x.message_id === id)!;
      return (m.markupEdits?.length ?? 0) > 0 && (m.reply_markup as { inline_keyboard: Key[][] });
    }, 'the marked row');
    expect(marked.inline_keyboard[0]!.map((k) => k.text)).toEqual(['👍', '👎 ✓', 'Why?']);
    await press(USER, id, find(keys, '👍').callback_data, USER);
    expect((await w.feedback.list()).map((r) => r.verdict)).toEqual(['relevant']);
    expect(await w.feedback.summary('iraq', NOW - 30 * 24 * HOUR, NOW)).toEqual({ alerts: 1, relevant: 1, notRelevant: 0 });
    expect(log.errors()).toEqual([]);
  });

  it('altered, forged and expired payloads get a clear answer and change nothing', async () => {
    const { id, keys } = await sendAlert(USER);
    const data = find(keys, '👎').callback_data;
    const altered = data.replace('iraq', 'irak');
    expect((await press(USER, id, altered, USER)).text).toMatch(/not valid/);
    expect((await press(USER, id, 'f|iraq|s-a1|1', USER)).text).toMatch(/not valid/);
    const old = createButtonCodec(await buttonSecret(w.store), buttonStash(w.store), () => NOW - 31 * 24 * HOUR);
    const stale = await old.seal({ kind: 'feedback', topic: 'iraq', story: 's-a1', verdict: 'relevant' });
    expect((await press(USER, id, stale, USER)).text).toMatch(/older than 30 days/);
    expect(await w.feedback.list()).toEqual([]);
    expect(log.errors()).toEqual([]);
  });

  it('a message Telegram refuses to edit still gets its press answered and recorded', async () => {
    const { id, keys } = await sendAlert(USER);
    fake.failNext('editMessageReplyMarkup', { code: 400, description: "Bad Request: message can't be edited" });
    const answer = await press(USER, id, find(keys, '👍').callback_data, USER);
    expect(answer.text).toMatch(/👍 noted/);
    expect(await w.feedback.list()).toHaveLength(1);
    await waitFor(() => log.entries.some((e) => /editMessageReplyMarkup failed/.test(e.msg ?? '')), 'the logged refusal');
    expect(log.errors()).toEqual([]);
  });

  it('Mute 6h in a group: a member is refused, a chat administrator mutes the subscription', async () => {
    await w.services.subscriptions.put(
      { platform: 'telegram', chat: String(GROUP) },
      { topic: 'iraq', mode: { kind: 'instant' }, timezone: 'UTC', by: 'test' },
    );
    const { id, keys } = await sendAlert(GROUP);
    const mute = find(keys, 'Mute 6h').callback_data;
    expect((await press(GROUP, id, mute, MEMBER)).text).toMatch(/Only this chat's administrators/);
    expect((await w.services.subscriptions.list({ platform: 'telegram', chat: String(GROUP) }))[0]!.mutedUntil).toBeUndefined();
    expect((await press(GROUP, id, mute, GROUP_ADMIN)).text).toBe('Muted Iraq for 6 hours.');
    const [sub] = await w.services.subscriptions.list({ platform: 'telegram', chat: String(GROUP) });
    expect(sub!.mutedUntil).toBe(new Date(NOW + 6 * HOUR).toISOString());
  });

  it('Why? answers with the matched terms in an alert', async () => {
    const { id, keys } = await sendAlert(USER);
    const answer = await press(USER, id, find(keys, 'Why?').callback_data, USER);
    expect(answer.show_alert).toBe(true);
    expect(answer.text).toContain('matched Iraq');
    expect(answer.text).toMatch(/Terms: .*baghdad/i);
  });

  it("a /digest reply carries its stories' buttons and the topic's Mute 6h", async () => {
    await w.seed({ id: 'a2', title: 'Baghdad talks resume on Iraq budget', hoursAgo: 3 });
    await fake.pushMessage({ chatId: USER, text: '/digest iraq', from: { id: USER, language_code: 'en' } });
    const m = await waitFor(() => fake.sent(USER).find((x) => x.reply_markup !== undefined), 'the digest');
    const keys = (m.reply_markup as { inline_keyboard: Key[][] }).inline_keyboard;
    expect(keys.map((r) => r.map((k) => k.text))).toEqual([['1 👍', '1 👎', '1 Why?'], ['2 👍', '2 👎', '2 Why?'], ['Mute 6h']]);
    const answer = await press(USER, m.message_id, find(keys, '2 👎').callback_data, USER);
    expect(answer.text).toMatch(/👎 noted/);
  });

  it('Exclude «football» under /topic … suggestions: refused for a non-admin, previewed for an admin, saved by /watch confirm', async () => {
    const football = await seedFootballVerdicts(w, 'telegram', String(USER));
    const isIraq = (a: { title: string; text: string }) =>
      w.catalog
        .matcher()
        .match(a)
        .some((x) => x.id === 'iraq');
    await fake.pushMessage({ chatId: USER, text: '/topic iraq suggestions', from: { id: USER, language_code: 'en' } });
    const m = await waitFor(() => fake.sent(USER).find((x) => x.reply_markup !== undefined), 'the suggestions');
    expect(m.text).toContain('«football» — keeps out 2 👎 and 0 👍 stories');
    const keys = (m.reply_markup as { inline_keyboard: TgKey[][] }).inline_keyboard;
    const key = tgKey(keys, 'Exclude «football»');
    expect(Buffer.byteLength(key.callback_data)).toBeLessThanOrEqual(64);

    const refused = await tgPress(fake, USER, m.message_id, key.callback_data, MEMBER);
    expect(refused.text).toContain('RAQIB_ADMINS');
    const before = fake.sent(USER).length;

    const answer = await tgPress(fake, USER, m.message_id, key.callback_data, USER);
    expect(answer.text).toContain('Preview of excluding «football»');
    const preview = await waitFor(
      () =>
        fake
          .sent(USER)
          .slice(before)
          .find((x) => /Preview/.test(x.text ?? '')),
      'the preview',
    );
    expect(preview.text).toMatch(/− 2 would no longer match/);
    expect(isIraq(football[0]!)).toBe(true);

    await fake.pushMessage({ chatId: USER, text: '/watch confirm', from: { id: USER, language_code: 'en' } });
    await waitFor(() => fake.sent(USER).find((x) => /Saved/.test(x.text ?? '')), 'the saved change');
    for (const a of football) expect(isIraq(a)).toBe(false);
    expect(isIraq({ title: 'Rockets hit Baghdad airport', text: '' })).toBe(true);
    expect(log.errors()).toEqual([]);
  });
});

describe('/digest pages on Telegram', () => {
  const keysOf = (m: { reply_markup?: unknown }): Key[][] => (m.reply_markup as { inline_keyboard?: Key[][] } | undefined)?.inline_keyboard ?? [];
  const labelsOf = (m: { reply_markup?: unknown }) =>
    keysOf(m)
      .flat()
      .map((k) => k.text);

  it('25 stories page through in place with Next › and ‹ Prev in a group, every story once, the last page without Next', async () => {
    const titles = await seedStories(w, 25);
    await fake.pushMessage({ chatId: GROUP, text: '/digest iraq', from: { id: MEMBER, language_code: 'en' } });
    const m = await waitFor(() => fake.sent(GROUP).find((x) => x.reply_markup !== undefined), 'the digest');
    const seen = [titlesIn(m.text)];
    expect(labelsOf(m)).toContain('Next ›');
    expect(labelsOf(m)).not.toContain('‹ Prev');
    expect(labelsOf(m)).not.toContain('Share in channel');
    while (labelsOf(m).includes('Next ›')) {
      const edits = m.edits.length;
      const answer = await press(GROUP, m.message_id, find(keysOf(m), 'Next ›').callback_data, MEMBER);
      expect(answer.text ?? '').toBe('');
      await waitFor(() => m.edits.length > edits, 'the page edited in place');
      seen.push(titlesIn(m.text));
    }
    expect(seen.map((s) => s.length)).toEqual([5, 5, 5, 5, 5, 1]);
    expect(seen.flat().sort()).toEqual([...titles, ALERT_TITLE].sort());
    expect(m.text).toContain('Page 6 of 6');
    // The page's story keeps its buttons (one story: unnumbered), the page row follows.
    expect(labelsOf(m)).toEqual(['👍', '👎', 'Why?', 'Mute 6h', '‹ Prev']);
    await press(GROUP, m.message_id, find(keysOf(m), '‹ Prev').callback_data, MEMBER);
    await waitFor(() => titlesIn(m.text).length === 5, 'page 5');
    expect(titlesIn(m.text)).toEqual(seen[4]);
    expect(fake.sent(GROUP)).toHaveLength(1);
    expect(log.errors()).toEqual([]);
  });

  it('a page button past the end (fewer stories now) shows the last page', async () => {
    await seedStories(w, 6);
    await fake.pushMessage({ chatId: USER, text: '/digest iraq', from: { id: USER, language_code: 'en' } });
    const m = await waitFor(() => fake.sent(USER).find((x) => x.reply_markup !== undefined), 'the digest');
    const far = await w.buttons.seal({ kind: 'page', command: 'digest', args: 'iraq', page: 9 });
    await press(USER, m.message_id, far, USER);
    await waitFor(() => m.edits.length > 0, 'the last page');
    expect(m.text).toContain('Page 2 of 2');
    expect(titlesIn(m.text)).toHaveLength(2);
  });
});
