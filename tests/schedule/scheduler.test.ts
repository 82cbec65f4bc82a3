// The scheduler on accelerated (per-second) schedules. On Redis two independent instances (own
// clients, own outbox pumps, own node-cron tasks) share one store: every digest slot and every
// feed-poll slot must run once, and every digest must reach its chat once.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { SubscriptionStore, type Subscription } from '../../src/store/subscription-store.ts';
import { openDelivery, type Delivery } from '../../src/delivery/open-delivery.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { fastLimits, renderIds, telegramSenderFor, waitFor } from '../delivery/helpers.ts';

function sub(chat: string, cron: string, timezone: string, createdAt = new Date().toISOString()): Subscription {
  return { platform: 'telegram', chat, topic: 'iraq', mode: { kind: 'cron', cron, label: `cron "${cron}"` }, timezone, createdAt, source: 'config' };
}

interface Instance {
  store: Store;
  delivery: Delivery;
  scheduler: Scheduler;
  polls: number[];
  purges: number[];
  metrics: RaqibMetrics;
}

for (const c of storeCases) {
  describe.skipIf(c.skip)(`scheduler over ${c.name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    let fake: FakeTelegram | undefined;
    afterEach(async () => {
      for (const f of closers.reverse()) await f();
      closers.length = 0;
      await fake?.close();
      fake = undefined;
    });

    async function instance(store: Store, fake: FakeTelegram, opts: { maintenanceCron?: string; purgeCron?: string } = {}): Promise<Instance> {
      const subscriptions = new SubscriptionStore(store);
      const metrics = new RaqibMetrics();
      const delivery = await openDelivery({
        store,
        senders: { telegram: telegramSenderFor(fake) },
        articles: new ArticleStore(store),
        subscriptions,
        makeAlertMessages: renderIds,
        makeDigestMessages: async (s, w) => [
          { format: 'text', text: `digest ${s.chat} ${new Date(w.sinceMs).toISOString()}..${new Date(w.untilMs).toISOString()}` },
        ],
        limits: fastLimits,
        pump: { pollMs: 30 },
        metrics,
      });
      const polls: number[] = [];
      const purges: number[] = [];
      const scheduler = new Scheduler({
        store,
        subscriptions,
        router: delivery.router,
        outbox: delivery.outbox,
        feeds: async () => [{ id: 'f1', intervalMs: 1000 }],
        pollFeed: async () => void polls.push(Date.now()),
        purge: async (before) => purges.push(before),
        purgeCron: opts.purgeCron ?? '*/2 * * * * *',
        maintenanceCron: opts.maintenanceCron ?? '*/1 * * * * *',
        pollOnStart: false,
        refreshMs: 300,
        metrics,
      });
      return { store, delivery, scheduler, polls, purges, metrics };
    }

    it('runs each digest, poll and purge slot once, however many instances share the store', async () => {
      fake = await startFakeTelegram();
      const opened = await c.open();
      closers.push(opened.cleanup);
      const stores = [opened.store];
      if (c.name === 'redis') {
        const second = await openStore(opened.url, { redisPrefix: opened.prefix });
        closers.push(() => second.close());
        stores.push(second);
      }
      const subs = new SubscriptionStore(opened.store);
      await subs.upsert(sub('701', '*/1 * * * * *', 'Asia/Baghdad'));
      await subs.upsert(sub('702', '*/1 * * * * *', 'Asia/Baghdad'));
      await subs.upsert(sub('703', '*/2 * * * * *', 'UTC'));
      const instances: Instance[] = [];
      for (const s of stores) instances.push(await instance(s, fake));
      for (const i of instances) {
        await i.delivery.start();
        closers.push(async () => void (await i.delivery.stop(1000)));
        await i.scheduler.start();
        closers.push(() => i.scheduler.stop());
      }
      expect(instances[0]!.scheduler.taskNames()).toEqual(['digest:*/1 * * * * *@Asia/Baghdad', 'digest:*/2 * * * * *@UTC', 'maintenance', 'poll:f1', 'purge']);
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 4200));
      for (const i of instances) await i.scheduler.stop();
      const elapsed = (Date.now() - t0) / 1000;
      await waitFor(async () => (await instances[0]!.delivery.queueDepth()) === 0, 5000, 'the digests to go out');

      for (const chat of ['701', '702', '703']) {
        const texts = fake.sent(Number(chat)).map((m) => m.text);
        expect(new Set(texts).size).toBe(texts.length);
        const expected = chat === '703' ? elapsed / 2 : elapsed;
        expect(texts.length).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
        expect(texts.length).toBeLessThanOrEqual(Math.ceil(expected) + 1);
        // Consecutive windows join up: each digest starts where the previous one ended.
        const windows = texts.map((t) => t.split(' ')[2]!.split('..'));
        for (let k = 1; k < windows.length; k++) expect(windows[k]![0]).toBe(windows[k - 1]![1]);
      }
      const polls = instances.flatMap((i) => i.polls).sort((a, b) => a - b);
      const pollSeconds = polls.map((t) => Math.floor(t / 1000));
      expect(new Set(pollSeconds).size).toBe(polls.length);
      expect(polls.length).toBeGreaterThanOrEqual(Math.floor(elapsed) - 1);
      const purges = instances.flatMap((i) => i.purges);
      expect(purges.length).toBeGreaterThanOrEqual(1);
      expect(purges.length).toBeLessThanOrEqual(Math.ceil(elapsed / 2) + 1);
      if (instances.length === 2) {
        // Both instances did real work: the coordinator spread the slots, not one process alone.
        const runs = instances.map((i) => i.metrics.jobRuns.get({ job: 'digest', outcome: 'ok' }));
        expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(Math.floor(elapsed) - 1);
      }
    }, 20_000);

    it('catches up a digest slot that nobody ran, once, and leaves new subscriptions alone', async () => {
      fake = await startFakeTelegram();
      const opened = await c.open();
      closers.push(opened.cleanup);
      const subs = new SubscriptionStore(opened.store);
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      await subs.upsert(sub('801', '*/10 * * * * *', 'UTC', hourAgo));
      await subs.upsert(sub('802', '0 0 1 1 *', 'UTC', hourAgo));
      await subs.upsert(sub('803', '*/10 * * * * *', 'UTC'));
      const i = await instance(opened.store, fake, { maintenanceCron: '0 0 1 1 *', purgeCron: '0 0 1 1 *' });
      // No start(): the maintenance sweep is called directly, without the regular digest tasks.
      const scheduler = new Scheduler({
        store: opened.store,
        subscriptions: subs,
        router: i.delivery.router,
        outbox: i.delivery.outbox,
        feeds: async () => [],
        pollFeed: async () => {},
        purge: async () => 0,
        catchUpGraceMs: 0,
        catchUpMs: 60_000,
      });
      await scheduler.maintenance();
      await scheduler.maintenance();
      await i.delivery.start();
      closers.push(async () => void (await i.delivery.stop(1000)));
      await waitFor(() => fake!.sent(801).length === 1, 3000, 'the caught-up digest');
      await new Promise((r) => setTimeout(r, 200));
      expect(fake.sent(801)).toHaveLength(1);
      // 802's last slot is older than the catch-up horizon; 803 was created after its last slot.
      expect(fake.sent(802)).toHaveLength(0);
      expect(fake.sent(803)).toHaveLength(0);
    }, 10_000);
  });
}
