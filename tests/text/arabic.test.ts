import { describe, expect, it } from 'vitest';
import { accusativeReadings, foldArabic, prefixReadings, stemArabic, termReading } from '../../src/text/arabic.ts';

describe('Arabic orthographic folding', () => {
  it('drops harakat, shadda, sukun, superscript alef and tatweel', () => {
    expect(foldArabic('مُدَرِّسٌ')).toBe('مدرس');
    expect(foldArabic('هٰذا')).toBe('هذا'); // U+0670
    expect(foldArabic('قـــوات')).toBe('قوات');
  });

  it('unifies hamza seats, alef forms, alef maqsura and ta marbuta', () => {
    expect(foldArabic('أحمد')).toBe('احمد');
    expect(foldArabic('إيران')).toBe('ايران');
    expect(foldArabic('آخر')).toBe('اخر');
    expect(foldArabic('ٱلله')).toBe('الله');
    expect(foldArabic('مستشفى')).toBe('مستشفي');
    expect(foldArabic('مدينة')).toBe('مدينه');
    expect(foldArabic('مؤتمر')).toBe('موتمر');
    expect(foldArabic('رئيس')).toBe('رييس');
  });

  it('maps Persian kaf and yeh and Arabic-Indic digits', () => {
    expect(foldArabic('کتاب')).toBe('كتاب');
    expect(foldArabic('ایران')).toBe('ايران');
    expect(foldArabic('٢٠٢٤')).toBe('2024');
    expect(foldArabic('۱۹۹۱')).toBe('1991');
  });

  it('rewrites spelling variants to one form', () => {
    expect(foldArabic('الأميركية')).toBe(foldArabic('الأمريكية'));
    expect(foldArabic('أميركا')).toBe(foldArabic('أمريكا'));
    expect(foldArabic('الميليشيات')).toBe(foldArabic('المليشيات'));
  });
});

describe('attached prefixes and light suffixes', () => {
  it('offers every plausible reading of a prefixed word and always the word itself', () => {
    expect(prefixReadings('وبالقوات')).toEqual(expect.arrayContaining(['وبالقوات', 'بالقوات', 'القوات', 'قوات']));
    expect(prefixReadings('للتحالف')).toContain('تحالف');
    expect(prefixReadings('فالجيش')).toContain('جيش');
  });

  it('keeps words that merely begin with prefix letters as themselves', () => {
    expect(prefixReadings('بغداد')).toContain('بغداد');
    expect(prefixReadings('لبنان')).toContain('لبنان');
    expect(prefixReadings('كركوك')).toContain('كركوك');
  });

  it('does not strip a prefix that would leave fewer than three letters', () => {
    expect(prefixReadings('بلد')).toEqual(['بلد']);
  });

  it('strips light suffixes so singular, feminine and plural forms meet', () => {
    const key = stemArabic('ضربه');
    expect(stemArabic('ضربات')).toBe(key);
    expect(stemArabic(foldArabic('أمريكيون'))).toBe(stemArabic(foldArabic('أمريكية')));
    expect(stemArabic(foldArabic('أمريكيين'))).toBe(stemArabic(foldArabic('أمريكي')));
  });

  it('keeps short stems whole', () => {
    expect(stemArabic('قوات')).toBe('قوات');
  });

  it('reads a topic term without its article but with its own letters', () => {
    expect(termReading('الانسحاب')).toBe('انسحاب');
    expect(termReading('بغداد')).toBe('بغداد');
  });
});

describe('Arabic indefinite accusative', () => {
  it('reads a word ending in the accusative alif without it, stemmed like any reading', () => {
    expect(accusativeReadings(prefixReadings(foldArabic('قصفًا')))).toContain('قصف');
    expect(accusativeReadings(prefixReadings(foldArabic('وهجوما')))).toContain('هجوم');
    expect(accusativeReadings(prefixReadings(foldArabic('انسحابا')))).toContain('انسحاب');
  });

  it('leaves short words alone and adds nothing to words without a final alif', () => {
    expect(accusativeReadings([foldArabic('هذا')])).toEqual([]);
    expect(accusativeReadings([foldArabic('قوات')])).toEqual([]);
  });
});
