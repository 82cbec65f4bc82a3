// Reports of one happening in Arabic and in English share no words, so their text similarity is
// about zero: the decision must rest on who the news is about (the actors named in the headline
// and opening sentence), what happened and which day. These tests hold both sides: such reports
// join, and the same faction's news on another day, or named only in the background, stays apart.
// All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare } from '../../src/stories/decide.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';

const report = reportMaker('x');

let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

const englishPause = {
  lang: 'en' as const,
  title: 'Kataib Hezbollah puts its campaign against US troops on hold',
  text: 'Kataib Hezbollah said on Tuesday it had suspended its operations against US forces after consulting other armed groups. Its fighters were told to hold their positions.',
  published: '2024-03-05T16:00:00Z',
};

const arabicPause = {
  lang: 'ar' as const,
  title: 'كتائب حزب الله توقف مؤقتا هجماتها على الأمريكيين',
  text: 'قالت كتائب حزب الله يوم الثلاثاء إنها أوقفت هجماتها على القوات الأمريكية بعد مشاورات مع فصائل أخرى، وطلبت من مقاتليها البقاء في مواقعهم.',
  published: '2024-03-05T19:00:00Z',
};

describe('event signature: lead actors', () => {
  it('keeps the actors of the headline and opening sentence apart from those recalled later', () => {
    const sig = extractSignature({
      title: 'Nujaba says its operations against US forces will go on',
      text: `The Nujaba movement said on Friday that its fight with American troops was not over. ${'Its statement ran long and covered much ground. '.repeat(6)}Analysts recalled that Kataib Hezbollah had earlier announced a pause.`,
      publishedMs: Date.parse('2024-03-08T10:00:00Z'),
    });
    expect(sig.leadActors).toEqual(['nujaba']);
    expect(sig.actors).toEqual(['nujaba', 'kataib-hezbollah']);
  });

  it('knows both Arabic spellings of Kabul, its airport, and Eilat in either script', () => {
    const places = (title: string) => extractSignature({ title, text: '', publishedMs: 0 }).places;
    expect(places('آخر الطائرات تغادر مطار كابول')).toEqual(['kabul-airport']);
    expect(places('The last flight leaves Kabul airport')).toEqual(['kabul-airport']);
    expect(places('وصول وفد إلى كابل')).toEqual(['kabul']);
    expect(places('مسيرة تسقط قرب إيلات')).toEqual(['eilat']);
    expect(places('Drone falls near Eilat')).toEqual(['eilat']);
  });

  it('knows the English possessive form of the Iraqi parliament and the Arabic "Iraqi resistance"', () => {
    const en = extractSignature({ title: 'Iraq’s parliament votes on the bill', text: '', publishedMs: 0 });
    const ar = extractSignature({ title: 'المقاومة العراقية تتبنى هجوما جديدا', text: '', publishedMs: 0 });
    expect(en.actors).toEqual(['iraqi-parliament']);
    expect(en.kinds).toContain('vote');
    expect(ar.actors).toEqual(['islamic-resistance-iraq']);
  });
});

describe('event types both languages name alike', () => {
  const kindsOf = (title: string) => extractSignature({ title, text: '', publishedMs: 0 }).kinds;

  it('an agreement to end a mission is an agreement and a withdrawal, in English and in Arabic', () => {
    expect(kindsOf('Washington and Baghdad sign a deal to end the combat mission')).toEqual(expect.arrayContaining(['agreement', 'withdrawal']));
    expect(kindsOf('واشنطن وبغداد توقيع اتفاق على إنهاء المهمة القتالية')).toEqual(expect.arrayContaining(['agreement', 'withdrawal']));
    expect(kindsOf('Lawmakers vote to expel foreign forces')).toEqual(expect.arrayContaining(['vote', 'withdrawal']));
    expect(kindsOf('النواب يصوت على إنهاء الوجود الأجنبي')).toEqual(expect.arrayContaining(['vote', 'withdrawal']));
  });

  it('a leader hosting or receiving another is talks', () => {
    expect(kindsOf('The president hosts the visiting premier')).toContain('talks');
    expect(kindsOf('الرئيس يستقبل رئيس الوزراء')).toContain('talks');
  });
});

