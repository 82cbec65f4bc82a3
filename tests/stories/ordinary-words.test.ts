// Arabic place names that are also ordinary words: «القائم» (al-Qaim; "the one doing", as in
// «القائم بالأعمال», the chargé d'affaires; "existing", as in «الوضع القائم»), «الرمادي» (Ramadi;
// "grey"), «الحلة» (Hillah; "a look"), «حرير» (Harir; "silk"), «الزبير» (Zubair; a surname when
// written bare). The gazetteer's guards
// (not_before / not_after / cues in places.yaml) and the article rule keep the ordinary word from
// naming the place, so that two unrelated reports do not share a place. All texts are our own wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';

const report = reportMaker('ow');

let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

const places = (title: string, text = '') => extractSignature({ title, text, publishedMs: 0 }).places;

describe('place names that are ordinary words', () => {
  it.each([
    ['وزارة الخارجية تستدعي القائم بالأعمال الأمريكي'],
    ['لقاء مع القائم بأعمال السفارة البريطانية'],
    ['استقالة القائم على إدارة المشروع'],
    ['الأطراف تدعو إلى الإبقاء على الوضع القائم'],
    ['النظام القائم يواجه احتجاجات واسعة'],
    ['المسؤول: التهديد قائم حتى الآن'],
    ['تصاعد الدخان الرمادي فوق المصنع'],
    ['سيارة باللون الرمادي تقف أمام المبنى'],
    ['سحابة من دخان رمادي تغطي الحي'],
    ['القناة تطل على مشاهديها بحلة جديدة'],
    ['الحكومة تدرس الانضمام إلى طريق الحرير'],
    ['صرح المهندس سالم زبير بأن العمل مستمر'],
  ])('«%s» names no place', (title) => {
    expect(places(title)).toEqual([]);
  });

  it.each([
    ['قصف مدفعي على قضاء القائم', 'qaim'],
    ['انفجار عند مدخل مدينة القائم', 'qaim'],
    ['اشتباكات في القائم فجر اليوم', 'qaim'],
    ['تعزيزات عسكرية تصل إلى القائم الحدودية', 'qaim'],
    ['طائرة مسيرة فوق مطار القائم', 'qaim'],
    ['انتشار أمني في القائم على الحدود مع سوريا', 'qaim'],
    ['غارة قرب بالقائم غربي البلاد', 'qaim'],
    ['الرمادي مركز محافظة الأنبار تشهد انتشارا أمنيا', 'ramadi'],
    ['حظر تجوال في الرمادي', 'ramadi'],
    ['وصول تعزيزات للرمادي', 'ramadi'],
    ['هجوم بطائرة مسيرة على قاعدة حرير', 'harir'],
    ['انفجار عبوة في الحلة', 'hillah'],
    ['صاروخ يسقط قرب قاعدة الحرير الجوية', 'harir'],
    ['غارات على منطقتي العكاشات والقائم', 'akashat'],
    ['غارات على منطقتي العكاشات والقائم', 'qaim'],
  ])('«%s» still names %s', (title, id) => {
    expect(places(title)).toContain(id);
  });

  it('a chargé d\u2019affaires summoned in Baghdad and a strike near al-Qaim the same day share no place and stay two stories', async () => {
    const summoned = report({
      lang: 'ar',
      title: 'بغداد تستدعي القائم بالأعمال الأمريكي احتجاجا على الغارات',
      text: 'استدعت وزارة الخارجية العراقية يوم الأربعاء القائم بالأعمال الأمريكي في بغداد وسلمته مذكرة احتجاج على الغارات الأخيرة، بحسب بيان للوزارة.',
      published: '2024-05-08T09:00:00Z',
    });
    const strike = report({
      lang: 'ar',
      title: 'غارة أمريكية تستهدف موقعا قرب القائم',
      text: 'استهدفت غارة جوية أمريكية يوم الأربعاء موقعا لفصيل مسلح قرب القائم غربي الأنبار قرب الحدود مع سوريا، بحسب مصادر أمنية عراقية.',
      published: '2024-05-08T11:00:00Z',
    });
    const sig = (r: typeof summoned) => extractSignature({ title: r.article.title, text: r.article.text, publishedMs: Date.parse(r.article.published) });
    const a = sig(summoned);
    const b = sig(strike);
    expect(a.places).not.toContain('qaim');
    expect(b.places).toContain('qaim');
    expect(a.places.filter((p) => b.places.includes(p))).toEqual([]);
    const first = await idx.assign(summoned);
    const second = await idx.assign(strike);
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
  });
});
