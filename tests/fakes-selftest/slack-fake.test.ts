// The fake Slack Web API against the REAL @slack/web-api WebClient and @slack/bolt App, over
// real sockets: tokens, Block Kit limits, rate limits with Retry-After, response_url, signatures.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand, startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack-web-api.ts';

let fake: FakeSlack;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: FakeSlackOptions = {}, clientOpts: Partial<ConstructorParameters<typeof WebClient>[1]> = {}): Promise<WebClient> {
  fake = await startFakeSlack(opts);
  cleanups.push(() => fake.close());
  return new WebClient(fake.token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet, ...clientOpts });
}

async function platformError(p: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError;
  expect(err?.code).toBe(ErrorCode.PlatformError);
  return err.data;
}

// WebClient logs Slack's response_metadata messages; these tests provoke them on purpose.
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

const section = (text: string): object => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('fake Slack Web API with the real WebClient', () => {
  it('answers auth.test and chat.postMessage in Slack shapes, and logs posted messages', async () => {
    const client = await setup({ channels: [{ id: 'C0NEWS', name: 'news' }] });
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0RAQIBBOT', team_id: 'T0RAQIB01', bot_id: 'B0RAQIBBOT' });
    const a = await client.chat.postMessage({ channel: 'C0NEWS', text: 'Iraq digest', blocks: [section('*Iraq* digest')] as never });
    const b = await client.chat.postMessage({ channel: '#news', text: 'second' });
    expect(a).toMatchObject({ ok: true, channel: 'C0NEWS', message: { text: 'Iraq digest', bot_id: 'B0RAQIBBOT', type: 'message' } });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(fake.posted('C0NEWS').map((m) => m.text)).toEqual(['Iraq digest', 'second']);
    expect(fake.posted('C0NEWS')[0]!.blocks).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')[0]!).toMatchObject({ auth: 'bearer', bodyKind: 'form' });
  });

  it('rejects bad tokens: invalid_auth, not_authed', async () => {
    await setup();
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect((await platformError(wrong.auth.test())).error).toBe('invalid_auth');
    const none = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect((await platformError(none.auth.test())).error).toBe('not_authed');
    // The legacy form `token` parameter still works; a JSON body's token does not.
    const form = await fetch(`${fake.url}auth.test`, { method: 'POST', body: new URLSearchParams({ token: fake.token }) });
    expect(((await form.json()) as { ok: boolean }).ok).toBe(true);
    const json = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: fake.token }),
    });
    expect(((await json.json()) as { error: string }).error).toBe('not_authed');
    const unknown = await fetch(`${fake.url}chat.postMesage`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` } });
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method', req_method: 'chat.postMesage' });
  });

  it('validates channel, text and Block Kit limits like Slack', async () => {
    const client = await setup({
      channels: [
        { id: 'C0NEWS', name: 'news' },
        { id: 'C0OLD', is_archived: true },
      ],
    });
    expect((await platformError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).error).toBe('channel_not_found');
    expect((await platformError(client.chat.postMessage({ channel: 'C0OLD', text: 'x' }))).error).toBe('is_archived');
    expect((await platformError(client.chat.postMessage({ channel: 'C0NEWS' } as never))).error).toBe('no_text');
    expect((await platformError(client.chat.postMessage({ channel: 'C0NEWS', text: 'x'.repeat(40_001) }))).error).toBe('msg_too_long');
    const tooLong = await platformError(client.chat.postMessage({ channel: 'C0NEWS', text: 'x', blocks: [section('a'.repeat(3001))] as never }));
    expect(tooLong.error).toBe('invalid_blocks');
    expect((tooLong as unknown as { errors: string[] }).errors).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    const many = await platformError(
      client.chat.postMessage({ channel: 'C0NEWS', text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) as never }),
    );
    expect((many as unknown as { errors: string[] }).errors).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    await client.chat.postMessage({
      channel: 'C0NEWS',
      text: 'ok',
      blocks: [section('a'.repeat(3000)), ...Array.from({ length: 49 }, () => ({ type: 'divider' }))] as never,
    });
    // Blocks without a text fallback are accepted (as on Slack) but flagged.
    await client.chat.postMessage({ channel: 'C0NEWS', blocks: [section('only blocks')] as never });
    expect(fake.posted('C0NEWS').map((m) => m.warnings)).toEqual([[], ['missing_text_fallback']]);
  });

  it('chat.update, chat.postEphemeral, conversations.info, users.info and views.open', async () => {
    const client = await setup({
      channels: [{ id: 'C0NEWS', name: 'news', members: ['U0ADMIN', 'U0READER'] }],
      users: [{ id: 'U0ADMIN', name: 'admin', is_admin: true }, { id: 'U0READER', name: 'reader' }, { id: 'U0OUTSIDE' }],
    });
    const posted = await client.chat.postMessage({ channel: 'C0NEWS', text: 'v1' });
    const updated = await client.chat.update({ channel: 'C0NEWS', ts: posted.ts!, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(fake.posted('C0NEWS')[0]).toMatchObject({ text: 'v2', edits: [{ text: 'v1' }] });
    expect((await platformError(client.chat.update({ channel: 'C0NEWS', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    const eph = await client.chat.postEphemeral({ channel: 'C0NEWS', user: 'U0READER', text: 'only you' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect((await platformError(client.chat.postEphemeral({ channel: 'C0NEWS', user: 'U0OUTSIDE', text: 'x' }))).error).toBe('user_not_in_channel');
    expect(fake.ephemerals('C0NEWS')).toMatchObject([{ user: 'U0READER', text: 'only you' }]);
    expect((await client.conversations.info({ channel: 'C0NEWS' })).channel).toMatchObject({ id: 'C0NEWS', name: 'news', is_member: true });
    expect((await client.users.info({ user: 'U0ADMIN' })).user).toMatchObject({ is_admin: true, name: 'admin' });
    expect((await platformError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    const view = await client.views.open({ trigger_id: '1.2.3', view: { type: 'modal', title: { type: 'plain_text', text: 'Subscribe' }, blocks: [] } });
    expect(view.view?.id).toMatch(/^V/);
    expect(
      (
        await platformError(
          client.views.open({ trigger_id: '1.2.3', view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] } }),
        )
      ).error,
    ).toBe('invalid_arguments');
  });

  it('views.publish: a home view for a known user, replaced by the next; other view types and bad blocks refused', async () => {
    const client = await setup({ users: [{ id: 'U0READER', name: 'reader' }] });
    const home = (text: string) => ({ type: 'home' as const, blocks: [{ type: 'section', text: { type: 'plain_text', text } }] });
    expect((await client.views.publish({ user_id: 'U0READER', view: home('one') })).view?.id).toMatch(/^V/);
    await client.views.publish({ user_id: 'U0READER', view: home('two') });
    expect(JSON.stringify(fake.homeView('U0READER'))).toContain('two');
    expect((await platformError(client.views.publish({ user_id: 'U0NOBODY', view: home('x') }))).error).toBe('user_not_found');
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } as never;
    expect((await platformError(client.views.publish({ user_id: 'U0READER', view: modal }))).error).toBe('invalid_arguments');
    const badBlock = { type: 'home', blocks: [{ type: 'nonsense' }] } as never;
    expect((await platformError(client.views.publish({ user_id: 'U0READER', view: badBlock }))).error).toBe('invalid_arguments');
  });

  it('answers 429 with Retry-After on demand and under the per-channel limit', async () => {
    const client = await setup({}, { rejectRateLimitedCalls: true });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = (await client.chat.postMessage({ channel: 'C0NEWS', text: 'x' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);

    fake.enforceLimits(true);
    await client.chat.postMessage({ channel: 'C0NEWS', text: 'first' });
    const limited = (await client.chat.postMessage({ channel: 'C0NEWS', text: 'too soon' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(limited.retryAfter).toBe(1);
    await client.chat.postMessage({ channel: 'C0OTHER', text: 'other channel is fine' });
    const raw = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}` },
      body: new URLSearchParams({ channel: 'C0NEWS', text: 'x' }),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(fake.stats().rateLimited).toBe(2);
    expect(fake.posted().map((m) => m.text)).toEqual(['first', 'other channel is fine']);
  });

  it('injects seeded faults reproducibly: 429, 5xx, timeouts', async () => {
    const run = async (): Promise<string> => {
      const client = await setup({}, { rejectRateLimitedCalls: true });
      fake.setFaultRate({ rate: 0.3, kinds: ['429', '500'], seed: 5 });
      let s = '';
      for (let i = 0; i < 30; i++) {
        s += await client.chat.postMessage({ channel: 'C0NEWS', text: String(i) }).then(
          () => '.',
          (e: { code: string }) => (e.code === ErrorCode.RateLimitedError ? 'R' : e.code === ErrorCode.HTTPError ? 'E' : '?'),
        );
      }
      return s;
    };
    const a = await run();
    expect(await run()).toBe(a);
    expect(a).toMatch(/R/);
    expect(a).toMatch(/E/);
    expect(a).not.toMatch(/\?/);
    const client = await setup({}, { timeout: 100 });
    fake.failNext('chat.postMessage', { kind: 'timeout', hangMs: 2000 });
    await expect(client.chat.postMessage({ channel: 'C0NEWS', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.RequestError });
  });
});