describe('an Arabic and an English report with no place in common', () => {
  it('join when their leads name the same faction doing the same kind of thing on the same day', async () => {
    const first = await idx.assign(report(englishPause));
    const second = await idx.assign(report(arabicPause));
    expect(second).toMatchObject({ storyId: first.storyId, isNew: false });
    expect(second.joined).toEqual(expect.arrayContaining(['same lead actor across languages: kataib-hezbollah', 'same day']));
  });

  it('stay apart when the days differ, however alike the rest', async () => {
    const first = await idx.assign(report(englishPause));
    const second = await idx.assign(
      report({ ...arabicPause, text: arabicPause.text.replace('يوم الثلاثاء', 'يوم الأربعاء'), published: '2024-03-06T19:00:00Z' }),
    );
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
    // The faction in both leads earns nothing across days: it is the same group's next move.
    const comparable = (r: typeof englishPause | typeof arabicPause) => ({
      sketch: sketchOf(r),
      sig: extractSignature({ title: r.title, text: r.text, publishedMs: Date.parse(r.published), lang: r.lang, topics: ['militia-threats'] }),
    });
    const nextDay = { ...arabicPause, text: arabicPause.text.replace('يوم الثلاثاء', 'يوم الأربعاء'), published: '2024-03-06T19:00:00Z' };
    expect(compare(comparable(nextDay), comparable(englishPause), true).reasons.join()).not.toContain('across languages');
    expect(compare(comparable(arabicPause), comparable(englishPause), true).reasons.join()).toContain('across languages');
  });

  it('stay apart when one report names the faction only in its background', async () => {
    const first = await idx.assign(report(englishPause));
    const second = await idx.assign(
      report({
        lang: 'ar',
        title: 'الحكومة العراقية تعلن تعليق عمل لجنة المنافذ الحدودية',
        text: `أعلنت الحكومة العراقية يوم الثلاثاء تعليق عمل لجنة المنافذ الحدودية لحين مراجعة عقودها. ${'وتناولت الصحف المحلية القرار بتفاصيل كثيرة. '.repeat(6)}ويذكر أن كتائب حزب الله أصدرت بيانا في اليوم ذاته.`,
        published: '2024-03-05T20:00:00Z',
      }),
    );
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
  });
});

describe('the same faction in both leads, the same day, but another happening', () => {
  it('a strike on a faction and that faction threatening revenge stay apart across languages', async () => {
    const strike = await idx.assign(
      report({
        lang: 'en',
        title: 'US airstrike kills Kataib Hezbollah fighters',
        text: 'A US airstrike on Thursday killed four Kataib Hezbollah fighters in an attack on a depot near the Syrian border, officials said.',
        published: '2024-03-07T09:00:00Z',
        topics: ['us-strikes', 'militia-threats'],
      }),
    );
    const threat = await idx.assign(
      report({
        lang: 'ar',
        title: 'كتائب حزب الله تتوعد واشنطن',
        text: 'هددت كتائب حزب الله يوم الخميس في بيان بشن هجمات على المصالح الأمريكية، وقال المتحدث باسمها إن الرد قادم.',
        published: '2024-03-07T15:00:00Z',
      }),
    );
    expect(threat.isNew).toBe(true);
    expect(threat.storyId).not.toBe(strike.storyId);
  });

  it('one event type in common among several different ones counts for nothing; mostly the same types do', () => {
    const sig = (title: string, text: string) => ({
      sketch: sketchOf({ title, text }),
      sig: extractSignature({ title, text, publishedMs: Date.parse('2024-03-07T12:00:00Z') }),
    });
    const strike = sig('US airstrike kills militia fighters', 'A US airstrike killed four fighters in an attack on a depot, officials said.');
    const threat = sig('Militia vows revenge', 'The group warned in a statement that attacks on American interests would follow.');
    const secondStrike = sig('Airstrike on militia depot', 'An attack by US aircraft struck the depot and killed several fighters.');
    // strike, casualties, attack against threat, statement, attack: one of five.
    expect(compare(threat, strike, true).reasons.join()).not.toContain('same kind');
    expect(compare(secondStrike, strike, true).reasons).toContain('same kind: strike');
  });
});

describe('broad actors', () => {
  it('a PMF memorial in Baghdad and a strike on a PMF commander in Baghdad the same day stay apart across languages', async () => {
    const memorial = await idx.assign(
      report({
        lang: 'ar',
        title: 'الحشد الشعبي يحيي ذكرى قادته في بغداد',
        text: 'أقامت هيئة الحشد الشعبي في بغداد حفلا لإحياء ذكرى مقتل قادتها، بحضور مسؤولين وعوائل الضحايا.',
        published: '2024-05-14T08:00:00Z',
        topics: ['iraq'],
      }),
    );
    const strike = await idx.assign(
      report({
        lang: 'en',
        title: 'Drone strike in Baghdad kills PMF commander',
        text: 'A drone strike on a car in eastern Baghdad killed a commander of the Popular Mobilization Forces and his driver, security sources said.',
        published: '2024-05-14T17:00:00Z',
        topics: ['iraq', 'us-strikes'],
      }),
    );
    expect(strike.isNew).toBe(true);
    expect(strike.storyId).not.toBe(memorial.storyId);
  });
});

describe('the join threshold', () => {
  // Weights that add up to exactly the threshold (site 0.25, topic 0.05, event type 0.05, same
  // publication day 0.10) once fell just short of it in floating point and the reports stayed apart.
  it('is reached by evidence that sums to it exactly', async () => {
    const first = await idx.assign(
      report({
        lang: 'en',
        title: 'Attack reported at Harir base',
        text: 'An attack hit Harir base north of Erbil, a local official said, giving no further detail.',
        published: '2024-02-12T07:00:00Z',
      }),
    );
    const second = await idx.assign(
      report({
        lang: 'ar',
        title: 'هجوم على قاعدة حرير',
        text: 'أفاد مصدر محلي بوقوع هجوم استهدف قاعدة حرير شمالي أربيل دون ذكر تفاصيل أخرى.',
        published: '2024-02-12T11:00:00Z',
      }),
    );
    expect(second).toMatchObject({ storyId: first.storyId, isNew: false });
    expect(second.joined).toEqual(expect.arrayContaining(['same place: harir', 'same day']));
  });
});
