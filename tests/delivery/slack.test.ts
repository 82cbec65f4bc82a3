// Slack through the real Slack sender (@slack/web-api WebClient) to the fake Web API: one message
// per second per channel, a 429's Retry-After waited out, order kept.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { createSlackSender, createSlackWebClient } from '../../src/platforms/slack/slack-sender.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { renderIds, waitFor } from './helpers.ts';

const c = storeCases[0]!;

describe('Slack delivery', () => {
  let fake: FakeSlack | undefined;
  let pump: DeliveryPump | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await pump?.stop(1000);
    await fake?.close();
    await cleanup?.();
    pump = fake = cleanup = undefined;
  });

  it('keeps to 1 msg/s per channel, waits out Retry-After and keeps the order', async () => {
    fake = await startFakeSlack({ limits: true });
    const opened = await c.open();
    cleanup = opened.cleanup;
    const metrics = new RaqibMetrics();
    const outbox = new Outbox({ backend: await openOutboxBackend(opened.store), articles: { getMany: async () => [] }, makeAlertMessages: renderIds, metrics });
    const channels = ['C0NEWS', 'C0WIRE'];
    for (let i = 1; i <= 3; i++) {
      for (const ch of channels) await outbox.enqueue({ platform: 'slack', chat: ch }, [{ format: 'slack', text: `${ch} ${i}` }], { key: `${ch}/${i}` });
    }
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    pump = new DeliveryPump({ outbox, senders: { slack: createSlackSender(createSlackWebClient(fake.token, fake.url, 2_000)) }, pollMs: 30 });
    await pump.start();
    await waitFor(() => fake!.posted().length === 6, 10_000, 'six posts');
    for (const ch of channels) {
      const posts = fake.posted(ch);
      expect(posts.map((p) => p.text)).toEqual([1, 2, 3].map((i) => `${ch} ${i}`));
      for (let i = 1; i < posts.length; i++) expect(posts[i]!.at - posts[i - 1]!.at).toBeGreaterThanOrEqual(980);
    }
    // Only the injected 429; the channel limit itself was never hit.
    expect(fake.stats().rateLimited).toBe(0);
    expect(metrics.rateLimited.get({ platform: 'slack' })).toBe(1);
    const calls = fake.calls.filter((x) => x.method === 'chat.postMessage');
    const limited = calls.find((x) => x.httpStatus === 429)!;
    const retry = calls.find((x) => x.seq > limited.seq && x.params.channel === limited.params.channel)!;
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(1990);
  }, 15_000);
});
