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
