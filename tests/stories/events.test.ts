// The same-story decision on events: reports of one happening join across outlets and languages,
// and a new happening is never swallowed by an earlier one that reads alike (another day, another
// base, the opposite development). All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';
import { mulberry32 } from '../helpers/random.ts';

const report = reportMaker('a');

let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

describe('event signature', () => {
  it('reads places, actors, counts, kinds and the day from either language', () => {
    const en = extractSignature({
      title: 'Drones hit Ain al-Assad base',
      text: 'Three drones struck Ain al-Asad air base in Anbar on Monday, wounding two American soldiers, the Islamic Resistance in Iraq said.',
      publishedMs: Date.parse('2024-01-10T09:00:00Z'),
      topics: ['militia-threats'],
    });
    expect(en.lead).toEqual(['ain-al-asad']);
    expect(en.actors).toEqual(['islamic-resistance-iraq']);
    expect(en.counts).toEqual({ drones: [3], wounded: [2] });
    expect(en.kinds).toEqual(expect.arrayContaining(['t:militia-threats', 'drone']));
    expect(en.day).toBe(Date.parse('2024-01-08T00:00:00Z') / 86_400_000);
    expect(en.dayExplicit).toBe(true);

    const ar = extractSignature({
      title: 'ثلاث مسيرات تستهدف قاعدة عين الأسد',
      text: 'أعلنت المقاومة الإسلامية في العراق أن ثلاث طائرات مسيرة ضربت قاعدة عين الأسد في الأنبار أمس، ما أدى إلى إصابة ٢ من الجنود.',
      publishedMs: Date.parse('2024-01-09T09:00:00Z'),
    });
    expect(ar.lead).toEqual(['ain-al-asad']);
    expect(ar.actors).toEqual(['islamic-resistance-iraq']);
    expect(ar.counts).toEqual({ drones: [3], wounded: [2] });
    expect(ar.day).toBe(en.day);
  });

  it('does not read the digits of a date or a time as a count', () => {
    const sig = extractSignature({
      title: 'Rockets fired at the US embassy in Baghdad | News | 21.03.2021',
      text: 'Posted 2021-03-21 11:40. Three rockets were fired at the US embassy in Baghdad on Sunday night, and one of the rockets was shot down, security sources said.',
      publishedMs: Date.parse('2021-03-21T12:00:00Z'),
    });
    expect(sig.counts.rockets).toEqual([3, 1]);
    // guard: a count written in digits still counts
    const digits = extractSignature({ title: '', text: 'The faction fired 4 rockets at the base on Sunday.', publishedMs: 0 });
    expect(digits.counts.rockets).toEqual([4]);
  });

  it("takes the report's day from outside a cause or sequel clause", () => {
    const sunday = Date.parse('2020-01-05T15:00:00Z');
    const vote = extractSignature({
      title: 'Iraqi parliament votes to expel US troops',
      text: 'Lawmakers voted to end the presence of foreign troops following the Friday killing of an Iranian general in a US drone strike.',
      publishedMs: sunday,
    });
    expect(vote.day).toBe(Date.parse('2020-01-05T00:00:00Z') / 86_400_000);
    expect(vote.dayExplicit).toBe(false);
    // guard: the day the report states for its own happening still counts
    const rockets = extractSignature({
      title: 'Rockets hit base',
      text: 'Rockets hit a base hosting US troops on Friday, officials said.',
      publishedMs: sunday,
    });
    expect(rockets.day).toBe(Date.parse('2020-01-03T00:00:00Z') / 86_400_000);
  });

  it('knows transliteration variants as one place', () => {
    const sig = (t: string) => extractSignature({ title: t, text: '', publishedMs: 0 }).lead;
    expect(sig('Strike near Jurf al-Nasr')).toEqual(['jurf-al-sakhr']);
    expect(sig('Strike near Jurf al-Sakhar')).toEqual(['jurf-al-sakhr']);
    expect(sig('غارة قرب جرف الصخر')).toEqual(['jurf-al-sakhr']);
    expect(sig('Rockets at Arbil airport')).toEqual(['erbil-airbase']);
    expect(sig('هجوم على البرج 22')).toEqual(['tower-22']);
  });
});

