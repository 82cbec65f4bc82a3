// The article's picture with instant alerts, through the outbox and the real senders: Telegram
// gets sendPhoto with the alert as its HTML caption, Slack an image block; a picture the platform
// cannot fetch gives the text alert exactly once; `images: false` sends no picture.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telegramSenderFor, waitFor } from './helpers.ts';
import { openPictureWorld, pictured, SLACK_CHANNEL, TG_CHAT, type PictureWorld } from './picture-world.ts';

const PIC = 'https://cdn.example/pics/rockets.jpg';
let w: PictureWorld;
beforeEach(async () => {
  w = await openPictureWorld();
});
afterEach(async () => {
  await w.close();
});

/** Gives the pump time to send anything more it (wrongly) would. */
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('alert pictures on Telegram', () => {
  it('sends an alert with a picture as sendPhoto: the URL as photo, the alert as HTML caption', async () => {
    await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT) });
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.tg.sent(TG_CHAT).length > 0, 5_000, 'the alert');
    await settle();
    const [m] = w.tg.sent(TG_CHAT);
    expect(w.tg.sent(TG_CHAT)).toHaveLength(1);
    expect(m!.photo).toMatchObject({ url: PIC });
    expect(m!.text).toContain('Rockets hit Baghdad airport (a1)');
    const call = w.tg.callsTo('sendPhoto')[0]!;
    expect(call.params).toMatchObject({ photo: PIC, parse_mode: 'HTML' });
    expect(w.tg.callsTo('sendMessage')).toHaveLength(0);
  });

  it('a picture Telegram cannot fetch still gives the alert, as text, exactly once', async () => {
    await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT) });
    w.tg.rejectImage(PIC);
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.tg.sent(TG_CHAT).length > 0, 5_000, 'the alert');
    await settle();
    const sent = w.tg.sent(TG_CHAT);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.photo).toBeUndefined();
    expect(sent[0]!.text).toContain('Rockets hit Baghdad airport (a1)');
    expect(w.tg.callsTo('sendPhoto').map((c) => c.httpStatus)).toEqual([400]);
    expect(w.tg.callsTo('sendMessage')).toHaveLength(1);
    expect(await w.delivery.deadLetterCount()).toBe(0);
  });

  it('images off: the alert goes as text, no sendPhoto', async () => {
    await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT), images: false });
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.tg.sent(TG_CHAT).length > 0, 5_000, 'the alert');
    await settle();
    expect(w.tg.callsTo('sendPhoto')).toHaveLength(0);
    expect(w.tg.sent(TG_CHAT)).toHaveLength(1);
  });

  it('a message longer than a caption (1024 after parsing) goes as one text message, without the picture', async () => {
    const html = `<b>${'Rockets struck the airport road. '.repeat(40)}</b>`;
    const r = await telegramSenderFor(w.tg).send({
      to: { platform: 'telegram', chat: String(TG_CHAT) },
      body: { format: 'telegram-html', html, image: { kind: 'url', url: PIC, alt: 'x' } },
    });
    expect(r.ok).toBe(true);
    expect(w.tg.callsTo('sendPhoto')).toHaveLength(0);
    expect(w.tg.sent(TG_CHAT)).toHaveLength(1);
    expect([...w.tg.sent(TG_CHAT)[0]!.text].length).toBeGreaterThan(1024);
  });

  it('refuses picture addresses that are not http(s): the alert goes as text', async () => {
    await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT) });
    await w.arrive([pictured('a1', 'javascript:alert(1)')]);
    await waitFor(() => w.tg.sent(TG_CHAT).length > 0, 5_000, 'the alert');
    expect(w.tg.callsTo('sendPhoto')).toHaveLength(0);
  });
});

describe('alert pictures on Slack', () => {
  const imageBlocks = (blocks: unknown[] | undefined) => (blocks ?? []).filter((b) => (b as { type: string }).type === 'image');

  it('adds an image block with the picture and the headline as alt text', async () => {
    await w.subscribe({ platform: 'slack', chat: SLACK_CHANNEL });
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.slack.posted(SLACK_CHANNEL).length > 0, 5_000, 'the alert');
    await settle();
    const posts = w.slack.posted(SLACK_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(imageBlocks(posts[0]!.blocks)).toEqual([expect.objectContaining({ type: 'image', image_url: PIC, alt_text: 'Rockets hit Baghdad airport (a1)' })]);
    expect(posts[0]!.warnings).toEqual([]);
  });

  it('a picture Slack cannot download: the alert is posted again without it, once', async () => {
    await w.subscribe({ platform: 'slack', chat: SLACK_CHANNEL });
    w.slack.rejectImage(PIC);
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.slack.posted(SLACK_CHANNEL).length > 0, 5_000, 'the alert');
    await settle();
    const posts = w.slack.posted(SLACK_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(imageBlocks(posts[0]!.blocks)).toEqual([]);
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('images off: no image block', async () => {
    await w.subscribe({ platform: 'slack', chat: SLACK_CHANNEL, images: false });
    await w.arrive([pictured('a1', PIC)]);
    await waitFor(() => w.slack.posted(SLACK_CHANNEL).length > 0, 5_000, 'the alert');
    expect(imageBlocks(w.slack.posted(SLACK_CHANNEL)[0]!.blocks)).toEqual([]);
  });
});
