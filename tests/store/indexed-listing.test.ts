// Subscriptions and runtime topics and feeds are listed through an index with a version, each
// process holding the list in memory (store/indexed-namespace.ts). Two store objects opened on
// one store stand for two processes: a change through one must show in the other's very next
// listing. Data written before the index existed (plain keyv values) must still list, and
// `raqib reset` must take the index and its version with the data.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { SubscriptionStore, subscriptionKey, type Subscription } from '../../src/store/subscription-store.ts';
import { RegistryStore } from '../../src/store/registry-store.ts';
import { FeedCatalog } from '../../src/app/feed-catalog.ts';
import { TopicCatalog } from '../../src/app/topic-catalog.ts';
import { PersonalTopicStore } from '../../src/store/personal-topic-store.ts';
import { clearParts, keysIn } from '../../src/store/store-reset.ts';
import { parseScheduleMode } from '../../src/core/schedule-mode.ts';
import { StoreError } from '../../src/core/errors.ts';

const instant = (() => {
  const m = parseScheduleMode('instant');
  if (!m.ok) throw new Error(m.error);
  return m.mode;
})();
const sub = (chat: string, topic: string, extra: Partial<Subscription> = {}): Subscription => ({
  platform: 'telegram',
  chat,
  topic,
  mode: instant,
  timezone: 'UTC',
  createdAt: '2026-01-01T00:00:00Z',
  source: 'command',
  ...extra,
});
const topicsOf = (list: Subscription[]) => list.map((s) => `${s.chat}:${s.topic}${s.mutedUntil ? ' muted' : ''}`);

