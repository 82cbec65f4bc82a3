// Trend series from a real store: stories (not articles) per day per topic, split by language,
// the previous period, the biggest stories with headlines in the chat's language, the window
// clamp, idempotent counting and the backfill for days stored before the per-day index existed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, indexEntryOf } from '../../src/store/article-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import type { StoryRecord } from '../../src/stories/story-index.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { buildTrend, summaryLines, trendWindow, type TrendSeries } from '../../src/digest/trend/index.ts';
import { addToDays, type TrendDay } from '../../src/store/trend-days.ts';
import { storeCases } from '../helpers/stores.ts';
import { NOW, trendArticles } from './helpers/trend-data.ts';

const at = (s: TrendSeries, day: string) => s.days.indexOf(day);

async function recordStory(store: Store, id: string, articleIds: string[], title: string): Promise<void> {
  const rec: StoryRecord = { id, firstSeen: '', lastSeen: '', firstArticleId: articleIds[0]!, title, articleIds, feedIds: [], articleCount: articleIds.length };
  await store.namespace<StoryRecord>('stories').set(id, rec);
}

for (const sc of storeCases) {
  describe.skipIf(sc.skip)(`trend series (${sc.name})`, () => {
    let opened: Awaited<ReturnType<typeof sc.open>>;
    let articles: ArticleStore;
    const trend = (topics: string[], lang: 'en' | 'ar' = 'en', days = 30) =>
      buildTrend(
        { topics, days, untilMs: NOW, lang },
        { articles, stories: new StoryIndex(opened.store), topicDefs: [{ id: 'militia-threats', name: 'Militia threats', query: 'x' }] },
      );

    beforeEach(async () => {
      opened = await sc.open();
      articles = new ArticleStore(opened.store);
      for (const s of trendArticles()) await articles.put(s);
      await recordStory(opened.store, 's1', ['a11', 'a12', 'a13', 'a14'], 'كتائب حزب الله تهدد');
      await recordStory(opened.store, 's2', ['a21', 'a22'], 'Militia warns coalition over withdrawal timetable');
    });
    afterEach(() => opened.cleanup());

    it('counts stories, not articles, per day and by language', async () => {
      const s = await trend(['militia-threats', 'iraq']);
      expect(s.days).toHaveLength(30);
      expect(s.days.at(-1)).toBe('2025-06-01');
      const m = s.topics[0]!;
      expect(m.name).toBe('Militia threats');
      // 30 May: s1 (four outlets, Arabic and English) is one story.
      expect(m.perDay[at(s, '2025-05-30')]).toBe(1);
      expect(m.byLang.both[at(s, '2025-05-30')]).toBe(1);
      // 27 May: s2 (English) and s3 (Arabic).
      expect(m.perDay[at(s, '2025-05-27')]).toBe(2);
      expect(m.byLang.en[at(s, '2025-05-27')]).toBe(1);
      expect(m.byLang.ar[at(s, '2025-05-27')]).toBe(1);
      // 22 May: an article without a story id is a story of its own.
      expect(m.perDay[at(s, '2025-05-22')]).toBe(1);
      expect(m.perDay.reduce((a, b) => a + b, 0)).toBe(4);
      expect(m.total).toBe(4);
      expect(m.previous).toBe(1);
      const iraq = s.topics[1]!;
      expect(iraq.total).toBe(2);
      expect(iraq.previous).toBe(0);
      for (const t of s.topics)
        for (let i = 0; i < s.days.length; i++) {
          expect(t.byLang.ar[i]! + t.byLang.en[i]! + t.byLang.both[i]! + t.byLang.other[i]!).toBe(t.perDay[i]);
        }
    });

    it('labels the biggest stories on their day, with a headline in the chat language', async () => {
      const en = await trend(['militia-threats', 'iraq']);
      expect(en.top.map((t) => t.storyId)).toEqual(['s1', 's2', 'a-a1']);
      expect(en.top[0]).toMatchObject({ day: '2025-05-30', articles: 4, sources: 4, topic: 'militia-threats', headlineLang: 'en' });
      expect(en.top[0]!.headline).toBe('Kataib Hezbollah threatens to resume attacks on…');
      const ar = await trend(['militia-threats'], 'ar');
      expect(ar.top[0]!.headlineLang).toBe('ar');
      expect(ar.top[0]!.headline).toMatch(/^كتائب حزب الله تهدد/);
      // s2 has no Arabic article: its English headline is used.
      expect(ar.top[1]!.headline).toBe('Militia warns coalition over withdrawal…');
    });

    it('summarises each topic in English and Arabic', async () => {
      const s = await trend(['militia-threats', 'iraq']);
      expect(summaryLines(s, 'en')).toEqual([
        'militia-threats: 4 stories in 30 days, up from 1 the 30 days before',
        'iraq: 2 stories in 30 days, up from 0 the 30 days before',
      ]);
      expect(summaryLines(s, 'ar')[0]).toBe('militia-threats: 4 قصص خلال 30 يوماً، ارتفاعاً من 1 في الـ30 يوماً السابقة');
    });

    it('clamps a window over 90 days and says so', async () => {
      const s = await trend(['militia-threats'], 'en', 120);
      expect(s.days).toHaveLength(90);
      expect(s.clampedFrom).toBe(120);
      expect(s.topics[0]!.total).toBe(5);
      expect(summaryLines(s, 'en').at(-1)).toBe('(asked for 120 days; charts go back at most 90 days)');
      expect(trendWindow(0.5, NOW).days).toEqual(['2025-06-01']);
    });

    it('counts an article stored twice once', async () => {
      for (const s of trendArticles()) await articles.put(s);
      await articles.putMany(trendArticles().map((stored) => ({ stored })));
      const s = await trend(['militia-threats']);
      expect(s.topics[0]!.total).toBe(4);
      expect(s.top[0]!.articles).toBe(4);
    });

    it('rebuilds days stored before the per-day index existed from the hour index, once', async () => {
      const before = await trend(['militia-threats', 'iraq']);
      await opened.store.namespace('trend_days').clear();
      await opened.store.namespace('trend_day_ids').clear();
      const rebuilt = await trend(['militia-threats', 'iraq']);
      expect(rebuilt.topics).toEqual(before.topics);
      expect(rebuilt.top).toEqual(before.top);
      // Recorded: every day of both windows now has a record, empty or not.
      expect(await opened.store.namespace('trend_days').get('2025-05-01')).toBeDefined();
    });

    it('matches the same series computed from a full scan of the articles', async () => {
      const fromIndex = await trend(['militia-threats', 'iraq']);
      const scan = async (keys: readonly string[]): Promise<TrendDay[]> => {
        const all = await articles.listBetween(Date.parse(`${keys[0]}T00:00:00Z`), NOW);
        const days = new Map<string, TrendDay>();
        addToDays(days, new Map(), all.map(indexEntryOf));
        return keys.map((k) => days.get(k) ?? { t: {} });
      };
      const fromScan = await buildTrend(
        { topics: ['militia-threats', 'iraq'], days: 30, untilMs: NOW, lang: 'en' },
        { articles, stories: new StoryIndex(opened.store), topicDefs: [{ id: 'militia-threats', name: 'Militia threats', query: 'x' }], days: scan },
      );
      expect(fromScan).toEqual(fromIndex);
    });
  });
}
