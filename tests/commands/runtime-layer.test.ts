// /watch and /feeds store their changes in the runtime layer over the config (registry-store.ts).
// Run on every store back-end: several runtime entries side by side, and edits and removals of
// config entries, must all show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { storeCases } from '../helpers/stores.ts';
import { openWorld, type World } from './command-world.ts';

for (const backend of storeCases) {
  describe.skipIf(backend.skip)(`runtime topics and feeds (${backend.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await openWorld({ configFeeds: [{ url: 'https://a.example/rss', name: 'A' }] }, backend);
    });
    afterEach(async () => {
      await w.close();
    });

    it('several /watch topics live side by side; config topics can be edited and removed', async () => {
      const admin = w.ctx({ admin: true });
      expect((await dispatch(admin, 'watch', 'add oil oil OR نفط confirm')).status).toBe('ok');
      expect((await dispatch(admin, 'watch', 'add gas "natural gas" confirm')).status).toBe('ok');
      expect((await dispatch(admin, 'watch', 'edit iraq iraq OR kurdistan confirm')).status).toBe('ok');
      expect((await dispatch(admin, 'watch', 'remove us-strikes confirm')).status).toBe('ok');
      // Redis iterates in no particular order: compare by id.
      expect([...w.catalog.list()].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'gas', query: '"natural gas"' },
        { id: 'iraq', name: 'Iraq', query: 'iraq OR kurdistan' },
        { id: 'militia-threats', name: 'Militia threats', query: '(militia OR فصائل) AND (threat* OR threaten* OR تهدد)' },
        { id: 'oil', query: 'oil OR نفط' },
      ]);
    });

    it('several /feeds live side by side with the config feeds', async () => {
      const admin = w.ctx({ admin: true });
      expect((await dispatch(admin, 'feeds', 'add https://b.example/rss')).status).toBe('ok');
      expect((await dispatch(admin, 'feeds', 'add https://c.example/atom')).status).toBe('ok');
      expect((await w.services.feeds.list()).map((f) => [f.url, f.source])).toEqual([
        ['https://a.example/rss', 'config'],
        ['https://b.example/rss', 'runtime'],
        ['https://c.example/atom', 'runtime'],
      ]);
      expect((await dispatch(admin, 'feeds', 'remove https://b.example/rss')).status).toBe('ok');
      expect((await w.services.feeds.list()).map((f) => f.url)).toEqual(['https://a.example/rss', 'https://c.example/atom']);
    });
  });
}
