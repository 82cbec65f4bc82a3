import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { LeaderLock } from '../../src/schedule/leader-lock.ts';
import { waitFor } from '../delivery/helpers.ts';

for (const c of storeCases) {
  describe.skipIf(c.skip)(`leader lock over ${c.name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const f of closers.reverse()) await f();
      closers.length = 0;
    });

    it('elects one leader among three, hands over when it stops or loses the lock', async () => {
      const opened = await c.open();
      closers.push(opened.cleanup);
      // On Redis each contender gets its own client, as separate processes would.
      const stores: Store[] = [opened.store];
      for (let i = 0; i < 2; i++) {
        if (c.name === 'redis') {
          const s = await openStore(opened.url, { redisPrefix: opened.prefix });
          closers.push(() => s.close());
          stores.push(s);
        } else stores.push(opened.store);
      }
      const events: string[] = [];
      const locks = stores.map(
        (store, i) =>
          new LeaderLock({
            store,
            name: 'telegram-poller',
            ttlMs: 300,
            onElected: () => void events.push(`up${i}`),
            onDeposed: () => void events.push(`down${i}`),
          }),
      );
      for (const l of locks) closers.push(() => l.stop());
      await Promise.all(locks.map((l) => l.start()));
      await new Promise((r) => setTimeout(r, 400));
      // Renewals keep the first leader in place well past its TTL.
      expect(locks.filter((l) => l.isLeader())).toHaveLength(1);
      const first = locks.findIndex((l) => l.isLeader());
      await locks[first]!.stop();
      expect(events).toContain(`down${first}`);
      await waitFor(() => locks.filter((l) => l.isLeader()).length === 1, 2000, 'a new leader');
      const second = locks.findIndex((l) => l.isLeader());
      expect(second).not.toBe(first);
      if (c.name === 'redis') {
        // Someone else's token cannot renew: the leader whose key vanished steps down and another takes over.
        await opened.store.redis!.set(`${opened.prefix}:leader:telegram-poller`, 'intruder', { PX: 250 });
        await waitFor(() => events.includes(`down${second}`), 2000, 'the leader stepping down');
        await waitFor(() => locks.filter((l) => l.isLeader()).length === 1, 2000, 'a leader again');
        expect(await opened.store.redis!.get(`${opened.prefix}:leader:telegram-poller`)).toBe(locks.find((l) => l.isLeader())!.token);
      }
      await Promise.all(locks.map((l) => l.stop()));
      expect(locks.some((l) => l.isLeader())).toBe(false);
      if (c.name === 'redis') expect(await opened.store.redis!.exists(`${opened.prefix}:leader:telegram-poller`)).toBe(0);
    });
  });
}
