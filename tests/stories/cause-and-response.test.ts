// A report of a retaliation recounts the attack it answers at length (the same base, the same
// wounded, the same faction), yet the attack and the strike are two happenings: a strike report
// folded into the attack's story would only go out as a threaded follow-up, and the strike would
// never be alerted. The decision must tell what a report REPORTS (its headline and lead) from what
// it RECALLS as the cause ("in retaliation for", «ردا على»). All texts are our own wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare } from '../../src/stories/decide.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';

const report = reportMaker('c');

const attack = () =>
  report({
    topics: ['militia-threats'],
    title: 'Rocket attack on Ain al-Asad base wounds four US troops',
    text: 'Kataib Hezbollah fired six rockets at Ain al-Asad air base in Anbar on Monday, wounding four American soldiers, US officials said. The faction said the attack answered the American presence in Iraq.',
    published: '2024-06-10T18:00:00Z',
  });

const strikeEn = () =>
  report({
    topics: ['us-strikes', 'militia-threats'],
    title: 'US strikes Kataib Hezbollah sites in retaliation for Ain al-Asad rocket attack',
    text: 'American aircraft struck Kataib Hezbollah sites in Anbar early on Tuesday in retaliation for the rocket attack on Ain al-Asad air base that wounded four US soldiers, the Pentagon said. Kataib Hezbollah had fired six rockets at the base on Monday.',
    published: '2024-06-11T06:00:00Z',
  });

const strikeAr = () =>
  report({
    lang: 'ar',
    topics: ['us-strikes', 'militia-threats'],
    title: 'غارات أمريكية على مواقع كتائب حزب الله ردا على هجوم عين الأسد',
    text: 'شنت طائرات أمريكية فجر الثلاثاء غارات على مواقع تابعة لكتائب حزب الله في الأنبار، ردا على الهجوم الصاروخي الذي استهدف قاعدة عين الأسد يوم الاثنين وأدى إلى إصابة أربعة جنود أمريكيين بست صواريخ.',
    published: '2024-06-11T08:00:00Z',
  });

const tollRises = () =>
  report({
    topics: ['militia-threats'],
    title: 'Wounded in Ain al-Asad rocket attack rise to six',
    text: "The number of American soldiers wounded in Monday's Kataib Hezbollah rocket attack on Ain al-Asad air base has risen to six, US officials said on Tuesday.",
    published: '2024-06-11T10:00:00Z',
  });

let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

describe('what a report reports and what it recalls', () => {
  it('the cause clause of a retaliation report is recalled, not reported, in either language', () => {
    const at = Date.parse('2024-06-11T06:00:00Z');
    const en = extractSignature({ title: strikeEn().article.title, text: strikeEn().article.text, publishedMs: at });
    expect(en.reported).toContain('strike');
    expect(en.reported).not.toContain('attack');
    expect(en.recalled).toContain('attack');
    const ar = extractSignature({ title: strikeAr().article.title, text: strikeAr().article.text, publishedMs: at });
    expect(ar.reported).toContain('strike');
    expect(ar.reported).not.toContain('attack');
    expect(ar.recalled).toContain('attack');
    const plain = extractSignature({ title: attack().article.title, text: attack().article.text, publishedMs: at });
    expect(plain.recalled ?? []).toEqual([]);
    expect(plain.reported).toEqual(expect.arrayContaining(['attack', 'rocket']));
    // A cause clause that opens the sentence ends at its comma: what follows is reported.
    const opening = extractSignature({
      title: 'US jets hit militia sites in Anbar',
      text: 'In retaliation for the rocket attack on Ain al-Asad, American jets struck Kataib Hezbollah sites in Anbar on Tuesday.',
      publishedMs: at,
    });
    expect(opening.reported).toContain('strike');
    expect(opening.recalled).toContain('attack');
    const vow = extractSignature({ title: 'كتائب حزب الله تتوعد بالرد انتقاما لقصف جرف الصخر', text: '', publishedMs: at });
    expect(vow.reported).toContain('threat');
    expect(vow.recalled).toContain('strike');
  });
});

