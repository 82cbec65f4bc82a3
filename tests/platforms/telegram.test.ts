// Telegram end to end: the real telegraf against the fake Bot API server (tests/fakes), the real
// command services over SQLite, long polling and the webhook on the real service HTTP server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { commands } from '../../commands/registry.ts';
import { createTelegramSender, telegramError } from '../../src/platforms/telegram/telegram-sender.ts';
import { NetworkError, PlatformError } from '../../src/core/errors.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { freePort } from '../helpers/raqib-start.ts';
import type { FakeTelegram } from '../fakes/telegram-bot-api.ts';
import type { World } from '../commands/command-world.ts';
import { randomCommandLines, sleep, waitFor } from './platform-helpers.ts';
import { ADMIN, CHANNEL, GROUP, GROUP_ADMIN, MEMBER, USER, openTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

let h: TelegramHarness;
let w: World;
let fake: FakeTelegram;
let log: TelegramHarness['log'];
let start: TelegramHarness['start'];

beforeEach(async () => {
  h = await openTelegramHarness((world) => world.seed({ id: 'a1', title: 'Rockets hit Baghdad airport <b>&</b>', hoursAgo: 2 }).then(() => {}));
  ({ w, fake, log, start } = h);
});

afterEach(async () => {
  await h.close();
});

describe('long polling', () => {
  it('publishes the command menus in English and Arabic, admin commands only to admins', async () => {
    const tg = start();
    await tg.ready;
    const en = fake.myCommands()!;
    expect(en.map((c) => c.command)).toEqual(commands.filter((c) => !c.admin).map((c) => c.name));
    // Purpose first and short: a phone's menu shows the start of it.
    expect(en.find((c) => c.command === 'digest')!.description).toBe('Recent stories for a topic, or all topics');
    expect(en.every((c) => c.description.length <= 45)).toBe(true);
    const ar = fake.myCommands({ type: 'default' }, 'ar')!;
    expect(ar.find((c) => c.command === 'topics')!.description).toBe('قائمة المواضيع المتابعة');
    const admin = fake.myCommands({ type: 'chat', chat_id: ADMIN })!;
    expect(admin.map((c) => c.command)).toContain('watch');
    // Anyone may keep topics of their own in a private chat: /watch there, /feeds not.
    const privateMenu = fake.myCommands({ type: 'all_private_chats' })!.map((c) => c.command);
    expect(privateMenu).toContain('watch');
    expect(privateMenu).not.toContain('feeds');
    expect(log.errors()).toEqual([]);
  });

  it('a private /digest iraq is answered with the digest as Telegram HTML, feed text escaped', async () => {
    start();
    await fake.pushMessage({ chatId: USER, text: '/digest iraq', from: { id: USER, language_code: 'en' } });
    const [m] = await waitFor(() => fake.sent(USER).length > 0 && fake.sent(USER), 'the digest');
    expect(m!.parse_mode).toBe('HTML');
    expect(m!.text).toContain('Rockets hit Baghdad airport <b>&</b>');
    expect(m!.source).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(m!.source).toMatch(/<a href="https:\/\/news\.example\.com\/a1">/);
  });

  it('in a group: /digest@raqib_bot is answered, another bot’s command is not', async () => {
    start();
    await fake.pushMessage({ chatId: GROUP, from: MEMBER, text: '/digest@other_bot iraq' });
    await fake.pushMessage({ chatId: GROUP, from: MEMBER, text: '/digest@raqib_bot iraq' });
    await fake.pushMessage({ chatId: GROUP, from: MEMBER, text: 'just chatting' });
    await fake.pushMessage({ chatId: GROUP, from: MEMBER, text: '/topics@raqib_bot' });
    const sent = await waitFor(() => fake.sent(GROUP).length >= 2 && fake.sent(GROUP), 'two answers');
    await sleep(100);
    expect(fake.sent(GROUP)).toHaveLength(2);
    expect(sent[0]!.text).toContain('Rockets hit Baghdad airport');
    expect(sent[1]!.text).toContain('Topics (3)');
    const replyTo = fake.callsTo('sendMessage').map((c) => (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id);
    expect(replyTo.every((id) => typeof id === 'number')).toBe(true);
  });

  it('a channel post with the bot as admin is answered in the channel', async () => {
    start();
    await fake.pushMessage({ chatId: CHANNEL, text: '/digest iraq 48h' });
    const [m] = await waitFor(() => fake.sent(CHANNEL).length > 0 && fake.sent(CHANNEL), 'channel answer');
    expect(m!.text).toContain('Rockets hit Baghdad airport');
  });

  it('/help lists every command, purpose first', async () => {
    start();
    await fake.pushMessage({ chatId: USER, text: '/help', from: { id: USER, language_code: 'en' } });
    const [m] = await waitFor(() => fake.sent(USER).length > 0 && fake.sent(USER), 'answer');
    expect(m!.text).toContain('raqib commands:');
    expect(m!.text).toContain('• Recent stories for a topic, or all topics\n   /digest [TOPIC] [SINCE]');
  });

  it('replies in Arabic to a client set to Arabic', async () => {
    start();
    await fake.pushMessage({ chatId: USER, text: '/topic nosuch', from: { id: USER, language_code: 'ar' } });
    const [m] = await waitFor(() => fake.sent(USER).length > 0 && fake.sent(USER), 'answer');
    expect(m!.text).toContain('موضوع غير معروف');
  });

  it('permissions: members cannot /watch or subscribe the group; group admins subscribe it; RAQIB_ADMINS watch', async () => {
    start();
    const topicsBefore = await w.services.topics();
    // The Arabic word would make a client without a language setting get an Arabic answer.
    await fake.pushMessage({ chatId: GROUP, from: { id: MEMBER, language_code: 'en' }, text: '/watch add oil oil OR نفط' });
    await fake.pushMessage({ chatId: GROUP, from: GROUP_ADMIN, text: '/watch add oil oil' });
    await fake.pushMessage({ chatId: GROUP, from: MEMBER, text: '/subscribe iraq hourly' });
    await fake.pushMessage({ chatId: GROUP, from: GROUP_ADMIN, text: '/subscribe iraq hourly' });
    const sent = await waitFor(() => fake.sent(GROUP).length >= 4 && fake.sent(GROUP), 'four answers');
    expect(sent[0]!.text).toContain("/watch is for raqib's configured admins only");
    expect(sent[1]!.text).toContain("/watch is for raqib's configured admins only");
    expect(sent[2]!.text).toContain("Only this chat's administrators");
    expect(sent[3]!.text).toContain('Subscribed');
    expect(await w.services.topics()).toEqual(topicsBefore);
    expect((await w.subscriptions.all()).map((s) => [s.platform, s.chat, s.topic, s.createdBy])).toEqual([
      ['telegram', String(GROUP), 'iraq', `telegram:${GROUP_ADMIN}`],
    ]);
    await fake.pushMessage({ chatId: ADMIN, from: { id: ADMIN, language_code: 'en-GB' }, text: '/watch add oil oil OR نفط confirm' });
    const [ok] = await waitFor(() => fake.sent(ADMIN).length > 0 && fake.sent(ADMIN), 'admin answer');
    expect(ok!.text).toContain('Watching "oil"');
    expect(w.catalog.get('oil')).toBeDefined();
  });

  it('an anonymous group administrator (posting as the group) manages its subscriptions; other bots are ignored', async () => {
    start();
    const base = fake.makeMessage({ chatId: GROUP, from: MEMBER, text: '/subscribe iraq' }).message!;
    const anonymous = {
      ...base,
      from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
      sender_chat: { id: GROUP, type: 'supergroup', title: 'Newsroom' },
    };
    await fake.pushUpdate({ message: anonymous } as never);
    await fake.pushUpdate({
      message: { ...base, message_id: base.message_id + 1, from: { id: 555, is_bot: true, first_name: 'Other', username: 'other_bot' }, text: '/topics' },
    } as never);
    const [m] = await waitFor(() => fake.sent(GROUP).length > 0 && fake.sent(GROUP), 'answer');
    expect(m!.text).toContain('Subscribed');
    await sleep(100);
    expect(fake.sent(GROUP)).toHaveLength(1);
    expect((await w.subscriptions.all()).map((s) => [s.chat, s.createdBy])).toEqual([[String(GROUP), `telegram:${GROUP}`]]);
  });

  it('500 random command strings are each answered, and nothing crashes', async () => {
    start();
    const lines = randomCommandLines(
      20260310,
      500,
      commands.map((c) => c.name),
    );
    for (const text of lines) await fake.pushMessage({ chatId: USER, text });
    await waitFor(() => fake.sent(USER).length >= 500, '500 answers', 25_000);
    expect(fake.sent(USER)).toHaveLength(500);
    expect(fake.sent(USER).every((m) => m.text.trim().length > 0)).toBe(true);
    // Every sendMessage was accepted by the fake (valid HTML, within the length limit).
    expect(fake.callsTo('sendMessage').filter((c) => c.httpStatus !== 200)).toEqual([]);
    expect(log.errors()).toEqual([]);
  }, 30_000);
});

describe('webhook', () => {
  it('updates arrive over the webhook with the secret; a wrong or missing secret gets 403', async () => {
    const server = new ServiceServer({ port: 0, host: '127.0.0.1' });
    const port = await server.listen();
    h.running.push({ stop: () => server.close() });
    const tg = start(
      { mount: (p, h) => server.mount(p, h) },
      { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, TELEGRAM_WEBHOOK_SECRET: 'right_secret-1' },
    );
    await tg.ready;
    expect(fake.webhook()).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/hook`, secret: 'right_secret-1' });
    await fake.pushMessage({ chatId: USER, text: '/digest iraq' });
    const [m] = await waitFor(() => fake.sent(USER).length > 0 && fake.sent(USER), 'webhook answer');
    expect(m!.text).toContain('Rockets hit Baghdad airport');

    const update = fake.makeMessage({ chatId: USER, text: '/topics' });
    expect((await fake.postToWebhook({ ...update, update_id: 900 }, { secretToken: 'wrong' })).status).toBe(403);
    expect((await fake.postToWebhook({ ...update, update_id: 901 }, { secretToken: null })).status).toBe(403);
    await sleep(50);
    expect(fake.sent(USER)).toHaveLength(1);
    const bad = await fetch(`http://127.0.0.1:${port}/telegram/hook`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': 'right_secret-1' },
      body: '{not json',
    });
    // telegraf's webhookCallback answers an unparseable body with 415; Telegram never sends one.
    expect(bad.status).toBe(415);
    const get = await fetch(`http://127.0.0.1:${port}/telegram/hook`, { headers: { 'x-telegram-bot-api-secret-token': 'right_secret-1' } });
    expect(get.status).toBe(403);
    expect((await fake.postToWebhook({ ...update, update_id: 902 })).status).toBe(200);
    expect(fake.sent(USER)).toHaveLength(2);
  });
});

