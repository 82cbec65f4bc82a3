// Buttons that run commands, end to end with the real telegraf and Bolt against the fake servers:
// /start's next steps (pressing "Today's digest" answers with the digest, as typing /digest would),
// and /feeds add of a page with two feeds (a button each → that feed's preview with Add this feed
// and Cancel → added, visible in /feeds list). Presses run as the presser: a non-admin's press on
// an admin command is refused with who may act, and nothing is stored.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFeedSite, type FeedSite } from '../helpers/feed-site.ts';
import type { World } from '../commands/command-world.ts';
import { slackPress, tgKey, tgPress, type PostedAlert, type SlackBlock, type TgKey } from './button-helpers.ts';
import { waitFor } from './platform-helpers.ts';
import { ADMIN, GROUP, MEMBER, USER, openTelegramHarness, type TelegramHarness } from './telegram-harness.ts';
import { EDITOR, OPS, SECRET, openSlackHarness, type SlackHarness } from './slack-harness.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let feedSite: FeedSite;
beforeAll(async () => {
  feedSite = await startFeedSite();
});
afterAll(async () => {
  await feedSite.close();
});

const seed = async (w: World) => {
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 1 });
};
const url = (path: string) => feedSite.site.url(path);
const stored = async (w: World) => (await w.services.feeds.list()).map((f) => f.url);

describe('command buttons on Telegram', () => {
  let h: TelegramHarness;
  beforeEach(async () => {
    h = await openTelegramHarness(seed, feedSite.worldOptions());
    h.start({ buttons: h.w.buttons });
  });
  afterEach(async () => {
    await h.close();
  });

  /** The next message the bot sends in a chat after `act`. */
  async function next(chatId: number, act: () => Promise<unknown>) {
    const before = h.fake.sent(chatId).length;
    await act();
    return waitFor(() => h.fake.sent(chatId).length > before && h.fake.sent(chatId)[before]!, 'the answer');
  }
  const say = (chatId: number, text: string, from: { id: number; language_code?: string }) =>
    next(chatId, () => h.fake.pushMessage({ chatId, text, from: { language_code: 'en', ...from } }));
  const keysOf = (m: { reply_markup?: unknown }) => (m.reply_markup as { inline_keyboard: TgKey[][] }).inline_keyboard;
  const labels = (m: { reply_markup?: unknown }) => keysOf(m).map((r) => r.map((k) => k.text));

  it("/start carries the next steps as buttons; pressing Today's digest answers with the digest", async () => {
    const welcome = await say(USER, '/start', { id: USER });
    expect(welcome.text).toContain("• Today's digest: /digest");
    expect(labels(welcome)).toEqual([['See the watched topics'], ['Subscribe to a topic'], ["Today's digest"]]);
    let answer: { text?: string } = {};
    const digest = await next(
      USER,
      async () => (answer = await tgPress(h.fake, USER, welcome.message_id, tgKey(keysOf(welcome), "Today's").callback_data, USER)),
    );
    expect(digest.text).toContain('Rockets hit Baghdad airport');
    expect(answer.text).toBeUndefined();
    const ar = await say(USER, '/start', { id: USER, language_code: 'ar' });
    expect(labels(ar)).toEqual([['اعرض المواضيع المتابعة'], ['اشترك في موضوع'], ['ملخص اليوم']]);
    expect(h.log.errors()).toEqual([]);
  });

  it('/feeds add of a page offers its two feeds; one pressed is previewed, confirmed, and listed', async () => {
    const page = await say(ADMIN, `/feeds add ${url('/')}`, { id: ADMIN });
    expect(labels(page)).toEqual([['Alpha'], ['Beta']]);
    const press = (m: { message_id: number; reply_markup?: unknown }, label: string, from = ADMIN) =>
      next(ADMIN, () => tgPress(h.fake, ADMIN, m.message_id, tgKey(keysOf(m), label).callback_data, from));
    const preview = await press(page, 'Beta');
    expect(preview.text).toContain(`Not added yet. What ${url('/b.xml')} brings:`);
    expect(labels(preview)).toEqual([['Add this feed', 'Cancel']]);
    expect(await stored(h.w)).toEqual([]);
    const added = await press(preview, 'Add this feed');
    expect(added.text).toContain(`Added feed ${url('/b.xml')}`);
    expect((await say(ADMIN, '/feeds list', { id: ADMIN })).text).toContain(url('/b.xml'));
  });

  it("in a group a member's press on Add this feed is refused with who may act; Cancel adds nothing", async () => {
    const preview = await say(GROUP, `/feeds add ${url('/a.xml')}`, { id: ADMIN });
    const add = tgKey(keysOf(preview), 'Add this feed').callback_data;
    let answer: { text?: string } = {};
    const refusal = await next(GROUP, async () => (answer = await tgPress(h.fake, GROUP, preview.message_id, add, MEMBER)));
    expect(refusal.text).toBe("/feeds is for raqib's configured admins only.");
    expect(answer.text).toBe(refusal.text);
    const cancel = await tgPress(h.fake, GROUP, preview.message_id, tgKey(keysOf(preview), 'Cancel').callback_data, ADMIN);
    expect(cancel.text).toBe('Cancelled: the feed was not added.');
    expect(await stored(h.w)).toEqual([]);
  });
});

