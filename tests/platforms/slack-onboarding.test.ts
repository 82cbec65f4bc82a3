// Slack onboarding and language, end to end against the fake Slack: /raqib start in a DM and a
// channel, the App Home tab (views.publish), the one-time welcome when the app joins a channel,
// /raqib lang (who may, what follows it), and "did you mean" for a topic, a command and a time zone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from './platform-helpers.ts';
import { ARAB, EDITOR, WS_ADMIN, openSlackHarness, type SlackHarness } from './slack-harness.ts';

const BOT = 'U0RAQIBBOT';
const DM = 'D0EDITOR1';
let h: SlackHarness;

beforeEach(async () => {
  h = await openSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const homeText = (user: string) => JSON.stringify(h.fake.homeView(user)?.blocks ?? []);

describe('onboarding on Slack', () => {
  it('/raqib start in a DM welcomes and names the next steps as Slack commands', async () => {
    const text = await h.ask({ command: '/raqib', text: 'start', channel_id: DM, channel_name: 'directmessage' });
    expect(text).toContain('Welcome to raqib.');
    expect(text).toContain('See the watched topics: /raqib topics');
    expect(text).toContain('Subscribe to a topic: /raqib subscribe iraq');
    expect(text).toContain("Today's digest: /raqib digest");
  });

  it('/raqib start in a channel says how to subscribe the channel and who may', async () => {
    const text = await h.ask({ command: '/raqib', text: 'start', channel_id: 'C0NEWS001' });
    expect(text).toContain("Only workspace admins or raqib's configured admins can subscribe this channel: /raqib subscribe TOPIC.");
    expect(text).toContain('Subscribe this channel to a topic: /raqib subscribe iraq');
    expect(text).not.toMatch(/\bchat\b/);
  });

  it('the App Home tab shows the welcome, in the person’s language', async () => {
    expect(await h.event({ type: 'app_home_opened', user: EDITOR, channel: DM, tab: 'home' })).toBe(200);
    await waitFor(() => h.fake.homeView(EDITOR), 'views.publish');
    expect(homeText(EDITOR)).toContain('Welcome to raqib.');
    expect(homeText(EDITOR)).toContain('/raqib subscribe iraq');
    await h.event({ type: 'app_home_opened', user: ARAB, channel: 'D0ARABIC1', tab: 'home' });
    await waitFor(() => h.fake.homeView(ARAB), 'views.publish (Arabic)');
    expect(homeText(ARAB)).toContain('أهلاً بك في رقيب.');
    // The Messages tab is not the Home tab: nothing is published for it.
    await h.event({ type: 'app_home_opened', user: WS_ADMIN, channel: 'D0WSADMIN', tab: 'messages' });
    await sleep(150);
    expect(h.fake.homeView(WS_ADMIN)).toBeUndefined();
  });

  it('the app joining a channel is welcomed once; a person joining is not', async () => {
    await h.event({ type: 'member_joined_channel', user: BOT, channel: 'C0NEWS001', channel_type: 'C', inviter: EDITOR });
    const [hello] = await waitFor(() => h.fake.posted('C0NEWS001').length > 0 && h.fake.posted('C0NEWS001'), 'the welcome');
    expect(hello!.text).toContain('raqib posts digests and alerts of news topics into this channel');
    await h.event({ type: 'member_joined_channel', user: BOT, channel: 'C0NEWS001', channel_type: 'C', inviter: EDITOR });
    await h.event({ type: 'member_joined_channel', user: EDITOR, channel: 'C0OTHER01', channel_type: 'C' });
    await sleep(200);
    expect(h.fake.posted('C0NEWS001')).toHaveLength(1);
    expect(h.fake.posted('C0OTHER01')).toEqual([]);
    expect(h.log.errors()).toEqual([]);
  });
});

describe('the channel welcome that could not be posted', () => {
  it('is said at the app’s next join instead of never', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.event({ type: 'member_joined_channel', user: BOT, channel: 'C0NEWS002', channel_type: 'C', inviter: EDITOR });
    await waitFor(() => h.log.entries.some((e) => e.level === 'warn' && e.msg === 'slack: channel welcome not sent'), 'the failed welcome');
    expect(h.fake.posted('C0NEWS002')).toEqual([]);
    await h.event({ type: 'member_joined_channel', user: BOT, channel: 'C0NEWS002', channel_type: 'C', inviter: EDITOR });
    const [hello] = await waitFor(() => h.fake.posted('C0NEWS002').length > 0 && h.fake.posted('C0NEWS002'), 'the welcome');
    expect(hello!.text).toContain('raqib posts digests and alerts of news topics into this channel');
  });
});

describe('/raqib lang on Slack', () => {
  it('in a channel only admins choose; the choice then holds for everyone’s replies there', async () => {
    const denied = await h.ask({ command: '/raqib', text: 'lang ar', channel_id: 'C0NEWS001' });
    expect(denied).toBe("Only workspace admins or raqib's configured admins can choose this channel's language.");
    expect(await h.w.services.chats.lang({ platform: 'slack', chat: 'C0NEWS001' })).toBeUndefined();
    expect(await h.ask({ command: '/raqib', text: 'lang ar', channel_id: 'C0NEWS001', user_id: WS_ADMIN })).toBe(
      'تم: الردود والملخصات والتنبيهات هنا صارت باللغة العربية.',
    );
    expect(await h.ask({ command: '/raqib', text: 'topic nosuch', channel_id: 'C0NEWS001' })).toContain('موضوع غير معروف');
    expect(await h.ask({ command: '/raqib', text: 'lang', channel_id: 'C0NEWS001' })).toContain('اللغة هنا: العربية');
    // Elsewhere the editor still gets English.
    expect(await h.ask({ command: '/raqib', text: 'topic nosuch', channel_id: DM, channel_name: 'directmessage' })).toContain('Unknown topic');
  });

  it('in a DM a person chooses for themselves; auto goes back to detection', async () => {
    const dm = { command: '/raqib', channel_id: DM, channel_name: 'directmessage' };
    expect(await h.ask({ ...dm, text: 'lang' })).toContain('detected from each message');
    await h.ask({ ...dm, text: 'lang عربي' });
    expect(await h.w.services.chats.lang({ platform: 'slack', chat: EDITOR })).toBe('ar');
    expect(await h.ask({ ...dm, text: 'lang auto' })).toBe('Done: the language here is detected from each message again.');
    expect(await h.ask({ ...dm, text: 'lang fr' })).toContain('Usage: /raqib lang [ar|en|auto]');
  });
});

describe('did you mean, on Slack', () => {
  it('a topic, a command and a time zone', async () => {
    expect(await h.ask({ command: '/raqib', text: 'digest irak' })).toContain('Did you mean iraq?');
    expect(await h.ask({ command: '/raqib', text: 'subscrib iraq' })).toContain('did you mean /raqib subscribe?');
    const dm = { command: '/raqib', channel_id: DM, channel_name: 'directmessage' };
    expect(await h.ask({ ...dm, text: 'subscribe iraq daily 08:00 Baghdad' })).toContain('Asia/Baghdad');
  });
});
