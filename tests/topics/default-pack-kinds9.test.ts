// Round 9 of the kinds of errors seen on labelled data (the ninth tuning round, withdrawal only), and the
// wordings of real pullouts and their commonest false friends that an editor expects the pack to know. Each
// case is written in our own words and pins a general rule of the default pack, with a guard where the rule
// could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: Arabic end of the combat mission, by any form of the verb', () => {
  it('AR: «تنهي القوات الأمريكية مهامها القتالية» is a withdrawal', () => {
    const text = 'قال مسؤولون في بغداد إن الاتفاق سيدخل حيز التنفيذ مع نهاية العام. ' + 'وسيبقى عدد من المدربين لمساعدة الجيش العراقي.';
    expect(topicsOf('بغداد وواشنطن تتفقان على أن تنهي القوات الأمريكية مهامها القتالية قبل الصيف', text)).toContain('withdrawal');
  });

  it('guard: the end of the combat mission in Afghanistan is another theatre', () => {
    const text = 'قال البيت الأبيض إن واشنطن ستحتفظ بسفارتها في كابل. ' + 'وأشار إلى أن القرار لا يشمل القوات في العراق حاليا.';
    expect(topicsOf('واشنطن تنهي المهام القتالية الأمريكية في أفغانستان', text)).not.toContain('withdrawal');
  });
});

describe('default pack: a base handed over, told by the giver, or a site of a camp', () => {
  it('AR: «سلمت قوات التحالف معسكرا» is a withdrawal', () => {
    const text = 'قال بيان عسكري إن القوات العراقية ستتولى إدارة الموقع بالكامل بدءا من اليوم. ' + 'وكان الموقع يستخدم لتدريب الجنود العراقيين.';
    expect(topicsOf('قوات التحالف سلمت معسكرا تدريبيا في صلاح الدين إلى وزارة الدفاع العراقية', text)).toContain('withdrawal');
  });

  it('guard: a faction handing its positions to the army is not the coalition leaving', () => {
    const text = 'سلمت فصائل الحشد مواقعها في قضاء حدودي إلى وحدات من الجيش العراقي، بينما تواصل طائرات التحالف الدولي التحليق فوق المنطقة.';
    expect(topicsOf('الحشد يسلم مواقعه على الحدود للجيش العراقي', text)).not.toContain('withdrawal');
  });

  it('guard: the coalition handing aid to a displaced persons camp is not a pullout', () => {
    const text = 'The US-led coalition handed over food and medicine to a camp for displaced families in Anbar, Iraq, on Monday.';
    expect(topicsOf('Coalition delivers aid to displaced families in Anbar', text)).not.toContain('withdrawal');
  });
});

describe('default pack: the joint military commission by its other Arabic name', () => {
  it('AR: «المفوضية العسكرية العليا» is the commission that negotiates the end of the mission', () => {
    const text = 'قال متحدث عراقي إن الاجتماع بحث المرحلة المقبلة. ' + 'وحضر الاجتماع ممثلون عن التحالف الدولي.';
    expect(topicsOf('المفوضية العسكرية العليا العراقية الأمريكية تعقد اجتماعها في بغداد', text)).toContain('withdrawal');
  });

  it('guard: the electoral commission («المفوضية العليا المستقلة للانتخابات») is not', () => {
    const text = 'أعلنت المفوضية العليا المستقلة للانتخابات في العراق النتائج الأولية، ورحبت السفارة الأمريكية في بغداد بسير التصويت.';
    expect(topicsOf('المفوضية تعلن نسبة المشاركة في العراق', text)).not.toContain('withdrawal');
  });
});

describe('default pack: a truce offered for a pullout, a denial and "no plans" are not a pullout', () => {
  it('EN: a faction tying its truce to the pullout of American troops', () => {
    const text =
      'The group said its fighters would hold fire for now, and that the pause depended on a firm date for American soldiers to go home. ' +
      'Officials in Baghdad did not comment.';
    expect(topicsOf('Kataib Hezbollah ties its truce to the pullout of American troops', text)).not.toContain('withdrawal');
  });

  it('EN: the Pentagon denying a pullout from Iraq', () => {
    const text = 'A Pentagon spokesman said on Tuesday that the reports were wrong and that no order had been given.';
    expect(topicsOf('Pentagon denies it is pulling troops out of Iraq', text)).not.toContain('withdrawal');
  });

  it('AR: «البنتاغون ينفي سحب قواته من العراق»', () => {
    expect(topicsOf('البنتاغون ينفي سحب قواته من العراق', 'قال متحدث إن القوات الأمريكية باقية في قواعدها.')).not.toContain('withdrawal');
  });

  it('guard: a pullout that later mentions a denied rumour is still a withdrawal', () => {
    const text =
      'The last US troops left the Ain al-Asad air base on Sunday and handed it to the Iraqi army, officials said. ' +
      'The withdrawal of US forces from the base completes the first phase of the agreement. ' +
      'Separately, the embassy denied rumours about its own staff.';
    expect(topicsOf('US troops leave Ain al-Asad base in Iraq', text)).toContain('withdrawal');
  });
});

