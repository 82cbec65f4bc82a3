// Round 16 of the kinds of errors seen on labelled data (withdrawal only), then a check of the topic on withdrawal news
// written for the purpose: what a subscriber expects caught (the commission's rounds, the 2024 agreement's phases,
// base handovers, troop cuts, Syria pullouts, parliament's vote) and the near misses it must leave alone (Afghanistan,
// Niger, Turkish troops, the Iran deal, faction demands, money, ISIS). The cases are written in our own words.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);
const caught = (title: string, text: string) => topicsOf(title, text).includes('withdrawal');

describe('default pack: one order cutting troops in Iraq and Afghanistan together', () => {
  it('EN: a cut "in Iraq and Afghanistan" is also our pullout', () => {
    expect(
      caught('Pentagon to cut troops in Iraq and Afghanistan to 2,500 each', 'The defense secretary said the drawdown would end before the inauguration.'),
    ).toBe(true);
  });

  it('AR: «في العراق وأفغانستان»', () => {
    expect(caught('البنتاغون يعلن خفض القوات الأمريكية في العراق وأفغانستان', 'وقال وزير الدفاع إن عدد الجنود سينخفض إلى 2500 في كل بلد.')).toBe(true);
  });

  it('guard: the Afghan pullout watched from Iraq is not ours', () => {
    const text =
      "After the chaotic US withdrawal from Afghanistan, Iraq's politicians fear a similar collapse. Kabul fell within days of the last American troops leaving.";
    expect(caught('Iraqi leaders watch Afghanistan pullout with unease', text)).toBe(false);
  });

  it('guard: the pullout from Kabul, with the troops in Iraq staying', () => {
    expect(caught('واشنطن تستكمل سحب قواتها من أفغانستان', 'وقال مسؤول عراقي إن بغداد تتابع الانسحاب الأمريكي من كابل بقلق.')).toBe(false);
  });
});

describe('default pack: removing the troops', () => {
  it('EN: "to remove all American combat troops"', () => {
    const text = 'The remaining forces will only advise and train the Iraqi army, the joint statement said.';
    expect(caught('US and Iraq agree to remove all American combat troops by year-end', text)).toBe(true);
  });

  it('EN: the passive, "troops will be removed"', () => {
    expect(caught('Biden: all US combat troops will be removed from Iraq by year-end', 'The remaining forces will train and advise the Iraqi army.')).toBe(
      true,
    );
  });

  it('guard: Iraqi forces removing protest camps', () => {
    expect(caught('Iraqi forces remove protest camps in Baghdad', 'The US embassy urged restraint. Security forces removed tents overnight.')).toBe(false);
  });

  it('guard: removing the Popular Mobilization Forces from a town', () => {
    expect(caught('Iraq moves to remove the Popular Mobilization Forces from Sinjar', 'Washington welcomed the decision, a US official said.')).toBe(false);
  });

  it("guard: a faction's vow to remove the US forces", () => {
    expect(caught('Kataib Hezbollah vows to remove US forces from Iraq by force', 'The faction said its fighters were ready.')).toBe(false);
  });
});

describe('default pack: the pullout named by its country', () => {
  it('EN: "US withdrawal from Iraq" in the title', () => {
    expect(caught('US withdrawal from Iraq to begin in September, officials say', 'The first phase covers bases in Baghdad and Anbar.')).toBe(true);
  });

  it('AR: «انسحابها من سوريا» after Washington', () => {
    expect(caught('واشنطن تعلن انسحابها من سوريا خلال أشهر', 'وأكد مسؤول أمريكي أن الانسحاب يشمل قواعد في دير الزور والحسكة.')).toBe(true);
  });

  it('guard: the 2011 pullout as the setting of an ISIS story', () => {
    const text =
      'The militants used the vacuum after the US withdrawal from Iraq in 2011, analysts say. Iraqi forces launched a new operation in Anbar on Monday.';
    expect(caught('ISIS cells regroup in Iraq desert, officials warn', text)).toBe(false);
  });

  it('guard: a demand for the US withdrawal from Iraq', () => {
    expect(caught('Sadr demands full US withdrawal from Iraq', 'He urged his supporters to rally in Baghdad on Friday.')).toBe(false);
    expect(caught('فصائل عراقية تطالب بالانسحاب الأمريكي من العراق', 'وقالت الفصائل إن المهلة انتهت.')).toBe(false);
  });

  it("guard: the US welcoming Turkey's withdrawal from Syria", () => {
    expect(caught('ترحيب أمريكي بانسحاب القوات التركية من سوريا', 'وقالت الخارجية الأمريكية إن الخطوة تخفف التوتر.')).toBe(false);
  });
});

