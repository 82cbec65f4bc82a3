// Round 8 of the kinds of errors seen on labelled data (the ninth tuning round, militia-threats and us-strikes;
// each kind seen in three or more articles, never one article's words): each case is written in our own words
// and pins a general rule of the default pack, with a guard where the rule could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: the attacks a US strike answers, told as attacks on US personnel by unmanned aerial vehicles', () => {
  it('EN: sites "used to launch unmanned aerial vehicle attacks against US personnel" tell the factions’ attacks', () => {
    const text =
      'US jets struck three sites on the Syrian border overnight that officials said were used by Iran-backed militia groups. ' +
      'A Pentagon spokesman said the groups had been using the sites to launch unmanned aerial vehicle attacks against US personnel in Iraq. ' +
      'He said the raids were meant to deter further attacks on US service members. ' +
      'The Syrian government condemned the raids.';
    expect(topicsOf('US jets strike sites on the Syrian border', text)).toContain('militia-threats');
  });

  it('guard: an American unmanned aerial vehicle that hits the faction is the striker, not the faction’s attack', () => {
    const text =
      'An American unmanned aerial vehicle struck a car carrying two Kataib Hezbollah fighters on a road near Qaim on Tuesday, Iraqi police said. ' +
      'The fighters were killed. Kataib Hezbollah said it would bury them in Karbala.';
    expect(topicsOf('Car hit on road near Qaim', text)).not.toContain('militia-threats');
  });
});

describe('default pack: a faction demanding that US forces leave is militia-threats', () => {
  it('EN: a faction leader’s "American troops must leave Iraq" headline', () => {
    const text =
      'The leader of Asaib Ahl al-Haq told supporters in Baghdad on Friday that it was time for the Americans to go. ' +
      'He said the government had been too patient with Washington. Parliament has debated the foreign presence several times.';
    expect(topicsOf('Asaib Ahl al-Haq chief: American troops must leave Iraq this year', text)).toContain('militia-threats');
  });

  it('EN: "Kataib Hezbollah demanded the withdrawal of all US forces" in the lead', () => {
    const text =
      'A senior Kataib Hezbollah official demanded on Monday the withdrawal of all US forces from Iraq, saying the resistance would not accept any foreign soldier on Iraqi land. ' +
      'The official spoke at a rally in Basra. Thousands attended.';
    expect(topicsOf('Faction leader speaks in Basra', text)).toContain('militia-threats');
  });

  it('AR: «دعا الأمين العام للنجباء إلى إخراج القوات الأمريكية» (the faction’s name between the call and the exit)', () => {
    const text =
      'دعا الأمين العام لحركة النجباء يوم الجمعة إلى إخراج القوات الأمريكية من العراق، وقال إن الشعب لن يقبل بقاء أي جندي أجنبي. ' +
      'وألقى الكلمة أمام حشد من أنصاره في بغداد.';
    expect(topicsOf('كلمة لزعيم فصيل في بغداد', text)).toContain('militia-threats');
  });

  it('guard: a faction welcoming a pullout that happened is not a demand', () => {
    const text =
      'Kataib Hezbollah on Sunday welcomed the withdrawal of US forces from the Ain al-Asad base, calling it a victory for Iraq. ' +
      'The group said it was watching the remaining American troops in Erbil. The Iraqi army took over the base.';
    expect(topicsOf('Kataib Hezbollah statement', text)).not.toContain('militia-threats');
  });
});

describe('default pack: a response to the Soleimani killing is not the factions’ attack', () => {
  it('EN: a base "struck in 2020 in response to the killing of Soleimani", told in a pullout story, is not militia-threats', () => {
    const text =
      'The last American soldiers left the Ain al-Asad air base in Anbar on Saturday and handed it to the Iraqi army, officials said. ' +
      'The base became famous when it was struck in 2020 in response to the killing of Soleimani and al-Muhandis near Baghdad airport. ' +
      'Iraqi officers toured the empty hangars. ' +
      'Kataib Hezbollah and other Iran-backed groups have long campaigned against the American presence. ' +
      'The handover follows an agreement between Baghdad and Washington.';
    expect(topicsOf('Last American soldiers leave the Ain al-Asad base', text)).not.toContain('militia-threats');
  });

  it('guard: a US strike in response to a faction’s rocket attack still tells the attack', () => {
    const text =
      'Rockets hit a base hosting US troops in Anbar on Tuesday, the coalition said. ' +
      'Washington said the attack was carried out by Kataib Hezbollah. ' +
      'The US struck back in response to the attack, hitting two sites of the group.';
    expect(topicsOf('Rockets hit US base in western Iraq', text)).toContain('militia-threats');
  });
});

describe('default pack: «طالب» (demanded, or the name Taleb) is not the Taliban', () => {
  it('AR: strikes from the air that kill faction members, each next to «وطالب», are a US strike story', () => {
    const text =
      'قتل قيادي في كتائب حزب الله بغارة جوية على سيارته في بغداد فجر الجمعة، وطالب نواب بالتحقيق في الحادث. ' +
      'وأسفرت غارة ثانية عن مقتل اثنين من عناصر الكتائب قرب القائم، وطالب الحشد الحكومة بموقف واضح. ' +
      'ولم تعلن أي جهة مسؤوليتها.';
    expect(topicsOf('مقتل قيادي في الحشد ببغداد', text)).toContain('us-strikes');
  });

  it('guard: the Taliban named next to the strike still make it another theatre', () => {
    const text =
      'قتل قيادي في كتائب حزب الله بغارة جوية على سيارته في بغداد فجر الجمعة، وأعلنت حركة طالبان في كابول أنها تتابع الحادث. ' + 'ولم تعلن أي جهة مسؤوليتها.';
    expect(topicsOf('مقتل قيادي في الحشد ببغداد', text)).not.toContain('us-strikes');
  });
});

describe('default pack: a faction right after a US strike verb is what was struck', () => {
  it('EN: "US aircraft struck Kataib Hezbollah sites" is a US strike, not the faction’s attack', () => {
    const text =
      'US aircraft struck Kataib Hezbollah sites in western Iraq on Sunday, officials said. ' +
      'The Pentagon said American jets hit weapons depots of the militia near Qaim. ' +
      'Iraqi officials said four fighters were killed.';
    const topics = topicsOf('US aircraft strike militia sites in western Iraq', text);
    expect(topics).toContain('us-strikes');
    expect(topics).not.toContain('militia-threats');
  });

  it('guard: "struck by Kataib Hezbollah" still names the faction as the attacker', () => {
    const text =
      'A base hosting US troops in western Iraq was struck by Kataib Hezbollah on Sunday, officials said. The US said the rockets caused no casualties.';
    expect(topicsOf('Base in western Iraq hit', text)).toContain('militia-threats');
  });

  it('guard: the faction’s attack that a US strike answered still counts when the article tells it', () => {
    const text =
      'US jets struck Kataib Hezbollah sites in western Iraq on Sunday, the Pentagon said. ' +
      'The raids came two days after Kataib Hezbollah fired a salvo of rockets at a base hosting US troops near Baghdad, wounding two American soldiers. ' +
      'The militia said it would keep attacking the Americans.';
    expect(topicsOf('US jets strike Kataib Hezbollah in western Iraq', text)).toContain('militia-threats');
  });
});
