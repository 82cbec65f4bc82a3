// "Is the article about it?" rules of the default pack, on short articles invented for these
// tests: a passing mention of a withdrawal or of a US strike in an article about something else
// must not trigger the topic; the same words in the headline, or told twice, must. And a rocket
// attack on a US target whose body names the militias only once is still a militia attack.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('withdrawal: in the headline or told twice', () => {
  const passing =
    'Members of the Iraqi parliament argued for a third day over the budget law in Baghdad. The speaker said ' +
    'the vote was postponed. Separately, an American delegation is due next week to discuss the withdrawal of US forces.';

  it('one closing clause in an article about a budget dispute is not a withdrawal article', () => {
    expect(topicsOf('Iraqi parliament deadlocked over budget', passing)).not.toContain('withdrawal');
  });

  it('the same clause in the headline makes it one', () => {
    expect(topicsOf('US delegation to discuss withdrawal of US forces from Iraq', passing)).toContain('withdrawal');
  });

  it('a full clause followed by a shorter echo ("the withdrawal follows…") counts as told twice', () => {
    const text =
      'A convoy of US military vehicles left a base in western Iraq on Sunday, a local official said, in the first step ' +
      'of the withdrawal of American troops. The withdrawal follows an agreement signed in Baghdad last year.';
    expect(topicsOf('Convoy leaves Anbar base', text)).toContain('withdrawal');
  });

  it('one clause and one echo that is the same mention count once', () => {
    // "US military withdrawal" is one place even though the clause starts at "military" and the
    // echo at "withdrawal".
    const text = 'Officials in Baghdad said the US military withdrawal would be discussed at a later date, among many other files.';
    expect(topicsOf('Iraqi cabinet meets on electricity', text)).not.toContain('withdrawal');
  });

  it('a terse headline ("US starts withdrawing from Iraq") with one body mention counts', () => {
    const text = 'Trucks carrying armoured vehicles left the Ain al-Asad base, officials said, as the pullout of US troops began.';
    expect(topicsOf('US starts withdrawing from Iraq', text)).toContain('withdrawal');
  });

  it('a headline that is a conditional threat ("if the US does not withdraw") is not a withdrawal', () => {
    const text = 'Kataib Hezbollah said it would step up attacks on US forces in Iraq until the United States leaves, calling the troops occupiers.';
    const got = topicsOf('Militia vows more attacks if the United States does not withdraw its troops from Iraq', text);
    expect(got).not.toContain('withdrawal');
    expect(got).toContain('militia-threats');
  });

  it('AR: one passing phrase closing an article about the PMF law does not count; in the headline it does', () => {
    const text =
      'ما يزال البرلمان العراقي منقسماً حول قانون الحشد الشعبي، وقال نائب إن التصويت تأجل مرة أخرى. ' +
      'وأضاف مسؤول عراقي أن وفداً أمريكياً سيصل إلى بغداد الأسبوع المقبل لبحث ملف انسحاب القوات.';
    expect(topicsOf('خلافات في البرلمان العراقي حول قانون الحشد', text)).not.toContain('withdrawal');
    expect(topicsOf('وفد أمريكي في بغداد لبحث انسحاب القوات', text)).toContain('withdrawal');
  });

  it('AR: a verb of reducing missions in the headline (سيخفضون مهامهم العسكرية) counts', () => {
    const text = 'قالت وزارة الدفاع الأمريكية إن الولايات المتحدة وشركاءها في التحالف سيخفضون مهامهم في العراق وفق جدول متفق عليه.';
    expect(topicsOf('واشنطن وشركاؤها سيخفضون مهامهم العسكرية في العراق', text)).toContain('withdrawal');
  });
});

describe('us-strikes: in the headline or told twice', () => {
  it('a Yemen article with one background sentence about strikes in Iraq and Syria is not us-strikes', () => {
    const text =
      'US warships shot down drones launched by the Houthis over the Red Sea on Tuesday, the Navy said. The Houthis have ' +
      'targeted shipping for weeks. Iran-backed militias have also attacked US forces in Iraq and Syria, and after several ' +
      'rounds of retaliatory strikes Washington hit dozens of their sites last month.';
    expect(topicsOf('Navy downs Houthi drones over the Red Sea', text)).not.toContain('us-strikes');
  });

  it('a US strike told in its own paragraph (clause, then "the strikes…") is us-strikes', () => {
    const text =
      'Markets in Baghdad were calm on Friday. Overnight, the United States carried out airstrikes on weapons depots used by ' +
      'Iran-backed militias near the Syrian border town of al-Qaim. The strikes destroyed three buildings, a spokesman said.';
    expect(topicsOf('Quiet day in Baghdad markets', text)).toContain('us-strikes');
  });

  it('AR: one background sentence about an American raid in an article on another subject does not count', () => {
    const text =
      'ناقش مجلس الوزراء العراقي أزمة الكهرباء في البصرة وسبل زيادة الإنتاج قبل الصيف. ' + 'وكانت فصائل مسلحة قد تعرضت لغارات أمريكية في سوريا العام الماضي.';
    expect(topicsOf('الحكومة العراقية تبحث أزمة الكهرباء', text)).not.toContain('us-strikes');
  });
});

