// Stories merge when a later report shows two of them to be one happening: an Arabic first report
// and an English one that cannot be compared start two stories; a third report that agrees with
// each (the English wording, the Arabic place and faction) folds them into one. A report that only
// loosely resembles the second story leaves the two apart, and so does a round-up of two attacks
// whose own reports conflict.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import type { Lang, StoredArticle } from '../../src/core/types.ts';

const AT = Date.parse('2025-03-05T10:00:00Z');

function report(id: string, lang: Lang, hours: number, title: string, text: string): StoredArticle {
  const published = new Date(AT + hours * 3_600_000).toISOString();
  return {
    article: { id, feedId: `outlet-${id}`, url: `https://outlet-${id}.example/${id}`, title, summary: '', text, lang, published, fetchedAt: published },
    matches: [{ id: 'us-strikes', score: 3, terms: [], spans: [] }],
  };
}

const AR_FIRST = report(
  'ar-1',
  'ar',
  0,
  'غارات أمريكية على مواقع لكتائب حزب الله في القائم',
  'قصفت طائرات أمريكية فجر اليوم الأربعاء مواقع تابعة لكتائب حزب الله في قضاء القائم غربي الأنبار، بحسب مصادر أمنية عراقية. وقالت المصادر إن القصف استهدف مخازن أسلحة قرب الحدود مع سوريا.',
);
// Says what was heard, not who struck where: nothing to compare with the Arabic report.
const EN_FIRST = report(
  'en-1',
  'en',
  1,
  "Blasts heard near Iraq's western border",
  'Residents reported several loud explosions near the Syrian border on Wednesday, and smoke was seen rising over warehouses outside the town. Iraqi security officials gave no details.',
);
// The English wording again, now with the place and the faction: it belongs to both.
const EN_BRIDGE = report(
  'en-2',
  'en',
  2,
  "Blasts near Iraq's western border were US strikes on Kataib Hezbollah",
  'Residents reported several loud explosions near the Syrian border on Wednesday, and smoke was seen rising over warehouses outside the town of al-Qaim. Iraqi security officials later said US aircraft had struck Kataib Hezbollah weapons depots there.',
);
// Same place and faction as the Arabic report, but worded apart from the English first report.
const EN_LOOSE = report(
  'en-3',
  'en',
  2,
  'US aircraft strike Kataib Hezbollah sites in al-Qaim',
  'US aircraft struck Kataib Hezbollah weapons depots in al-Qaim in western Anbar on Wednesday, Iraqi security officials said, after residents reported several loud explosions near the Syrian border and smoke rising over warehouses outside the town.',
);

// Two attacks of one morning on two bases, and a round-up telling both: it agrees with each report,
// but the two reports conflict (another base), so the two stories stay two.
const attack = (id: string, hours: number, title: string, text: string) => ({
  ...report(id, 'en', hours, title, text),
  matches: [{ id: 'militia-threats', score: 3, terms: [], spans: [] }],
});
const HARIR = attack(
  'harir',
  0,
  'Drone attack targets Harir base in Erbil',
  'A drone attack targeted the Harir air base north of Erbil, which hosts US forces, on Wednesday morning, the Islamic Resistance in Iraq said in a statement. No casualties were reported.',
);
const ASAD = attack(
  'asad',
  1,
  'Drone attack targets Ain al-Asad base in Anbar',
  'A drone attack targeted the Ain al-Asad air base in western Anbar, which hosts US forces, on Wednesday morning, the Islamic Resistance in Iraq said in a statement. No casualties were reported.',
);
const ROUND_UP = attack(
  'both',
  2,
  'Drone attacks target Harir and Ain al-Asad bases',
  'Drone attacks targeted the Harir air base north of Erbil and the Ain al-Asad air base in western Anbar, both hosting US forces, on Wednesday morning, the Islamic Resistance in Iraq said in a statement. No casualties were reported.',
);

