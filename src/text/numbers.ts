// Numbers as news writes them, in both languages: digits (ASCII or Arabic-Indic, with thousands
// separators), English number words ("three", "twenty-five", "a dozen") and Arabic number words
// (ثلاثة، خمس، عشرات…), read one folded word at a time. Used by event signatures to tell "three
// killed" from "five killed"; it does not try to read long spelled-out numbers.
import { foldArabic } from './arabic.ts';

const EN_WORDS_RAW: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  dozens: 24,
  hundreds: 200,
  thousand: 1000,
  thousands: 2000,
  single: 1,
  pair: 2,
  couple: 2,
};

// Arabic number words in the folded spelling (ة → ه, أ → ا, ى → ي); masculine and feminine forms
// and the accusative/genitive of the tens. "عشرات" (tens of) and "مئات" (hundreds of) are
// vague but still tell a handful from dozens.
const AR_WORDS_RAW: Record<string, number> = {
  واحد: 1,
  واحدة: 1,
  اثنان: 2,
  اثنين: 2,
  اثنتان: 2,
  اثنتين: 2,
  ثلاث: 3,
  ثلاثة: 3,
  أربع: 4,
  أربعة: 4,
  خمس: 5,
  خمسة: 5,
  ست: 6,
  ستة: 6,
  سبع: 7,
  سبعة: 7,
  ثمان: 8,
  ثماني: 8,
  ثمانية: 8,
  تسع: 9,
  تسعة: 9,
  عشر: 10,
  عشرة: 10,
  عشرون: 20,
  عشرين: 20,
  ثلاثون: 30,
  ثلاثين: 30,
  أربعون: 40,
  أربعين: 40,
  خمسون: 50,
  خمسين: 50,
  ستون: 60,
  ستين: 60,
  سبعون: 70,
  سبعين: 70,
  ثمانون: 80,
  ثمانين: 80,
  تسعون: 90,
  تسعين: 90,
  مئة: 100,
  مائة: 100,
  مئتين: 200,
  مئتان: 200,
  ألف: 1000,
  آلاف: 2000,
  عشرات: 24,
  مئات: 200,
};
// Maps, not objects: a word such as "constructor" must not find Object.prototype.
const EN_WORDS = new Map(Object.entries(EN_WORDS_RAW));
const AR_WORDS = new Map<string, number>(Object.entries(AR_WORDS_RAW).map(([w, n]) => [foldArabic(w), n]));

/**
 * The value of one word if it is a number: digits (already folded to ASCII by the tokeniser, or
 * Arabic-Indic here), "1,200" / "1.200" / "1٬200" as thousands, English and Arabic number words
 * (with an attached و "and" or ب/ل). Undefined for anything else.
 */
export function numberValue(word: string): number | undefined {
  return foldedNumberValue(foldArabic(word.normalize('NFKC')).toLowerCase());
}

/** numberValue of a word already folded by the tokeniser (Token.norm): no folding, cheap on non-numbers. */
export function foldedNumberValue(w: string): number | undefined {
  const c = w.charCodeAt(0);
  // Most words are not numbers: a digit, a Latin letter or an Arabic letter may start one.
  if (!(c >= 48 && c <= 57) && !EN_WORDS.has(w) && !AR_WORDS.has(w) && !(w.length > 3 && AR_WORDS.has(w.slice(1)))) return undefined;
  if (/^\d{1,3}(?:[,.\u066c]\d{3})+$/.test(w)) return Number(w.replace(/[,.\u066c]/g, ''));
  if (/^\d+$/.test(w)) return w.length > 9 ? undefined : Number(w);
  const en = EN_WORDS.get(w);
  if (en !== undefined) return en;
  const ar = AR_WORDS.get(w);
  if (ar !== undefined) return ar;
  // و / ب / ل attached: وثلاثة (and three), بخمسة (with five).
  if (w.length > 3 && 'وبل'.includes(w[0]!)) return AR_WORDS.get(w.slice(1));
  return undefined;
}

// Words that multiply the number before them: "three thousand", «ثلاثة آلاف» (3,000), "two hundred".
const SCALES = new Map<string, number>([
  ['hundred', 100],
  ['thousand', 1000],
  ...['مئة', 'مائة', 'ألف', 'آلاف'].map((w): [string, number] => [foldArabic(w), w.startsWith('م') ? 100 : 1000]),
]);

/** The multiplier a word already folded by the tokeniser (Token.norm) is ("thousand", «آلاف»), if any. */
export function foldedScale(w: string): number | undefined {
  return SCALES.get(w);
}

/** True for the tens (20, 30 … 90): "twenty five" / "خمسة وعشرين" combine with a unit. */
export function isTens(n: number): boolean {
  return n >= 20 && n <= 90 && n % 10 === 0;
}
