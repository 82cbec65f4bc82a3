// Numbers and day expressions in both languages, as event signatures read them.
import { describe, expect, it } from 'vitest';
import { numberValue } from '../../src/text/numbers.ts';
import { dayOf, firstDay, type DayWord } from '../../src/text/dates.ts';
import { tokenise } from '../../src/text/tokenise.ts';

const words = (s: string): DayWord[] => tokenise(s).map((t) => ({ norm: t.norm, forms: t.forms }));
const day = (iso: string) => dayOf(Date.parse(iso));

describe('numberValue', () => {
  it('reads digits, Arabic-Indic digits, thousands and number words in both languages', () => {
    expect(numberValue('85')).toBe(85);
    expect(numberValue('٨٥')).toBe(85);
    expect(numberValue('1,200')).toBe(1200);
    expect(numberValue('three')).toBe(3);
    expect(numberValue('Five')).toBe(5);
    expect(numberValue('ثلاثة')).toBe(3);
    expect(numberValue('خمس')).toBe(5);
    expect(numberValue('وأربعة')).toBe(4);
    expect(numberValue('عشرين')).toBe(20);
    expect(numberValue('drone')).toBeUndefined();
    expect(numberValue('بغداد')).toBeUndefined();
    expect(numberValue('constructor')).toBeUndefined();
  });
});

describe('firstDay', () => {
  // Wednesday 6 December 2023, noon UTC.
  const pub = Date.parse('2023-12-06T12:00:00Z');

  it('resolves weekdays to the latest such day on or before publication', () => {
    expect(firstDay(words('A drone hit the base on Monday'), pub)).toBe(day('2023-12-04'));
    expect(firstDay(words('استهدفت مسيرة القاعدة يوم الاثنين'), pub)).toBe(day('2023-12-04'));
    expect(firstDay(words('attack on Wednesday'), pub)).toBe(day('2023-12-06'));
  });

  it('resolves yesterday / today / last night in both languages', () => {
    expect(firstDay(words('Rockets hit the zone yesterday'), pub)).toBe(day('2023-12-05'));
    expect(firstDay(words('قصف صاروخي أمس على المنطقة'), pub)).toBe(day('2023-12-05'));
    expect(firstDay(words('هجوم اليوم'), pub)).toBe(day('2023-12-06'));
    expect(firstDay(words('explosions heard last night'), pub)).toBe(day('2023-12-05'));
    expect(firstDay(words('انفجارات الليلة الماضية'), pub)).toBe(day('2023-12-05'));
  });

  it('reads explicit dates with and without a year, in both month-name families', () => {
    expect(firstDay(words('On December 3, the strike'), pub)).toBe(day('2023-12-03'));
    expect(firstDay(words('on 3 Dec 2023'), pub)).toBe(day('2023-12-03'));
    expect(firstDay(words('في 3 كانون الأول'), pub)).toBe(day('2023-12-03'));
    expect(firstDay(words('في ٣ ديسمبر'), pub)).toBe(day('2023-12-03'));
  });

  it('does not take "last Monday" as a report\'s own day: it recalls an earlier happening', () => {
    expect(firstDay(words('Rockets hit the camp again, after last Monday’s attack'), pub)).toBeUndefined();
    expect(firstDay(words('وكان هجوم الاثنين الماضي قد أوقع قتلى'), pub)).toBeUndefined();
    expect(firstDay(words('هجوم الاثنين الفائت على القاعدة'), pub)).toBeUndefined();
    // The report's own day is still read beside it.
    expect(firstDay(words('Rockets hit the camp on Wednesday, after last Monday’s attack'), pub)).toBe(day('2023-12-06'));
  });

  it('ignores future references and dates far from publication', () => {
    expect(firstDay(words('talks resume next Monday'), pub)).toBeUndefined();
    expect(firstDay(words('الاجتماع الاثنين المقبل'), pub)).toBeUndefined();
    expect(firstDay(words('the 2011 withdrawal on December 18, 2011'), pub)).toBeUndefined();
    expect(firstDay(words('troops may stay'), pub)).toBeUndefined();
    expect(firstDay(words('the constructor toString valueOf'), pub)).toBeUndefined();
  });
});
