// Choosing an alert batch's language reads the chat's subscriptions: from the listing each store
// keeps by version (store/indexed-namespace.ts), never a keyspace scan. Scans are counted on the real store (SQLite or Redis) by watching the
// namespace iterators, the only way keyv lists keys (Redis SCAN under the hood): INFO
// commandstats would count other test workers' scans on the shared server too.
import { describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import type { Store } from '../../src/store/open-store.ts';
import type { NamespaceName } from '../../src/store/namespaces.ts';
import { SubscriptionStore, type Subscription } from '../../src/store/subscription-store.ts';
import { parseScheduleMode } from '../../src/core/schedule-mode.ts';

const mode = (() => {
  const m = parseScheduleMode('instant');
  if (!m.ok) throw new Error(m.error);
  return m.mode;
})();
const sub = (chat: string, topic: string, lang?: 'ar' | 'en'): Subscription => ({
  platform: 'telegram',
  chat,
  topic,
  mode,
  timezone: 'UTC',
  createdAt: '2026-01-01T00:00:00Z',
  source: 'command',
  ...(lang ? { lang } : {}),
});

/** The same store, counting every iterator (keyspace listing) opened through it. */
function counting(store: Store): { store: Store; scans: () => number } {
  let scans = 0;
  const wrapped = Object.create(store) as Store;
  wrapped.namespace = <T>(name: NamespaceName) => {
    const kv = store.namespace<T>(name);
    return new Proxy(kv, {
      get(target, prop, receiver) {
        if (prop === 'iterator') scans++;
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
  return { store: wrapped, scans: () => scans };
}

describe.each(storeCases)('subscriptions by chat ($name)', ({ skip, open }) => {
  it.skipIf(skip)('lists a chat’s subscriptions from the index, kept through upsert and remove', async () => {
    const { store, cleanup } = await open();
    try {
      const watched = counting(store);
      const subs = new SubscriptionStore(watched.store);
      for (let c = 0; c < 50; c++) await subs.upsert(sub(String(c), 'iraq'));
      await subs.upsert(sub('7', 'syria', 'ar'));
      expect((await subs.forChat('telegram', '7')).map((s) => s.topic)).toEqual(['iraq', 'syria']);
      await subs.remove({ platform: 'telegram', chat: '7', topic: 'iraq' });
      expect((await subs.forChat('telegram', '7')).map((s) => s.topic)).toEqual(['syria']);
      expect(await subs.forChat('telegram', 'nobody')).toEqual([]);
      // The index was built with one scan; reading chats (as every alert batch does) scans nothing.
      const before = watched.scans();
      expect(before).toBeLessThanOrEqual(1);
      for (let i = 0; i < 20; i++) expect(await subs.forChat('telegram', String(i))).toHaveLength(1);
      expect(watched.scans()).toBe(before);
      // A second store object (another process) finds the index built and never scans.
      const other = counting(store);
      expect(await new SubscriptionStore(other.store).forChat('telegram', '7')).toHaveLength(1);
      expect(other.scans()).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
