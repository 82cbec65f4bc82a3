// Arabic input: digits, spelled-out durations and schedule words; "did you mean" by edit distance.
import { describe, expect, it } from 'vitest';
import { asciiDigits, normaliseArgs } from '../../src/i18n/input.ts';
import { closest, editDistance } from '../../src/i18n/suggest.ts';
import { guessTimezone } from '../../src/i18n/timezones.ts';

describe('Arabic input', () => {
  it('reads Arabic-Indic and Persian digits', () => {
    expect(asciiDigits('٢٤h ۲۴h ٠٨:٠٠')).toBe('24h 24h 08:00');
  });

  it('reads durations and schedules in words, in both languages', () => {
    const cases: [string, string][] = [
      ['iraq ٢٤h', 'iraq 24h'],
      ['العراق ٦ ساعات', 'العراق 6h'],
      ['iraq 2 days', 'iraq 2d'],
      ['iraq آخر ٢٤ ساعة', 'iraq 24h'],
      ['iraq ساعة', 'iraq 1h'],
      ['iraq أسبوع', 'iraq 1w'],
      ['iraq أسبوعين', 'iraq 2w'],
      ['iraq يومين', 'iraq 2d'],
      ['iraq ٣ أيام', 'iraq 3d'],
      ['iraq يومي', 'iraq daily'],
      ['iraq يومياً ٠٨:٠٠ Asia/Baghdad', 'iraq daily 08:00 Asia/Baghdad'],
      ['iraq كل ساعة', 'iraq hourly'],
      ['iraq فوري', 'iraq instant'],
      ['الكل إلغاء', 'all off'],
    ];
    for (const [typed, read] of cases) expect(normaliseArgs(typed), typed).toBe(read);
  });
});

describe('did you mean', () => {
  it('measures edits by code point', () => {
    expect(editDistance('irak', 'iraq')).toBe(1);
    expect(editDistance('العراق', 'عراق')).toBe(2);
  });

  it('finds the closest id, name or alias in either script, and nothing when nothing is near', () => {
    const topics = [
      { value: 'iraq', names: ['iraq', 'Iraq', 'العراق'] },
      { value: 'withdrawal', names: ['withdrawal', 'الانسحاب'] },
    ];
    expect(closest('irak', topics)).toBe('iraq');
    expect(closest('withdrawl', topics)).toBe('withdrawal');
    expect(closest('الأنسحاب', topics)).toBe('withdrawal');
    expect(closest('عراق', topics)).toBe('iraq');
    expect(closest('xyz', topics)).toBeUndefined();
  });

  it('suggests a time zone from its city, in English or Arabic', () => {
    expect(guessTimezone('Baghdad')).toBe('Asia/Baghdad');
    expect(guessTimezone('bagdad')).toBe('Asia/Baghdad');
    expect(guessTimezone('بغداد')).toBe('Asia/Baghdad');
    expect(guessTimezone('qqqqqq')).toBeUndefined();
  });
});
