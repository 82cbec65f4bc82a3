// `chart: weekly` through the router, the outbox and the real senders: the first digest of a week
// (Monday start, the subscription's time zone) carries a PNG chart, the second does not, a
// restarted router does not send it again, and the next week's first digest carries it again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryRouter } from '../../src/delivery/router.ts';
import { weekOf, WeeklyCharts } from '../../src/delivery/weekly-chart.ts';
import { imageSize } from '../fakes/telegram-media.ts';
import { waitFor } from './helpers.ts';
import { openPictureWorld, pictured, SLACK_CHANNEL, TG_CHAT, type PictureWorld } from './picture-world.ts';

// Digest slots at 08:00 Baghdad (05:00 UTC): Monday 2 June 2025, Tuesday 3 June, Monday 9 June.
const MON = Date.parse('2025-06-02T05:00:00Z');
const TUE = Date.parse('2025-06-03T05:00:00Z');
const WED = Date.parse('2025-06-04T05:00:00Z');
const NEXT_MON = Date.parse('2025-06-09T05:00:00Z');
const HOUR = 3_600_000;

let w: PictureWorld;
beforeEach(async () => {
  w = await openPictureWorld();
});
afterEach(async () => {
  await w.close();
});

/** Stores one article an hour before each slot, so that every digest has something to say. */
async function seed(slots: number[]): Promise<void> {
  for (const [i, slot] of slots.entries()) await w.arrive([pictured(`d${i}`, undefined, new Date(slot - HOUR).toISOString())]);
}

describe('weekOf', () => {
  it('is the Monday of the week in the time zone', () => {
    expect(weekOf(MON, 'Asia/Baghdad')).toBe('2025-06-02');
    expect(weekOf(TUE, 'Asia/Baghdad')).toBe('2025-06-02');
    // Sunday 8 June 22:00 UTC is already Monday 9 June in Baghdad, still Sunday in New York.
    expect(weekOf(Date.parse('2025-06-08T22:00:00Z'), 'Asia/Baghdad')).toBe('2025-06-09');
    expect(weekOf(Date.parse('2025-06-08T22:00:00Z'), 'America/New_York')).toBe('2025-06-02');
  });
});

describe('weekly chart on Telegram', () => {
  it('comes with the first digest of the week only, survives a restart, and returns the next week', async () => {
    await seed([MON, TUE, WED, NEXT_MON]);
    const sub = await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT), chart: 'weekly' }, 'daily 08:00');
    const photos = () => w.tg.sent(TG_CHAT).filter((m) => m.photo);
    const texts = () => w.tg.sent(TG_CHAT).filter((m) => !m.photo);

    expect(await w.delivery.router.runDigest(sub, MON)).toMatchObject({ status: 'queued' });
    await waitFor(() => photos().length === 1, 15_000, 'the chart');
    const png = photos()[0]!.photo!;
    expect(imageSize(png.data)).toMatchObject({ width: expect.any(Number) });
    expect(imageSize(png.data)!.width).toBeGreaterThanOrEqual(1200);
    expect(photos()[0]!.text).toMatch(/^iraq: /);
    expect(texts()).toHaveLength(1);
    // The chart follows its digest.
    expect(w.tg.sent(TG_CHAT).map((m) => Boolean(m.photo))).toEqual([false, true]);

    await w.delivery.router.runDigest(sub, TUE);
    await waitFor(() => texts().length === 2, 10_000, "Tuesday's digest");
    // A new router on the same store (a restart) in the same week: still no second chart.
    const restarted = new DeliveryRouter({
      store: w.store,
      subscriptions: w.subs,
      outbox: w.delivery.outbox,
      makeDigestMessages: w.composer.makeDigestMessages,
    });
    await restarted.runDigest(sub, WED);
    await waitFor(() => texts().length === 3, 10_000, "Wednesday's digest");
    await new Promise((r) => setTimeout(r, 400));
    expect(photos()).toHaveLength(1);

    await w.delivery.router.runDigest(sub, NEXT_MON);
    await waitFor(() => photos().length === 2, 15_000, "next week's chart");
    expect(texts()).toHaveLength(4);
  }, 60_000);

  it('a crash after the mark but before the queue write: the re-run slot still carries the chart', async () => {
    await seed([MON]);
    const sub = await w.subscribe({ platform: 'telegram', chat: String(TG_CHAT), chart: 'weekly' }, 'daily 08:00');
    expect(await new WeeklyCharts(w.store).plan(sub, MON)).toBeDefined();
    await w.delivery.router.runDigest(sub, MON);
    await waitFor(() => w.tg.sent(TG_CHAT).some((m) => m.photo), 15_000, 'the chart');
  }, 30_000);
});

describe('weekly chart on Slack', () => {
  it('an empty Monday posts nothing and leaves the chart to the first digest that has something', async () => {
    await seed([TUE]);
    const sub = await w.subscribe({ platform: 'slack', chat: SLACK_CHANNEL, chart: 'weekly' }, 'daily 08:00');
    await w.delivery.router.runDigest(sub, MON);
    await w.delivery.router.runDigest(sub, TUE);
    await waitFor(() => w.slack.files.shared.length === 1, 15_000, 'the chart upload');
    const file = w.slack.files.shared[0]!;
    expect(file).toMatchObject({ channel: SLACK_CHANNEL });
    expect(imageSize(file.data)!.width).toBeGreaterThanOrEqual(1200);
    expect(file.initial_comment).toMatch(/^iraq: /);
    expect(w.slack.posted(SLACK_CHANNEL).filter((p) => p.kind === 'message')).toHaveLength(1);
  }, 30_000);

  it('a subscription without chart: weekly gets no chart', async () => {
    await seed([MON]);
    const sub = await w.subscribe({ platform: 'slack', chat: SLACK_CHANNEL }, 'daily 08:00');
    await w.delivery.router.runDigest(sub, MON);
    await waitFor(() => w.slack.posted(SLACK_CHANNEL).length === 1, 10_000, 'the digest');
    await new Promise((r) => setTimeout(r, 400));
    expect(w.slack.files.shared).toHaveLength(0);
  }, 30_000);
});
