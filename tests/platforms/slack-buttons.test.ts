// Buttons on Slack end to end: an instant alert composed by delivery carries 👍 / 👎 / Why? and
// Mute 6h as Block Kit actions (validated by the fake Web API); signed block_actions requests to
// the real Bolt app on the shared HTTP server are acknowledged, recorded and marked with
// chat.update; forged or stale signatures get 401, altered payloads a clear ephemeral answer.
// "Exclude «term»" under /topic TOPIC suggestions: a member is told who may act, a workspace admin
// gets the 7-day preview as an ephemeral; nothing is saved until /watch confirm.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackPlatform } from '../../src/platforms/slack/slack-platform.ts';
import { createSlackSender, createSlackWebClient } from '../../src/platforms/slack/slack-sender.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { sendSlashCommand, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { validateBlocks } from '../fakes/slack-limits.ts';
import { slackReplyParts } from '../../src/platforms/slack/slack-buttons-render.ts';
import {
  ALERT_TITLE,
  composeAlert,
  seedFootballVerdicts,
  seedStories,
  slackButton,
  slackPress,
  titlesIn,
  type PostedAlert,
  type SlackBlock,
} from './button-helpers.ts';
import { dispatch } from '../../commands/registry.ts';
import { HOUR, NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';

const SECRET = 'test-signing-secret-0123456789';
const EDITOR = 'U0EDITOR1';
const ADMIN = 'U0ADMIN01';
const CHANNEL = 'C0NEWS001';

let w: World;
let fake: FakeSlack;
let server: ServiceServer;
let eventsUrl: string;
let slack: SlackPlatform;
let log: ReturnType<typeof memoryLog>;

beforeEach(async () => {
  w = await openWorld();
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 1 });
  fake = await startFakeSlack({
    channels: [{ id: CHANNEL, name: 'news' }],
    users: [
      { id: EDITOR, name: 'editor', locale: 'en-US' },
      { id: ADMIN, name: 'admin', locale: 'en-US', is_admin: true },
    ],
  });
  server = new ServiceServer({ port: 0, host: '127.0.0.1' });
  eventsUrl = `http://127.0.0.1:${await server.listen()}/slack/events`;
  log = memoryLog();
  slack = await startSlack({
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, PORT: 0, admins: [] },
    services: w.services,
    log,
    buttons: w.buttons,
    mount: (p, h) => server.mount(p, h),
    now: () => NOW,
  });
});

afterEach(async () => {
  await slack.stop();
  await server.close();
  await fake.close();
  await w.close();
});

async function postAlert(): Promise<PostedAlert> {
  const [body] = await composeAlert(w, { platform: 'slack', chat: CHANNEL });
  const outcome = await createSlackSender(createSlackWebClient(fake.token, fake.url)).send({ to: { platform: 'slack', chat: CHANNEL }, body: body! });
  expect(outcome).toMatchObject({ ok: true });
  const m = fake.posted(CHANNEL).at(-1)!;
  return { ts: m.ts, text: m.text, blocks: m.blocks as SlackBlock[] };
}

/** The suggestions as Slack shows them (the ephemeral's blocks). */
async function suggestions(): Promise<PostedAlert> {
  const ctx = { ...w.ctx({ platform: 'slack', chatId: CHANNEL, kind: 'group', userId: ADMIN, admin: true }) };
  const reply = await dispatch(ctx, 'topic', 'iraq suggestions');
  const [part] = await slackReplyParts({ buttons: w.buttons }, reply);
  expect(validateBlocks(part!.blocks)).toEqual([]);
  return { ts: '1700000000.000100', text: reply.text, blocks: part!.blocks as SlackBlock[] };
}

const press = (alert: PostedAlert, label: string, opts: Parameters<typeof slackPress>[3] = {}) =>
  slackPress({ fake, eventsUrl, secret: SECRET, channel: CHANNEL, user: EDITOR }, alert, label, opts);
const button = slackButton;