describe('Bolt against the fake: signed slash commands, respond() and the client', () => {
  async function boltApp(): Promise<{ app: App; url: string }> {
    fake = await startFakeSlack({ channels: [{ id: 'C0NEWS', name: 'news' }] });
    cleanups.push(() => fake.close());
    const app = new App({
      token: fake.token,
      signingSecret: 'test-signing-secret',
      botId: 'B0RAQIBBOT',
      botUserId: 'U0RAQIBBOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/digest', async ({ command, ack, respond, client }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: `digest for ${command.text}` });
      await client.chat.postMessage({ channel: command.channel_id, text: `posted: ${command.text}` });
    });
    const server = (await app.start(0)) as Server;
    cleanups.push(async () => {
      await app.stop();
    });
    return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
  }

  it('a signed /digest is acked, answered through response_url and posts with chat.postMessage', async () => {
    const { url } = await boltApp();
    const responseUrl = fake.responseUrl('cmd-1');
    const res = await sendSlashCommand(
      url,
      { command: '/digest', text: 'العراق iraq', channel_id: 'C0NEWS', response_url: responseUrl },
      { signingSecret: 'test-signing-secret' },
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && fake.posted('C0NEWS').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.responses('cmd-1')).toMatchObject([{ status: 200, body: { response_type: 'ephemeral', text: 'digest for العراق iraq' } }]);
    expect(fake.posted('C0NEWS').map((m) => m.text)).toEqual(['posted: العراق iraq']);
  });

  it('a forged signature, a tampered body or a stale timestamp gets 401', async () => {
    const { url } = await boltApp();
    const fields = { command: '/digest', text: 'iraq', response_url: fake.responseUrl() };
    const forged = await sendSlashCommand(url, fields, { signingSecret: 'wrong-secret' });
    const tampered = await sendSlashCommand(url, fields, { signingSecret: 'test-signing-secret', sendBody: 'command=%2Fdigest&text=evil' });
    const stale = await sendSlashCommand(url, fields, { signingSecret: 'test-signing-secret', timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([forged.status, tampered.status, stale.status]).toEqual([401, 401, 401]);
    expect(fake.responses()).toHaveLength(0);
  });
});
