// buildDigest over real stores: selection, grouping, ranking, limits, the empty flag, first-seen
// times from the story index, and the compact index's fallback for articles stored without it.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { buildDigest, renderText } from '../../src/digest/index.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import { HOUR, UNTIL, article, englishArticles, stored } from './fixtures/samples.ts';

const since = UNTIL - 24 * HOUR;

const VOCAB =
  'amber basalt cobalt dune ember fjord garnet harbor indigo jasper kelp lagoon marble nectar onyx pylon quartz raven saffron tundra umber velvet willow xenon yarrow zephyr'.split(
    ' ',
  );

/** An article about nothing in particular: words picked from the id, so no two of them look alike. */
function lone(id: string, hoursAgo: number, score: number, topic = 'iraq', feed = `feed-${id}`): StoredArticle {
  const bytes = createHash('sha256').update(id).digest();
  const words = Array.from({ length: 8 }, (_, i) => VOCAB[bytes[i]! % VOCAB.length]! + String(bytes[i + 8]! % 10));
  const a = article({ id, feed, url: `https://${feed}.example/${id}`, lang: 'en', hoursAgo, title: words.slice(0, 4).join(' '), text: `${words.join(' ')}.` });
  return { article: a, matches: [{ id: topic, score, terms: ['x'], spans: [] }] };
}

