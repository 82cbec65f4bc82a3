// Round 11 of the kinds of errors seen on labelled data (the tenth tuning round, withdrawal and us-strikes), and
// the other ways an editor expects the same thing to be written. Each case is written in our own words and pins a
// general rule of the default pack, with a guard where the rule could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: al-Tanf («التنف») is a place, not the verb «تنفي» (denies)', () => {
  it('AR: US forces leaving the al-Tanf base is a withdrawal', () => {
    expect(topicsOf('انسحاب القوات الأمريكية من قاعدة التنف في سوريا', 'قال مسؤولون إن آخر الجنود غادروا الموقع صباح اليوم.')).toContain('withdrawal');
  });

  it('AR: the base at al-Tanf handed over after the US forces left', () => {
    expect(topicsOf('الجيش السوري يتسلم قاعدة التنف بعد مغادرة القوات الأمريكية', 'وأكدت مصادر محلية أن الأرتال عبرت الحدود نحو الأردن.')).toContain(
      'withdrawal',
    );
  });

  it('AR: a US strike near al-Tanf is still a strike', () => {
    const text = 'وأفادت مصادر محلية بسقوط قتلى في صفوف الفصائل قرب الحدود السورية العراقية.';
    expect(topicsOf('ضربة أمريكية في محيط التنف على مواقع لكتائب حزب الله', text)).toContain('us-strikes');
  });

  it('guard: «تنفي» itself still denies the pullout', () => {
    expect(topicsOf('البنتاغون تنفي سحب قواتها من سوريا', 'قال متحدث إن الجنود الأمريكيين باقون في قواعدهم شرق سوريا.')).not.toContain('withdrawal');
  });
});

describe('default pack: troops "pulled" out, in the past and the passive', () => {
  it('EN: "US troops pulled out of two bases"', () => {
    expect(topicsOf('US troops pulled out of two bases in northeast Syria', 'Officials said the soldiers were moved to Iraq.')).toContain('withdrawal');
  });

  it('EN: "soldiers were pulled from Syria"', () => {
    expect(topicsOf('Hundreds of American soldiers were pulled from Syria this week', 'The Pentagon said the move was planned.')).toContain('withdrawal');
  });

  it('guard: wounded soldiers pulled from rubble are not a pullout', () => {
    expect(topicsOf('Wounded soldiers pulled from rubble after rocket attack on base in Iraq', 'Two US troops were injured, officials said.')).not.toContain(
      'withdrawal',
    );
  });
});

describe('default pack: the coalition mission turning into a bilateral relationship, by any form of the verb', () => {
  it('AR: future masculine/feminine verb, the mission named in between («ستتحول مهمة التحالف الدولي في العراق إلى …»)', () => {
    expect(topicsOf('ستتحول مهمة التحالف الدولي في العراق إلى شراكة أمنية ثنائية', 'قال مسؤول عراقي إن الاتفاق يطبق على مراحل.')).toContain('withdrawal');
  });

  it('AR: past tense of the other verb («انتقلت العلاقة … إلى علاقة دفاعية ثنائية»)', () => {
    expect(topicsOf('بغداد: انتقلت العلاقة مع التحالف الدولي إلى علاقة دفاعية ثنائية مع الولايات المتحدة', 'وأضاف أن المرحلة الأولى اكتملت.')).toContain(
      'withdrawal',
    );
  });

  it('EN: "to evolve into a bilateral security partnership"', () => {
    const text = 'Officials in Baghdad said the first phase would start next month.';
    expect(topicsOf('Coalition mission in Iraq to evolve into a US-Iraq bilateral security partnership', text)).toContain('withdrawal');
  });

  it('guard: "moving bilateral relations forward" is a visit’s cliché', () => {
    const text = 'The US ambassador met the Iraqi prime minister in Baghdad to discuss trade and energy, the embassy said.';
    expect(topicsOf('US and Iraq pledge to keep moving bilateral relations forward', text)).not.toContain('withdrawal');
  });

  it('guard: economic ties turning into an energy partnership are not the mission', () => {
    const text = 'وقال الوزير إن الاستثمارات تضاعفت.';
    expect(topicsOf('تحولت العلاقات الاقتصادية بين العراق والولايات المتحدة إلى شراكة في الطاقة', text)).not.toContain('withdrawal');
  });
});