describe('militia-threats: an attack on a US target in the headline', () => {
  it('AR: Katyusha rockets near the US embassy, the armed groups named once in the body', () => {
    const text =
      'سقط صاروخان من طراز كاتيوشا فجر اليوم في المنطقة الخضراء وسط بغداد من دون إصابات، بحسب خلية الإعلام الأمني. ' +
      'ويتوقع مسؤولون أن تصعد الجماعات المسلحة هجماتها في الأسابيع المقبلة.';
    expect(topicsOf('صاروخا كاتيوشا يستهدفان السفارة الأميركية في بغداد', text)).toContain('militia-threats');
  });

  it('EN: rockets at the Green Zone, Iran-backed militias named once', () => {
    const text =
      'Two rockets were fired at Baghdad overnight and intercepted by air defences, Iraqi security officials said. No group ' +
      'claimed the attack; Washington has blamed similar ones on Iran-backed militias.';
    expect(topicsOf('Rockets target Baghdad Green Zone', text)).toContain('militia-threats');
  });

  // The labelling guide's editor counts rockets on a US post as the factions' attack even when no
  // group is named (their weapon, their targets); a rocket with no US post near it is not.
  it('the same headline without any faction in the body is still a militia attack', () => {
    const text = 'A rocket fell inside the Green Zone in Baghdad on Sunday without causing casualties, police said.';
    expect(topicsOf('Rocket hits near the US embassy in Baghdad', text)).toContain('militia-threats');
  });

  it('a rocket on a market, no US post and no faction named, is not a militia attack', () => {
    const text = 'A rocket fell on a market in eastern Baghdad on Sunday without causing casualties, police said. Washington condemned it.';
    expect(topicsOf('Rocket hits a market in Baghdad', text)).not.toContain('militia-threats');
  });

  it('a Houthi drone attack on a US warship is not an Iraqi militia attack', () => {
    const text = 'The Houthis in Yemen said they launched drones at a US destroyer; Iran-backed groups across the region praised the attack.';
    expect(topicsOf('Houthi drones target US forces in the Red Sea', text)).not.toContain('militia-threats');
  });
});

describe('iraq: datelines and Iraqi factions abroad', () => {
  it('a Syria story filed from "ERBIL, Kurdistan Region" is not about Iraq', () => {
    const text =
      'ERBIL, Kurdistan Region - Israeli jets struck positions near Damascus on Tuesday, a war monitor said, killing two ' +
      'fighters of Lebanon’s Hezbollah. Israel rarely comments on its strikes in Syria.';
    expect(topicsOf('Israeli strikes near Damascus kill two', text)).not.toContain('iraq');
  });

  it('the same dateline followed by Kurdish-region news is about Iraq', () => {
    const text =
      'ERBIL, Kurdistan Region - The Kurdistan Regional Government said on Monday it had sent salaries for March after ' +
      'talks with the federal finance ministry, a spokesman told reporters.';
    expect(topicsOf('Salaries sent to public employees', text)).toContain('iraq');
  });

  it('a drone attack in Jordan claimed by the Islamic Resistance in Iraq is Iraqi news (labelling guide)', () => {
    const text =
      'Militants from Iraq launched a drone at a small US outpost in northeast Jordan overnight, wounding dozens of soldiers. ' +
      'Officials in Amman condemned the raid and said the outpost lies close to the border with Syria, where several ' +
      'hundred American soldiers are stationed to train local forces. Medical teams flew the wounded to a hospital in ' +
      'Germany, and the Pentagon said the number of injured could still rise as more troops are examined. ' +
      'Hours later the Islamic Resistance in Iraq claimed responsibility for the attack.';
    expect(topicsOf('Drone attack on US outpost in Jordan', text)).toEqual(expect.arrayContaining(['militia-threats', 'iraq']));
  });

  it('one background mention of an Iraqi faction in a Jordan story does not make it Iraqi news', () => {
    const text =
      'Jordan opened a new border crossing with Saudi Arabia on Monday to ease trade. Officials said traffic would double. ' +
      'The area was calm; last year Kataib Hezbollah attacked an outpost far to the north.';
    expect(topicsOf('Jordan opens new border crossing', text)).not.toContain('iraq');
  });
});

