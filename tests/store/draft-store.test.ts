// Values taken once (store/draft-store.ts): whichever connection takes a value first gets it and
// every other take finds nothing, also when the takes race; a value past its ttl is never taken.
// On Redis the second taker is a second connection (another process); SQLite serves one process.
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../src/store/draft-store.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { storeCases } from '../helpers/stores.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const c of storeCases) {
  describe.skipIf(c.skip)(`DraftStore over ${c.name}`, () => {
    let opened: Awaited<ReturnType<typeof c.open>>;
    let other: Store | undefined;
    afterEach(async () => {
      await other?.close();
      other = undefined;
      await opened.cleanup();
    });
    const stores = async (): Promise<[DraftStore<{ n: number }>, DraftStore<{ n: number }>]> => {
      opened = await c.open();
      if (opened.store.kind === 'redis') other = await openStore(opened.url, { redisPrefix: opened.prefix! });
      return [new DraftStore(opened.store, 'watch_drafts'), new DraftStore(other ?? opened.store, 'watch_drafts')];
    };

    it('gives a value to one of many racing takes, then to none', async () => {
      const [a, b] = await stores();
      await a.put('k', { n: 1 }, 60_000);
      await a.put('k', { n: 2 }, 60_000);
      const got = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).take('k')));
      expect(got.filter((g) => g !== undefined)).toEqual([{ n: 2 }]);
      expect(await b.take('k')).toBeUndefined();
      expect(await a.take('never-put')).toBeUndefined();
    });

    it('never gives a value past its ttl', async () => {
      const [a, b] = await stores();
      await a.put('short', { n: 3 }, 40);
      await sleep(120);
      expect(await b.take('short')).toBeUndefined();
    });
  });
}
