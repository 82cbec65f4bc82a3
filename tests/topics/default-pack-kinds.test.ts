// Kinds of errors seen on a larger labelled tuning set (never one article's words): each case is
// written in our own words and pins a general rule of the default pack.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: a faction that attacks Israel, or is itself struck', () => {
  it('EN: an Iraqi faction launching drones at targets in Israel is not a threat to US forces', () => {
    const text =
      'The Islamic Resistance in Iraq said it launched drones at targets in Eilat overnight. The group said its attacks on the Golan would go on. The US State Department declined to comment.';
    expect(topicsOf('Iraqi faction says it targeted Eilat with drones', text)).not.toContain('militia-threats');
  });

  it('AR: an Iraqi faction attacking the north of Israel is not a threat to US forces', () => {
    const text =
      'أعلنت فصائل عراقية أنها استهدفت بطائرات مسيرة موقعا في شمال إسرائيل فجر اليوم. وقالت الفصائل إنها ستواصل هجماتها على الأراضي المحتلة دعما للمقاومة، فيما لم تعلق واشنطن.';
    expect(topicsOf('فصائل عراقية تستهدف شمال إسرائيل', text)).not.toContain('militia-threats');
  });

  it('the same faction attacking a US base stays a militia attack', () => {
    const text = 'أعلنت فصائل عراقية أنها استهدفت بطائرات مسيرة قاعدة عين الأسد التي تضم قوات أمريكية غربي العراق. وقالت الفصائل إنها ستواصل هجماتها.';
    expect(topicsOf('فصائل عراقية تستهدف قاعدة عين الأسد', text)).toContain('militia-threats');
  });

  it('AR: "the strike targeted the Nujaba commander": the act is the strike\'s, the faction was hit', () => {
    const text =
      'قال مسؤول أمريكي إن الضربة استهدفت قائد حركة النجباء في بغداد، وإنها جاءت دفاعا عن القوات الأمريكية. وقالت مصادر أمنية إن الغارة استهدفت سيارة في شارع فلسطين.';
    expect(topicsOf('غارة في بغداد', text)).not.toContain('militia-threats');
  });

  it('AR: the death of a faction official in a strike makes the faction the victim, not the attacker', () => {
    const text =
      'لقي مسؤول العمليات في كتائب حزب الله مصرعه جراء غارة على سيارته في بغداد الليلة الماضية، بحسب مصادر أمنية. وقالت واشنطن إن الضربة جاءت في إطار الدفاع عن قواتها.';
    expect(topicsOf('مصرع مسؤول العمليات في كتائب حزب الله بغارة في بغداد', text)).not.toContain('militia-threats');
  });
});