describe('told in passing, and factions as targets', () => {
  it('a US strike named only as the cause of a protest is not a strike article', () => {
    const text =
      'Supporters of Kataib Hezbollah stormed the outer gate of the US embassy in Baghdad on Tuesday following US airstrikes, ' +
      'and set fire to a reception room before security forces pushed them back. The crowd left in the evening after talks.';
    const got = topicsOf('Crowd besieges US embassy in Baghdad', text);
    expect(got).toContain('militia-threats');
    expect(got).not.toContain('us-strikes');
  });

  it('the same strike told over a paragraph, even as a cause, is a strike article', () => {
    const text =
      'Iraqi factions say they have fired more rockets at bases hosting US troops in Iraq since the United States carried out ' +
      'airstrikes on their positions near the border last month. The groups vowed revenge after US strikes killed four of their ' +
      'fighters near Qaim. Iraq condemned the US airstrikes on Iraqi militia positions as a breach of its sovereignty.';
    expect(topicsOf('Factions step up rocket fire on US bases in Iraq', text)).toContain('us-strikes');
  });

  it('an Arabic verb before a faction makes it the subject (verb-subject order), not the target', () => {
    const text =
      'أفادت مصادر محلية بأن الأسواق في بغداد شهدت حركة هادئة طوال الأسبوع الماضي بسبب الأمطار. ' +
      'وقالت وزارة الزراعة إن موسم الحصاد سيبدأ مبكرا هذا العام في محافظات الوسط والجنوب. ' +
      'واستهدفت فصائل عراقية مسلحة قوات أمريكية في شرق سوريا يوم الأحد. ' +
      'واستهدفت فصائل عراقية أخرى قوات أمريكية في غرب العراق مساء الاثنين.';
    expect(topicsOf('أخبار متفرقة من بغداد', text)).toContain('militia-threats');
  });

  it('a faction named as the target of strikes is not a faction attacking', () => {
    const text =
      'The talks continued in Baghdad for a second day on the future of the coalition. They come after US airstrikes against ' +
      'Iraqi militia groups south of the capital last week, which the government called a violation of sovereignty. Both sides ' +
      'said they would meet again next month to discuss training and the timetable.';
    expect(topicsOf('Iraq and coalition resume talks', text)).not.toContain('militia-threats');
  });
});

describe('events told with words the first rules did not anticipate', () => {
  it('an Arabic strike report that names only the aircraft type (a B-52, a Reaper) is a US strike', () => {
    const text =
      'قصفت قاذفات من طراز بي-52 فجر اليوم مخازن أسلحة تابعة لفصائل موالية لإيران قرب البوكمال على الحدود السورية العراقية، ' +
      'ودمرت ثلاثة مستودعات. وقالت مصادر محلية إن الغارات استمرت ساعة كاملة.';
    expect(topicsOf('قاذفات بي-52 تقصف مخازن أسلحة للفصائل قرب البوكمال', text)).toContain('us-strikes');
  });

  it('a parliament resolution on the withdrawal of foreign troops is a withdrawal development, even worded as a demand', () => {
    const text =
      "Iraq's parliament passed a resolution on Sunday demanding the withdrawal of foreign troops from the country. " +
      'The vote obliges the government to set a timetable for the departure of the US-led coalition.';
    expect(topicsOf('Iraqi parliament votes on foreign troops', text)).toContain('withdrawal');
  });
});

describe('back-references to a named faction', () => {
  it('"the group" acting again after the faction was named once adds to the faction evidence', () => {
    const text =
      'Farmers near Kirkuk began the wheat harvest early this year because of the heat, officials said on Monday. ' +
      'Prices in the local market stayed stable through the week, traders in the city said. ' +
      'Separately, the Islamic Resistance in Iraq threatened US forces in the country. ' +
      'The group also claimed an attack on Sunday, without giving details. The group warned that more would follow.';
    expect(topicsOf('Kirkuk harvest starts early', text)).toContain('militia-threats');
  });
});