for (const c of storeCases) {
  describe.skipIf(c.skip)(`story merging over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('folds two stories into one when a later report plainly belongs to both; nothing is alerted again', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const ar = await idx.assign(AR_FIRST);
      const en = await idx.assign(EN_FIRST);
      expect(ar.isNew && en.isNew).toBe(true);
      expect(en.storyId).not.toBe(ar.storyId);

      const bridge = await idx.assign(EN_BRIDGE);
      expect(bridge).toMatchObject({ storyId: ar.storyId, isNew: false, merged: [en.storyId] });
      // When the merged story's reports were published: the days trend charts now count as the one story.
      const enAt = Date.parse(EN_FIRST.article.published);
      expect(bridge.mergedSpan).toEqual({ sinceMs: enAt, untilMs: enAt });
      expect((await idx.resolve([en.storyId, ar.storyId])).get(en.storyId)).toBe(ar.storyId);
      expect(await idx.storyOfArticle('en-1')).toBe(ar.storyId);
      const rec = await idx.get(en.storyId);
      expect(rec?.id).toBe(ar.storyId);
      expect(rec?.articleIds).toEqual(['ar-1', 'en-2', 'en-1']);
      expect(rec?.articleCount).toBe(3);
      expect(rec?.languages).toEqual(['ar', 'en']);
      expect(rec?.firstSeen).toBe(AR_FIRST.article.published);
      expect((await idx.getMany([en.storyId])).get(en.storyId)?.id).toBe(ar.storyId);

      // A later copy of the English first report joins the one story, and a new index over the
      // same store (another process) sees the merge too.
      const again = new StoryIndex(opened.store);
      const copy = await again.assign({ ...EN_FIRST, article: { ...EN_FIRST.article, id: 'en-1-copy', feedId: 'mirror' } });
      expect(copy).toMatchObject({ storyId: ar.storyId, isNew: false });
    });

    it('forgets a merged story with its own reports when they age out, while the story it lives on in goes on', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const ar = await idx.assign(AR_FIRST);
      const en = await idx.assign(EN_FIRST);
      expect((await idx.assign(EN_BRIDGE)).merged).toEqual([en.storyId]);
      const later = await idx.assign(report('en-4', 'en', 5, EN_BRIDGE.article.title, EN_BRIDGE.article.text));
      expect(later.storyId).toBe(ar.storyId);
      // The first three reports age out; the fourth keeps the merged story alive.
      expect(await idx.purgeOlderThan(AT + 3 * 3_600_000)).toBe(3);
      const records = opened.store.namespace<{ id: string }>('stories');
      expect(await records.get(en.storyId)).toBeUndefined();
      expect((await idx.get(ar.storyId))?.articleCount).toBe(4);
    });

    it('keeps two attacks apart when a round-up agrees with both: their own reports conflict (another base)', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const harir = await idx.assign(HARIR);
      const asad = await idx.assign(ASAD);
      expect(asad.storyId).not.toBe(harir.storyId);
      const roundUp = await idx.assign(ROUND_UP);
      expect([harir.storyId, asad.storyId]).toContain(roundUp.storyId);
      expect(roundUp.merged).toBeUndefined();
      const canon = await idx.resolve([harir.storyId, asad.storyId]);
      expect(canon.get(harir.storyId)).toBe(harir.storyId);
      expect(canon.get(asad.storyId)).toBe(asad.storyId);
    });

    it('keeps the stories apart when the report that joins one only loosely resembles the other', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const idx = new StoryIndex(opened.store);
      const ar = await idx.assign(AR_FIRST);
      const en = await idx.assign(EN_FIRST);
      const loose = await idx.assign(EN_LOOSE);
      expect(loose.storyId).toBe(ar.storyId);
      expect(loose.merged).toBeUndefined();
      expect((await idx.resolve([en.storyId])).get(en.storyId)).toBe(en.storyId);
      expect((await idx.get(en.storyId))?.articleIds).toEqual(['en-1']);
    });
  });
}
