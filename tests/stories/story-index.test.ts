// The persistent story index over real stores: a story is new once; later outlets join it; it
// keeps its first-seen time; it survives a reopen; different events stay apart.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { byKey, storedOf } from './helpers/corpus-articles.ts';

for (const c of storeCases) {
  describe.skipIf(c.skip)(`StoryIndex over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('alerts a story once: the wire copy and a rewrite join it, another event does not', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const first = await idx.assign(storedOf(byKey('e1-a')));
      expect(first.isNew).toBe(true);
      const copy = await idx.assign(storedOf(byKey('e1-c')));
      expect(copy).toMatchObject({ storyId: first.storyId, isNew: false });
      const rewrite = await idx.assign(storedOf(byKey('e1-b')));
      expect(rewrite).toMatchObject({ storyId: first.storyId, isNew: false });
      const other = await idx.assign(storedOf(byKey('e11-a')));
      expect(other.isNew).toBe(true);
      expect(other.storyId).not.toBe(first.storyId);

      const rec = await idx.get(first.storyId);
      expect(rec?.articleIds).toEqual(['e1-a', 'e1-c', 'e1-b']);
      expect(rec?.feedIds).toEqual(['gulfwire', 'wire-mirror', 'levant-post']);
      expect(rec?.articleCount).toBe(3);
    });

    it('is idempotent and keeps the first-seen time when an earlier-published copy joins late', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const a = await idx.assign(storedOf(byKey('a6-a')));
      // Assigned again (read again after a crash): same story, and still the one that started it,
      // so its alert is offered again (the outbox drops the repeat by key).
      const again = await idx.assign(storedOf(byKey('a6-a')));
      expect(again).toMatchObject({ storyId: a.storyId, isNew: true });
      // The wire copy, stamped 2 h earlier by its feed, arrives after: it joins and moves firstSeen back.
      const late = await idx.assign(storedOf(byKey('a6-c'), '2025-05-06T07:00:00.000Z'));
      expect(late).toMatchObject({ storyId: a.storyId, isNew: false });
      const rec = await idx.get(a.storyId);
      expect(rec?.firstSeen).toBe('2025-05-06T07:00:00.000Z');
      expect(rec?.lastSeen).toBe('2025-05-06T09:00:00.000Z');
      expect(rec?.articleCount).toBe(2);
      expect(await idx.storyOfArticle('a6-c')).toBe(a.storyId);
      // A joiner assigned again is still a joiner: no alert.
      expect(await idx.assign(storedOf(byKey('a6-c'), '2025-05-06T07:00:00.000Z'))).toMatchObject({ storyId: a.storyId, isNew: false });
      expect((await idx.get(a.storyId))?.articleCount).toBe(2);
    });

    it('finishes an assignment a crash cut short (bucket written, story_of not): the first article still starts its story, a joining one still joins', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const storyOf = opened.store.namespace<string>('story_of');
      const first = await new StoryIndex(opened.store).assign(storedOf(byKey('e1-a')));
      const copy = await new StoryIndex(opened.store).assign(storedOf(byKey('e1-c')));
      // The process died after the bucket write: story_of never got these articles.
      await storyOf.delete('e1-a');
      await storyOf.delete('e1-c');
      const again = new StoryIndex(opened.store);
      expect(await again.assign(storedOf(byKey('e1-a')))).toMatchObject({ storyId: first.storyId, isNew: true });
      expect(await again.assign(storedOf(byKey('e1-c')))).toMatchObject({ storyId: copy.storyId, isNew: false });
      expect((await again.get(first.storyId))?.articleIds).toEqual(['e1-a', 'e1-c']);
    });

    it('survives a new index instance (another process) and never joins across the time window', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const first = await new StoryIndex(opened.store).assign(storedOf(byKey('e6-a')));
      const idx2 = new StoryIndex(opened.store);
      const joined = await idx2.assign(storedOf(byKey('e6-b')));
      expect(joined).toMatchObject({ storyId: first.storyId, isNew: false });
      // The same wire text a week later is a new story (a recurring template, not the same event).
      const weekLater = { ...storedOf(byKey('e6-b'), '2025-04-08T15:00:00.000Z') };
      weekLater.article = { ...weekLater.article, id: 'e6-b-week-later' };
      const later = await idx2.assign(weekLater);
      expect(later.isNew).toBe(true);
    });

    it('serialises concurrent assignments in one process: copies arriving together make one story', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const results = await Promise.all(['e1-a', 'e1-c', 'a6-a', 'a6-c'].map((k) => idx.assign(storedOf(byKey(k)))));
      expect(results.filter((r) => r.isNew)).toHaveLength(2);
      expect(results[1]!.storyId).toBe(results[0]!.storyId);
      expect(results[3]!.storyId).toBe(results[2]!.storyId);
    });

    it("sees another process's story in a bucket it has cached: the next copy joins it, no second alert", async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      // Two processes' indexes over one store. A reads (and caches) the hours around E1 first,
      // placing another event there; then B starts E1; then A gets a copy of E1.
      const a = new StoryIndex(opened.store);
      const b = new StoryIndex(opened.store);
      const unrelated = storedOf(byKey('e2-a'), '2024-12-09T09:00:00Z');
      unrelated.article = { ...unrelated.article, id: 'e2-a-moved' };
      expect((await a.assign(unrelated)).isNew).toBe(true);
      const first = await b.assign(storedOf(byKey('e1-a')));
      expect(first.isNew).toBe(true);
      expect(await a.assign(storedOf(byKey('e1-c')))).toMatchObject({ storyId: first.storyId, isNew: false });
    });
  });
}

describe('StoryIndex purge', () => {
  it('forgets old buckets, their article entries and stories that ended before the cut', async () => {
    const c = storeCases[0]!;
    const opened = await c.open();
    try {
      const idx = new StoryIndex(opened.store);
      const old = await idx.assign(storedOf(byKey('e6-a')));
      const recent = await idx.assign(storedOf(byKey('e11-a')));
      const cut = Date.parse('2025-05-01T00:00:00Z');
      expect(await idx.purgeOlderThan(cut)).toBe(1);
      expect(await idx.get(old.storyId)).toBeUndefined();
      expect(await idx.storyOfArticle('e6-a')).toBeUndefined();
      expect(await idx.get(recent.storyId)).toBeDefined();
      expect(await idx.storyOfArticle('e11-a')).toBe(recent.storyId);
      // A purged article seen again is a new story (its old one is gone).
      expect((await new StoryIndex(opened.store).assign(storedOf(byKey('e6-a')))).isNew).toBe(true);
    } finally {
      await opened.cleanup();
    }
  });
});
