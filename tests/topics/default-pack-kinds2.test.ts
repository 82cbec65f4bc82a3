// Round 2 of the kinds of errors seen on the labelled tuning set (each kind seen in several
// articles, never one article's words): each case is written in our own words and pins a general
// rule of the default pack.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: the faction struck, told with its act word a few words away', () => {
  it('AR: "the raid targeted a car … the attack targeted a Nujaba commander": the raid did it, the faction was hit', () => {
    const text =
      'قال مسؤول أمني إن الغارة استهدفت سيارة شرقي بغداد، وإن الهجوم استهدف قائدا في حركة النجباء كان في داخلها. ولم تعلق الحركة ولا السفارة الأمريكية على الحادث حتى المساء.';
    expect(topicsOf('غارة على سيارة شرقي بغداد', text)).not.toContain('militia-threats');
  });

  it('the same faction attacking a US post in its own sentence stays a militia attack', () => {
    const text =
      'An Iraqi Shia militia close to Tehran launched two rockets at a US base in western Anbar on Friday, officials said. The militia said more attacks would follow.';
    expect(topicsOf('Rockets hit US base in Anbar', text)).toContain('militia-threats');
  });
});

describe('default pack: the 2020 killing of Soleimani and the PMF deputy head', () => {
  it('AR: the rockets of the strike that killed them are not a faction firing rockets at an airport', () => {
    const text =
      'قتل قائد فيلق القدس قاسم سليماني ونائب رئيس الحشد الشعبي أبو مهدي المهندس في قصف صاروخي استهدف موكبهما قرب مطار بغداد فجر اليوم. وقال مسؤولون في واشنطن إن الضربة نفذتها القوات الأمريكية.';
    expect(topicsOf('ضربة قرب مطار بغداد', text)).not.toContain('militia-threats');
  });

  it('EN: the PMF deputy head killed beside Soleimani is a victim, not an attacker', () => {
    const text =
      'Qassem Soleimani and the PMF deputy chief Abu Mahdi al-Muhandis were hit by missiles near Baghdad airport overnight, Iraqi television said. The Pentagon said the US carried out the strike.';
    expect(topicsOf('Strike near Baghdad airport', text)).not.toContain('militia-threats');
  });
});

describe('default pack: pledges and ultimatums in an Arabic headline', () => {
  it('AR: a faction pledging to keep up its operations against US forces is a threat', () => {
    const text =
      'قالت الحركة في بيان مقتضب صدر مساء اليوم إنها ماضية في طريقها ولن تتراجع، وإن قرارها لا رجعة فيه بحسب قادتها. ولم يصدر تعليق من السفارة في بغداد.';
    expect(topicsOf('النجباء تتعهد بمواصلة عملياتها ضد القوات الأمريكية', text)).toContain('militia-threats');
  });

  it('AR: a faction telling the Americans to leave or bear the losses is a threat, not a withdrawal', () => {
    const text = 'قال قيادي في الحركة إن على الأمريكيين أن يختاروا بين الرحيل عن البلاد أو دفع الثمن، مضيفا أن صبر الفصائل بدأ ينفد. ولم يصدر تعليق من واشنطن.';
    const got = topicsOf('كتائب حزب الله: لا خيار أمام الأمريكيين سوى مغادرة العراق أو تحمل الخسائر', text);
    expect(got).toContain('militia-threats');
    expect(got).not.toContain('withdrawal');
  });
});

describe('default pack: a pullout told in the title by other words', () => {
  it('EN: a parliament voting to expel "United States forces" is withdrawal news', () => {
    const text =
      'Lawmakers in Baghdad approved a resolution on Sunday asking the government to end the presence of foreign forces in the country. The vote is not binding on the cabinet.';
    expect(topicsOf('Iraqi lawmakers vote to expel United States forces', text)).toContain('withdrawal');
  });

  it('AR: the last convoy of American soldiers crossing the border out of Iraq is withdrawal news', () => {
    const text =
      'عبر آخر رتل من القوات الأمريكية الحدود نحو الكويت صباح اليوم، ليكتمل بذلك انسحاب القوات الأمريكية من العراق بعد سنوات من الوجود العسكري. وقال ضباط إن الرحلة استغرقت ساعات.';
    expect(topicsOf('آخر قافلة من الجنود الأمريكيين تعبر الحدود من العراق إلى الكويت', text)).toContain('withdrawal');
  });

  it('a convoy crossing into Iraq with no pullout in the text is not withdrawal news', () => {
    const text =
      'A convoy of coalition trucks carrying supplies crossed into Iraq from Kuwait on Monday, officials said. The trucks reached a base near Nasiriyah.';
    expect(topicsOf('Coalition convoy crosses into Iraq', text)).not.toContain('withdrawal');
  });
});

describe('default pack: a report of the 2020 killing itself', () => {
  it('AR: a headline telling Soleimani killed in an air raid makes the report a US strike, however often he is named', () => {
    const text =
      'قتل قائد فيلق القدس الإيراني قاسم سليماني ونائب رئيس هيئة الحشد الشعبي فجر اليوم قرب مطار بغداد. وكان سليماني قد وصل إلى بغداد قادما من دمشق، بحسب مصادر عراقية. وأكد مسؤولون في واشنطن أن الولايات المتحدة قصفت موكب سليماني. ونعت طهران سليماني وتوعدت بالرد.';
    expect(topicsOf('مقتل سليماني بغارة جوية قرب مطار بغداد', text)).toContain('us-strikes');
  });

  it('EN: an anniversary of the killing, with no strike in its headline, is not a US strike', () => {
    const text =
      'Thousands gathered on the airport road in Baghdad to mark the anniversary of the killing of Soleimani and al-Muhandis in a US strike. Speakers praised Soleimani and called for the expulsion of foreign forces.';
    expect(topicsOf('Iraqis mark anniversary of Soleimani killing', text)).not.toContain('us-strikes');
  });
});

describe('default pack: Arabic killing verbs before the US', () => {
  it('AR: «whom America assassinated» in a headline names the US as striker without an object after it', () => {
    const text =
      'يستعرض هذا التقرير سيرة القيادي في كتائب حزب الله الذي قتل مساء الأربعاء في شرق بغداد. وكان القيادي قد تولى مسؤوليات ميدانية عدة في الحشد خلال السنوات الماضية بحسب مقربين منه.';
    expect(topicsOf('من هو القيادي في كتائب حزب الله الذي اغتالته أمريكا في بغداد؟', text)).toContain('us-strikes');
  });
});
