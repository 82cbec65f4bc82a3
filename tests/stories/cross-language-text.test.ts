// Across scripts two reports of one happening share no words, where two same-language rewrites
// share some: when their leads agree on what happened and share who, where or a count, on the same
// day, the signature gets a stand-in for the missing wording (WEIGHTS.crossLanguageText). And a
// dateline ("BAGHDAD (AP) —") says where a report was filed, not where it happened, so it is not a
// lead place. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature, isDateline } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare, joins } from '../../src/stories/decide.ts';
import { freshStoryIndexEachTest, reportMaker, type ReportText } from './helpers/story-reports.ts';

const report = reportMaker('xt');
let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

const comparable = (o: ReportText) => ({
  sketch: sketchOf({ title: o.title, text: o.text }),
  sig: extractSignature({ title: o.title, text: o.text, publishedMs: Date.parse(o.published), lang: o.lang ?? 'en' }),
});

const haltEn: ReportText = {
  title: 'Kataib Hezbollah says it is halting its operations against American forces',
  text: 'The Iraqi armed faction Kataib Hezbollah said on Tuesday it was halting its military operations against American forces, to spare the government embarrassment, in a statement read by its secretary-general.',
  published: '2024-03-05T16:00:00Z',
};
const haltAr: ReportText = {
  lang: 'ar',
  title: 'كتائب حزب الله تعلن تعليق عملياتها العسكرية ضد القوات الأمريكية',
  text: 'أعلنت كتائب حزب الله العراقية يوم الثلاثاء تعليق عملياتها العسكرية ضد القوات الأمريكية، وقال أمينها العام في بيان إن القرار جاء لتجنيب الحكومة الحرج.',
  published: '2024-03-05T18:00:00Z',
};

// The same faction, the same day, the same words "attacks" and "US forces": but one reports a
// drone attack on a base and the other a vow to go on attacking. What happened differs.
const attackEn: ReportText = {
  title: 'Drone attack targets a base hosting US forces in western Iraq',
  text: 'A drone attack targeted a base hosting US forces in western Iraq on Tuesday, officials said, and the Islamic Resistance in Iraq claimed it in a statement online.',
  published: '2024-03-05T10:00:00Z',
};
const vowAr: ReportText = {
  lang: 'ar',
  title: 'المقاومة الإسلامية في العراق تتوعد بمواصلة عملياتها',
  text: 'توعدت المقاومة الإسلامية في العراق يوم الثلاثاء بمواصلة عملياتها ضد الاحتلال الأمريكي حتى خروجه من البلاد، في بيان نشرته على قناتها.',
  published: '2024-03-05T20:00:00Z',
};

