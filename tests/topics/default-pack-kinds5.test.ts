// Round 5 of the kinds of errors seen on the labelled tuning set (each kind seen in three or more
// articles, never one article's words): each case is written in our own words and pins a general
// rule of the default pack, with a guard where the rule could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: the Iranian state firing at US bases is not the factions', () => {
  it('EN: Iran itself fires missiles at bases hosting US troops', () => {
    const text =
      'Iran fired more than a dozen ballistic missiles at two bases in Iraq that host American troops early on Wednesday, the Pentagon said. ' +
      'The rockets landed inside the Ain al-Asad base in Anbar and near a base in Erbil, officials said.';
    expect(topicsOf('Iran fires ballistic missiles at US bases in Iraq', text)).not.toContain('militia-threats');
  });

  it('AR: «إيران ترد بقصف صاروخي» and «أعلن الحرس الثوري … إطلاق»', () => {
    const text =
      'أعلن الحرس الثوري الإيراني فجر اليوم إطلاق عدد كبير من الصواريخ على قاعدة عين الأسد التي تضم جنودا أمريكيين غرب العراق. ' +
      'وقالت مصادر أمنية إن الصواريخ سقطت داخل القاعدة وألحقت أضرارا بعدد من المباني دون أن تعرف حصيلة الإصابات.';
    expect(topicsOf('إيران ترد بقصف صاروخي على قاعدة أمريكية في العراق', text)).not.toContain('militia-threats');
  });

  it('AR: Iran answering a killing with missiles is not a US strike either', () => {
    const text =
      'أطلقت إيران فجر اليوم صواريخ على قاعدتين تضمان جنودا أمريكيين في العراق، وقال الحرس الثوري في بيان إن القصف رد على مقتل سليماني. ' +
      'ولم تعلن وزارة الدفاع الأمريكية حتى الآن عن حجم الأضرار التي لحقت بالقاعدتين أو عن وقوع إصابات.';
    expect(topicsOf('إيران ترد على مقتل سليماني بقصف صاروخي على قواعد أمريكية', text)).not.toContain('us-strikes');
  });

  it('guard: Iran named as the backer of the militias that fired keeps the attack theirs', () => {
    const text =
      'Pro-Iran militias fired several rockets at a base in Iraq that hosts US troops late on Tuesday, officials said. ' +
      'The rockets struck near the runway of the Ain al-Asad base, causing minor damage.';
    expect(topicsOf('Rockets hit base hosting US troops in western Iraq', text)).toContain('militia-threats');
  });

  it('guard: AR «الفصائل الموالية لإيران شنت» is the factions attacking', () => {
    const text =
      'قالت مصادر أمنية إن الفصائل الموالية لإيران شنت هجوما بالصواريخ على قاعدة عين الأسد التي تضم قوات أمريكية. ' +
      'وأضافت أن صاروخين سقطا قرب مدرج القاعدة دون أن يسفرا عن إصابات.';
    expect(topicsOf('هجوم صاروخي على قاعدة عين الأسد غرب العراق', text)).toContain('militia-threats');
  });
});
