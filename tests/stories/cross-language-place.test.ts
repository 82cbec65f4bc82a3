// An Arabic and an English report of one strike share no words. When both leads name the same
// place and the same force (the Revolutionary Guards, the coalition: not a person or faction),
// the place and the force together stand in for the wording a same-language rewrite would share;
// but only when what both report happened (a strike, an attack) agrees, not merely a detail such
// as the toll. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare, joins } from '../../src/stories/decide.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';

const report = reportMaker('xp');
let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

const englishStrike = {
  lang: 'en' as const,
  title: 'Israeli air strike on Damascus kills Revolutionary Guards officers',
  text: 'An Israeli air strike hit a building in Damascus on Sunday and killed several officers of the Revolutionary Guards, Syrian sources said.',
  published: '2024-06-09T15:00:00Z',
  topics: [],
};

const arabicStrike = {
  lang: 'ar' as const,
  title: 'غارة إسرائيلية على دمشق تقتل ضباطا في الحرس الثوري',
  text: 'قالت مصادر سورية إن غارة إسرائيلية استهدفت يوم الأحد مبنى في دمشق وأدت إلى مقتل عدد من ضباط الحرس الثوري الإيراني.',
  published: '2024-06-09T18:00:00Z',
  topics: [],
};

// The same city, the same force, the same day; it reports deaths, not a strike.
const arabicFuneral = {
  lang: 'ar' as const,
  title: 'تشييع ضباط من الحرس الثوري في دمشق',
  text: 'شيع المئات يوم الأحد في دمشق جثامين ضباط من الحرس الثوري الإيراني، وأعلن الحرس مقتل ثلاثة منهم، بحضور مسؤولين.',
  published: '2024-06-09T18:00:00Z',
  topics: [],
};

const comparable = (o: typeof englishStrike | typeof arabicStrike) => ({
  sketch: sketchOf({ title: o.title, text: o.text }),
  sig: extractSignature({ title: o.title, text: o.text, publishedMs: Date.parse(o.published), lang: o.lang }),
});

describe('cross-language reports naming the same place and force in their leads', () => {
  it('an Arabic and an English report of one strike on a city, with the same force in both leads, are one story', async () => {
    const d = compare(comparable(arabicStrike), comparable(englishStrike), true);
    expect(d.reasons).toContain('same lead actor across languages: irgc');
    expect(joins(d)).toBe(true);
    const first = await idx.assign(report(englishStrike));
    const second = await idx.assign(report(arabicStrike));
    expect(second.isNew).toBe(false);
    expect(second.storyId).toBe(first.storyId);
  });

  it('agreeing only on a detail (the toll) earns nothing: a funeral and a strike in that city stay apart', async () => {
    const d = compare(comparable(arabicFuneral), comparable(englishStrike), true);
    expect(d.reasons.join()).not.toContain('across languages');
    expect(joins(d)).toBe(false);
    const strike = await idx.assign(report(englishStrike));
    const funeral = await idx.assign(report(arabicFuneral));
    expect(funeral.isNew).toBe(true);
    expect(funeral.storyId).not.toBe(strike.storyId);
  });

  it('the same pair in one language gets no such bonus: there the wording speaks', () => {
    const d = compare(comparable(englishStrike), comparable({ ...englishStrike, title: 'Strike in Damascus hits Revolutionary Guards' }), true);
    expect(d.reasons.join()).not.toContain('across languages');
  });
});