describe('an Arabic and an English report of one happening', () => {
  it('join when their leads agree on what happened and who, on the same day', async () => {
    const d = compare(comparable(haltAr), comparable(haltEn), true);
    expect(d.reasons).toContain('across languages: the leads agree on what, who or where');
    expect(joins(d)).toBe(true);
    const first = await idx.assign(report(haltEn));
    const second = await idx.assign(report(haltAr));
    expect(second.isNew).toBe(false);
    expect(second.storyId).toBe(first.storyId);
  });

  it('stay apart when they share the faction and the day but report different happenings', async () => {
    const d = compare(comparable(vowAr), comparable(attackEn), true);
    expect(d.reasons.join()).not.toContain('across languages: the leads agree');
    expect(joins(d)).toBe(false);
    const first = await idx.assign(report(attackEn));
    const second = await idx.assign(report(vowAr));
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('two days apart, the same announcement wording earns no stand-in', () => {
    const later = { ...haltAr, published: '2024-03-06T18:00:00Z', text: haltAr.text.replace('يوم الثلاثاء', 'يوم الأربعاء') };
    const d = compare(comparable(later), comparable(haltEn), true);
    expect(d.reasons.join()).not.toContain('across languages: the leads agree');
  });
});

const datelined: ReportText = {
  title: 'Rocket attack kills a contractor working with the coalition',
  text: 'BAGHDAD (AP) — A rocket attack killed a civilian contractor working with the US-led coalition late on Monday and wounded six people, officials said.\nThe rockets landed near an airport in the north where coalition troops are based.',
  published: '2021-03-01T08:00:00Z',
};
const erbilAr: ReportText = {
  lang: 'ar',
  title: 'مقتل متعاقد مع التحالف بهجوم صاروخي على مطار أربيل',
  text: 'قتل متعاقد مدني يعمل مع التحالف الدولي وأصيب ستة آخرون بهجوم صاروخي استهدف مطار أربيل مساء الاثنين، بحسب مسؤولين.',
  published: '2021-03-01T09:00:00Z',
};

describe('a dateline', () => {
  it('is a place at the start of a line before a dash or colon, with a date or an agency between', () => {
    const at = (text: string, place: string) => isDateline(text, text.indexOf(place), text.indexOf(place) + place.length);
    expect(at('BAGHDAD (AP) — Rockets hit', 'BAGHDAD')).toBe(true);
    expect(at('Intro line\nErbil, Feb. 16, 2021: Rockets hit', 'Erbil')).toBe(true);
    expect(at('أربيل - سقطت صواريخ', 'أربيل')).toBe(true);
    expect(at('بغداد (رويترز) – قال مسؤولون', 'بغداد')).toBe(true);
    expect(at('Rockets hit Baghdad — officials said', 'Baghdad')).toBe(false);
    expect(at('Baghdad was quiet on Monday', 'Baghdad')).toBe(false);
  });

  it('is not a lead place; the same city named again in the lead still is', () => {
    const sig = comparable(datelined).sig;
    expect(sig.lead).not.toContain('baghdad');
    expect(sig.places).toContain('baghdad');
    const again = comparable({ ...datelined, text: 'BAGHDAD (AP) — A rocket attack on a base in Baghdad killed a contractor on Monday, officials said.' }).sig;
    expect(again.lead).toContain('baghdad');
  });

  it('does not make two reports of one attack different places', () => {
    const d = compare(comparable(erbilAr), comparable(datelined), true);
    expect(d.veto).toBeUndefined();
  });
});

describe('who the leads name', () => {
  it('the Iraqi Hezbollah is Kataib Hezbollah, not the Lebanese party', () => {
    const sig = comparable({
      lang: 'ar',
      title: 'ضربات أمريكية على مواقع لحزب الله العراقي',
      text: 'شنت طائرات أمريكية ليل الأحد ضربات على مواقع تابعة لحزب الله في العراق قرب الحدود.',
      published: '2024-03-10T08:00:00Z',
    }).sig;
    expect(sig.actors).toContain('kataib-hezbollah');
    expect(sig.actors).not.toContain('hezbollah-lebanon');
    const en = comparable({
      title: 'US strikes hit Iraqi Hezbollah sites',
      text: 'American jets struck sites of Iraqi Hezbollah on Sunday.',
      published: '2024-03-10T08:00:00Z',
    });
    expect(en.sig.actors).toEqual(['kataib-hezbollah']);
  });

  it('the US president in one lead and the Pentagon in the other speak for one side', () => {
    const ar: ReportText = {
      lang: 'ar',
      title: 'بايدن يأمر بضربات جوية على منشآت للفصائل في سوريا',
      text: 'أمر الرئيس الأمريكي جو بايدن يوم الجمعة بشن ضربات جوية على منشآت تستخدمها فصائل مسلحة في شرق سوريا، بحسب مسؤولين.',
      published: '2024-03-15T20:00:00Z',
    };
    const en: ReportText = {
      title: 'Pentagon says US jets struck militia facilities in eastern Syria',
      text: 'The Pentagon said on Friday that US jets had struck facilities used by armed militias in eastern Syria, and that the strikes were over.',
      published: '2024-03-15T21:00:00Z',
    };
    const d = compare(comparable(ar), comparable(en), true);
    expect(d.reasons).toContain('across languages: the leads agree on what, who or where');
  });
});

describe('what an Arabic lead reports', () => {
  const kinds = (title: string) => comparable({ lang: 'ar', title, text: '', published: '2024-03-05T10:00:00Z' }).sig.reported;

  it('reads a noun in the indefinite accusative («هجوماً», «قصفاً») as the noun', () => {
    expect(kinds('فصيل مسلح يشن هجوماً جديداً على قاعدة')).toContain('attack');
    expect(kinds('الطيران ينفذ قصفا على مواقع قرب الحدود')).toContain('strike');
  });

  it('reads the adjective «صاروخي» as rockets, as «صاروخية» is', () => {
    expect(kinds('هجوم صاروخي على قاعدة قرب المطار')).toContain('rocket');
  });
});

describe('the umbrella name the factions claim attacks under', () => {
  it('says less than a faction of its own: two claims on one day share it without the lead-actor bonus', () => {
    const en: ReportText = {
      title: 'Islamic Resistance in Iraq claims a drone attack on American forces',
      text: 'The Islamic Resistance in Iraq said on Sunday it had attacked American forces with a drone, in a statement on its channel.',
      published: '2024-03-17T12:00:00Z',
    };
    const ar: ReportText = {
      lang: 'ar',
      title: 'المقاومة الإسلامية في العراق تعلن استهداف قوات أمريكية بطائرة مسيرة',
      text: 'أعلنت المقاومة الإسلامية في العراق يوم الأحد استهداف قوات أمريكية بطائرة مسيرة، في بيان على قناتها.',
      published: '2024-03-17T15:00:00Z',
    };
    const d = compare(comparable(ar), comparable(en), true);
    expect(d.reasons.join()).not.toContain('same lead actor across languages');
  });
});

describe('what a lead recalls', () => {
  it('is not what it reports: a vow recalling a strike does not agree with the strike report on what happened', () => {
    const strikeEn: ReportText = {
      title: 'US aircraft strike militia sites in Iraq, killing three fighters',
      text: 'US aircraft struck militia sites in western Iraq on Friday, killing three fighters, the Pentagon said.',
      published: '2024-03-22T10:00:00Z',
    };
    const vowAr: ReportText = {
      lang: 'ar',
      title: 'فصيل عراقي يتوعد بمواصلة الهجمات',
      text: 'توعد فصيل عراقي مسلح يوم الجمعة بمواصلة هجماته على القوات الأمريكية بعد غارة أمريكية أدت إلى مقتل ثلاثة من عناصره.',
      published: '2024-03-22T18:00:00Z',
    };
    const d = compare(comparable(vowAr), comparable(strikeEn), true);
    expect(d.reasons.join()).not.toContain('across languages: the leads agree');
  });
});

describe('a base handed over is a kind of happening both languages name', () => {
  const handEn: ReportText = {
    title: 'US-led alliance hands over a site at Camp Taji to the Iraqi army',
    text: 'The US-led alliance against Islamic State handed over a training site at Camp Taji, north of Baghdad, to Iraqi forces on Sunday, an Iraqi military spokesman said.',
    published: '2020-08-23T12:00:00Z',
  };
  const handAr: ReportText = {
    lang: 'ar',
    title: 'التحالف الدولي يسلم موقعا في معسكر التاجي للقوات العراقية',
    text: 'سلمت قوات التحالف الدولي يوم الأحد موقعا للتدريب في معسكر التاجي شمال بغداد إلى القوات العراقية، بحسب قيادة العمليات المشتركة.',
    published: '2020-08-23T12:00:00Z',
  };

  it('reads the handover and the alliance in either language, and the two reports join', () => {
    const en = comparable(handEn);
    const ar = comparable(handAr);
    expect(en.sig.reported).toContain('handover');
    expect(ar.sig.reported).toContain('handover');
    expect(en.sig.actors).toContain('coalition');
    expect(joins(compare(en, ar))).toBe(true);
  });

  it('guard: a handover at another base the same day is another story', () => {
    const other = comparable({
      ...handAr,
      title: 'التحالف الدولي يسلم قاعدة القيارة للقوات العراقية',
      text: 'سلمت قوات التحالف الدولي يوم الأحد قاعدة القيارة جنوب الموصل إلى القوات العراقية، بحسب قيادة العمليات المشتركة.',
    });
    expect(joins(compare(comparable(handEn), other))).toBe(false);
  });
});

describe('the region figures outside the Iraq story are actors too', () => {
  it('an English and an Arabic report of one order by one named leader, the same day, join', () => {
    const en = comparable({
      title: 'Putin orders Russian forces to start pulling out of Syria',
      text: 'Russian President Vladimir Putin on Monday ordered his forces to start withdrawing from Syria during a visit to the Hmeimim air base.',
      published: '2017-12-11T12:00:00Z',
    });
    const ar = comparable({
      lang: 'ar',
      title: 'بوتين يأمر ببدء سحب القوات الروسية من سوريا',
      text: 'أمر الرئيس الروسي فلاديمير بوتين يوم الاثنين ببدء سحب القوات الروسية من سوريا خلال زيارة إلى قاعدة حميميم الجوية.',
      published: '2017-12-11T12:00:00Z',
    });
    expect(en.sig.leadActors).toContain('putin');
    expect(ar.sig.leadActors).toContain('putin');
    expect(joins(compare(en, ar))).toBe(true);
  });
});