describe('default pack: wordings of the event topics', () => {
  it('AR: the verb before the US («قصفت الولايات المتحدة مواقع») is a US strike', () => {
    const text =
      'قصفت الولايات المتحدة مواقع لفصائل موالية لإيران قرب القائم على الحدود العراقية السورية فجر اليوم. وقالت الفصائل إن الغارات دمرت مخزنا للسلاح.';
    expect(topicsOf('غارات على الحدود العراقية السورية', text)).toContain('us-strikes');
  });

  it('AR: the verb before the US with the US as its object is not a US strike', () => {
    const text = 'استهدفت فصائل موالية لإيران القوات الأمريكية بهجمات بطائرات مسيرة في العراق وسوريا خلال الأسبوع الماضي، بحسب مسؤولين.';
    expect(topicsOf('هجمات بطائرات مسيرة في العراق', text)).not.toContain('us-strikes');
  });

  it('AR: "the Americans" as the actor («الأمريكيون يقصفون») is a US strike', () => {
    const text = 'الأمريكيون يقصفون مقرات لكتائب حزب الله في العراق وسوريا الليلة الماضية. ودمرت الغارات مخازن أسلحة للفصائل، بحسب مصادر محلية.';
    expect(topicsOf('قصف في العراق وسوريا', text)).toContain('us-strikes');
  });

  it('AR: the commission named with "Iraqi" inside it is withdrawal news', () => {
    const text =
      'عقدت اللجنة العسكرية العراقية العليا اجتماعا مع ممثلي التحالف الدولي في بغداد لبحث جدول انسحاب قوات التحالف. وقال متحدث إن الاجتماعات ستستمر.';
    expect(topicsOf('اجتماع جديد للجنة العسكرية العراقية العليا', text)).toContain('withdrawal');
  });

  it('a candidate or party pulling out of an election is not a withdrawal', () => {
    const text =
      'قبلت مفوضية الانتخابات في العراق طلبات انسحاب المرشحين، ويحق للحزب أو التحالف أن يسحب ترشيح أحد مرشحيه قبل الموعد. وقال المتحدث إن الانسحاب من الترشح متاح حتى نهاية الشهر.';
    expect(topicsOf('انسحاب مرشحين من انتخابات العراق', text)).not.toContain('withdrawal');
  });

  it('AR: "the attacks will not stop until the US army withdraws" is a condition, not a withdrawal', () => {
    const text =
      'قال المتحدث باسم الحركة إن الهجمات على القوات الأمريكية لن تتوقف حتى ينسحب الجيش الأمريكي من العراق، وإن المقاومة مستعدة لكل الاحتمالات في الأيام المقبلة. ' +
      'وأضاف أن الحركة لن تقبل ببقاء أي جندي، وأن الفصائل لن تلقي السلاح حتى تنسحب القوات الأمريكية من البلاد.';
    expect(topicsOf('حركة عراقية تتعهد بمواصلة الهجمات', text)).not.toContain('withdrawal');
  });

  it('"no choice but to withdraw, or pay" is an ultimatum, not a withdrawal', () => {
    const text = 'قالت حركة النجباء إن الأمريكيين لا خيار أمامهم سوى الانسحاب من العراق أو تحمل الخسائر، وتوعدت القوات الأمريكية بهجمات جديدة.';
    expect(topicsOf('النجباء تتوعد القوات الأمريكية في العراق', text)).not.toContain('withdrawal');
  });

  it('EN: rockets on a base hosting US troops are a militia attack even when no faction is named', () => {
    const text =
      'Three rockets struck a base hosting US troops north of Baghdad on Tuesday, wounding a contractor, the coalition said. No group claimed the attack.';
    expect(topicsOf('Rocket attack hits base hosting US troops in Iraq', text)).toContain('militia-threats');
  });
});

describe('default pack: what a faction act is', () => {
  it('AR: a feared response by the factions is not an attack', () => {
    const text =
      'أجلت الحكومة العراقية التصويت على الاتفاق الأمني مع واشنطن خوفا من هجمات الفصائل المسلحة على القوات الأمريكية، بحسب نواب. وقال النواب إن الجلسة ستعقد الأسبوع المقبل.';
    expect(topicsOf('تأجيل التصويت على الاتفاق الأمني في بغداد', text)).not.toContain('militia-threats');
  });

  it('EN: a faction that claimed its last attack on Israel, with a US embassy in a caption, is no threat to US forces', () => {
    const text =
      'Last month the Islamic Resistance in Iraq claimed what it described in a long statement as its final attack on Israel. Leaders of the Popular Mobilization Forces have since toured the border. The US embassy in Baghdad said little.';
    expect(topicsOf('Baghdad weighs the region after the war', text)).not.toContain('militia-threats');
  });

  it('AR: «عمل» (work) is not «عملية» (an operation)', () => {
    const text = 'بدأت حركة عصائب أهل الحق بتوسيع دورها في عمل الحكومة الجديدة، فيما تراقب واشنطن علاقة الحكومة بالفصائل المسلحة والأحزاب.';
    expect(topicsOf('الحكومة العراقية بين واشنطن وطهران', text)).not.toContain('militia-threats');
  });
});

