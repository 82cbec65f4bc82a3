// Story buckets on Redis as append-only lists, seen from two processes (two StoryIndex instances on
// two connections to one Redis, as two `raqib start` would be): each sees the other's entries, and
// reads only what it has not read yet (commands taken from the server by MONITOR); a half-written
// assignment is finished as decided; purge and expiry; buckets written in the previous layout (a
// keyv array per hour) are still read and purged.
import { afterEach, describe, expect, it } from 'vitest';
import { REDIS_URL, deleteByPrefix } from '../helpers/stores.ts';
import { monitorRedis, type RedisMonitor } from '../helpers/redis-monitor.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { KeyvStoryBuckets } from '../../src/stories/story-buckets.ts';
import { CORPUS } from './fixtures/same-story-corpus.ts';
import { byKey, storedOf } from './helpers/corpus-articles.ts';
import { randomBytes } from 'node:crypto';

const DAY = 86_400_000;
const HOUR_KEY = '2025-05-06T10';

/** Every corpus article moved into one hour (minute i % 60), so that every window covers the same buckets. */
const oneHour = CORPUS.map((c, i) => storedOf(c, `${HOUR_KEY}:${String(i % 60).padStart(2, '0')}:00.000Z`));

describe.skipIf(!REDIS_URL)('story buckets on Redis (two processes)', () => {
  const stores: Store[] = [];
  let prefix = '';
  let monitor: RedisMonitor | undefined;
  /** A process's store: its own connection, the test's key prefix. */
  const open = async () => {
    const s = await openStore(REDIS_URL!, { redisPrefix: prefix });
    stores.push(s);
    return s;
  };
  const listKey = (hour: string) => `${prefix}:story_lists:h:${hour}`;

  afterEach(async () => {
    await monitor?.close();
    monitor = undefined;
    if (stores[0]) await deleteByPrefix(stores[0], prefix);
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const fresh = () => (prefix = `raqibtest${randomBytes(6).toString('hex')}`);

  it('two processes assigning in turn make the stories one process makes, each reading only the entries new to it', async () => {
    fresh();
    const one = new StoryIndex(await open());
    const alone: string[] = [];
    for (const s of oneHour) alone.push((await one.assign(s)).storyId);
    await deleteByPrefix(stores[0]!, prefix);

    const a = await open();
    const b = await open();
    const procs = [
      { store: a, index: new StoryIndex(a) },
      { store: b, index: new StoryIndex(b) },
    ];
    monitor = await monitorRedis(REDIS_URL!);
    const together: string[] = [];
    for (const [i, s] of oneHour.entries()) {
      const p = procs[i % 2]!;
      const r = await p.index.assign(s);
      together.push(r.storyId);
      const sent = await monitor.take({ store: p.store });
      if (i < 2) continue; // each process's first assignment reads the window
      // No bucket is read again whole (the keyv layout re-read all 97 of the window here: MGET) …
      expect(
        sent.filter((c) => c.some((arg) => arg.includes(':story_buckets'))),
        `assignment ${i}`,
      ).toEqual([]);
      // … only the new tail: the bucket holds i entries, this process read i - 1 before the other's last one.
      const lranges = sent.filter((c) => c[0] === 'LRANGE');
      expect(lranges, `assignment ${i}`).toEqual([['LRANGE', listKey(HOUR_KEY), String(i - 1), '-1']]);
      // An assignment is a handful of commands: 8, one more when a story in the window was merged by
      // the other process (the record it was merged into is read too), a few more when this one merges two.
      expect(sent.length, `assignment ${i}: ${sent.map((c) => c[0]).join(' ')}`).toBeLessThanOrEqual(r.merged ? 13 : 9);
    }
    expect(together).toEqual(alone);
    // The other process's story is joined: the corpus has copies in it (one story, several articles).
    expect(new Set(together).size).toBeLessThan(together.length);
  });

  it('finishes as decided an assignment the other process left half-written (bucket written, story_of not)', async () => {
    fresh();
    const a = new StoryIndex(await open());
    const bStore = await open();
    const first = await a.assign(storedOf(byKey('e1-a')));
    const copy = await new StoryIndex(bStore).assign(storedOf(byKey('e1-c')));
    expect(copy).toMatchObject({ storyId: first.storyId, isNew: false });
    // B died after appending e1-c's entry: story_of never got it. A, whose cache holds e1-a's
    // bucket, reads e1-c again.
    await bStore.namespace<string>('story_of').delete('e1-c');
    expect(await a.assign(storedOf(byKey('e1-c')))).toMatchObject({ storyId: first.storyId, isNew: false });
    expect((await a.get(first.storyId))?.articleIds).toEqual(['e1-a', 'e1-c']);
    expect(await a.storyOfArticle('e1-c')).toBe(first.storyId);
    // The same for the article that started the story: it still starts it (its alert is offered again).
    await bStore.namespace<string>('story_of').delete('e1-a');
    expect(await new StoryIndex(bStore).assign(storedOf(byKey('e1-a')))).toMatchObject({ storyId: first.storyId, isNew: true });
    expect(await bStore.redis!.lLen(listKey('2024-12-09T10'))).toBe(1);
  });

  it('purges lists and their lengths; a process that had them cached does not place an article against its stale copy', async () => {
    fresh();
    const aStore = await open();
    const a = new StoryIndex(aStore, { retentionMs: 30 * DAY });
    const b = new StoryIndex(await open());
    const old = await b.assign(storedOf(byKey('e6-a')));
    await a.assign(storedOf(byKey('e11-a')));
    // Kept the retention after its write, plus a margin for the daily purge to come first.
    const ttl = await aStore.redis!.pTTL(listKey('2025-05-06T08'));
    expect(ttl).toBeGreaterThan(30 * DAY);
    expect(ttl).toBeLessThanOrEqual(33 * DAY);

    expect(await a.purgeOlderThan(Date.parse('2025-05-01T00:00:00Z'))).toBe(1);
    expect(await aStore.redis!.exists(listKey('2025-04-01T12'))).toBe(0);
    expect(await aStore.redis!.hExists(`${prefix}:story_lists:lengths`, '2025-04-01T12')).toBe(0);
    expect(await a.get(old.storyId)).toBeUndefined();
    // The purged hour is written again (an article dated then): the bucket is back to the length B
    // had cached. B must see the new entry, not its cached one of the purged story.
    const again = await a.assign(storedOf(byKey('e6-b'), '2025-04-01T12:30:00Z'));
    expect(again).toMatchObject({ storyId: 's-e6-b', isNew: true });
    expect(await aStore.redis!.lLen(listKey('2025-04-01T12'))).toBe(1);
    expect(await b.assign(storedOf(byKey('e6-a')))).toMatchObject({ storyId: 's-e6-b', isNew: false });
  });

  it('reads and purges buckets written in the previous layout (keyv arrays): stories carry across the upgrade', async () => {
    fresh();
    const store = await open();
    const before = new StoryIndex(store, { buckets: new KeyvStoryBuckets(store, { now: Date.now }) });
    const first = await before.assign(storedOf(byKey('e1-a')));
    await before.assign(storedOf(byKey('e11-a')));
    expect(await store.redis!.keys(`${prefix}:story_lists:*`)).toEqual([]);

    // Upgraded (another process, or the same restarted): the copy joins the story of the old layout.
    const after = new StoryIndex(await open());
    expect(await after.assign(storedOf(byKey('e1-c')))).toMatchObject({ storyId: first.storyId, isNew: false });
    // An assignment the old version left half-written is finished from the old bucket.
    await store.namespace<string>('story_of').delete('e11-a');
    expect(await after.assign(storedOf(byKey('e11-a')))).toMatchObject({ storyId: 's-e11-a', isNew: true });
    expect(await store.redis!.lLen(listKey('2025-05-06T08'))).toBe(0);

    expect(await after.purgeOlderThan(Date.parse('2026-01-01T00:00:00Z'))).toBe(3);
    expect(await store.namespace('story_buckets').get('2024-12-09T10')).toBeUndefined();
    expect(await store.redis!.exists(listKey('2024-12-09T11'))).toBe(0);
    expect(await after.storyOfArticle('e1-c')).toBeUndefined();
  });
});