for (const c of storeCases) {
  describe.skipIf(c.skip)(`buildDigest over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });
    const open = async () => {
      const o = await c.open();
      cleanup = o.cleanup;
      return { store: o.store, articles: new ArticleStore(o.store) };
    };

    it('groups near-duplicates into one story with its sources, ranks, limits and counts', async () => {
      const { articles } = await open();
      for (const s of englishArticles()) await articles.put(s);
      await articles.put(lone('old', 30, 50)); // outside the window
      await articles.put(lone('other-topic', 2, 50, 'us-strikes'));
      const d = await buildDigest({ topics: ['iraq', 'withdrawal'], sinceMs: since, untilMs: UNTIL, maxStories: 2, articles });
      expect(d.empty).toBe(false);
      expect(d.totals).toEqual({ stories: 3, articles: 5, sources: 5 });
      expect(d.stories).toHaveLength(2);
      expect(d.more).toBe(1);
      const top = d.stories[0]!;
      expect(top.rank).toBe(1);
      expect(top.articleCount).toBe(3);
      expect(top.sourceCount).toBe(3);
      expect(top.sources.map((s) => s.name)).toEqual(['wire-mirror.example', 'levant-post.example']);
      expect(top.firstSeenMs).toBe(UNTIL - 5 * HOUR);
      expect(top.latestMs).toBe(UNTIL - 2 * HOUR);
      expect(top.url).toBe('https://tigris-times.example/news/en-kh-1');
      expect(d.stories.map((s) => s.storyId)).not.toContain('w-other-topic');
    });

    it('ranks by match score, recency and number of sources', async () => {
      const { articles } = await open();
      await articles.putMany([{ stored: lone('weak-recent', 1, 2) }, { stored: lone('strong-recent', 1, 10) }, { stored: lone('strong-old', 22, 10) }]);
      // Two outlets with one story id: the ingest decision binds them even though their texts differ.
      await articles.put({ ...lone('multi-a', 12, 5, 'iraq', 'outlet-a'), storyId: 's-multi' });
      await articles.put({ ...lone('multi-b', 12, 5, 'iraq', 'outlet-b'), storyId: 's-multi' });
      await articles.put({ ...lone('multi-c', 12, 5, 'iraq', 'outlet-c'), storyId: 's-multi' });
      const d = await buildDigest({ topics: ['iraq'], sinceMs: since, untilMs: UNTIL, articles });
      const order = d.stories.map((s) => s.storyId);
      expect(order.indexOf('w-strong-recent')).toBeLessThan(order.indexOf('w-weak-recent'));
      expect(order.indexOf('w-strong-recent')).toBeLessThan(order.indexOf('w-strong-old'));
      expect(order.indexOf('s-multi')).toBeLessThan(order.indexOf('w-strong-old'));
      expect(d.stories.find((s) => s.storyId === 's-multi')!.sourceCount).toBe(3);
      expect(d.totals.stories).toBe(4);
    });

    it('is empty (nothing new) when nothing in the window matches the topics', async () => {
      const { articles } = await open();
      await articles.put(lone('x', 2, 5, 'us-strikes'));
      const d = await buildDigest({ topics: ['iraq'], sinceMs: since, untilMs: UNTIL, articles, lang: 'ar' });
      expect(d).toMatchObject({ empty: true, stories: [], more: 0, totals: { stories: 0, articles: 0, sources: 0 } });
      expect(renderText(d)).toBe('لا جديد في \u2068iraq\u2069 خلال آخر ٢٤ ساعة.\n');
    });

    it('keeps the first-seen time of a story that began before the window', async () => {
      const { store, articles } = await open();
      const stories = new StoryIndex(store);
      const [first, copy] = englishArticles();
      const early = { ...first!, article: { ...first!.article, published: new Date(UNTIL - 40 * HOUR).toISOString() } };
      for (const s of [early, copy!]) {
        s.storyId = (await stories.assign(s)).storyId;
        await articles.put(s);
      }
      const d = await buildDigest({ topics: ['militia-threats'], sinceMs: since, untilMs: UNTIL, articles, stories });
      expect(d.stories).toHaveLength(1);
      expect(d.stories[0]!.firstSeenMs).toBe(UNTIL - 40 * HOUR);
      expect(d.stories[0]!.articleCount).toBe(1);
      expect(renderText(d)).toContain('first seen 1d ago');
    });

    it('lists stories merged after ingest as one (a later report showed them to be one event)', async () => {
      const { store, articles } = await open();
      const stories = new StoryIndex(store);
      const report = (id: string, lang: 'ar' | 'en', hoursAgo: number, title: string, text: string): StoredArticle => ({
        article: article({ id, feed: `feed-${id}`, url: `https://feed-${id}.example/${id}`, lang, hoursAgo, title, text }),
        matches: [{ id: 'us-strikes', score: 3, terms: ['x'], spans: [] }],
      });
      const reports = [
        report(
          'ar-1',
          'ar',
          6,
          'غارات أمريكية على مواقع لكتائب حزب الله في القائم',
          'قصفت طائرات أمريكية فجر اليوم الثلاثاء مواقع تابعة لكتائب حزب الله في قضاء القائم غربي الأنبار، بحسب مصادر أمنية عراقية. وقالت المصادر إن القصف استهدف مخازن أسلحة قرب الحدود مع سوريا.',
        ),
        report(
          'en-1',
          'en',
          5,
          "Blasts heard near Iraq's western border",
          'Residents reported several loud explosions near the Syrian border on Tuesday, and smoke was seen rising over warehouses outside the town. Iraqi security officials gave no details.',
        ),
        report(
          'en-2',
          'en',
          4,
          "Blasts near Iraq's western border were US strikes on Kataib Hezbollah",
          'Residents reported several loud explosions near the Syrian border on Tuesday, and smoke was seen rising over warehouses outside the town of al-Qaim. Iraqi security officials later said US aircraft had struck Kataib Hezbollah weapons depots there.',
        ),
      ];
      const ids: string[] = [];
      for (const s of reports) {
        s.storyId = (await stories.assign(s)).storyId;
        ids.push(s.storyId);
        await articles.put(s);
      }
      // Ingest placed the first two apart; the third joined the first and merged the second in.
      expect(new Set(ids).size).toBe(2);
      const d = await buildDigest({ topics: ['us-strikes'], sinceMs: since, untilMs: UNTIL, articles, stories });
      expect(d.stories).toHaveLength(1);
      expect(d.stories[0]!.articleCount).toBe(3);
      // Without the index the digest trusts the ids stored at ingest: two stories.
      expect((await buildDigest({ topics: ['us-strikes'], sinceMs: since, untilMs: UNTIL, articles })).stories).toHaveLength(2);
    });

    it('beyond the cluster limit trusts ingest story ids and still groups the rest', async () => {
      const { articles } = await open();
      const items = englishArticles()
        .slice(0, 3)
        .map((s) => ({ stored: { ...s, storyId: 's-kh' } }));
      await articles.putMany([...items, { stored: lone('a', 3, 1) }, { stored: lone('b', 4, 1) }]);
      const d = await buildDigest({ topics: ['iraq'], sinceMs: since, untilMs: UNTIL, articles, clusterLimit: 2 });
      expect(d.totals).toMatchObject({ stories: 3, articles: 5 });
      expect(d.stories.find((s) => s.storyId === 's-kh')!.articleCount).toBe(3);
    });

    it('finds articles stored without an index entry (older data) and indexes them', async () => {
      const { store, articles } = await open();
      const s = stored(
        article({ id: 'legacy', feed: 'f', url: 'https://f.example/l', lang: 'en', hoursAgo: 3, title: 'Iraq legacy item', text: 'Iraq text.' }),
        { iraq: ['Iraq'] },
      );
      // What an older version wrote: the article and its day bucket, no hour index.
      await store.namespace<StoredArticle>('articles').set('legacy', s);
      await store.namespace<string[]>('article_days').set(s.article.published.slice(0, 10), ['legacy']);
      const entries = await articles.listIndexBetween(since, UNTIL);
      expect(entries.map((e) => e.id)).toEqual(['legacy']);
      expect(entries[0]!.topics).toEqual({ iraq: s.matches[0]!.score });
      const hour = s.article.published.slice(0, 13);
      expect((await store.namespace<unknown[]>('article_hours').get(hour))?.length).toBe(1);
      const d = await buildDigest({ topics: ['iraq'], sinceMs: since, untilMs: UNTIL, articles });
      expect(d.stories[0]!.headline.text).toBe('Iraq legacy item');
    });

    it('replaces an index entry when an article is stored again (e.g. with its story id)', async () => {
      const { articles } = await open();
      const s = lone('again', 2, 3);
      await articles.put(s);
      await articles.put({ ...s, storyId: 's-again' });
      const entries = await articles.listIndexBetween(since, UNTIL);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.storyId).toBe('s-again');
      expect((await articles.listBetween(since, UNTIL)).map((x) => x.article.id)).toEqual(['again']);
    });
  });
}
