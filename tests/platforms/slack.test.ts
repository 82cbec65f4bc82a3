// Slack end to end: the real Bolt app (HTTPReceiver mounted on the real service server) receives
// signed slash commands over a real socket, talks to the fake Slack Web API (users.info), and
// answers through respond() to the fake's response_url endpoints.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { startSlack } from '../../src/platforms/slack/slack-platform.ts';
import { NetworkError } from '../../src/core/errors.ts';
import { createSlackSender, createSlackWebClient, slackError } from '../../src/platforms/slack/slack-sender.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { freePort } from '../helpers/raqib-start.ts';
import { sendSlashCommand, type FakeSlack } from '../fakes/slack-web-api.ts';
import { openWorld, type World } from '../commands/command-world.ts';
import { randomCommandLines, waitFor } from './platform-helpers.ts';
import { ARAB, EDITOR, OPS, SECRET, WS_ADMIN, openSlackHarness, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let w: World;
let fake: FakeSlack;
let log: SlackHarness['log'];
let command: SlackHarness['command'];
let answered: SlackHarness['answered'];

beforeEach(async () => {
  h = await openSlackHarness((world) => world.seed({ id: 'a1', title: 'Rockets hit Baghdad airport <!channel> & more', hoursAgo: 2 }).then(() => {}));
  ({ w, fake, log, command, answered } = h);
});

afterEach(async () => {
  await h.close();
});

describe('slash commands over HTTP', () => {
  it('a signed /digest is acknowledged, then answered with the digest in Block Kit via respond(), to the asker alone', async () => {
    const c = await command({ command: '/digest', text: 'iraq' });
    expect(c.status).toBe(200);
    const [r] = await answered(c);
    expect(r!.status).toBe(200);
    expect(r!.body.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(r!.body.blocks);
    expect(blocks).toContain('Rockets hit Baghdad airport');
    // Feed text cannot ping the channel: <!channel> arrives escaped.
    expect(blocks).toContain('&lt;!channel&gt; &amp; more');
    expect(blocks).not.toContain('<!channel>');
    expect(typeof r!.body.text).toBe('string');
    expect(fake.callsTo('users.info').map((x) => x.params.user)).toEqual([EDITOR]);
  });

  it('a forged signature, a tampered body or a stale timestamp gets 401 and no answer', async () => {
    const forged = await command({ command: '/digest', text: 'iraq' }, { signature: `v0=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    const stale = await command({ command: '/digest', text: 'iraq' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const tampered = await sendSlashCommand(
      h.eventsUrl,
      { command: '/digest', text: 'iraq', response_url: fake.responseUrl('t') },
      {
        signingSecret: SECRET,
        sendBody: 'command=%2Fwatch&text=add+x+y&user_id=U0EDITOR1&response_url=x',
      },
    );
    expect(tampered.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses()).toEqual([]);
  });

  it('usage and look-ups are ephemeral plain text; Slack built-in names work with the raqib- prefix and /raqib', async () => {
    const [usage] = await answered(await command({ command: '/digest', text: 'nosuch' }));
    expect(usage!.body).toMatchObject({ response_type: 'ephemeral', mrkdwn: false });
    expect(usage!.body.text).toContain('Usage: /raqib digest [TOPIC] [SINCE]');
    const [topic] = await answered(await command({ command: '/raqib-topic', text: 'iraq' }));
    expect(topic!.body.text).toContain('Query: iraq OR العراق');
    const [umbrella] = await answered(await command({ command: '/raqib', text: 'topics' }));
    expect(umbrella!.body.text).toContain('Topics (3)');
    const [help] = await answered(await command({ command: '/raqib', text: '' }));
    expect(help!.body.text).toContain('/raqib subscribe');
  });

  it('replies in Arabic to a user whose Slack locale is Arabic', async () => {
    const [r] = await answered(await command({ command: '/digest', text: 'nosuch', user_id: ARAB }));
    expect(r!.body.text).toContain('موضوع غير معروف');
  });

  it('a non-admin /watch is refused and nothing changes; workspace admins and RAQIB_ADMINS may', async () => {
    const before = await w.services.topics();
    const [denied] = await answered(await command({ command: '/watch', text: 'add oil oil OR petroleum' }));
    expect(denied!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(denied!.body.text).toBe("/raqib watch is for workspace admins and raqib's configured admins only.");
    expect(await w.services.topics()).toEqual(before);
    const [boss] = await answered(await command({ command: '/watch', text: 'add oil oil OR petroleum confirm', user_id: WS_ADMIN }));
    expect(boss!.body.text).toContain('Watching "oil"');
    const [ops] = await answered(await command({ command: '/watch', text: 'add gas "natural gas" yes', user_id: OPS }));
    expect(ops!.body.text).toContain('Watching "gas"');
    expect(w.catalog.get('gas')?.query).toBe('"natural gas"');
  });

  it('channel subscriptions need an admin; a DM subscribes the person, stored under their user id', async () => {
    const [denied] = await answered(await command({ command: '/subscribe', text: 'iraq hourly', channel_id: 'C0NEWS001' }));
    expect(denied!.body.text).toContain("Only workspace admins or raqib's configured admins can change this channel's subscriptions");
    expect(await w.subscriptions.all()).toEqual([]);
    const [ok] = await answered(await command({ command: '/subscribe', text: 'iraq hourly', channel_id: 'C0NEWS001', user_id: WS_ADMIN }));
    expect(ok!.body.response_type).toBe('in_channel');
    const [dm] = await answered(await command({ command: '/subscribe', text: 'us-strikes', channel_id: 'D0DIRECT1', channel_name: 'directmessage' }));
    expect(dm!.body.text).toContain('Subscribed');
    expect((await w.subscriptions.all()).map((s) => [s.platform, s.chat, s.topic])).toEqual([
      ['slack', 'C0NEWS001', 'iraq'],
      ['slack', EDITOR, 'us-strikes'],
    ]);
  });

  it('when respond() fails, a reply for the channel is posted with chat.postMessage, a digest and errors go out ephemeral', async () => {
    const dead = `${fake.origin}/gone`;
    const send = (text: string, command: string, user_id = EDITOR) =>
      sendSlashCommand(h.eventsUrl, { command, text, user_id, channel_id: 'C0NEWS001', response_url: dead }, { signingSecret: SECRET });
    expect((await send('iraq hourly', '/subscribe', WS_ADMIN)).status).toBe(200);
    const [posted] = await waitFor(() => fake.posted('C0NEWS001').length > 0 && fake.posted('C0NEWS001'), 'chat.postMessage');
    expect(posted!.text).toContain('Subscribed');
    await send('iraq', '/digest');
    const [digest] = await waitFor(() => fake.ephemerals('C0NEWS001').length > 0 && fake.ephemerals('C0NEWS001'), 'chat.postEphemeral');
    expect(digest!.user).toBe(EDITOR);
    expect(JSON.stringify(digest!.blocks)).toContain('Rockets hit Baghdad airport');
    await send('nosuch', '/digest');
    const [, eph] = await waitFor(() => fake.ephemerals('C0NEWS001').length > 1 && fake.ephemerals('C0NEWS001'), 'chat.postEphemeral');
    expect(eph!.user).toBe(EDITOR);
    expect(eph!.text).toContain('Usage: /raqib digest');
  });

  it('Slack-escaped text and links reach the command as typed', async () => {
    const [r] = await answered(await command({ command: '/feeds', text: 'add <https://feeds.example.com/a?x=1&amp;y=2|feeds.example.com/a>', user_id: OPS }));
    expect(r!.body.text).toContain('Added feed https://feeds.example.com/a?x=1&amp;y=2');
    expect((await w.services.feeds.list()).map((f) => f.url)).toEqual(['https://feeds.example.com/a?x=1&y=2']);
  });

  it('500 random command strings are each acknowledged and answered, and nothing crashes', async () => {
    const lines = randomCommandLines(
      6_2026,
      500,
      commands.map((c) => c.name),
    );
    const pending: Promise<unknown>[] = [];
    const ids: string[] = [];
    // A chart is answered by uploading it into the channel rather than through respond().
    const charts = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const m = /^(\S+)\s?([\s\S]*)$/.exec(line)!;
      pending.push(
        command({ command: m[1]!, text: m[2]!, user_id: i % 3 === 0 ? OPS : EDITOR }).then((c) => {
          expect(c.status).toBe(200);
          ids.push(c.id);
          if (m[1] === '/trend') charts.add(c.id);
        }),
      );
      if (pending.length >= 20) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const answeredAll = () => {
      const viaRespond = ids.filter((id) => fake.responses(id).length > 0);
      const others = ids.filter((id) => !charts.has(id));
      return others.every((id) => fake.responses(id).length > 0) && viaRespond.filter((id) => charts.has(id)).length + fake.files.shared.length >= charts.size;
    };
    await waitFor(answeredAll, '500 answers', 20_000);
    expect(fake.responses().filter((r) => r.status !== 200)).toEqual([]);
    expect(log.errors()).toEqual([]);
  }, 30_000);
});

describe('sender', () => {
  it('chat.postMessage outcomes: 429 → rateLimited, 5xx/timeouts → transient, API errors → permanent; never retries', async () => {
    const sender = createSlackSender(createSlackWebClient(fake.token, fake.url, 300));
    const to = { platform: 'slack' as const, chat: 'C0NEWS001' };
    expect(await sender.send({ to, body: { format: 'slack', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] } })).toMatchObject(
      { ok: true },
    );
    expect(await sender.send({ to, body: { format: 'text', text: 'a <!channel> & b' } })).toMatchObject({ ok: true });
    expect(fake.posted('C0NEWS001')[1]!.text).toBe('a &lt;!channel&gt; &amp; b');
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 9 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'rateLimited', retryAfterMs: 9000 });
    fake.failNext('chat.postMessage', { status: 503 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'transient' });
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'transient' });
    fake.failNext('chat.postMessage', { kind: 'timeout', hangMs: 2_000 });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'transient' });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await sender.send({ to, body: { format: 'text', text: 'x' } })).toMatchObject({ ok: false, kind: 'permanent', error: 'channel_not_found' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(7);
  });

  it('a post that got no answer is in doubt (it may have arrived); an answered refusal or a connection never made is not', async () => {
    const sender = createSlackSender(createSlackWebClient(fake.token, fake.url, 300));
    const to = { platform: 'slack' as const, chat: 'C0NEWS001' };
    const send = () => sender.send({ to, body: { format: 'text', text: 'x' } });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await send()).not.toHaveProperty('inDoubt');
    fake.failNext('chat.postMessage', { status: 503 });
    expect(await send()).not.toHaveProperty('inDoubt');
    fake.failNext('chat.postMessage', { kind: 'timeout', hangMs: 2_000 });
    expect(await send()).toMatchObject({ ok: false, kind: 'transient', inDoubt: true });
    fake.failNext('chat.postMessage', { kind: 'lost-response' });
    expect(await send()).toMatchObject({ ok: false, kind: 'transient', inDoubt: true });
    const refused = await createSlackSender(createSlackWebClient(fake.token, `http://127.0.0.1:${await freePort()}/api/`, 300)).send({
      to,
      body: { format: 'text', text: 'x' },
    });
    expect(refused).toMatchObject({ ok: false, kind: 'transient' });
    expect(refused).not.toHaveProperty('inDoubt');
  });

  it('classifies what the Web API threw once: PlatformError with a code, or NetworkError', async () => {
    const web = createSlackWebClient(fake.token, fake.url, 300);
    const failure = async (client = web) => {
      try {
        await client.chat.postMessage({ channel: 'C0NEWS001', text: 'x' });
      } catch (err) {
        return slackError(err);
      }
      throw new Error('the call did not fail');
    };
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 4 });
    expect(await failure()).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAfterS: 4, platform: 'slack' });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await failure()).toMatchObject({ code: 'PLATFORM_REFUSED', method: 'chat.postMessage' });
    fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    expect(await failure()).toMatchObject({ code: 'PLATFORM_AUTH' });
    const gone = await failure(createSlackWebClient(fake.token, 'http://127.0.0.1:9/api/', 300));
    expect(gone).toBeInstanceOf(NetworkError);
  });
});

describe('acknowledgement', () => {
  it('acks at once even when the answer takes longer than Slack’s 3 s', async () => {
    const slow = await openWorld({
      buildDigest: async () => {
        await new Promise((r) => setTimeout(r, 3_500));
        return { status: 'ok', text: 'slow digest' };
      },
    });
    const srv = new ServiceServer({ port: 0, host: '127.0.0.1' });
    const port = await srv.listen();
    const app = await startSlack({
      env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, PORT: 0, admins: [] },
      services: slow.services,
      log,
      mount: (p, h) => srv.mount(p, h),
    });
    try {
      const t0 = Date.now();
      const res = await sendSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        { command: '/digest', text: 'iraq', user_id: EDITOR, response_url: fake.responseUrl('slow') },
        { signingSecret: SECRET },
      );
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(fake.responses('slow')).toEqual([]);
      const [r] = await waitFor(() => fake.responses('slow').length > 0 && fake.responses('slow'), 'late answer', 6_000);
      expect(r!.body.text).toBe('slow digest');
    } finally {
      await app.stop();
      await srv.close();
      await slow.close();
    }
  }, 10_000);
});
