// The hot paths that list the store (the router for every alert batch, the scheduler's refresh
// and sweep, the feed and topic catalogs) must not scan the keyspace: on a shared Redis a keyv
// listing is a SCAN over every key of the database. With thousands of subscriptions, the Redis
// commands this test's store sends are counted by name (MONITOR, filtered by its key prefix) while
// those paths run: no SCAN or KEYS at all, and about one command per listing once warm.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { countByName, monitorRedis, total } from '../helpers/redis-monitor.ts';
import { article, renderIds, storeArticles, waitFor } from '../delivery/helpers.ts';
import { SubscriptionStore, type ConfigSubscription } from '../../src/store/subscription-store.ts';
import { RegistryStore } from '../../src/store/registry-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryRouter } from '../../src/delivery/router.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { FeedCatalog } from '../../src/app/feed-catalog.ts';
import { TopicCatalog } from '../../src/app/topic-catalog.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { FeedStateStore } from '../../src/store/feed-state-store.ts';
import { feedsCheck } from '../../src/service/checks.ts';

const redis = storeCases.find((c) => c.name === 'redis')!;
const NEVER = '0 0 1 1 *';

/** 4,000 subscriptions over 2,000 chats: three instant ones and one daily digest each. */
function subscriptions(): ConfigSubscription[] {
  const out: ConfigSubscription[] = [];
  for (let c = 0; c < 2_000; c++) {
    for (let k = 0; k < 3; k++) out.push({ platform: 'telegram', chat: String(c), topic: `t${(c + k * 67) % 200}`, mode: 'instant' });
    out.push({ platform: 'telegram', chat: String(c), topic: `t${(c + 199) % 200}`, mode: 'daily 08:00' });
  }
  return out;
}

describe.skipIf(redis.skip)('listing on hot paths over redis', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of closers.reverse()) await f();
    closers.length = 0;
  });

  it('routes alert batches and runs the refresh and sweep without SCAN, about one command per listing', async () => {
    const opened = await redis.open();
    closers.push(opened.cleanup);
    const { store } = opened;
    const subs = new SubscriptionStore(store);
    await subs.seedFromConfig(subscriptions());
    const registry = new RegistryStore(store);
    for (let i = 0; i < 20; i++) await registry.feeds.set(`https://feeds.example/${i}`, { url: `https://feeds.example/${i}`, addedAt: '2026-01-01T00:00:00Z' });
    await registry.topics.set('extra', { id: 'extra', query: 'extra' });
    const outbox = new Outbox({ backend: await openOutboxBackend(store), articles: await storeArticles(store, []), makeAlertMessages: renderIds });
    const router = new DeliveryRouter({ store, subscriptions: subs, outbox, makeDigestMessages: async () => [] });
    const feeds = new FeedCatalog([], registry);
    const topics = new TopicCatalog([], registry);
    const metrics = new RaqibMetrics();
    const scheduler = new Scheduler({
      store,
      subscriptions: subs,
      router,
      outbox,
      feeds: async () => (await feeds.list()).map((f) => ({ id: f.id, intervalMs: 3_600_000 })),
      pollFeed: async () => undefined,
      purge: async () => 0,
      pollOnStart: false,
      maintenanceCron: NEVER,
      purgeCron: NEVER,
      refreshMs: 3_600_000,
      metrics,
    });
    // Warm: the first listing of each reads the whole list once (and builds nothing: the index exists).
    await scheduler.start();
    closers.push(() => scheduler.stop());
    await waitFor(() => metrics.jobRuns.get({ job: 'maintenance', outcome: 'ok' }) >= 1, 20_000, 'the start-up sweep');
    await topics.reload();
    expect(await router.onArticles([article('warm', ['nobody'])])).toEqual({ added: 0, duplicates: 0 });

    const monitor = await monitorRedis(opened.url);
    closers.push(() => monitor.close());
    const mine = { prefix: opened.prefix! };
    await monitor.take(mine);
    const batches = 100;
    for (let i = 0; i < batches; i++) await router.onArticles([article(`a${i}`, ['nobody'])]);
    await scheduler.refresh();
    await scheduler.maintenance();
    await feeds.list();
    await topics.reload();
    const counts = countByName(await monitor.take(mine));
    expect(counts.get('SCAN') ?? 0).toBe(0);
    expect(counts.get('KEYS') ?? 0).toBe(0);
    // 100 batches, the refresh, the sweep (one cursor MGET per 1,000 digests) and two catalogs.
    expect(total(counts), JSON.stringify(Object.fromEntries(counts))).toBeLessThanOrEqual(batches + 30);
    expect(scheduler.taskNames()).toContain('poll:' + (await feeds.list())[0]!.id);

    // A batch that matches still reaches every chat subscribed to its topic, without a scan.
    await monitor.take(mine);
    const routed = await router.onArticles([article('hit', ['t5'])]);
    const expected = new Set((await subs.forTopic('t5')).filter((s) => s.mode.kind === 'instant').map((s) => s.chat));
    expect(routed.added).toBe(expected.size);
    expect(countByName(await monitor.take(mine)).get('SCAN') ?? 0).toBe(0);
  });

  it('answers the /healthz feeds check by key: no SCAN, whatever else the store holds', async () => {
    const opened = await redis.open();
    closers.push(opened.cleanup);
    const { store } = opened;
    const states = new FeedStateStore(store);
    const registry = new RegistryStore(store);
    const feeds = new FeedCatalog([], registry);
    for (let i = 0; i < 30; i++) await registry.feeds.set(`https://feeds.example/${i}`, { url: `https://feeds.example/${i}`, addedAt: '2026-01-01T00:00:00Z' });
    const listed = await feeds.list();
    for (const [i, f] of listed.entries()) await states.set({ feedId: f.id, url: f.url, failures: i < 3 ? 2 : 0, primed: true, itemsSeen: 0 });
    // A state left by a feed no longer polled is not this check's business.
    await states.set({ feedId: 'gone', url: 'https://gone.example/', failures: 9, primed: true, itemsSeen: 0, disabledReason: 'x' });
    await new SubscriptionStore(store).seedFromConfig(subscriptions());
    const check = feedsCheck(async () => states.forFeeds((await feeds.list()).map((f) => f.id)));

    const monitor = await monitorRedis(opened.url);
    closers.push(() => monitor.close());
    const mine = { prefix: opened.prefix! };
    await monitor.take(mine);
    const r = await check();
    const counts = countByName(await monitor.take(mine));
    expect(counts.get('SCAN') ?? 0).toBe(0);
    expect(total(counts)).toBeLessThanOrEqual(3);
    expect(r).toMatchObject({ ok: true, detail: { polled: 30, failing: 3, disabled: 0 } });
  });
});
