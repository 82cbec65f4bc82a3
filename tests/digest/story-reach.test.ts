// A story is shown once, selected by its latest activity, with its reach ("4 sources · ar, en")
// and the headline of its earliest report in the reader's language. Real SQLite, the real story
// index; texts are our own.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { buildDigest, renderTelegram, renderText } from '../../src/digest/index.ts';
import { sourcesLabel } from '../../src/digest/labels.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import { HOUR, UNTIL, article, stored } from './fixtures/samples.ts';

const DAY = 24 * HOUR;
const EN_TEXT =
  'Drones struck the Harir air base in Erbil overnight, officials said, and no casualties were reported among coalition troops stationed at Harir.';
const en = (id: string, feed: string, hoursAgo: number, title: string) =>
  stored(article({ id, feed, url: `https://${feed}.example/${id}`, lang: 'en', hoursAgo, title, text: EN_TEXT }), { iraq: ['Erbil', 'Harir'] });
const ar = (id: string, feed: string, hoursAgo: number, title: string) =>
  stored(
    article({
      id,
      feed,
      url: `https://${feed}.example/${id}`,
      lang: 'ar',
      hoursAgo,
      title,
      text: 'استهدفت طائرات مسيرة قاعدة حرير الجوية في أربيل الليلة الماضية دون إصابات.',
    }),
    { iraq: ['أربيل', 'حرير'] },
  );

describe('sourcesLabel', () => {
  it('counts sources and names languages in the reader’s words', () => {
    expect(sourcesLabel('en', 4, ['en', 'ar'])).toBe('4 sources · ar, en');
    expect(sourcesLabel('ar', 4, ['en', 'ar'])).toBe('٤ مصادر · العربية، الإنجليزية');
    expect(sourcesLabel('ar', 2, ['ar'])).toBe('مصدران · العربية');
    expect(sourcesLabel('ar', 11, ['ar'])).toBe('١١ مصدرًا · العربية');
    expect(sourcesLabel('en', 1, ['en'])).toBe('');
    expect(sourcesLabel('en', 1, ['en', 'ar'])).toBe('1 source · ar, en');
  });
});

for (const c of storeCases) {
  describe.skipIf(c.skip)(`story reach in digests over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('moves a story’s latest time with each report that joins it', async () => {
      const o = await c.open();
      cleanup = o.cleanup;
      const stories = new StoryIndex(o.store, { now: () => UNTIL });
      const first = en('first', 'wire-a', 6, 'Drones strike Harir air base in Erbil');
      const later = en('later', 'wire-b', 1, 'Drones strike Harir air base in Erbil, officials say');
      const a = await stories.assign(first);
      const b = await stories.assign(later);
      expect(b.storyId).toBe(a.storyId);
      const rec = await stories.get(a.storyId);
      expect(Date.parse(rec!.firstSeen)).toBe(UNTIL - 6 * HOUR);
      expect(Date.parse(rec!.lastSeen)).toBe(UNTIL - HOUR);
    });

    /** A story first seen last week with three new reports today from three outlets, one Arabic. */
    async function world(): Promise<{ articles: ArticleStore; stories: StoryIndex; all: StoredArticle[] }> {
      const o = await c.open();
      cleanup = o.cleanup;
      const articles = new ArticleStore(o.store);
      const stories = new StoryIndex(o.store, { now: () => UNTIL });
      const all = [
        en('old', 'wire-a', (7 * DAY) / HOUR, 'Drones strike Harir air base in Erbil'),
        en('b', 'wire-b', 5, 'Drones strike Harir air base in Erbil again'),
        ar('c', 'wire-c', 4, 'مسيرات تستهدف قاعدة حرير في أربيل'),
        en('d', 'wire-d', 1, 'Drones strike Harir air base in Erbil, officials say'),
      ];
      // The first report opens the story in the index; the others are placed in it as the index
      // would for an ongoing story (the digest is what is tested here, not the join decision).
      const storyId = (await stories.assign(all[0]!)).storyId;
      for (const s of all) {
        s.storyId = storyId;
        await articles.put(s);
      }
      return { articles, stories, all };
    }

    it('puts a story by its latest activity in today’s digest, once, with its reach and first-seen time', async () => {
      const { articles, stories, all } = await world();
      const d = await buildDigest({ topics: ['iraq'], sinceMs: UNTIL - DAY, untilMs: UNTIL, articles, stories, lang: 'en' });
      expect(d.stories).toHaveLength(1);
      const s = d.stories[0]!;
      expect(s.storyId).toBe(all[0]!.storyId);
      expect(s.sourceCount).toBe(3);
      expect(s.languages).toEqual(['ar', 'en']);
      expect(s.firstSeenMs).toBe(UNTIL - 7 * DAY);
      // The earliest English report of the window, not the best-matching or the newest.
      expect(s.headline.text).toBe('Drones strike Harir air base in Erbil again');
      const text = renderText(d);
      expect(text).toContain('3 sources · ar, en');
      expect(text).toContain('first seen 7d ago');
    });

    it('gives an Arabic reader the Arabic report’s headline and Arabic labels', async () => {
      const { articles, stories } = await world();
      const d = await buildDigest({ topics: ['iraq'], sinceMs: UNTIL - DAY, untilMs: UNTIL, articles, stories, lang: 'ar' });
      expect(d.stories).toHaveLength(1);
      expect(d.stories[0]!.headline.text).toBe('مسيرات تستهدف قاعدة حرير في أربيل');
      expect(renderTelegram(d).join('\n')).toContain('٣ مصادر · العربية، الإنجليزية');
    });
  });
}