describe('default pack: other states, local forces, diplomats and parliamentary blocs pulling out', () => {
  it('EN: Russia withdrawing its troops from Syria is not the US pullout', () => {
    const text = 'Moscow said on Monday that the main part of its forces would return home within weeks. ' + 'Washington said it was watching closely.';
    expect(topicsOf('Russia withdraws most of its troops from Syria', text)).not.toContain('withdrawal');
  });

  it('AR: «تركيا تسحب قواتها» from a camp in Iraq', () => {
    const text = 'سحبت تركيا جزءا من قواتها المنتشرة في شمال العراق، ورحبت واشنطن بالخطوة.';
    expect(topicsOf('تركيا تسحب قواتها من معسكر في شمال العراق', text)).not.toContain('withdrawal');
  });

  it('EN: Peshmerga forces withdrawing from Kirkuk', () => {
    const text = 'Kurdish Peshmerga forces withdrew from positions around Kirkuk as Iraqi troops advanced, and Washington urged calm.';
    expect(topicsOf('Peshmerga forces withdraw from Kirkuk', text)).not.toContain('withdrawal');
  });

  it('EN: embassy staff ordered to leave Baghdad', () => {
    const text = 'The State Department ordered the departure of non-emergency US personnel from Baghdad, citing threats. The US military was not affected.';
    expect(topicsOf('US orders non-emergency personnel to leave Iraq', text)).not.toContain('withdrawal');
  });

  it('AR: «انسحاب الكتلة الصدرية من التحالف» is a parliamentary bloc', () => {
    const text = 'أعلن زعيم التيار الصدري انسحاب كتلته من التحالف الثلاثي في البرلمان العراقي، بينما دعت واشنطن إلى الحوار.';
    expect(topicsOf('انسحاب الكتلة الصدرية من التحالف الثلاثي', text)).not.toContain('withdrawal');
  });

  it('guard: a US pullout ordered after a call with Turkey’s president is still a withdrawal', () => {
    const text =
      'President Trump ordered the withdrawal of US troops from northeastern Syria after a phone call with Turkey’s president, the White House said. ' +
      'About a thousand American soldiers will leave the area.';
    expect(topicsOf('Trump orders US troops out of northeastern Syria', text)).toContain('withdrawal');
  });
});

describe('default pack: a base closed or vacated, a presence scaled down, advisers leaving', () => {
  it('EN: "the US military closes its last base" in Syria', () => {
    const text = 'The remaining soldiers were flown to Iraq, two US officials said.';
    expect(topicsOf('US military closes its last base in northeast Syria', text)).toContain('withdrawal');
  });

  it('AR: «القوات الأمريكية تغلق قاعدة» in Syria', () => {
    expect(topicsOf('القوات الأمريكية تغلق قاعدة في ريف دير الزور', 'نقلت القوات معداتها عبر الحدود، وفق مصادر محلية.')).toContain('withdrawal');
  });

  it('EN: "scaling down its presence" in Iraq', () => {
    const text = 'A Pentagon spokesman said the change follows the agreement reached with Baghdad last year.';
    expect(topicsOf('US scaling down its military presence in Iraq', text)).toContain('withdrawal');
  });

  it('EN: coalition advisers leaving a headquarters in Baghdad', () => {
    const text = 'Iraqi officials said the building would be handed to the defence ministry.';
    expect(topicsOf('Last coalition advisers leave their Baghdad headquarters', text)).toContain('withdrawal');
  });

  it('guard: rockets landing close to a base are not a closure', () => {
    const text = 'Two rockets landed close to the base hosting US troops near Baghdad airport on Friday, Iraqi security sources said.';
    expect(topicsOf('Rockets land close to US base in Iraq', text)).not.toContain('withdrawal');
  });

  it('guard: an oil major reducing its presence in Iraq is business news', () => {
    const text = 'The US oil major is scaling down its presence in southern Iraq and selling its stake in an oilfield, officials in Baghdad said.';
    expect(topicsOf('US oil major scales down its presence in Iraq', text)).not.toContain('withdrawal');
  });
});

