// Announcements (a troop cut, the end of a mission, a base handed over) reported in Arabic and in
// English: the reports share no words, so the signature must read the same facts from both — the
// number of troops however it is written, the kind of happening however it is worded. Each case
// has a near miss beside it that must stay apart. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import { extractSignature } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare, joins } from '../../src/stories/decide.ts';
import type { ReportText } from './helpers/story-reports.ts';

const comparable = (o: ReportText) => ({
  sketch: sketchOf({ title: o.title, text: o.text }),
  sig: extractSignature({ title: o.title, text: o.text, publishedMs: Date.parse(o.published), lang: o.lang ?? 'en', topics: o.topics ?? ['withdrawal'] }),
});
const kindsOf = (title: string) => extractSignature({ title, text: '', publishedMs: 0 }).kinds;

const counts = (title: string) => extractSignature({ title, text: '', publishedMs: 0 }).counts;

describe('counts written in words or with digit groups', () => {
  it('reads «ثلاثة آلاف جندي», "three thousand troops" and "3,000 troops" as the same 3,000', () => {
    expect(counts('واشنطن تبقي ثلاثة آلاف جندي في البلاد')).toEqual({ troops: [3000] });
    expect(counts('Washington to keep three thousand troops in the country')).toEqual({ troops: [3000] });
    expect(counts('Washington to keep 3,000 troops in the country')).toEqual({ troops: [3000] });
    expect(counts('خفض القوات من 5,200 إلى 3 آلاف جندي')).toEqual({ troops: [5200, 3000] });
  });

  it('keeps a date, a time and a list of small numbers apart from digit groups', () => {
    expect(counts('On 20.12.2020 two soldiers were killed')).toEqual({ killed: [2] });
    expect(counts('At 10:30 four rockets fell on the base')).toEqual({ rockets: [4] });
    expect(counts('Two rockets, 300 metres from the gate')).toEqual({ rockets: [2] });
  });
});

describe('withdrawals and announcements in the words outlets use', () => {
  it('reads conjugated Arabic verbs of leaving, and the suffixed noun, as a withdrawal', () => {
    expect(kindsOf('انسحبت القوات الأجنبية من المطار فجرا')).toContain('withdrawal');
    expect(kindsOf('الجيش التركي يسحب جزءا من قواته')).toContain('withdrawal');
    expect(kindsOf('غادرت آخر قافلة عسكرية البلاد')).toContain('withdrawal');
    expect(kindsOf('واشنطن تعلن اكتمال انسحابها من القاعدة')).toContain('withdrawal');
  });

  it('reads an end of mission or of presence, and a troop cut, as a withdrawal in either language', () => {
    expect(kindsOf('Alliance to end mission in the country next year')).toContain('withdrawal');
    expect(kindsOf('Baghdad wants to end the presence of foreign troops')).toContain('withdrawal');
    expect(kindsOf('The alliance’s mission in Iraq ends next autumn')).toContain('withdrawal');
    expect(kindsOf('Alliance announces the conclusion of its mission within a year')).toContain('withdrawal');
    expect(kindsOf('Pentagon to cut troops in the country by a third')).toContain('withdrawal');
    expect(kindsOf('انتهاء مهمة التحالف في البلاد العام المقبل')).toContain('withdrawal');
    expect(kindsOf('واشنطن تقرر خفض عدد جنودها في البلاد')).toContain('withdrawal');
  });

  it('reads the army taking full control of a base as a handover', () => {
    expect(kindsOf('Iraqi army takes full control of the air base')).toContain('handover');
    expect(kindsOf('الجيش يعلن السيطرة الكاملة على القاعدة')).toContain('handover');
  });

  it('guard: a de-escalation, a toll that "left" people dead and a power cut are not withdrawals', () => {
    expect(kindsOf('دعوات إلى خفض التصعيد في المنطقة')).not.toContain('withdrawal');
    expect(kindsOf('The blast left two people dead near the gate')).not.toContain('withdrawal');
    expect(kindsOf('Power was cut off at the base overnight')).not.toContain('withdrawal');
    expect(kindsOf('The mission of the envoy is to end the dispute')).not.toContain('withdrawal');
  });

  const leaveEn: ReportText = {
    title: 'Last American soldiers leave Kabul airport',
    text: 'The last American soldiers have left Kabul airport, ending twenty years of war, the Pentagon said.',
    published: '2021-08-31T06:00:00Z',
  };
  const leaveAr: ReportText = {
    lang: 'ar',
    title: 'آخر جندي أمريكي يغادر مطار كابول',
    text: 'انسحبت القوات الأمريكية من مطار كابول بعد عشرين عاما من الحرب.',
    published: '2021-08-31T08:00:00Z',
  };

  it('an Arabic and an English report of the last troops leaving one airport join', () => {
    expect(joins(compare(comparable(leaveEn), comparable(leaveAr)))).toBe(true);
  });

  it('guard: troops leaving another airport the same day stay apart', () => {
    const other = comparable({ ...leaveAr, title: 'آخر جندي أمريكي يغادر مطار أربيل', text: 'انسحبت القوات الأمريكية من مطار أربيل.' });
    expect(joins(compare(comparable(leaveEn), other))).toBe(false);
  });
});

