// Ingest hands a poll's alerts to the router inside its cross-process section, so the router
// queues chats several at a time rather than one after another (each chat is a few store round
// trips; with thousands of chats that made every instance wait). Chats are independent, but
// within one chat the alert must be queued before a follow-up to it from the same hand-off.
import { afterEach, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryRouter } from '../../src/delivery/router.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import type { Subscription } from '../../src/store/subscription-store.ts';
import { article, fastLimits, renderIds, storeArticles } from './helpers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const sub = (chat: string): Subscription => ({
  platform: 'telegram',
  chat,
  topic: 'iraq',
  mode: { kind: 'instant' },
  timezone: 'UTC',
  createdAt: new Date().toISOString(),
  source: 'command',
});

/** The real outbox, recording when each chat's alert and follow-up calls start and end. */
class WatchedOutbox extends Outbox {
  inFlight = 0;
  maxInFlight = 0;
  readonly events: string[] = [];
  private async watch<T>(what: string, to: ChatRef, run: () => Promise<T>): Promise<T> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    this.events.push(`${what}-start ${to.chat}`);
    // A store round trip's worth of waiting, so that calls would overlap if started together.
    await new Promise((r) => setTimeout(r, 5));
    try {
      return await run();
    } finally {
      this.inFlight--;
      this.events.push(`${what}-end ${to.chat}`);
    }
  }
  override alert(to: ChatRef, items: Parameters<Outbox['alert']>[1]) {
    return this.watch('alert', to, () => super.alert(to, items));
  }
  override followUps(to: ChatRef, items: Parameters<Outbox['followUps']>[1]) {
    return this.watch('follow-up', to, () => super.followUps(to, items));
  }
}

it('queues the chats of one hand-off several at a time, each chat its alert before its follow-up', async () => {
  const opened = await storeCases[0]!.open();
  cleanup = opened.cleanup;
  const first = { ...article('s1-a', ['iraq']), storyId: 's1' };
  const joining = { ...article('s1-b', ['iraq']), storyId: 's1' };
  const articles = await storeArticles(opened.store, [first, joining]);
  const outbox = new WatchedOutbox({ backend: await openOutboxBackend(opened.store), articles, makeAlertMessages: renderIds, limits: fastLimits });
  const chats = Array.from({ length: 40 }, (_, i) => String(1000 + i));
  const router = new DeliveryRouter({
    store: opened.store,
    subscriptions: { all: async () => chats.map(sub) },
    outbox,
    makeDigestMessages: async () => [],
  });

  const r = await router.onArticles([first], [{ stored: joining }]);

  expect(r.added).toBe(80); // 40 alerts and 40 follow-ups held for them
  expect(outbox.maxInFlight).toBeGreaterThan(1);
  expect(outbox.maxInFlight).toBeLessThanOrEqual(16);
  for (const chat of chats) {
    const alertEnd = outbox.events.indexOf(`alert-end ${chat}`);
    const followUpStart = outbox.events.indexOf(`follow-up-start ${chat}`);
    expect(alertEnd, chat).toBeGreaterThanOrEqual(0);
    expect(followUpStart, chat).toBeGreaterThan(alertEnd);
  }
});
