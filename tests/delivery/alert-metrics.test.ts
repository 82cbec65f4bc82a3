// What delivery adds to /metrics: the alert latency histogram (item published → first send, one
// observation per item even when its alert is split into several messages) and follow-ups by
// threading. Real outbox and pump over SQLite.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox, alertKey } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import type { ChatRef, MessageBody, OutboundMessage, SendOutcome, Sender } from '../../src/core/outbound.ts';
import { article, fastLimits, fastRetry, storeArticles, waitFor } from './helpers.ts';

const chat: ChatRef = { platform: 'telegram', chat: '4242' };
const sqlite = storeCases[0]!;

class IdSender implements Sender {
  readonly platform = 'telegram' as const;
  readonly sent: OutboundMessage[] = [];
  giveIds = true;
  script: SendOutcome[] = [];
  async send(msg: OutboundMessage): Promise<SendOutcome> {
    const scripted = this.script.shift();
    if (scripted) return scripted;
    this.sent.push(msg);
    return this.giveIds ? { ok: true, id: String(100 + this.sent.length) } : { ok: true };
  }
}

describe('delivery metrics', () => {
  let cleanup: (() => Promise<void>) | undefined;
  let pump: DeliveryPump | undefined;
  afterEach(async () => {
    await pump?.stop(1000);
    await cleanup?.();
    pump = undefined;
    cleanup = undefined;
  });

  async function setup(items: { id: string; agoMs: number }[], partsPerAlert = 1, retry: typeof fastRetry | 'unset' = fastRetry) {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    const articles = await storeArticles(
      opened.store,
      items.map((i) => ({ ...article(i.id, ['iraq'], new Date(Date.now() - i.agoMs).toISOString()), storyId: `s-${i.id}` })),
    );
    const metrics = new RaqibMetrics();
    const part = (n: number): MessageBody => ({ format: 'text', text: `part ${n}` });
    const outbox = new Outbox({
      backend: await openOutboxBackend(opened.store),
      articles,
      makeAlertMessages: () => Array.from({ length: partsPerAlert }, (_, i) => part(i)),
      makeFollowUpMessages: () => [{ format: 'text', text: 'follow-up' }],
      batchWindowMs: 100,
      limits: fastLimits,
      metrics,
    });
    const sender = new IdSender();
    pump = new DeliveryPump({ outbox, senders: { telegram: sender }, retry: retry === 'unset' ? undefined : retry, pollMs: 20, livenessMs: 400 });
    await pump.start();
    return { outbox, sender, metrics };
  }

  it('observes each alert item once, at its first message, by the time since it was published', async () => {
    const { outbox, sender, metrics } = await setup(
      [
        { id: 'a1', agoMs: 90_000 },
        { id: 'a2', agoMs: 45 * 60_000 },
      ],
      3,
    );
    await outbox.alert(chat, [
      { key: alertKey(chat, 'a1'), articleId: 'a1', topics: ['iraq'] },
      { key: alertKey(chat, 'a2'), articleId: 'a2', topics: ['iraq'] },
    ]);
    await waitFor(() => sender.sent.length === 3, 3000, 'the three parts of the alert');
    expect(metrics.alertLatency.count({ platform: 'telegram' })).toBe(2);
    const text = await metrics.registry.render();
    expect(text).toContain('raqib_alert_latency_seconds_bucket{platform="telegram",le="60"} 0');
    expect(text).toContain('raqib_alert_latency_seconds_bucket{platform="telegram",le="120"} 1');
    expect(text).toContain('raqib_alert_latency_seconds_bucket{platform="telegram",le="1800"} 1');
    expect(text).toContain('raqib_alert_latency_seconds_bucket{platform="telegram",le="3600"} 2');
    expect(text).toContain('raqib_alert_latency_seconds_bucket{platform="telegram",le="+Inf"} 2');
    expect(text).toContain('raqib_alert_latency_seconds_count{platform="telegram"} 2');
    const sum = Number(/raqib_alert_latency_seconds_sum\{platform="telegram"\} (\S+)/.exec(text)?.[1]);
    expect(sum).toBeGreaterThan(90 + 45 * 60 - 1);
    expect(sum).toBeLessThan(90 + 45 * 60 + 10);
  });

  it('retries a 429 with the default retry policy when none is given (retry: undefined)', async () => {
    const { outbox, sender, metrics } = await setup([{ id: 'a1', agoMs: 0 }], 1, 'unset');
    sender.script = [{ ok: false, kind: 'rateLimited', retryAfterMs: 50, error: '429' }];
    await outbox.alert(chat, [{ key: alertKey(chat, 'a1'), articleId: 'a1', topics: ['iraq'] }]);
    await waitFor(() => sender.sent.length === 1, 3000, 'the alert after its 429');
    expect(metrics.rateLimited.get({ platform: 'telegram' })).toBe(1);
  });

  it('counts follow-ups held and sent, threaded or not', async () => {
    const { outbox, sender, metrics } = await setup([
      { id: 'a1', agoMs: 0 },
      { id: 'a2', agoMs: 0 },
      { id: 'a3', agoMs: 0 },
    ]);
    const s1 = alertKey(chat, 's1');
    await outbox.alert(chat, [{ key: s1, articleId: 'a1', topics: ['iraq'] }]);
    await waitFor(() => sender.sent.length === 1, 3000, 'the alert');
    await outbox.followUps(chat, [{ alertKey: s1, storyId: 's1', articleId: 'a2', topics: ['iraq'] }]);
    await waitFor(() => sender.sent.length === 2, 3000, 'the threaded follow-up');
    expect(metrics.followUpsSent.get({ platform: 'telegram', threaded: 'yes' })).toBe(1);
    expect(metrics.followUpsSent.get({ platform: 'telegram', threaded: 'no' })).toBe(0);
    expect(metrics.followUpsHeld.get()).toBe(1);
    // A follow-up to a story that never alerted this chat is not held, so not counted.
    await outbox.followUps(chat, [{ alertKey: alertKey(chat, 's9'), storyId: 's9', articleId: 'a3', topics: ['iraq'] }]);
    expect(metrics.followUpsHeld.get()).toBe(1);
    expect(metrics.sent.get({ platform: 'telegram', kind: 'followUp' })).toBe(1);
  });
});
