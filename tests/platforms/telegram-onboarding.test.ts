// Telegram onboarding and language, end to end against the fake Bot API: /start in a private
// chat and a group, /lang (who may, what follows it), and "did you mean" for a topic, a command
// and a time zone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from './platform-helpers.ts';
import { GROUP, GROUP_ADMIN, MEMBER, USER, openTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

let h: TelegramHarness;
beforeEach(async () => {
  h = await openTelegramHarness();
  h.start();
});
afterEach(async () => {
  await h.close();
});

/** Sends one message and waits for the answer in that chat; returns its text. */
async function say(chatId: number, text: string, from: { id: number; language_code?: string } = { id: USER, language_code: 'en' }): Promise<string> {
  const before = h.fake.sent(chatId).length;
  await h.fake.pushMessage({ chatId, text, from });
  const sent = await waitFor(() => h.fake.sent(chatId).length > before && h.fake.sent(chatId), `answer to ${text}`);
  return sent[before]!.text;
}

describe('onboarding on Telegram', () => {
  it('/start in a private chat welcomes, says what raqib does and lists the next steps (deep-link payload ignored)', async () => {
    const text = await say(USER, '/start ref123');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Welcome to raqib.');
    expect(lines.slice(1, 4).every((l) => l.length > 20)).toBe(true);
    expect(text).toContain('• See the watched topics: /topics');
    expect(text).toContain('• Subscribe to a topic: /subscribe iraq');
    expect(text).toContain("• Today's digest: /digest");
    expect(text).not.toContain('raqib commands:');
  });

  it('/start in a group says how to subscribe the group and who may; in Arabic for an Arabic client', async () => {
    const text = await say(GROUP, '/start', { id: MEMBER, language_code: 'en' });
    expect(text).toContain("Only this chat's administrators (or raqib's configured admins) can subscribe it: /subscribe TOPIC.");
    const ar = await say(GROUP, '/start@raqib_bot', { id: MEMBER, language_code: 'ar' });
    expect(ar).toContain('الاشتراك بهذه المحادثة لمشرفيها');
  });
});

describe('/lang on Telegram', () => {
  it('a person chooses for their private chat; replies follow it whatever the client says', async () => {
    expect(await say(USER, '/lang')).toContain('detected from each message');
    expect(await say(USER, '/lang ar')).toBe('تم: الردود والملخصات والتنبيهات هنا صارت باللغة العربية.');
    expect(await say(USER, '/topic nosuch')).toContain('موضوع غير معروف');
    expect(await say(USER, '/lang auto')).toBe('Done: the language here is detected from each message again.');
    expect(await say(USER, '/topic nosuch')).toContain('Unknown topic');
  });

  it('in a group only its administrators choose', async () => {
    expect(await say(GROUP, '/lang ar', { id: MEMBER })).toBe("Only this chat's administrators can choose its language.");
    expect(await h.w.services.chats.lang({ platform: 'telegram', chat: String(GROUP) })).toBeUndefined();
    await say(GROUP, '/lang ar', { id: GROUP_ADMIN });
    expect(await h.w.services.chats.lang({ platform: 'telegram', chat: String(GROUP) })).toBe('ar');
    expect(await say(GROUP, '/topic nosuch', { id: MEMBER, language_code: 'en' })).toContain('موضوع غير معروف');
  });
});

describe('did you mean, on Telegram', () => {
  it('a topic, a command and a time zone', async () => {
    expect(await say(USER, '/digest irak')).toContain('Did you mean iraq?');
    expect(await say(USER, '/subscrib iraq')).toContain('did you mean /subscribe?');
    expect(await say(USER, '/subscribe iraq daily 08:00 Baghdad')).toContain('Asia/Baghdad');
    expect(await say(USER, '/digest irak', { id: USER, language_code: 'ar' })).toContain('هل تقصد iraq؟');
  });
});
