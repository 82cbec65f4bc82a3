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

describe('default pack: a US strike told by a verb or noun the pack lacked (passive agent, an order, an air campaign, "retaliates in")', () => {
  it('EN: "attacked by US", the US as the agent after a passive', () => {
    const text = 'Residents near the border reported several explosions before dawn.';
    expect(topicsOf('Militia headquarters in western Iraq attacked by US, group says', text)).toContain('us-strikes');
    expect(topicsOf('Nujaba depot in Iraq raided by American forces, faction says', text)).toContain('us-strikes');
  });

  it('EN: "the militia targeted by the United States"', () => {
    expect(
      topicsOf('Explainer: the Iraqi militia targeted by the United States this week', 'The group has claimed dozens of attacks on bases in Iraq and Syria.'),
    ).toContain('us-strikes');
  });

  it('EN: "an aerial offensive" on the militias', () => {
    expect(
      topicsOf('US military launches aerial offensive on Iran-backed militia sites in Iraq and Syria', 'Officials said dozens of targets were hit.'),
    ).toContain('us-strikes');
  });

  it('EN: strikes "directed" by a president the headline does not name', () => {
    const text = 'The White House said the sites were used to launch attacks on American troops.';
    expect(topicsOf('President directs strikes on Iran-backed militia drone sites in Iraq', text)).toContain('us-strikes');
  });

  it('EN: "US retaliates in Syria", the place standing for the target', () => {
    const text = 'Two US soldiers were slightly hurt in the attack, officials said.';
    expect(topicsOf('US retaliates in Syria after rocket attack by Iran-backed militia', text)).toContain('us-strikes');
  });

  it('guard: a US base "targeted by" the militias is their attack, not a US strike', () => {
    expect(topicsOf('US base in Iraq targeted by Iran-backed militia drones', 'No one was hurt, officials said.')).not.toContain('us-strikes');
  });

  it('guard: strikes ordered in Yemen are another theatre', () => {
    expect(
      topicsOf('Biden ordered strikes on Houthi sites in Yemen, not on militias in Iraq', 'Officials said the Red Sea campaign would go on.'),
    ).not.toContain('us-strikes');
  });
});

describe('default pack: a vowed strike is a threat, not a strike (the labelling guide), in both languages and genders', () => {
  it('EN: "vows to retaliate", "vows to strike"', () => {
    expect(topicsOf('US vows to retaliate in Iraq against Iran-backed militias', 'Officials said options were being prepared.')).not.toContain('us-strikes');
    expect(topicsOf('Pentagon vows to strike Kataib Hezbollah sites in Iraq', 'Officials said the response would come soon.')).not.toContain('us-strikes');
  });

  it('AR: «توعدت … بقصف» (the past feminine of the threat verb)', () => {
    expect(topicsOf('الولايات المتحدة توعدت بقصف مقرات الفصائل في العراق', 'وقال مسؤول إن الرد سيكون قريبا.')).not.toContain('us-strikes');
  });

  it('EN: a strike told as a condition ("if Washington bombs …") is not a strike', () => {
    const text = 'The group said its fighters were ready.';
    expect(topicsOf('Nujaba says it will hit US bases if Washington bombs Kataib Hezbollah sites in Iraq', text)).not.toContain('us-strikes');
  });

  it('AR: «في حال قصفت واشنطن» is a condition, not a strike', () => {
    expect(topicsOf('الفصائل: سنرد في حال قصفت واشنطن مواقع الحشد في العراق', 'وقال متحدث إن الرد سيكون واسعا.')).not.toContain('us-strikes');
  });

  it('guard: a strike carried out after an earlier vow is still a strike', () => {
    const text =
      'American aircraft struck three sites used by Kataib Hezbollah in Iraq on Tuesday, the Pentagon said. ' +
      'The strikes destroyed a drone depot and a command post, officials added. ' +
      'Last week the defence secretary had said the US would respond at a time of its choosing.';
    expect(topicsOf('US strikes Kataib Hezbollah sites in Iraq', text)).toContain('us-strikes');
  });
});

describe('default pack: the Iranian state’s own strikes are no echo of a US strike', () => {
  it('EN: a headline telling "Iran missile strike" does not lift a one-line US strike in the body', () => {
    const text =
      'Officials in the Kurdistan region said the missiles fell near an empty building. ' +
      'The attack came days after a US drone strike killed a Kataib Hezbollah commander in Baghdad, officials said.';
    expect(topicsOf('Iraq reports no casualties after Iran missile strike on Erbil', text)).not.toContain('us-strikes');
  });

  it('guard: a US strike headline that also names the Iranian attack further on is still a US strike', () => {
    const text = 'The Pentagon said American aircraft struck a vehicle in Baghdad, Iraq, killing a commander of the militia.';
    expect(topicsOf('US strike kills Kataib Hezbollah commander in Baghdad after Iran missile attack on Erbil', text)).toContain('us-strikes');
  });
});

describe('default pack: the end of the combat mission told as done (completed, finished, «انتهت», «اكتمال»)', () => {
  it('EN: "its combat mission is complete", "finishes combat role"', () => {
    const text = 'The remaining advisers will train Iraqi forces, officials said.';
    expect(topicsOf('US-led coalition says its combat mission in Iraq is complete', text)).toContain('withdrawal');
    expect(topicsOf('Coalition finishes combat role in Iraq, officials say', text)).toContain('withdrawal');
  });

  it('AR: «انتهت المهمة القتالية للتحالف» (the past of the verb to end)', () => {
    expect(topicsOf('انتهت المهمة القتالية للتحالف الدولي في العراق', 'وقال مسؤول إن المستشارين سيبقون لتدريب القوات العراقية.')).toContain('withdrawal');
  });

  it('EN: "the combat mission is over" still counts', () => {
    expect(topicsOf('Biden: the US combat mission in Iraq is over', 'Advisers stay, officials said.')).toContain('withdrawal');
  });

  it('guard: "a debate over the combat mission" is not its end', () => {
    expect(topicsOf('The debate over the combat mission in Iraq goes on in Congress', 'Lawmakers in Washington said no decision was near.')).not.toContain(
      'withdrawal',
    );
  });

  it('guard: an Iraqi course completed under coalition advisers is not the mission', () => {
    expect(topicsOf('Iraqi army completes training course under coalition advisers', 'The course in Baghdad lasted six weeks, officials said.')).not.toContain(
      'withdrawal',
    );
  });
});

describe('default pack: the US presence itself cut or ended («خفض الوجود الأمريكي»)', () => {
  it('AR: «البنتاغون يعلن خفض الوجود الأمريكي في العراق»', () => {
    expect(topicsOf('البنتاغون يعلن خفض الوجود الأمريكي في العراق', 'وقال متحدث إن القرار يطبق خلال أشهر.')).toContain('withdrawal');
  });

  it('guard: «وجوده», someone’s being somewhere, next to «رحيل», a death', () => {
    expect(topicsOf('رحيل الفنان العراقي بعد وجوده في المستشفى أسبوعا في واشنطن', 'نعاه زملاؤه في بغداد.')).not.toContain('withdrawal');
  });
});
