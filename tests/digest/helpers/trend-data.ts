// A small, fully known store for trend tests: stories with several outlets in both languages,
// single-article stories, and a few stories in the 30 days before the window.
import type { Lang, StoredArticle } from '../../../src/core/types.ts';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const DAY = 86_400_000;

export function art(p: { id: string; feed: string; lang: Lang; title: string; daysAgo: number; topics: string[]; story?: string }): StoredArticle {
  const published = new Date(NOW - p.daysAgo * DAY).toISOString();
  const s: StoredArticle = {
    article: {
      id: p.id,
      feedId: p.feed,
      url: `https://${p.feed}.example/${p.id}`,
      title: p.title,
      summary: '',
      text: p.title,
      lang: p.lang,
      published,
      fetchedAt: published,
    },
    matches: p.topics.map((id) => ({ id, score: 3, terms: ['x'], spans: [] })),
  };
  if (p.story) s.storyId = p.story;
  return s;
}

/**
 * militia-threats in the last 30 days: story s1 (2 days ago: 3 Arabic + 1 English outlets, the
 * biggest), s2 (5 days ago: 2 English), s3 (5 days ago: 1 Arabic), a1 (no story id, 10 days ago,
 * also in iraq). In the 30 days before: s9 (40 days ago). iraq: s4 (2 days ago, 1 English).
 */
export function trendArticles(): StoredArticle[] {
  return [
    art({
      id: 'a11',
      feed: 'f1',
      lang: 'ar',
      title: 'كتائب حزب الله تهدد باستئناف الهجمات على القوات الأمريكية',
      daysAgo: 2,
      topics: ['militia-threats'],
      story: 's1',
    }),
    art({ id: 'a12', feed: 'f2', lang: 'ar', title: 'فصيل مسلح يهدد القوات الأمريكية', daysAgo: 2.1, topics: ['militia-threats'], story: 's1' }),
    art({ id: 'a13', feed: 'f3', lang: 'ar', title: 'تهديد جديد للقوات الأمريكية في العراق', daysAgo: 2.2, topics: ['militia-threats'], story: 's1' }),
    art({
      id: 'a14',
      feed: 'f4',
      lang: 'en',
      title: 'Kataib Hezbollah threatens to resume attacks on US forces',
      daysAgo: 2.05,
      topics: ['militia-threats'],
      story: 's1',
    }),
    art({
      id: 'a21',
      feed: 'f4',
      lang: 'en',
      title: 'Militia warns coalition over withdrawal timetable',
      daysAgo: 5,
      topics: ['militia-threats'],
      story: 's2',
    }),
    art({ id: 'a22', feed: 'f5', lang: 'en', title: 'Armed group issues warning to coalition', daysAgo: 5.1, topics: ['militia-threats'], story: 's2' }),
    art({ id: 'a31', feed: 'f1', lang: 'ar', title: 'بيان لفصيل عراقي', daysAgo: 5.2, topics: ['militia-threats'], story: 's3' }),
    art({ id: 'a1', feed: 'f2', lang: 'en', title: 'Drone attack reported near Erbil base', daysAgo: 10, topics: ['militia-threats', 'iraq'] }),
    art({ id: 'a91', feed: 'f1', lang: 'ar', title: 'تهديد قديم', daysAgo: 40, topics: ['militia-threats'], story: 's9' }),
    art({ id: 'a41', feed: 'f5', lang: 'en', title: 'Baghdad talks on the US presence', daysAgo: 2.3, topics: ['iraq'], story: 's4' }),
    art({ id: 'a51', feed: 'f5', lang: 'en', title: 'Unrelated sports news', daysAgo: 1, topics: [] }),
  ];
}