describe('default pack: the Soleimani killing and other US actors', () => {
  it('AR: a report of the Soleimani killing itself is a US strike (its title says so)', () => {
    const text = 'قتل قائد فيلق القدس قاسم سليماني ونائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس في غارة أمريكية قرب مطار بغداد فجر اليوم، بحسب الحشد.';
    expect(topicsOf('مقتل سليماني والمهندس بغارة أمريكية قرب مطار بغداد', text)).toContain('us-strikes');
  });

  it('one sentence recalling the Soleimani killing is still not a US strike story', () => {
    const text =
      'Iraqi lawmakers met on Sunday to discuss the budget and the electricity crisis in Basra. The session came two years after a US strike near Baghdad airport killed Soleimani and Muhandis of the PMF. Deputies then turned to oil revenue.';
    expect(topicsOf('Iraqi parliament debates the budget', text)).not.toContain('us-strikes');
  });

  it('AR: the US Defence Ministry saying its forces carried out strikes names the striker', () => {
    const text =
      'أعلنت وزارة الدفاع الأمريكية أن قواتها شنت ضربات ضد خمس منشآت تابعة لكتائب حزب الله في العراق وسوريا. وقالت إن الضربات دمرت مخازن أسلحة ومراكز قيادة.';
    expect(topicsOf('ضربات على منشآت في العراق وسوريا', text)).toContain('us-strikes');
  });
});

describe('default pack: attacks that kill US soldiers, and attacks told in passing', () => {
  it('EN: US strikes answering a drone attack that killed US soldiers, blamed on Iran-backed groups, tell a militia attack', () => {
    const text =
      'The United States struck sites in Iraq and Syria on Friday. The strikes answered a drone attack that killed three US soldiers at a desert outpost last week. Officials said the attack was the work of Iran-backed groups.';
    expect(topicsOf('US strikes sites in Iraq and Syria', text)).toContain('militia-threats');
  });

  it('EN: a withdrawal story recalling that talks paused following an attack that killed US soldiers is not a militia story', () => {
    const text =
      'Iraq and the United States resumed talks on ending the coalition mission in Baghdad on Sunday, the military spokesman said. ' +
      'A joint committee will set the timetable for the pullout of coalition forces over the coming year, he added. ' +
      'The talks had stopped in January following the killing of three American soldiers in an attack in Jordan, which Washington pinned on Iran-backed groups. ' +
      'In response to the attack, the US struck sites in Syria and Iraq used by Iran-aligned groups.';
    expect(topicsOf('Iraq and US resume talks on the coalition mission', text)).not.toContain('militia-threats');
  });
});

describe('default pack: more ways of telling a pullout', () => {
  it('AR: a base handed over to Iraqi forces as the coalition leaves is withdrawal news', () => {
    const text =
      'قال المتحدث العسكري إن القوات العراقية ستتسلم مقر التحالف الدولي في قاعدة عين الأسد خلال الأيام المقبلة. وأضاف أن مهمة التحالف في العراق تنتهي وفق جدول زمني متفق عليه مع واشنطن.';
    expect(topicsOf('القوات العراقية تتسلم مقر التحالف في عين الأسد', text)).toContain('withdrawal');
  });

  it('EN: calling soldiers back home from Iraq is withdrawal news', () => {
    const text =
      'The Pentagon will call back 2,000 soldiers from Iraq by September, officials said on Monday. The coalition will keep a smaller force in Erbil after the US troops are called back.';
    expect(topicsOf('Pentagon to call back 2,000 soldiers from Iraq', text)).toContain('withdrawal');
  });
});

describe('default pack: drones on US posts', () => {
  it('AR: a drone that hits a US base is a militia attack even when no group is named', () => {
    const text =
      'ضربت طائرة بدون طيار قاعدة عسكرية أمريكية قرب الحدود السورية فجر اليوم، ما أدى إلى إصابة عدد من الجنود، بحسب مسؤولين في واشنطن. ولم تعلن أي جهة مسؤوليتها.';
    expect(topicsOf('طائرة بدون طيار تضرب قاعدة عسكرية أمريكية', text)).toContain('militia-threats');
  });

  it('EN: a US drone over a militia base, or an Iranian drone, is not a militia attack', () => {
    const us = 'A US drone struck a base of an Iran-backed militia near al-Qaim on Sunday, a coalition spokesman said. US forces reported no losses.';
    expect(topicsOf('US drone hits militia base near al-Qaim', us)).not.toContain('militia-threats');
    const iran = 'An Iranian drone hit a coalition base near Hasakah, wounding US troops, the Pentagon said. Washington blamed Iran for the attack.';
    expect(topicsOf('Iranian drone hits coalition base in Syria', iran)).not.toContain('militia-threats');
  });
});