describe('alert buttons on Slack', () => {
  it('an instant alert carries 👍, 👎, Why? and Mute 6h as actions blocks', async () => {
    const alert = await postAlert();
    const labels = alert.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.text.text));
    expect(labels).toEqual(['👍', '👎', 'Why?', 'Mute 6h']);
    expect(button(alert.blocks, '👎').btn.action_id).toMatch(/^raqib:feedback:/);
  });

  it('a signed 👎 is acknowledged, recorded and marked in the message', async () => {
    const alert = await postAlert();
    const r = await press(alert, '👎');
    expect(r.status).toBe(200);
    const edited = await waitFor(() => {
      const m = fake.posted(CHANNEL).find((x) => x.ts === alert.ts)!;
      return m.edits.length > 0 && m;
    }, 'chat.update');
    expect(JSON.stringify(edited.blocks)).toContain('👎 ✓');
    const list = await w.feedback.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      topic: 'iraq',
      story: 's-a1',
      verdict: 'not-relevant',
      platform: 'slack',
      chat: CHANNEL,
      user: EDITOR,
      url: 'https://news.example.com/a1',
    });
    expect(r.answers()).toEqual([]);
    expect(log.errors()).toEqual([]);
  });

  it('forged or stale signatures get 401 and record nothing', async () => {
    const alert = await postAlert();
    expect((await press(alert, '👎', { signature: 'v0=0123456789abcdef' })).status).toBe(401);
    expect((await press(alert, '👎', { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect(await w.feedback.list()).toEqual([]);
  });

  it('an altered payload is answered with a clear ephemeral and changes nothing', async () => {
    const alert = await postAlert();
    const value = button(alert.blocks, '👍').btn.value.replace('iraq', 'irak');
    const r = await press(alert, '👍', { value });
    expect(r.status).toBe(200);
    const [answer] = await waitFor(() => r.answers().length > 0 && r.answers(), 'the ephemeral answer');
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer!.body.text)).toMatch(/not valid/);
    expect(await w.feedback.list()).toEqual([]);
    expect(fake.posted(CHANNEL).find((x) => x.ts === alert.ts)!.edits).toEqual([]);
  });

  it('Why? is answered as an ephemeral with the matched terms', async () => {
    const alert = await postAlert();
    const r = await press(alert, 'Why?');
    const [answer] = await waitFor(() => r.answers().length > 0 && r.answers(), 'the ephemeral answer');
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer!.body.text)).toMatch(/Terms: .*baghdad/i);
    expect(await w.feedback.summary('iraq', NOW - 30 * 24 * HOUR, NOW)).toMatchObject({ relevant: 0, notRelevant: 0 });
  });

  it("a reply's own button rows (Reply.buttons) follow its text as valid actions blocks that open to their actions", async () => {
    const next = { kind: 'page', command: 'search', args: 'الفصائل AND تهدد', page: 2 } as const;
    const [part] = await slackReplyParts({ buttons: w.buttons }, { status: 'ok', text: 'a & <b>', buttons: [[{ label: 'Next ›', action: next }]] });
    expect(validateBlocks(part!.blocks)).toEqual([]);
    const [section, actions] = part!.blocks as [{ text: { text: string } }, SlackBlock];
    expect(section.text.text).toBe('a & <b>');
    expect(await w.buttons.open(actions.elements![0]!.value)).toMatchObject({ ok: true, action: next });
  });

  it('Exclude «football» under /topic … suggestions: a member is told who may act, an admin gets the preview, /watch confirm saves', async () => {
    const football = await seedFootballVerdicts(w, 'slack', CHANNEL);
    const msg = await suggestions();
    const pressExclude = (user: string) => slackPress({ fake, eventsUrl, secret: SECRET, channel: CHANNEL, user }, msg, 'Exclude «football»');
    const refused = await pressExclude(EDITOR);
    expect(refused.status).toBe(200);
    const [no] = await waitFor(() => refused.answers().length > 0 && refused.answers(), 'the refusal');
    expect(String(no!.body.text)).toMatch(/workspace admins/);

    const r = await pressExclude(ADMIN);
    expect(r.status).toBe(200);
    const [answer] = await waitFor(() => r.answers().length > 0 && r.answers(), 'the preview');
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer!.body.text)).toMatch(/Preview[\s\S]*− 2 would no longer match/);
    const matched = () => w.catalog.matcher().match(football[0]!).length > 0;
    expect(matched()).toBe(true);

    const ctx = w.ctx({ platform: 'slack', chatId: CHANNEL, kind: 'group', userId: ADMIN, admin: true });
    expect((await dispatch(ctx, 'watch', 'confirm')).status).toBe('ok');
    expect(matched()).toBe(false);
    expect(log.errors()).toEqual([]);
  });
});