describe('default pack: Arabic wordings of a base vacated and a mission ending', () => {
  it('AR: the present tense, «تخلي قاعدة»', () => {
    expect(caught('القوات الأمريكية تخلي قاعدة عين الأسد', 'وقالت مصادر عراقية إن القاعدة ستسلم للجيش العراقي.')).toBe(true);
  });

  it('guard: «التخلي عن قاعدة», giving up a rule', () => {
    expect(caught('العراق: التخلي عن قاعدة الدولار في التجارة مع إيران', 'وقال البنك المركزي العراقي إن القرار يتبع اتفاقا مع واشنطن.')).toBe(false);
  });

  it('AR: the mission named first, «مهمة التحالف … تنتهي»', () => {
    expect(caught('مهمة التحالف الدولي في العراق تنتهي في أيلول المقبل', 'وأكدت الحكومة العراقية أن الجدول الزمني متفق عليه مع واشنطن.')).toBe(true);
    expect(caught('مهمة القوات الأمريكية في العراق تنتهي العام المقبل', 'وقال مسؤول عراقي إن الاتفاق مع واشنطن يحدد الموعد.')).toBe(true);
  });

  it("guard: the Iraqi forces' mission ending", () => {
    expect(caught('مهمة القوات العراقية في الموصل انتهت', 'وشكر قائد العمليات التحالف الدولي على دعمه الجوي.')).toBe(false);
  });
});

describe('default pack: Syria pullouts told by the place, without "Syria"', () => {
  it('AR: a base in Hasakah', () => {
    expect(caught('القوات الأمريكية تغادر قاعدة الشدادي في الحسكة', 'وأكدت مصادر محلية أن القاعدة أصبحت خالية من الجنود الأمريكيين.')).toBe(true);
  });

  it('EN: the Conoco base', () => {
    expect(caught('US troops withdraw from Conoco gas field base', 'Trucks carrying equipment left the site overnight, a monitor said.')).toBe(true);
  });

  it('guard: Russian forces leaving a base in Hasakah', () => {
    expect(caught('Russian forces pull out of base in Hasakah', 'US troops were not involved, a Pentagon spokesman said.')).toBe(false);
  });
});

describe('default pack: other armies pulling back, and our pullout told beside them', () => {
  it("guard: Israel's troops leaving a buffer zone in Syria", () => {
    expect(caught('Israel withdraws troops from southern Syria buffer zone', 'A US envoy welcomed the pullback from positions near Quneitra.')).toBe(false);
    expect(caught('إسرائيل تسحب قواتها من المنطقة العازلة في جنوب سوريا', 'ورحب المبعوث الأمريكي بالخطوة.')).toBe(false);
  });

  it('guard: the Iraqi army leaving checkpoints', () => {
    expect(caught('Iraqi troops pull out of checkpoints in Sinjar', 'The commander said the move followed a deal with Erbil, which Washington welcomed.')).toBe(
      false,
    );
    const text = 'وقال قائد الفرقة إن الانسحاب جاء بعد اتفاق مع حكومة إقليم كردستان، فيما رحبت واشنطن بالاتفاق.';
    expect(caught('الجيش العراقي ينسحب من نقاط في سنجار', text)).toBe(false);
  });

  it('the Iraqi forces taking over as ours leave is still our pullout', () => {
    expect(caught('US hands Victory base to Iraqi army', 'As the American troops withdrew, Iraqi forces took over the base on Sunday.')).toBe(true);
    const text = 'وقالت قيادة العمليات المشتركة إن القوات العراقية تسلمت القاعدة بعد انسحاب قوات التحالف.';
    expect(caught('القوات العراقية تتسلم قاعدة عين الأسد من التحالف الدولي', text)).toBe(true);
  });

  it('EN: a base handed to Iraq without "over"', () => {
    expect(caught('US troops hand Ain al-Asad to Iraq', 'Iraqi forces took over the base on Sunday.')).toBe(true);
  });

  it('guard: "the upper hand" is no handover', () => {
    expect(caught('Iraqi factions gain upper hand at base talks', 'The US embassy declined to comment on the negotiations in Baghdad.')).toBe(false);
  });
});

