// Round 14 of the kinds of errors seen on labelled data (the eleventh tuning round, withdrawal and us-strikes). Each
// kind is pinned by its structure, in both languages and in wordings the tuning data does not use, with guards where
// the rule could over-fire. The cases are written in our own words.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: the Arabic leaving verb in any person and tense', () => {
  it('AR: the future plural («سيغادرون»)', () => {
    expect(
      topicsOf('', 'قال الرئيس الأمريكي إن الجنود الأمريكيين سيغادرون العراق قبل نهاية العام. وأضاف أن آخر الجنود الأمريكيين سيغادرون قاعدة عين الأسد أولا.'),
    ).toContain('withdrawal');
  });

  it('AR: the future feminine of "go out" («ستخرج القوات»)', () => {
    expect(topicsOf('ستخرج القوات الأمريكية من قاعدتين في العراق الشهر المقبل', 'وأوضح مسؤول عراقي أن الجدول الزمني متفق عليه.')).toContain('withdrawal');
  });

  it('AR: repositioning told by the verb («أعادت واشنطن تموضع قواتها»)', () => {
    expect(topicsOf('واشنطن تعيد تموضع قواتها في العراق نحو أربيل', 'وقال محلل إن القوات غادرت بغداد والأنبار خلال الأسابيع الماضية.')).toContain('withdrawal');
  });

  it('guard: «غادر» as the adjective "treacherous" is not a departure', () => {
    const text = 'قالت فصائل عراقية إن القصف الغادر على مقراتها لن يمر دون رد. وأضافت أن القوات الأمريكية تتحمل المسؤولية.';
    expect(topicsOf('فصائل تتوعد بعد قصف غادر في بغداد', text)).not.toContain('withdrawal');
  });
});

describe('default pack: forces told as going home', () => {
  it('EN: "the troops are coming home" in the title', () => {
    expect(topicsOf('Last US troops in Iraq are coming home', 'The soldiers crossed the border at dawn, officials said.')).toContain('withdrawal');
  });

  it('EN: "soldiers headed home" from Syria', () => {
    expect(
      topicsOf('', 'Hundreds of American soldiers headed home from Syria on Friday. The Pentagon said more troops would be going home by spring.'),
    ).toContain('withdrawal');
  });

  it('AR: the return of the forces to their country («عودة القوات إلى البلاد»)', () => {
    const text = 'تعهد الرئيس الأمريكي بعودة القوات الأمريكية من العراق إلى البلاد قبل الصيف. وقال إن القوات الأمريكية ستعود إلى الوطن تباعا.';
    expect(topicsOf('', text)).toContain('withdrawal');
  });

  it('guard: the forces returning TO Iraq name no home', () => {
    const text = 'قال مسؤولون إن عودة القوات الأمريكية إلى العراق جاءت لمحاربة داعش. وأضافوا أن الجنود سيعودون إلى قواعدهم في الأنبار.';
    expect(topicsOf('عودة القوات الأمريكية إلى العراق', text)).not.toContain('withdrawal');
  });

  it('guard: a wounded soldier sent home is not a pullout', () => {
    expect(topicsOf('Wounded US soldier sent home after rocket attack on Iraq base', 'Two others were treated at the base.')).not.toContain('withdrawal');
  });

  it("guard: another state's troops going home", () => {
    expect(topicsOf('Russian troops in Syria are going home, Putin says', 'The Kremlin said the mission was complete.')).not.toContain('withdrawal');
  });
});

describe('default pack: a US strike told in English by what it did (killed, aggression), as Arabic already is', () => {
  it('EN: "American forces killed" faction fighters', () => {
    expect(topicsOf('Pentagon says American forces killed Kataib Hezbollah fighters in Syria', 'The raid hit a depot near Abu Kamal.')).toContain('us-strikes');
  });

  it('EN: the US "killing" resistance fighters, told as the grievance', () => {
    expect(topicsOf('Anger in Baghdad over the US killing four resistance fighters near Qaim', 'Funerals were held on Tuesday.')).toContain('us-strikes');
  });

  it('EN: "American aggression" on the factions\' positions', () => {
    expect(topicsOf('Iraqi factions condemn American aggression on resistance positions at the Syrian border', 'Two sites were hit overnight.')).toContain(
      'us-strikes',
    );
  });

  it('guard: US soldiers killed by the factions are not a US strike', () => {
    expect(topicsOf('Two US soldiers killed in militia rocket attack on Iraq base', 'Kataib Hezbollah claimed the attack on the base in Anbar.')).not.toContain(
      'us-strikes',
    );
  });

  it('guard: US officials telling who killed a contractor', () => {
    expect(topicsOf('US officials say militia killed contractor in Iraq', 'Kataib Hezbollah fighters fired rockets at the base in Kirkuk.')).not.toContain(
      'us-strikes',
    );
  });
});

describe('default pack: the pullout named by the place left or by "out of", with no forces word beside the verb', () => {
  it('EN: "completes its pullout from Harir base"', () => {
    expect(topicsOf('Washington completes its pullout from Harir base in Kurdistan', 'The last aircraft took off on Sunday.')).toContain('withdrawal');
  });

  it('AR: «الانسحاب من قاعدة عين الأسد» in a title', () => {
    expect(topicsOf('واشنطن تستكمل الانسحاب من قاعدة عين الأسد', 'وقالت مصادر أمنية إن الأرتال اتجهت شمالا.')).toContain('withdrawal');
  });

  it('EN: the president "orders US forces out of Iraq"', () => {
    expect(topicsOf('White House orders US forces out of Iraq by September', 'Officials said planning had begun.')).toContain('withdrawal');
  });

  it('guard: a faction ready to "drive the troops out of Iraq" threatens, it reports no pullout', () => {
    const text = 'Kataib Hezbollah said it was ready to drive American troops out of Iraq by force. The group rejected the talks in Baghdad.';
    expect(topicsOf('Iraqi faction issues new warning to Washington', text)).not.toContain('withdrawal');
  });

  it('guard: another state leaving its base in Syria', () => {
    expect(topicsOf('Russia withdraws from a base in northern Syria', 'Moscow said its units moved to Hmeimim.')).not.toContain('withdrawal');
  });
});