describe('a base left by one side and taken over by the other, named only further down', () => {
  // The committee's statement names the base in its second sentence; the English report leads with
  // the army taking the base over. One outlet says "withdrawal", the other "full control".
  const committeeAr: ReportText = {
    lang: 'ar',
    title: 'لجنة عسكرية تعلن استكمال الانسحاب',
    text: `أعلنت لجنة عسكرية عراقية أمريكية مشتركة يوم الأحد استكمال انسحاب قوات التحالف وفق الجدول المتفق عليه بين الحكومتين، بعد أشهر من العمل المشترك بين الجانبين لترتيب المراحل ونقل المعدات وتدريب الوحدات المحلية على إدارة المواقع. وأوضحت أن آخر الجنود غادروا قاعدة عين الأسد في الأنبار وأن الجيش العراقي تسلم إدارتها.`,
    published: '2026-03-01T10:00:00Z',
  };
  const takeoverEn: ReportText = {
    title: 'Iraqi army takes full control of Ain al-Asad air base',
    text: 'The Iraqi army took full control of Ain al-Asad air base in Anbar on Sunday once the last foreign soldiers had gone, the defence ministry said.',
    published: '2026-03-01T12:00:00Z',
  };

  it('joins the Arabic statement and the English takeover of the same day', () => {
    expect(comparable(committeeAr).sig.lead).toEqual([]);
    expect(joins(compare(comparable(committeeAr), comparable(takeoverEn)))).toBe(true);
  });

  it('guard: a rocket attack on that base the same day stays apart', () => {
    const attack = comparable({
      title: 'Rockets hit Ain al-Asad air base',
      text: 'Two rockets hit Ain al-Asad air base in Anbar on Sunday, causing no casualties, a security source said.',
      published: '2026-03-01T15:00:00Z',
      topics: ['militia-threats'],
    });
    expect(joins(compare(comparable(committeeAr), attack))).toBe(false);
  });

  it('guard: the army taking over another base the same day stays apart', () => {
    const other = comparable({
      ...takeoverEn,
      title: 'Iraqi army takes full control of K1 base',
      text: 'The Iraqi army took full control of K1 base near Kirkuk on Sunday once the last foreign soldiers had gone, the defence ministry said.',
    });
    expect(joins(compare(comparable(committeeAr), other))).toBe(false);
  });
});

describe('"after twenty years" is a length of time, not the happening answered', () => {
  const sigOf = (title: string, text: string) => extractSignature({ title, text, publishedMs: Date.parse('2021-08-31T08:00:00Z'), lang: 'en' });

  it('reads the withdrawal told after a length of time as reported, in either language', () => {
    expect(sigOf('', 'بعد نحو عشرين عاما من الحرب انسحبت القوات الأجنبية من البلاد.').reported).toContain('withdrawal');
    expect(sigOf('After almost two decades, foreign troops withdraw from the country', '').reported).toContain('withdrawal');
    expect(sigOf('', 'بعد أشهر من المفاوضات اتفق الجانبان على انسحاب القوات.').reported).toContain('withdrawal');
  });

  it('guard: a happening named after "after" is still recalled', () => {
    const sig = sigOf('', 'بعد الهجوم الصاروخي على القاعدة، حذرت الحكومة من التصعيد.');
    expect(sig.recalled).toContain('attack');
    expect(sigOf('Troops leave the base days after the rocket attack', '').recalled).toContain('attack');
    expect(sigOf('Government warns after two rockets hit the base', '').recalled).toContain('rocket');
  });
});

describe('agreeing on a decision, whatever details each report names beside it', () => {
  const faction = (o: ReportText) => comparable({ ...o, topics: ['militia-threats'] });
  const haltAr: ReportText = {
    lang: 'ar',
    title: 'النجباء تعلن وقف هجماتها الصاروخية على القوات الأمريكية',
    text: 'أعلنت حركة النجباء يوم السبت وقف هجماتها الصاروخية والمسيرة على القوات الأمريكية في بيان، ريثما تعلن واشنطن جدولا زمنيا لانسحاب قواتها من البلاد.',
    published: '2025-05-10T10:00:00Z',
  };

  it('joins the halt pending a pullout timetable and the English demand for that timetable', () => {
    const en = faction({
      title: 'Nujaba demands a timetable for the US pullout',
      text: 'The Nujaba movement said on Saturday that American troops must set a timetable for their withdrawal from the country.',
      published: '2025-05-10T14:00:00Z',
    });
    expect(joins(compare(faction(haltAr), en))).toBe(true);
  });

  it('guard: the same faction claiming a drone attack that day, and demanding the pullout, stays apart', () => {
    const attack = faction({
      title: 'Nujaba claims drone attack on US base',
      text: 'The Nujaba movement said on Saturday it had launched a drone attack on a base hosting American troops, and demanded their withdrawal.',
      published: '2025-05-10T14:00:00Z',
    });
    expect(joins(compare(faction(haltAr), attack))).toBe(false);
  });
});
