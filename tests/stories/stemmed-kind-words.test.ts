// Kind words in English are light-stemmed, so a listed word also catches every word sharing its
// stem. "According to officials" and "resulted in" open a great many English leads; read as an
// agreement and a vote they added kinds the Arabic report of the same happening never has, and
// the two no longer agreed on what happened. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import { extractSignature } from '../../src/stories/signature.ts';
import { sketchOf } from '../../src/stories/sketch.ts';
import { compare, joins } from '../../src/stories/decide.ts';

const at = Date.parse('2024-05-16T18:00:00Z');
// Both reports matched the same topic, as the pack would have matched them.
const sigOf = (title: string, text: string, lang?: string) =>
  extractSignature({ title, text, publishedMs: at, topics: ['militia-threats'], ...(lang ? { lang } : {}) });

const english = {
  title: 'Seven US troops wounded in joint raid on Islamic State militants',
  text: 'Seven American troops were wounded on Thursday in a joint raid with Iraqi forces in the Anbar desert that resulted in the deaths of 15 militants, according to officials.',
  lang: 'en',
};
const arabic = {
  title: 'إصابة 7 جنود أمريكيين في عملية ضد داعش في الأنبار',
  text: 'أصيب 7 جنود أمريكيين يوم الخميس في عملية مشتركة مع القوات العراقية استهدفت مسلحين من داعش في صحراء الأنبار.',
  lang: 'ar',
};

describe('English kind words and their stems', () => {
  it('"according to" is no agreement and "resulted in" no vote', () => {
    const sig = sigOf(english.title, english.text);
    expect(sig.kinds).toContain('casualties');
    expect(sig.kinds).not.toContain('agreement');
    expect(sig.kinds).not.toContain('vote');
  });

  it('an accord signed and election results still name their kinds', () => {
    expect(sigOf('Baghdad and Ankara sign water deal', 'The two governments signed the deal on Monday.').kinds).toContain('agreement');
    expect(sigOf('Election results announced in Kirkuk', 'The commission published the election results on Monday.').kinds).toContain('vote');
  });

  it('the English and the Arabic report of one raid join', () => {
    const cmp = (o: typeof english) => ({ sketch: sketchOf(o), sig: sigOf(o.title, o.text, o.lang) });
    const d = compare(cmp(arabic), cmp(english), true);
    expect(d.reasons).toContain('same kind: casualties');
    expect(joins(d)).toBe(true);
  });
});