describe('command buttons on Slack', () => {
  const DM = 'D0EDITOR1';
  const CHANNEL = 'C0NEWS001';
  let h: SlackHarness;
  beforeEach(async () => {
    h = await openSlackHarness(seed, { world: feedSite.worldOptions(), buttons: true });
  });
  afterEach(async () => {
    await h.close();
  });

  /** The first answer to a slash command, as a message whose buttons can be pressed. */
  async function ask(text: string, user: string, channel: string): Promise<PostedAlert & { body: Record<string, unknown> }> {
    const dm = channel.startsWith('D') ? { channel_name: 'directmessage' } : {};
    const [r] = await h.answered(await h.command({ command: '/raqib', text, user_id: user, channel_id: channel, ...dm }));
    return { ts: '1.000001', text: String(r!.body.text), blocks: (r!.body.blocks ?? []) as SlackBlock[], body: r!.body };
  }
  const labels = (m: PostedAlert) => m.blocks.filter((b) => b.type === 'actions').map((b) => b.elements!.map((e) => e.text.text));
  async function press(m: PostedAlert, label: string, user: string, channel: string) {
    const p = await slackPress({ fake: h.fake, eventsUrl: h.eventsUrl, secret: SECRET, channel, user }, m, label);
    expect(p.status).toBe(200);
    const [r] = await waitFor(() => p.answers().length > 0 && p.answers(), 'the answer to the press');
    return { ts: '1.000002', text: String(r!.body.text), blocks: (r!.body.blocks ?? []) as SlackBlock[], body: r!.body };
  }

  it("/raqib start in a DM carries the steps as buttons; Today's digest answers with the digest", async () => {
    const welcome = await ask('start', EDITOR, DM);
    expect(labels(welcome)).toEqual([['See the watched topics'], ['Subscribe to a topic'], ["Today's digest"]]);
    const digest = await press(welcome, "Today's digest", EDITOR, DM);
    expect(digest.body.response_type).toBe('in_channel');
    expect(digest.body.replace_original).toBe(false);
    expect(JSON.stringify(digest.body)).toContain('Rockets hit Baghdad airport');
  });

  it('/raqib feeds add of a page: a button per feed, its preview to the presser alone, confirmed by an admin only', async () => {
    const page = await ask(`feeds add ${url('/')}`, OPS, CHANNEL);
    expect(page.body.response_type).toBe('ephemeral');
    expect(labels(page)).toEqual([['Alpha'], ['Beta']]);
    const preview = await press(page, 'Alpha', OPS, CHANNEL);
    expect(preview.body.response_type).toBe('ephemeral');
    expect(preview.text).toContain(`Not added yet. What ${url('/a.xml')} brings:`);
    expect(labels(preview)).toEqual([['Add this feed', 'Cancel']]);
    const refused = await press(preview, 'Add this feed', EDITOR, CHANNEL);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(refused.text).toMatch(/is for workspace admins and raqib's configured admins only/);
    expect(await stored(h.w)).toEqual([]);
    const added = await press(preview, 'Add this feed', OPS, CHANNEL);
    expect(added.text).toContain(`Added feed ${url('/a.xml')}`);
    expect((await ask('feeds list', OPS, CHANNEL)).text).toContain(url('/a.xml'));
  });
});
