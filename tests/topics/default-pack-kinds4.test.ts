// Round 4 of the kinds of errors seen on the labelled tuning set (each kind seen in three or more
// articles, never one article's words): each case is written in our own words and pins a general
// rule of the default pack, with a guard where the rule could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

// Two lead sentences about the strike itself, so the factions' attacks are one body sentence deep.
const STRIKE_LEAD_EN =
  'American warplanes bombed several warehouses and a command post near the border town before dawn on Friday, officials said. ' +
  'Local residents reported loud explosions for nearly an hour and said ambulances were seen heading toward the area afterwards. ';
const STRIKE_LEAD_AR =
  'قصفت طائرات حربية عدة مستودعات ومقرا للقيادة قرب البلدة الحدودية فجر الجمعة بحسب ما أفاد به مسؤولون محليون. ' +
  'وقال سكان إنهم سمعوا انفجارات متتالية قرابة ساعة كاملة وإن سيارات الإسعاف توجهت إلى المنطقة بعد ذلك بقليل. ';

describe('default pack: a US strike headline over the factions attacks it answers', () => {
  it('EN: the attacks on US troops told once, below a headline about the US strikes', () => {
    const text = STRIKE_LEAD_EN + 'The Pentagon said the raids answered weeks of rocket fire by Kataib Hezbollah on bases where American troops serve.';
    expect(topicsOf('US strikes weapons depots in eastern Syria', text)).toContain('militia-threats');
  });

  it('AR: «ردا على» the rocket attacks, told once, below a headline «غارات أمريكية»', () => {
    const text = STRIKE_LEAD_AR + 'وذكر البنتاغون أن الغارات جاءت ردا على هجمات صاروخية شنتها كتائب حزب الله على قواعد يتمركز فيها جنود أمريكيون.';
    expect(topicsOf('غارات أمريكية على مستودعات شرق سوريا', text)).toContain('militia-threats');
  });

  it('guard: a US strike headline whose faction is only what was hit is still not militia news', () => {
    const text =
      STRIKE_LEAD_EN + 'A senior Kataib Hezbollah commander was killed in the raid, and the Iraqi government condemned it as a breach of sovereignty.';
    expect(topicsOf('US strikes weapons depots in eastern Syria', text)).not.toContain('militia-threats');
  });

  it('guard: without the headline the same single sentence stays a mention in passing', () => {
    const text = STRIKE_LEAD_EN + 'The Pentagon said the raids answered weeks of rocket fire by Kataib Hezbollah on bases where American troops serve.';
    expect(topicsOf('Explosions heard near the border overnight', text)).not.toContain('militia-threats');
  });
});