describe('the faction a strike is aimed at, named by the attack it is blamed for', () => {
  it('recalls that attack ("believed to be behind", «المسؤولة عن»), in either language', () => {
    const at = Date.parse('2024-06-11T06:00:00Z');
    const en = extractSignature({
      title: 'US jets hit militia sites in Anbar',
      text: 'American jets struck sites in Anbar on Tuesday used by a militia believed to be behind the rocket attack that wounded four US soldiers.',
      publishedMs: at,
    });
    expect(en.reported).toContain('strike');
    expect(en.reported).not.toContain('attack');
    expect(en.recalled).toEqual(expect.arrayContaining(['attack', 'rocket']));
    const ar = extractSignature({
      title: 'غارات أمريكية في الأنبار',
      text: 'شنت طائرات أمريكية غارات يوم الثلاثاء على مواقع الفصائل المسؤولة عن الهجوم الصاروخي على القاعدة.',
      publishedMs: at,
      lang: 'ar',
    });
    expect(ar.reported).toContain('strike');
    expect(ar.recalled).toContain('attack');
  });

  it('so the strike report is not the attack it is blamed on', () => {
    const strike = report({
      topics: ['us-strikes'],
      title: 'US jets hit militia sites in Anbar',
      text: 'American jets struck sites in Anbar on Tuesday used by a militia believed to be behind the rocket attack on Ain al-Asad air base that wounded four US soldiers.',
      published: '2024-06-11T06:00:00Z',
    });
    const sig = (r: StoredArticle) => ({
      sketch: sketchOf({ title: r.article.title, text: r.article.text }),
      sig: extractSignature({ title: r.article.title, text: r.article.text, publishedMs: Date.parse(r.article.published!) }),
    });
    expect(compare(sig(strike), sig(attack()), true).veto).toMatch(/cause and response/);
  });
});

describe('«كرد على» ("as a response to") opens a cause clause like «ردا على»', () => {
  it('the attack a retaliation answers is recalled, not reported', () => {
    const sig = extractSignature({
      title: 'واشنطن تعلن عملية عسكرية ضد فصيل مسلح في العراق',
      text: 'نفذت القوات الأمريكية فجر الجمعة عملية عسكرية في الأنبار، وقال البنتاغون إنها تأتي كرد على الهجوم الصاروخي الذي استهدف قاعدة عين الأسد.',
      publishedMs: Date.parse('2024-06-14T12:00:00Z'),
    });
    expect(sig.recalled).toEqual(expect.arrayContaining(['attack', 'rocket']));
    expect(sig.reported).not.toContain('attack');
  });
});

describe('a toll told in the cause clause belongs to the answered happening', () => {
  const sig = (title: string, text: string) => ({
    sketch: sketchOf({ title, text }),
    sig: extractSignature({ title, text, publishedMs: Date.parse('2024-06-11T12:00:00Z') }),
  });
  const strikeToll = () =>
    sig(
      'US strikes on militia sites kill 12 fighters',
      'American jets struck militia depots in Anbar on Tuesday, killing 12 fighters, the Pentagon said. The group had fired rockets at US troops last week.',
    );

  it("two reports of one strike, one giving the strike's toll and one the attack's toll as its cause, are not told apart by the counts", () => {
    const causeToll = sig(
      'US jets hit militia depots in Anbar',
      'American jets struck militia depots in Anbar on Tuesday in response to the rocket attack that killed two US soldiers, the Pentagon said.',
    );
    expect(causeToll.sig.recalledCounts?.killed).toEqual([2]);
    expect(compare(strikeToll(), causeToll, true).veto).toBeUndefined();
  });

  it('guard: a toll the report tells as its own still conflicts with another toll', () => {
    const ownToll = sig(
      'US jets hit militia depots in Anbar',
      'American jets struck militia depots in Anbar on Tuesday, killing two fighters, the Pentagon said.',
    );
    expect(ownToll.sig.recalledCounts).toBeUndefined();
    expect(compare(strikeToll(), ownToll, true).veto).toMatch(/different count: killed/);
  });
});

