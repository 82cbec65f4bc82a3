import { describe, expect, it } from 'vitest';
import { analyseTerm, tokenise } from '../../src/text/tokenise.ts';
import { stemLatin } from '../../src/text/english.ts';

function slices(text: string): string[] {
  return tokenise(text).map((t) => text.slice(t.start, t.end));
}

describe('tokenise', () => {
  it('keeps UTF-16 offsets into the original text, diacritics and tatweel included', () => {
    const text = 'قالَ الـمتحدثُ: القُوّاتُ، وصلت؟';
    const toks = tokenise(text);
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual(['قالَ', 'الـمتحدثُ', 'القُوّاتُ', 'وصلت']);
    expect(toks[2]!.norm).toBe('القوات');
  });

  it('splits on Arabic punctuation (، ؛ ؟) and on a change of script', () => {
    expect(slices('بغداد،أربيل؛كركوك؟')).toEqual(['بغداد', 'أربيل', 'كركوك']);
    expect(slices('ISISداعش')).toEqual(['ISIS', 'داعش']);
  });

  it('gives every word of an NFKC-expanded ligature the span of the ligature', () => {
    const text = 'x ﷲ y';
    const toks = tokenise(text);
    expect(toks[1]!.norm).toBe('الله');
    expect(text.slice(toks[1]!.start, toks[1]!.end)).toBe('ﷲ');
  });

  it('folds US, U.S. and USA to the country and leaves the pronoun alone', () => {
    const norms = tokenise('US U.S. U.S.A. USA told us').map((t) => t.norm);
    expect(norms).toEqual(['usa', 'usa', 'usa', 'usa', 'told', 'us']);
  });

  it('reads "us" as the country in a text without capitals (a URL-slug title)', () => {
    expect(tokenise('us strikes militia sites').map((t) => t.norm)[0]).toBe('usa');
  });

  it('drops possessive endings and inner apostrophes', () => {
    expect(tokenise("Iraq's Kata'ib").map((t) => t.norm)).toEqual(['iraq', 'kataib']);
  });

  it('splits hyphenated words so a hyphenated term becomes a phrase', () => {
    expect(analyseTerm('US-led').map((w) => w.key)).toEqual(['usa', 'led']);
  });
});

describe('English light inflection folding', () => {
  it('meets singular, plural and verb forms', () => {
    expect(stemLatin('strikes')).toBe(stemLatin('strike'));
    expect(stemLatin('striking')).toBe(stemLatin('strike'));
    expect(stemLatin('attacked')).toBe(stemLatin('attack'));
    expect(stemLatin('militias')).toBe(stemLatin('militia'));
    expect(stemLatin('allies')).toBe(stemLatin('ally'));
    expect(stemLatin('planned')).toBe(stemLatin('plan'));
  });

  it('leaves short words and words ending in -us/-is/-ss alone', () => {
    expect(stemLatin('gas')).toBe('gas');
    expect(stemLatin('isis')).toBe('isis');
    expect(stemLatin('class')).toBe('class');
  });
});
