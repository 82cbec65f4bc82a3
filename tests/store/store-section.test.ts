// The cross-process section over one Redis: two connections (two processes) never run inside it
// at once, and a lease left by a process killed inside it runs out instead of blocking for ever.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { StoreSection } from '../../src/store/store-section.ts';
import { storeCases } from '../helpers/stores.ts';

const redis = storeCases.find((c) => c.name === 'redis')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(redis.skip)('StoreSection over Redis', () => {
  it('lets one process in at a time, and a dead holder only until its lease runs out', async () => {
    const opened = await redis.open();
    const other = await openStore(opened.url, { redisPrefix: opened.prefix });
    try {
      const a = new StoreSection(opened.store, 't');
      const b = new StoreSection(other, 't');
      let inside = 0;
      let most = 0;
      const work = (s: StoreSection) =>
        s.run(async () => {
          most = Math.max(most, ++inside);
          await sleep(20);
          inside--;
        });
      await Promise.all([a, b, a, b, a, b].map(work));
      expect(most).toBe(1);

      // A process SIGKILLed inside the section: its lease stays behind, no one releases it.
      await opened.store.redis!.set(`${opened.prefix}:section:t`, 'dead', { PX: 400 });
      const t0 = Date.now();
      await b.run(async () => undefined);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    } finally {
      await other.close();
      await opened.cleanup();
    }
  });
});
