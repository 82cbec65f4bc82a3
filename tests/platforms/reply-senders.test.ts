// Replies through the real senders to the fake servers: Telegram answers with reply_parameters
// (and still sends when the original is gone), Slack posts in the alert's thread; both return the
// platform id of what they sent, which is what follow-ups reply to.
import { afterEach, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { createTelegramSender } from '../../src/platforms/telegram/telegram-sender.ts';
import { createSlackSender, createSlackWebClient } from '../../src/platforms/slack/slack-sender.ts';

describe('replies through the real senders', () => {
  let tg: FakeTelegram | undefined;
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await Promise.allSettled([tg?.close(), slack?.close()]);
    tg = slack = undefined;
  });

  it('Telegram: a reply names the alert message; a missing original still gets the message, unthreaded', async () => {
    tg = await startFakeTelegram({ chats: [{ id: 42, type: 'private' }] });
    const sender = createTelegramSender(new Telegram(tg.token, { apiRoot: tg.url }), 2_000);
    const alert = await sender.send({ to: { platform: 'telegram', chat: '42' }, body: { format: 'telegram-html', html: '<b>alert</b>' } });
    expect(alert.ok && alert.id).toBeTruthy();
    const id = (alert as { id: string }).id;
    const reply = await sender.send({ to: { platform: 'telegram', chat: '42' }, body: { format: 'telegram-html', html: 'follow-up' }, replyTo: id });
    expect(reply.ok).toBe(true);
    const sent = tg.sent(42);
    expect(sent[1]!.reply_to_message_id).toBe(Number(id));
    const orphan = await sender.send({ to: { platform: 'telegram', chat: '42' }, body: { format: 'text', text: 'late' }, replyTo: '9999' });
    expect(orphan.ok).toBe(true);
    expect(tg.sent(42)[2]!.reply_to_message_id).toBeUndefined();
  });

  it('Telegram fake: a reply to a missing message without allow_sending_without_reply is refused, as the Bot API does', async () => {
    tg = await startFakeTelegram({ chats: [{ id: 42, type: 'private' }] });
    const t = new Telegram(tg.token, { apiRoot: tg.url });
    await expect(t.callApi('sendMessage', { chat_id: 42, text: 'x', reply_parameters: { message_id: 777 } } as never)).rejects.toThrow(/replied not found/);
    await expect(t.callApi('sendMessage', { chat_id: 42, text: 'x', reply_parameters: { allow_sending_without_reply: true } } as never)).rejects.toThrow(
      /message_id/,
    );
  });

  it('Slack: a follow-up goes in the alert thread; a subscription thread wins (threads do not nest)', async () => {
    slack = await startFakeSlack({ channels: [{ id: 'C0NEWS', name: 'news' }] });
    const sender = createSlackSender(createSlackWebClient(slack.token, slack.url, 2_000));
    const alert = await sender.send({ to: { platform: 'slack', chat: 'C0NEWS' }, body: { format: 'slack', text: 'alert' } });
    const ts = (alert as { id: string }).id;
    expect(ts).toMatch(/^\d+\.\d+$/);
    await sender.send({ to: { platform: 'slack', chat: 'C0NEWS' }, body: { format: 'slack', text: 'follow-up' }, replyTo: ts });
    await sender.send({ to: { platform: 'slack', chat: 'C0NEWS', thread: '1.000100' }, body: { format: 'slack', text: 'in sub thread' }, replyTo: ts });
    const posted = slack.posted('C0NEWS');
    expect(posted[0]!.thread_ts).toBeUndefined();
    expect(posted[1]!.thread_ts).toBe(ts);
    expect(posted[2]!.thread_ts).toBe('1.000100');
  });
});