describe('/digest pages and Share on Slack', () => {
  /** /digest in the channel: the ephemeral answer, as a pressable message. */
  async function askDigest(): Promise<PostedAlert> {
    const id = 'digest-cmd';
    const res = await sendSlashCommand(
      eventsUrl,
      { command: '/digest', text: 'iraq', user_id: EDITOR, channel_id: CHANNEL, channel_name: 'news', response_url: fake.responseUrl(id) },
      { signingSecret: SECRET },
    );
    expect(res.status).toBe(200);
    const [r] = await waitFor(() => fake.responses(id).length > 0 && fake.responses(id), 'the digest');
    expect(r!.body.response_type).toBe('ephemeral');
    expect(validateBlocks(r!.body.blocks)).toEqual([]);
    return { ts: '1.000001', text: String(r!.body.text), blocks: r!.body.blocks as SlackBlock[] };
  }

  /** Presses a page button on the ephemeral digest; the page that replaced it. */
  async function turn(page: PostedAlert, label: string): Promise<PostedAlert> {
    const r = await press(page, label, { ephemeral: true });
    expect(r.status).toBe(200);
    const [answer] = await waitFor(() => r.answers().length > 0 && r.answers(), 'the replaced page');
    expect(answer!.status).toBe(200);
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(validateBlocks(answer!.body.blocks)).toEqual([]);
    return { ...page, text: String(answer!.body.text), blocks: answer!.body.blocks as SlackBlock[] };
  }

  const labels = (p: PostedAlert) => p.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.text.text));

  it('25 stories page through with Next › and ‹ Prev, every story once, the last page without Next', async () => {
    const titles = await seedStories(w, 25);
    let page = await askDigest();
    expect(labels(page)).toEqual(expect.arrayContaining(['Next ›', 'Share in channel']));
    expect(labels(page)).not.toContain('‹ Prev');
    const seen = [titlesIn(JSON.stringify(page.blocks))];
    while (labels(page).includes('Next ›')) {
      page = await turn(page, 'Next ›');
      seen.push(titlesIn(JSON.stringify(page.blocks)));
    }
    // 26 stories: the 25 seeded and the alert tests' own.
    expect(seen.map((s) => s.length)).toEqual([5, 5, 5, 5, 5, 1]);
    expect(seen.flat().sort()).toEqual([...titles, ALERT_TITLE].sort());
    expect(JSON.stringify(page.blocks)).toContain('Page 6 of 6');
    const back = await turn(page, '‹ Prev');
    expect(titlesIn(JSON.stringify(back.blocks))).toEqual(seen[4]);
    expect(log.errors()).toEqual([]);
  });

  it('Share in channel posts the digest for everyone and removes the private copy', async () => {
    await seedStories(w, 7);
    const page = await askDigest();
    const r = await press(page, 'Share in channel', { ephemeral: true });
    const posted = await waitFor(() => fake.posted(CHANNEL).at(-1), 'the shared digest');
    expect(titlesIn(JSON.stringify(posted.blocks))).toHaveLength(5);
    expect(JSON.stringify(posted.blocks)).toContain('Next ›');
    expect(JSON.stringify(posted.blocks)).not.toContain('Share in channel');
    const [answer] = await waitFor(() => r.answers().length > 0 && r.answers(), 'the private copy removed');
    expect(answer!.body).toEqual({ delete_original: true });
    // Next on the shared message replaces it in the channel (chat.update).
    await press({ ts: posted.ts, text: posted.text, blocks: posted.blocks as SlackBlock[] }, 'Next ›');
    const edited = await waitFor(() => fake.posted(CHANNEL).find((m) => m.ts === posted.ts && m.edits.length > 0), 'chat.update');
    expect(titlesIn(JSON.stringify(edited.blocks))).toHaveLength(3);
  });

  it('/search names the outlet and pages past ten', async () => {
    await seedStories(w, 12);
    const id = 'search-cmd';
    await sendSlashCommand(
      eventsUrl,
      { command: '/search', text: 'baghdad', user_id: EDITOR, channel_id: CHANNEL, channel_name: 'news', response_url: fake.responseUrl(id) },
      { signingSecret: SECRET },
    );
    const [r] = await waitFor(() => fake.responses(id).length > 0 && fake.responses(id), 'the search');
    const first: PostedAlert = { ts: '1.000002', text: String(r!.body.text), blocks: r!.body.blocks as SlackBlock[] };
    expect(JSON.stringify(first.blocks)).toContain('news.example.com');
    expect(titlesIn(JSON.stringify(first.blocks))).toHaveLength(10);
    const second = await turn(first, 'Next ›');
    expect(titlesIn(JSON.stringify(second.blocks))).toHaveLength(3);
    expect(labels(second)).toEqual(['‹ Prev']);
  });
});
