// Round 6 of the kinds of errors seen on labelled data (the seventh tuning round, on all of set S; each kind
// seen in three or more articles, never one article's words): each case is written in our own words and pins
// a general rule of the default pack, with a guard where the rule could over-fire.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: the Iranian state attacking is neither the factions nor a US strike', () => {
  it('EN: a report of Iran firing at US bases that recalls the US drone strike it answers is not a US strike', () => {
    // The Iranian salvo fills more sentences than the US strike told in passing: a rival story.
    const text =
      'Iran fired a volley of ballistic missiles at two bases in Iraq housing American soldiers overnight, the Pentagon said. ' +
      'The attack came days after a US drone strike in Baghdad killed Qassem Soleimani. ' +
      'US officials said the strikes hit hangars and a runway at the larger base. ' +
      'A US commander said the strikes wounded no one because troops had taken shelter. ' +
      'The Revolutionary Guard said it launched the missiles to avenge the Quds Force commander. ' +
      'Tehran fired them from its own soil, a US official added. ' +
      'Iran fired a second salvo at Erbil an hour later.';
    expect(topicsOf('Iran fires missiles at bases in Iraq hosting US soldiers', text)).not.toContain('us-strikes');
  });

  it('AR: «الحرس الثوري قصف» (the Guards, masculine) is the state attacking, not the factions', () => {
    const text =
      'ذكر التلفزيون الرسمي في طهران أن الحرس الثوري قصف فجر اليوم قاعدة جوية في غرب العراق يتمركز فيها جنود أمريكيون بعدد من الصواريخ. ' +
      'وأكد مسؤول أمني عراقي سقوط ثمانية صواريخ على الأقل داخل القاعدة. ' +
      'وقال البيت الأبيض إنه يتابع التقارير عن الهجوم على المنشآت الأمريكية في العراق.';
    expect(topicsOf('أول رد عسكري من طهران على قاعدة في العراق', text)).not.toContain('militia-threats');
  });

  it('AR: a headline of «صواريخ إيران» hitting a US base is the state attacking', () => {
    const text =
      'يستعرض هذا التقرير تاريخ القاعدة الجوية الواقعة في محافظة الأنبار غرب العراق وأهميتها للقوات الأمريكية منذ سنوات. ' +
      'وكان الحرس الثوري الإيراني قد أعلن فجر اليوم استهدافها بعدد من الصواريخ.';
    expect(topicsOf('قاعدة عين الأسد الأمريكية التي ضربتها صواريخ إيران: ماذا نعرف عنها؟', text)).not.toContain('militia-threats');
  });

  it('guard: AR «صواريخ إيرانية الصنع» fired by a named faction is still the factions attacking', () => {
    const text =
      'أعلنت كتائب حزب الله مسؤوليتها عن قصف قاعدة عين الأسد التي تضم قوات أمريكية بصواريخ إيرانية الصنع. ' +
      'وقالت مصادر أمنية إن صاروخين سقطا قرب مدرج القاعدة دون أن يسفرا عن إصابات.';
    expect(topicsOf('كتائب حزب الله تقصف قاعدة عين الأسد بالصواريخ', text)).toContain('militia-threats');
  });

  it('guard: a US strike story that mentions Iran firing in passing is still a US strike', () => {
    const text =
      'US warplanes struck two weapons depots of Kataib Hezbollah near al-Qaim on Friday, the Pentagon said. ' +
      'The strikes destroyed rocket stores and a command post used by the militia, officials said. ' +
      'Last year Iran fired missiles at a base in Anbar.';
    expect(topicsOf('US strikes Kataib Hezbollah depots in western Iraq', text)).toContain('us-strikes');
  });
});