describe('an attack and the retaliation for it are two stories', () => {
  it('attack first: the strike reports (English and Arabic) form their own story; a toll update joins the attack', async () => {
    const a = await idx.assign(attack());
    const s1 = await idx.assign(strikeEn());
    const s2 = await idx.assign(strikeAr());
    const toll = await idx.assign(tollRises());
    expect(s1.isNew).toBe(true);
    expect(s1.storyId).not.toBe(a.storyId);
    expect(s2.storyId).toBe(s1.storyId);
    expect(toll.storyId).toBe(a.storyId);
  });

  it('strike reports first (as when the attack report arrives late): the attack still gets its own story', async () => {
    const s2 = await idx.assign(strikeAr());
    const s1 = await idx.assign(strikeEn());
    const a = await idx.assign(attack());
    expect(s1.storyId).toBe(s2.storyId);
    expect(a.isNew).toBe(true);
    expect(a.storyId).not.toBe(s1.storyId);
  });

  it("a faction's vow of revenge the day after a US strike is not the strike's story", async () => {
    const strike = await idx.assign(
      report({
        topics: ['us-strikes'],
        title: 'US drone strike hits Kataib Hezbollah headquarters in Jurf al-Sakhr',
        text: 'A US drone strike hit a Kataib Hezbollah headquarters in Jurf al-Sakhr on Sunday, killing three members of the faction, security sources said.',
        published: '2024-07-07T21:00:00Z',
      }),
    );
    const vow = await idx.assign(
      report({
        topics: ['militia-threats'],
        title: 'Kataib Hezbollah vows revenge for US drone strike on its Jurf al-Sakhr headquarters',
        text: 'Kataib Hezbollah vowed on Monday to avenge the US drone strike that hit its headquarters in Jurf al-Sakhr, killing three members of the faction, security sources said.',
        published: '2024-07-08T09:00:00Z',
      }),
    );
    expect(vow.storyId).not.toBe(strike.storyId);
  });

  it('the US announcing a response the next day is not the attack it answers', async () => {
    const a = await idx.assign(attack());
    const vow = await idx.assign(
      report({
        topics: ['militia-threats'],
        title: 'Pentagon vows response to Kataib Hezbollah attack on Ain al-Asad',
        text: 'The Pentagon promised on Tuesday a response to the Kataib Hezbollah rocket attack on Ain al-Asad air base that wounded four American soldiers, and said all options were open.',
        published: '2024-06-11T15:00:00Z',
      }),
    );
    expect(vow.isNew).toBe(true);
    expect(vow.storyId).not.toBe(a.storyId);
  });

  it('"after" tells a next-day strike from the attack, but not a same-day one (labelled one event)', async () => {
    const a = await idx.assign(attack());
    const nextDay = report({
      lang: 'ar',
      topics: ['us-strikes', 'militia-threats'],
      title: 'غارات أمريكية على مواقع كتائب حزب الله بعد هجوم عين الأسد',
      text: 'شنت طائرات أمريكية فجر الثلاثاء غارات على مواقع تابعة لكتائب حزب الله في الأنبار، بعد الهجوم الصاروخي الذي استهدف قاعدة عين الأسد يوم الاثنين وأدى إلى إصابة أربعة جنود أمريكيين.',
      published: '2024-06-11T08:00:00Z',
    });
    const s = await idx.assign(nextDay);
    expect(s.storyId).not.toBe(a.storyId);
    const sig = (r: StoredArticle, at: string) => ({
      sketch: sketchOf({ title: r.article.title, text: r.article.text }),
      sig: extractSignature({ title: r.article.title, text: r.article.text, publishedMs: Date.parse(at), lang: r.article.lang }),
    });
    const sameDay = compare(sig(nextDay, '2024-06-10T21:00:00Z'), sig(attack(), '2024-06-10T18:00:00Z'), true);
    expect(sameDay.veto ?? '').not.toMatch(/cause/);
    const apart = compare(sig(nextDay, '2024-06-11T08:00:00Z'), sig(attack(), '2024-06-10T18:00:00Z'), true);
    expect(apart.veto).toMatch(/cause and response/);
  });
});