describe('default pack: a headline telling the killing of a faction’s leaders, the strike told in the body', () => {
  it('EN: "Kataib Hezbollah commander killed", the US strike one later sentence', () => {
    const text =
      'Police sealed off the street in the east of the capital on Wednesday night. ' +
      'The vehicle burned for an hour before firefighters arrived, witnesses said. ' +
      'Later, a US official said American aircraft struck the car in response to attacks on US troops in Iraq.';
    expect(topicsOf('Kataib Hezbollah commander killed in Baghdad', text)).toContain('us-strikes');
  });

  it('AR: «مقتل قياديين في النجباء», the US drone told once in the body', () => {
    const text =
      'أغلقت قوات الأمن الشارع في شرق العاصمة مساء الأربعاء بعد الانفجار الذي سمع في أحياء عدة. ' +
      'وقال شهود إن السيارة احترقت بالكامل قبل وصول فرق الإطفاء. ' +
      'وفي وقت لاحق قصفت طائرة مسيرة أمريكية السيارة بحسب مسؤول في واشنطن.';
    expect(topicsOf('مقتل قياديين في النجباء بانفجار سيارة في بغداد', text)).toContain('us-strikes');
  });

  it('guard: the headline alone, with no US strike told, is not a US strike', () => {
    const text = 'Police sealed off the street in the east of the capital on Wednesday night, and the group blamed the United States in Iraq.';
    expect(topicsOf('Nujaba commander killed in Baghdad', text)).not.toContain('us-strikes');
  });

  it('guard: a leader killed by an Israeli strike is another theatre', () => {
    const text =
      'Police sealed off the area on Wednesday night. The vehicle burned for an hour, witnesses said. ' +
      'Later, a US official said American aircraft struck a militia depot in Iraq last month.';
    expect(topicsOf('Kataib Hezbollah commander killed in Israeli strike in Syria', text)).not.toContain('us-strikes');
  });

  it('guard: a faction killing US soldiers is not its leaders killed', () => {
    const text =
      'The drone hit the living quarters before dawn, officials said. Dozens more were wounded. ' +
      'Later, a US official said American aircraft struck a militia depot in Iraq last month.';
    expect(topicsOf('Kataib Hezbollah attack kills three US soldiers at base in Jordan', text)).not.toContain('us-strikes');
  });
});

describe('default pack: the US announcing it carried out a strike, told with the verbal noun («تنفيذ ضربة»)', () => {
  it('AR: «أكدت سنتكوم تنفيذ ضربة» (the command by its short name, a single strike)', () => {
    expect(topicsOf('أكدت سنتكوم تنفيذ ضربة على مستودع لكتائب حزب الله في العراق', 'وقالت إن الموقع كان يستخدم لتخزين الطائرات المسيرة.')).toContain(
      'us-strikes',
    );
  });

  it('AR: «أعلنت القيادة المركزية الأمريكية تنفيذ غارة»', () => {
    expect(topicsOf('أعلنت القيادة المركزية الأمريكية تنفيذ غارة على موقع للفصائل في سوريا', 'وقالت إن الغارة دمرت مخزنا للأسلحة.')).toContain('us-strikes');
  });

  it('guard: the command denying it carried out any strike', () => {
    expect(topicsOf('نفت القيادة المركزية الأمريكية تنفيذ أي ضربة في العراق على مواقع الفصائل', 'وقالت إن قواتها لم تشارك في أي عملية.')).not.toContain(
      'us-strikes',
    );
  });
});