describe('default pack: the move to a bilateral security relationship, and forces moved to Erbil', () => {
  it('EN: "transition to a bilateral security partnership" ends the coalition arrangement', () => {
    const text = 'Officials from both governments said the change would take effect next September.';
    expect(topicsOf('Iraq and US agree to transition to a bilateral security partnership', text)).toContain('withdrawal');
  });

  it('AR: «الانتقال إلى علاقة أمنية ثنائية» between Iraq and the US', () => {
    expect(topicsOf('العراق والولايات المتحدة: الانتقال إلى علاقة أمنية ثنائية', 'قال بيان مشترك إن الخطوة تبدأ في أيلول.')).toContain('withdrawal');
  });

  it('AR: «نقل القوات الأمريكية … إلى أربيل»', () => {
    expect(topicsOf('نقل القوات الأمريكية من قواعد بغداد إلى أربيل', 'قالت مصادر عسكرية إن العملية ستكتمل خلال أسابيع.')).toContain('withdrawal');
  });

  it('guard: «نقل العلاقات الثنائية إلى آفاق أرحب» is a diplomatic visit', () => {
    const text = 'بحث وزير الخارجية العراقي مع نظيره الأمريكي في واشنطن نقل العلاقات الثنائية إلى آفاق أرحب في الطاقة والاستثمار.';
    expect(topicsOf('العراق والولايات المتحدة يبحثان نقل العلاقات الثنائية إلى آفاق أرحب', text)).not.toContain('withdrawal');
  });

  it('guard: Turkey moving its own troops to bases in Kurdistan is another state', () => {
    const text = 'أنقرة أرسلت الجنود إلى مواقعها شمال دهوك، وقال التحالف الدولي إنه لم يبلغ مسبقا.';
    expect(topicsOf('تركيا تنقل جنودا إلى قواعدها في كردستان العراق', text)).not.toContain('withdrawal');
  });

  it('guard: more troops moved to Erbil are reinforcements', () => {
    const text = 'The Pentagon moved additional troops to Erbil after drone attacks on US bases, officials said.';
    expect(topicsOf('Pentagon moves additional troops to Erbil in Iraq', text)).not.toContain('withdrawal');
  });
});

describe('default pack: Arabic future forms of the pullout verb', () => {
  it('AR: «القوات الأمريكية ستنسحب من العراق»', () => {
    expect(topicsOf('القوات الأمريكية ستنسحب من قواعد بغداد بحلول أيلول', 'قال مسؤول عراقي إن المرحلة الثانية تنتهي العام المقبل.')).toContain('withdrawal');
  });

  it('guard: «لن تنسحب القوات الأمريكية» is a refusal', () => {
    expect(topicsOf('مسؤول: القوات الأمريكية لن تنسحب من العراق هذا العام', 'قال المسؤول إن المحادثات مستمرة في بغداد.')).not.toContain('withdrawal');
  });
});

describe('default pack: a politician calling the exit "a decision" is not a parliament acting', () => {
  it('AR: «جلاء القوات الأمريكية قرار يعود للعراقيين» in a politician’s words is not a withdrawal', () => {
    const text =
      'قال سياسي عراقي بارز في مقابلة تلفزيونية إن جلاء القوات الأمريكية عن العراق قرار يعود للعراقيين وحدهم. ' + 'وأضاف أن الشعب سيحاسب من يعرقل ذلك.';
    expect(topicsOf('سياسي عراقي: جلاء القوات الأمريكية قرار يعود للعراقيين', text)).not.toContain('withdrawal');
  });

  it('guard: parliament voting on a resolution to expel the foreign forces is still a withdrawal', () => {
    const text = 'صوت البرلمان العراقي اليوم على قرار يلزم الحكومة بإخراج القوات الأجنبية من البلاد. ' + 'وقال نواب إن الحكومة ستبدأ التنفيذ فورا.';
    expect(topicsOf('البرلمان العراقي يصوت على إخراج القوات الأجنبية', text)).toContain('withdrawal');
  });
});