describe('same story across outlets and languages', () => {
  it('joins an Arabic and an English report of one attack that share no words, with reasons and what changed', async () => {
    const first = await idx.assign(
      report({
        title: 'Drone attack on Ain al-Asad base',
        text: 'The Islamic Resistance in Iraq said it launched two drones at Ain al-Asad air base in western Iraq on Tuesday. Officials said one US soldier was wounded.',
        published: '2024-01-09T08:00:00Z',
      }),
    );
    expect(first.isNew).toBe(true);
    const arabic = await idx.assign(
      report({
        lang: 'ar',
        title: 'مسيرتان تضربان قاعدة عين الأسد غرب العراق',
        text: 'تبنت المقاومة الإسلامية في العراق الثلاثاء هجوما بطائرتين مسيرتين على قاعدة عين الأسد في محافظة الأنبار، وأفادت مصادر بإصابة ثلاثة جنود أمريكيين.',
        published: '2024-01-09T13:00:00Z',
      }),
    );
    expect(arabic).toMatchObject({ storyId: first.storyId, isNew: false, latest: '2024-01-09T13:00:00.000Z' });
    expect(arabic.joined).toEqual(expect.arrayContaining(['same place: ain-al-asad', 'same day']));
    // A higher casualty count and a new language are what a follow-up would say.
    expect(arabic.changed).toMatchObject({ counts: { wounded: 3 }, lang: 'ar' });
    const rec = await idx.get(first.storyId);
    expect(rec).toMatchObject({ firstSeen: '2024-01-09T08:00:00.000Z', lastSeen: '2024-01-09T13:00:00.000Z', languages: ['en', 'ar'], articleCount: 2 });
    expect(rec?.signature?.counts.wounded).toBe(3);
  });
});

