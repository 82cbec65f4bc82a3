// stop() lets a poll in progress finish before it returns: `raqib start` closes the store right
// after, and a poll still writing then failed against a closed SQLite handle (seen in the crash
// test's SIGTERM at the end).
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { openDelivery } from '../../src/delivery/open-delivery.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { renderIds } from '../delivery/helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of closers.reverse()) await f();
  closers.length = 0;
});

describe('scheduler stop', () => {
  it('waits for a poll in progress', async () => {
    const opened = await storeCases.find((c) => c.name === 'sqlite')!.open();
    closers.push(opened.cleanup);
    const subscriptions = new SubscriptionStore(opened.store);
    const delivery = await openDelivery({
      store: opened.store,
      senders: {},
      articles: new ArticleStore(opened.store),
      subscriptions,
      makeAlertMessages: renderIds,
      makeDigestMessages: async () => [],
    });
    const events: string[] = [];
    const scheduler = new Scheduler({
      store: opened.store,
      subscriptions,
      router: delivery.router,
      outbox: delivery.outbox,
      feeds: async () => [{ id: 'f1', intervalMs: 60_000 }],
      pollFeed: async (id) => {
        events.push(`start ${id}`);
        await new Promise((r) => setTimeout(r, 400));
        events.push(`end ${id}`);
      },
      purge: async () => 0,
      pollOnStart: true,
      maintenanceCron: '0 0 1 1 *',
    });
    await scheduler.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['start f1']);
    await scheduler.stop();
    expect(events).toEqual(['start f1', 'end f1']);
  });
});