for (const c of storeCases) {
  describe.skipIf(c.skip)(`indexed listings over ${c.name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const f of closers.reverse()) await f();
      closers.length = 0;
    });

    /** The store and a second connection to it (another process's view). */
    async function two(): Promise<[Store, Store]> {
      const opened = await c.open();
      closers.push(opened.cleanup);
      const other = await openStore(opened.url, opened.prefix ? { redisPrefix: opened.prefix } : {});
      closers.push(() => other.close());
      return [opened.store, other];
    }

    it('shows a subscription added, muted or removed in one process at the other’s next listing', async () => {
      const [a, b] = await two();
      const [here, there] = [new SubscriptionStore(a), new SubscriptionStore(b)];
      await here.upsert(sub('1', 'iraq'));
      expect(topicsOf(await there.all())).toEqual(['1:iraq']);
      // Listed (and cached) on both sides; now each change goes through the other one.
      await there.upsert(sub('2', 'syria'));
      expect(topicsOf(await here.all())).toEqual(['1:iraq', '2:syria']);
      expect(topicsOf(await here.forTopic('syria'))).toEqual(['2:syria']);
      await here.upsert(sub('2', 'syria', { mutedUntil: '2030-01-01T00:00:00Z' }));
      expect(topicsOf(await there.forChat('telegram', '2'))).toEqual(['2:syria muted']);
      expect(topicsOf(await there.forTopic('syria'))).toEqual(['2:syria muted']);
      expect(await there.remove({ platform: 'telegram', chat: '1', topic: 'iraq' })).toBe(true);
      expect(topicsOf(await here.all())).toEqual(['2:syria muted']);
      expect(await here.forChat('telegram', '1')).toEqual([]);
      expect(await here.forTopic('iraq')).toEqual([]);
    });

    it('shows a runtime feed or topic changed in one process at the other’s next listing', async () => {
      const [a, b] = await two();
      const [here, there] = [new RegistryStore(a), new RegistryStore(b)];
      const catalog = new FeedCatalog([{ url: 'https://config.example/feed' }], there);
      expect((await catalog.entries()).map((f) => f.url)).toEqual(['https://config.example/feed']);
      await here.feeds.set('https://runtime.example/feed', { url: 'https://runtime.example/feed', addedAt: '2026-01-01T00:00:00Z' });
      await here.feeds.remove('https://config.example/feed');
      expect((await catalog.entries()).map((f) => `${f.source} ${f.url}`)).toEqual(['runtime https://runtime.example/feed']);
      await there.topics.set('gold', { id: 'gold', query: 'gold' });
      expect([...(await here.topics.entries()).keys()]).toEqual(['gold']);
      await here.topics.remove('gold');
      expect(await there.topics.over([], (t) => t.id)).toEqual([]);
    });

    it('has a topic catalog match a topic /watch added through another process after its next reload, compiling only on change', async () => {
      const [a, b] = await two();
      const catalog = new TopicCatalog([{ id: 'iraq', query: 'iraq' }], new RegistryStore(b), new PersonalTopicStore(b));
      await catalog.reload();
      const first = catalog.matcher();
      await catalog.reload();
      expect(catalog.matcher()).toBe(first);
      await new RegistryStore(a).topics.set('gold', { id: 'gold', query: 'gold' });
      await new PersonalTopicStore(a).set({ owner: { platform: 'telegram', chat: '9' }, topic: { id: 'oil', query: 'oil' } });
      await catalog.reload();
      expect(catalog.matcher()).not.toBe(first);
      expect(catalog.all().map((t) => t.id)).toEqual(['iraq', 'gold', '~telegram~9~oil']);
    });

    it('lists data written before the index existed, and keeps listing it after changes', async () => {
      const [a, b] = await two();
      // What earlier versions wrote: plain values, no index, no version.
      const old = [sub('1', 'iraq'), sub('2', 'iraq'), sub('2', 'syria')];
      for (const s of old) await a.namespace<Subscription>('subscriptions').set(subscriptionKey(s), s);
      await a.namespace('runtime_feeds').set('https://old.example/feed', { value: { url: 'https://old.example/feed', addedAt: '2025-01-01T00:00:00Z' } });
      const [here, there] = [new SubscriptionStore(a), new SubscriptionStore(b)];
      expect(topicsOf(await here.all())).toEqual(['1:iraq', '2:iraq', '2:syria']);
      await there.upsert(sub('3', 'iraq'));
      expect(topicsOf(await here.forTopic('iraq'))).toEqual(['1:iraq', '2:iraq', '3:iraq']);
      expect(topicsOf(await there.forChat('telegram', '2'))).toEqual(['2:iraq', '2:syria']);
      expect([...(await new RegistryStore(b).feeds.entries()).keys()]).toEqual(['https://old.example/feed']);
    });

    it('forgets the index and its version with a reset, in a process that had listed them too', async () => {
      const [a, b] = await two();
      const [here, there] = [new SubscriptionStore(a), new SubscriptionStore(b)];
      const registry = new RegistryStore(a);
      await here.upsert(sub('1', 'iraq'));
      await registry.feeds.set('https://runtime.example/feed', { url: 'https://runtime.example/feed', addedAt: '2026-01-01T00:00:00Z' });
      await registry.topics.set('gold', { id: 'gold', query: 'gold' });
      expect(await there.all()).toHaveLength(1);
      expect((await keysIn(a, 'subscriptions_index')).length).toBeGreaterThan(0);
      await clearParts(b, ['subscriptions', 'topics', 'feeds']);
      for (const name of ['subscriptions_index', 'runtime_topics_index', 'runtime_feeds_index'] as const) expect(await keysIn(a, name), name).toEqual([]);
      expect(await there.all()).toEqual([]);
      expect(await new SubscriptionStore(a).all()).toEqual([]);
      expect((await registry.feeds.entries()).size).toBe(0);
      expect((await registry.topics.entries()).size).toBe(0);
      await here.upsert(sub('4', 'syria'));
      expect(topicsOf(await there.all())).toEqual(['4:syria']);
    });
  });
}

const redis = storeCases.find((c) => c.name === 'redis')!;
describe.skipIf(redis.skip)('indexed listings over redis, failing', () => {
  it('fails with a StoreError when the index cannot be read, as keyv reads do', async () => {
    const opened = await redis.open();
    try {
      // A version key of the wrong type: Redis answers WRONGTYPE to the GET.
      await opened.store.redis!.hSet(`${opened.prefix}:subscriptions_index:version`, 'x', '1');
      await expect(new SubscriptionStore(opened.store).all()).rejects.toMatchObject({ name: StoreError.name, code: 'STORE_FAILED' });
      await expect(new SubscriptionStore(opened.store).all()).rejects.toBeInstanceOf(StoreError);
    } finally {
      await opened.cleanup();
    }
  });
});