describe('never swallows a new event', () => {
  it('a second drone attack on the same base two days later is its own story', async () => {
    const first = await idx.assign(
      report({
        title: 'Drone attack targets Harir air base',
        text: 'A drone attack targeted Harir air base north of Erbil on Sunday, the Kurdistan counter-terrorism service said. The Islamic Resistance in Iraq claimed it. No casualties were reported.',
        published: '2024-02-04T10:00:00Z',
      }),
    );
    const second = await idx.assign(
      report({
        title: 'New drone attack targets Harir air base',
        text: 'A drone attack targeted Harir air base north of Erbil on Tuesday, the Kurdistan counter-terrorism service said. The Islamic Resistance in Iraq claimed it. No casualties were reported.',
        published: '2024-02-06T10:00:00Z',
      }),
    );
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('a strike near Jurf al-Sakhr is not folded into an earlier strike near Baghdad airport', async () => {
    const airport = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'US strike hits militia vehicle near Baghdad airport',
        text: 'A US drone strike hit a vehicle carrying members of Kataib Hezbollah near Baghdad airport, killing two, security sources said. The Pentagon confirmed the strike.',
        published: '2024-03-01T22:00:00Z',
      }),
    );
    const sameDay = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'US strike hits militia site near Jurf al-Sakhr',
        text: 'A US drone strike hit a site used by Kataib Hezbollah near Jurf al-Sakhr, killing two, security sources said. The Pentagon confirmed the strike.',
        published: '2024-03-01T23:30:00Z',
      }),
    );
    expect(sameDay.storyId).not.toBe(airport.storyId);
    const nextDay = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'Another US strike near Jurf al-Nasr',
        text: 'A day after the strike near Baghdad airport, a US drone hit a Kataib Hezbollah position in Jurf al-Nasr today, security sources said. The Pentagon confirmed the strike.',
        published: '2024-03-02T20:00:00Z',
      }),
    );
    expect(nextDay.storyId).not.toBe(airport.storyId);
  });

  it('"oil flow halted again" is not the story "flow to resume next week"', async () => {
    const resume = await idx.assign(
      report({
        topics: ['iraq'],
        title: 'Kirkuk-Ceyhan oil flow to resume next week, ministry says',
        text: 'Crude exports from the Kurdistan region through the Kirkuk-Ceyhan pipeline will resume next week after Baghdad and Erbil settled their dispute, the oil ministry said.',
        published: '2025-06-10T09:00:00Z',
      }),
    );
    const halted = await idx.assign(
      report({
        topics: ['iraq'],
        title: 'Kirkuk-Ceyhan oil flow halted again',
        text: 'Crude exports from the Kurdistan region through the Kirkuk-Ceyhan pipeline were halted again after Baghdad and Erbil failed to settle their dispute, the oil ministry said.',
        published: '2025-06-11T09:00:00Z',
      }),
    );
    expect(halted.isNew).toBe(true);
    expect(halted.storyId).not.toBe(resume.storyId);
  });

  it('a same-day attack on another base that recalls the first one in its body is its own story', async () => {
    const harir = await idx.assign(
      report({
        lang: 'ar',
        title: 'المقاومة الإسلامية في العراق تستهدف قاعدة حرير بطائرة مسيرة',
        text: 'أعلنت المقاومة الإسلامية في العراق اليوم أنها استهدفت قاعدة حرير شمال أربيل بطائرة مسيرة، وقالت إن الطائرة أصابت هدفها. ولم تذكر تفاصيل عن خسائر.',
        published: '2023-11-17T15:00:00Z',
      }),
    );
    const omar = await idx.assign(
      report({
        lang: 'ar',
        title: 'الهجمات مستمرة على القواعد الأمريكية',
        text: 'استهدفت طائرة مسيرة مساء اليوم قاعدة حقل العمر في ريف دير الزور شرقي سوريا، حيث سمع السكان دوي انفجارات متتالية ناجمة عن تصدي الدفاعات الجوية للطائرة قبل وصولها إلى القاعدة، وتبنت المقاومة الإسلامية في العراق الهجوم في بيان مقتضب. وكانت الجماعة قد أعلنت في وقت سابق استهداف قاعدة حرير في إقليم كردستان.',
        published: '2023-11-17T20:00:00Z',
      }),
    );
    expect(omar.isNew).toBe(true);
    expect(omar.storyId).not.toBe(harir.storyId);
  });

  it('short reports of one day that share only the country and the topic stay apart', async () => {
    // Made-up words: nothing but "Iraq", the topic and the day in common (as on a quiet news day).
    const syl = ['ka', 'ru', 'mi', 'lo', 'te', 'sa', 'na', 'bi', 'do', 'fe', 'gu', 'ha', 'jo', 'ne', 'pa', 'qi', 'zu', 'ti', 'vo', 'ze'];
    const ids = new Set<string>();
    for (let n = 1; n <= 30; n++) {
      const rng = mulberry32(n * 7919);
      const word = () => Array.from({ length: 3 }, () => syl[Math.floor(rng() * syl.length)]).join('');
      const title = `Iraq ${Array.from({ length: 7 }, word).join(' ')} [item-${String(n).padStart(3, '0')}]`;
      const r = await idx.assign(report({ topics: ['iraq'], title, text: title, published: '2025-01-01T10:00:00Z' }));
      expect(r.isNew).toBe(true);
      ids.add(r.storyId);
    }
    expect(ids.size).toBe(30);
  });

  it('different counts of the same thing on the same day are different strikes', async () => {
    const a = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'US hits five militia sites in Syria',
        text: 'US aircraft struck five sites used by Iran-backed militias in Deir ez-Zor, the Pentagon said.',
        published: '2024-05-01T09:00:00Z',
      }),
    );
    const b = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'US hits two militia sites in Syria',
        text: 'US aircraft struck two sites used by Iran-backed militias in Deir ez-Zor, the Pentagon said.',
        published: '2024-05-01T15:00:00Z',
      }),
    );
    expect(b.storyId).not.toBe(a.storyId);
  });
});
