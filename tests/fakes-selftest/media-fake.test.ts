// The fakes' picture methods against the REAL clients: telegraf's sendPhoto (multipart upload) and
// WebClient.filesUploadV2 (getUploadURLExternal → upload → completeUploadExternal), plus the
// refusals the real services give.
import { createCanvas } from '@napi-rs/canvas';
import { LogLevel, WebClient } from '@slack/web-api';
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function png(width: number, height: number): Promise<Buffer> {
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#0072B2';
  ctx.fillRect(0, 0, width / 2, height / 2);
  return c.encode('png');
}

async function telegram(): Promise<{ fake: FakeTelegram; bot: Telegraf }> {
  const fake = await startFakeTelegram({ chats: [{ id: 42, type: 'private', first_name: 'Ali' }] });
  cleanups.push(() => fake.close());
  return { fake, bot: new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }) };
}

describe('fake Telegram sendPhoto with the real telegraf', () => {
  it('takes a multipart PNG with a caption and keeps its bytes', async () => {
    const { fake, bot } = await telegram();
    const bytes = await png(1200, 675);
    const m = await bot.telegram.sendPhoto(42, { source: bytes, filename: 'trend.png' }, { caption: 'iraq: 6 stories in 30 days' });
    expect(m.caption).toBe('iraq: 6 stories in 30 days');
    expect(m.photo.at(-1)).toMatchObject({ width: 1200, height: 675 });
    const sent = fake.sent(42);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.photo).toMatchObject({ filename: 'trend.png', width: 1200, height: 675 });
    expect(sent[0]!.photo!.data.equals(bytes)).toBe(true);
    expect(fake.callsTo('sendPhoto')[0]!.bodyKind).toBe('multipart');
  });

  it('refuses what Telegram refuses: long captions, non-images, extreme shapes, unknown chats', async () => {
    const { bot } = await telegram();
    const err = async (p: Promise<unknown>) =>
      (await p.then(
        () => undefined,
        (e: unknown) => e,
      )) as TelegramError;
    const ok = await png(100, 100);
    expect((await err(bot.telegram.sendPhoto(42, { source: ok }, { caption: 'x'.repeat(1025) }))).description).toBe('Bad Request: message caption is too long');
    expect((await err(bot.telegram.sendPhoto(42, { source: Buffer.from('not a picture') }))).description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
    expect((await err(bot.telegram.sendPhoto(42, { source: await png(2100, 100) }))).description).toBe('Bad Request: PHOTO_INVALID_DIMENSIONS');
    expect((await err(bot.telegram.sendPhoto(7, { source: ok }))).description).toBe('Bad Request: chat not found');
    expect((await err(bot.telegram.sendPhoto(42, 'not-a-file-id'))).description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect((await err(bot.telegram.sendPhoto(42, 'ftp://example.com/a.jpg'))).description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
  });

  it('takes a photo by HTTP URL with an HTML caption, and refuses a URL it was told it cannot fetch', async () => {
    const { fake, bot } = await telegram();
    const url = 'https://cdn.example/pics/rockets.jpg';
    const m = await bot.telegram.sendPhoto(42, url, { caption: '<b>Rockets</b> &amp; more', parse_mode: 'HTML' });
    expect(m.caption).toBe('Rockets & more');
    expect(fake.sent(42)[0]!.photo).toMatchObject({ url, filename: 'rockets.jpg' });
    fake.rejectImage('https://cdn.example/pics/gone.jpg');
    const e = await bot.telegram.sendPhoto(42, 'https://cdn.example/pics/gone.jpg').catch((x: unknown) => x as TelegramError);
    expect((e as TelegramError).description).toBe('Bad Request: failed to get HTTP URL content');
    expect(fake.sent(42)).toHaveLength(1);
  });
});

describe('fake Slack image blocks with the real WebClient', () => {
  it('checks image blocks and fails a message whose picture it cannot download, as Slack does', async () => {
    const fake = await startFakeSlack({ channels: [{ id: 'C0RAQIB01', name: 'news' }] });
    cleanups.push(() => fake.close());
    const client = new WebClient(fake.token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const blocks = (url: string) => [
      { type: 'section', text: { type: 'mrkdwn', text: 'Rockets' } },
      { type: 'image', image_url: url, alt_text: 'Rockets' },
    ];
    await client.chat.postMessage({ channel: 'C0RAQIB01', text: 'Rockets', blocks: blocks('https://cdn.example/a.jpg') });
    expect(fake.posted('C0RAQIB01')[0]!.blocks?.[1]).toMatchObject({ type: 'image', image_url: 'https://cdn.example/a.jpg' });
    await expect(client.chat.postMessage({ channel: 'C0RAQIB01', text: 'x', blocks: blocks('javascript:alert(1)') })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    fake.rejectImage('https://cdn.example/gone.jpg');
    await expect(client.chat.postMessage({ channel: 'C0RAQIB01', text: 'x', blocks: blocks('https://cdn.example/gone.jpg') })).rejects.toMatchObject({
      data: { error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] downloading image failed [json-pointer:/blocks/1/image_url]'] } },
    });
    expect(fake.posted('C0RAQIB01')).toHaveLength(1);
  });
});

describe('fake Slack external upload with the real WebClient', () => {
  async function slack(): Promise<{ fake: FakeSlack; client: WebClient }> {
    const fake = await startFakeSlack({
      channels: [
        { id: 'C0RAQIB01', name: 'news' },
        { id: 'C0OUTSIDE', name: 'other', botIsMember: false },
      ],
    });
    cleanups.push(() => fake.close());
    return { fake, client: new WebClient(fake.token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }) };
  }

  it('completes filesUploadV2 into a channel with the bytes, title and comment', async () => {
    const { fake, client } = await slack();
    const bytes = await png(1200, 675);
    const r = await client.filesUploadV2({ channel_id: 'C0RAQIB01', file: bytes, filename: 'trend.png', title: 'Trend', initial_comment: 'iraq: 6 stories' });
    expect(r.ok).toBe(true);
    expect(fake.callsTo('files.getUploadURLExternal')[0]!.params).toMatchObject({ filename: 'trend.png', length: String(bytes.length) });
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(fake.files.shared).toHaveLength(1);
    const f = fake.files.shared[0]!;
    expect(f).toMatchObject({ channel: 'C0RAQIB01', filename: 'trend.png', title: 'Trend', initial_comment: 'iraq: 6 stories' });
    expect(f.data.equals(bytes)).toBe(true);
  });

  it('refuses a channel the bot is not in, a missing length and files never uploaded', async () => {
    const { client } = await slack();
    const bytes = await png(100, 100);
    await expect(client.filesUploadV2({ channel_id: 'C0OUTSIDE', file: bytes, filename: 'a.png' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client.files.getUploadURLExternal({ filename: 'a.png' } as never)).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    const reserved = await client.files.getUploadURLExternal({ filename: 'a.png', length: 10 });
    await expect(client.files.completeUploadExternal({ files: [{ id: reserved.file_id! }], channel_id: 'C0RAQIB01' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });
});