describe('sender', () => {
  it('maps 429 → rateLimited, 5xx and timeouts → transient, 4xx → permanent; never retries', async () => {
    const sender = createTelegramSender(new Telegram(fake.token, { apiRoot: fake.url }), 300);
    const to = { platform: 'telegram' as const, chat: String(USER) };
    const ok = await sender.send({ to, body: { format: 'text', text: 'a <b>literal</b> & more' } });
    expect(ok).toMatchObject({ ok: true });
    expect(fake.sent(USER)[0]!.text).toBe('a <b>literal</b> & more');
    expect((await sender.send({ to, body: { format: 'telegram-html', html: '<b>bold</b>' } })).ok).toBe(true);
    fake.failNext('sendMessage', { code: 429, retry_after: 7 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'rateLimited', retryAfterMs: 7000 });
    fake.failNext('sendMessage', { code: 502 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'transient' });
    fake.failNext('sendMessage', { kind: 'timeout', hangMs: 2_000 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'transient' });
    expect(await sender.send({ to: { platform: 'telegram', chat: '999' }, body: { format: 'text', text: 'x' } })).toMatchObject({
      ok: false,
      kind: 'permanent',
      error: '400: Bad Request: chat not found',
    });
    expect(await sender.send({ to, body: { format: 'telegram-html', html: '<blink>x</blink>' } })).toMatchObject({ ok: false, kind: 'permanent' });
    // One attempt per send: no hidden retries.
    expect(fake.callsTo('sendMessage')).toHaveLength(7);
  });

  it('a send that got no answer is in doubt (it may have arrived); an answered refusal or a connection never made is not', async () => {
    const sender = createTelegramSender(new Telegram(fake.token, { apiRoot: fake.url }), 300);
    const to = { platform: 'telegram' as const, chat: String(USER) };
    const send = () => sender.send({ to, body: { format: 'text', text: 'x' } });
    fake.failNext('sendMessage', { code: 429, retry_after: 1 });
    expect(await send()).not.toHaveProperty('inDoubt');
    fake.failNext('sendMessage', { code: 500 });
    expect(await send()).not.toHaveProperty('inDoubt');
    fake.failNext('sendMessage', { kind: 'timeout', hangMs: 2_000 });
    expect(await send()).toMatchObject({ ok: false, kind: 'transient', inDoubt: true });
    // The fake took this one and then dropped the connection: it arrived, and the sender cannot know.
    fake.failNext('sendMessage', { kind: 'lost-response' });
    expect(await send()).toMatchObject({ ok: false, kind: 'transient', inDoubt: true });
    expect(fake.sent(USER)).toHaveLength(1);
    const refused = await createTelegramSender(new Telegram(fake.token, { apiRoot: `http://127.0.0.1:${await freePort()}` }), 300).send({
      to,
      body: { format: 'text', text: 'x' },
    });
    expect(refused).toMatchObject({ ok: false, kind: 'transient' });
    expect(refused).not.toHaveProperty('inDoubt');
  });
});

describe('errors at the platform boundary', () => {
  const failure = async (telegram: Telegram, chat = USER) => {
    try {
      await telegram.callApi('sendMessage', { chat_id: chat, text: 'x' } as never);
    } catch (err) {
      return telegramError(err);
    }
    throw new Error('the call did not fail');
  };

  it('what the Bot API refused is a coded PlatformError; no answer at all is a NetworkError', async () => {
    const telegram = new Telegram(fake.token, { apiRoot: fake.url });
    fake.failNext('sendMessage', { code: 429, retry_after: 3 });
    expect(await failure(telegram)).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', status: 429, retryAfterS: 3 });
    expect(await failure(telegram, 999)).toMatchObject({ code: 'PLATFORM_REFUSED', status: 400, platform: 'telegram' });
    const stranger = await failure(new Telegram('123456:not-the-token', { apiRoot: fake.url }));
    expect(stranger).toBeInstanceOf(PlatformError);
    expect(stranger.code).toBe('PLATFORM_AUTH');
    const gone = await failure(new Telegram(fake.token, { apiRoot: 'http://127.0.0.1:9' }));
    expect(gone).toBeInstanceOf(NetworkError);
    expect(gone.code).toBe('NETWORK');
  });
});