describe('default pack: troop numbers falling and a presence ending', () => {
  it('EN: troop levels that drop, the number of troops that falls', () => {
    expect(caught('Pentagon: US troop levels in Syria to drop below 1,000', 'Several outposts in the northeast will close.')).toBe(true);
    expect(caught('Number of US troops in Iraq to fall to 2,500 by January', 'The acting defense secretary announced the decision.')).toBe(true);
  });

  it('guard: the number of troops wounded falling', () => {
    expect(caught('Number of US troops wounded in Iraq attacks falls, Pentagon says', 'Fewer rockets hit the bases last month.')).toBe(false);
  });

  it('EN: the presence named before its end', () => {
    expect(caught('The US troop presence in Iraq will end by 2026, officials say', 'The transition will take place in two phases.')).toBe(true);
  });

  it('EN: "the US-led coalition will leave"', () => {
    expect(caught('US-led coalition will leave Baghdad by September, Iraqi official says', 'Advisers would then be based in Erbil until 2026.')).toBe(true);
  });

  it('guard: a ruling coalition leaving talks', () => {
    expect(caught('Iraqi ruling coalition to leave talks on new government', 'The US ambassador met party leaders in Baghdad.')).toBe(false);
  });
});

describe('default pack: a footprint scaled back, a mission wrapped up, and the pullout as a date', () => {
  it('EN: "scale back" the footprint', () => {
    expect(caught('Pentagon plans to scale back US military footprint in Iraq', 'Officials said the number of troops could be reduced by half.')).toBe(true);
  });

  it('EN: the coalition "wraps up" its mission', () => {
    expect(caught('US-led coalition wraps up its mission in federal Iraq', 'Advisers moved to Erbil, an Iraqi statement said.')).toBe(true);
  });

  it('guard: an attack dated by the pullout («قبل أسبوعين من الموعد المقرر لانسحاب…»)', () => {
    const text =
      'وجاء الهجوم قبل نحو أسبوعين من الموعد المقرر لانسحاب القوات القتالية الأمريكية من العراق. وتصدت منظومة الدفاع لأحد الصاروخين فيما سقط الآخر قرب ساحة. ' +
      'وقالت خلية الإعلام الأمني إن الهجوم لم يسفر عن إصابات. ويأتي الهجوم عشية انسحاب القوات الأمريكية من قواعدها في بغداد.';
    expect(caught('صاروخا كاتيوشا يستهدفان المنطقة الخضراء في بغداد', text)).toBe(false);
  });

  it('a pullout that is itself dated by a deadline stays a pullout', () => {
    const text = 'The last American soldiers left the base on Friday, weeks before the September deadline for the end of the coalition mission.';
    expect(caught('US troops leave Ain al-Asad days before deadline', text)).toBe(true);
  });
});

describe('default pack: "until the withdrawal" is a condition, not a pullout', () => {
  it('guard: a faction going on «حتى الانسحاب الأمريكي من العراق»', () => {
    const text = 'وقال المتحدث باسم الحركة إن المقاومة لن تتوقف. وأضاف أن الهجمات على القواعد الأمريكية ستتواصل.';
    expect(caught('النجباء: عملياتنا مستمرة حتى الانسحاب الأمريكي من العراق', text)).toBe(false);
  });

  it('«حتى الآن», "so far", does not spoil a pullout', () => {
    const text = 'وقال مسؤول عسكري إن القوات الأمريكية انسحبت حتى الآن من ثلاث قواعد في العراق. وأضاف أن الانسحاب سيكتمل في أيلول.';
    expect(caught('القوات الأمريكية تواصل الانسحاب من قواعدها في العراق', text)).toBe(true);
  });
});

describe('default pack: the state itself leaving, in a terse headline', () => {
  it('EN: "US to exit Syria", "America is leaving Syria", "US vacates … air base"', () => {
    expect(caught('US to exit Syria within 90 days, officials say', 'The Pentagon has begun planning how to move equipment out.')).toBe(true);
    expect(caught('America is leaving Syria, envoy confirms', 'The remaining troops will depart over the coming months.')).toBe(true);
    expect(caught('US vacates Kirkuk air base', 'American personnel left K1 over the weekend, Iraqi officials said.')).toBe(true);
  });

  it('AR: «أمريكا تنسحب من سوريا»', () => {
    expect(caught('أمريكا تنسحب من سوريا', 'وقال مسؤول في البنتاغون إن الانسحاب سيكتمل خلال أشهر.')).toBe(true);
  });

  it('EN: "troops home from Syria"', () => {
    expect(caught('Trump orders troops home from Syria', 'The president said the soldiers had done their job in defeating the Islamic State.')).toBe(true);
  });

  it('guard: firms, citizens and treaties leaving', () => {
    expect(caught('US firms exit Iraq as security worsens', 'Two American oil service companies said they would leave Basra by March.')).toBe(false);
    expect(caught('US citizens urged to leave Iraq', 'The embassy in Baghdad warned of a risk of attacks by militias.')).toBe(false);
    expect(caught('واشنطن تنسحب من الاتفاق النووي مع إيران', 'وقالت الحكومة العراقية إنها تتابع التطورات.')).toBe(false);
  });

  it('guard: "leave" as "let stay"', () => {
    expect(caught('Washington will leave Iraq sanctions waiver in place', 'The Treasury said Baghdad could keep paying Iran for electricity.')).toBe(false);
  });
});

describe('default pack: "we will withdraw our forces"', () => {
  it('AR: «سنسحب قواتنا»', () => {
    expect(caught('ترامب: سنسحب قواتنا من سوريا قريبا جدا', 'وقال الرئيس الأمريكي إن الجنود سيعودون إلى الوطن.')).toBe(true);
  });

  it('guard: a faction pulling its own brigades', () => {
    expect(caught('الحشد الشعبي يسحب ألويته من سهل نينوى', 'وقال مسؤول إن القوات الأمريكية لم تشارك في أي عملية.')).toBe(false);
  });
});

describe('default pack: the state ending its own deployment', () => {
  it('EN: "US ends its military presence", "Washington to end military mission"', () => {
    expect(caught('US ends its military presence in Syria', 'The last soldiers left the Conoco base on Friday, the Pentagon said.')).toBe(true);
    expect(caught('Washington to end military mission in Iraq by September', 'Iraqi officials said the agreement came after months of talks.')).toBe(true);
  });

  it('AR: «تنهي وجودها العسكري», «تنهي مهمتها العسكرية»', () => {
    expect(caught('الولايات المتحدة تنهي وجودها العسكري في العراق', 'وقال مسؤول أمريكي إن القوات ستغادر بحلول أيلول.')).toBe(true);
    expect(caught('واشنطن تنهي مهمتها العسكرية في سوريا', 'وقال مسؤول أمريكي إن الجنود سيعودون قبل الصيف.')).toBe(true);
  });

  it("guard: ending aid, or an envoy's mission", () => {
    expect(caught('US ends military aid to Iraq Kurdistan region', 'The State Department said the funding would be reviewed next year.')).toBe(false);
    expect(caught('واشنطن تنهي مهمة مبعوثها إلى سوريا', 'وقالت الخارجية الأمريكية إن المبعوث سيعود إلى منصبه السابق.')).toBe(false);
  });
});
