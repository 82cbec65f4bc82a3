// What people type in Arabic (and in words), read as the forms the argument parser knows:
// Arabic-Indic (٠-٩) and Persian (۰-۹) digits become ASCII digits, "٦ ساعات" / "2 days" become 6h /
// 2d, "يومياً ٠٨:٠٠" becomes "daily 08:00", "كل ساعة" "hourly".

/** ٠-٩ (U+0660) and ۰-۹ (U+06F0) as 0-9; the Arabic decimal and time separators as "." and ":". */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.');
}

// Arabic letters are not \w, so word edges are spaces or the ends of the text.
const START = '(?<=^|\\s)';
const END = '(?=\\s|$)';
const word = (alternatives: string) => new RegExp(`${START}(?:${alternatives})${END}`, 'giu');

/** Unit words: [the unit letter, words meaning one, words meaning two, plural words]. */
const UNITS: readonly (readonly [string, string, string, string])[] = [
  ['m', 'دقيقة|دقيقه', 'دقيقتين|دقيقتان', 'دقائق|minutes?|mins?'],
  ['h', 'ساعة|ساعه', 'ساعتين|ساعتان', 'ساعات|hours?|hrs?'],
  ['d', 'يوم', 'يومين|يومان', 'أيام|ايام|days?'],
  ['w', 'أسبوع|اسبوع', 'أسبوعين|اسبوعين|أسبوعان|اسبوعان', 'أسابيع|اسابيع|weeks?'],
];

/** Schedule words, longest first ("كل ساعة" before the duration "ساعة"). */
const SCHEDULES: readonly [RegExp, string][] = [
  [word('كل\\s+ساعة|كل\\s+ساعه|ساعي|ساعياً|ساعيا'), 'hourly'],
  [word('يومي|يومياً|يوميًا|يوميا|كل\\s+يوم'), 'daily'],
  [word('فوري|فوراً|فورًا|فورا|حالاً|حالا'), 'instant'],
];

/**
 * Other words commands take as they are: "الكل" (all), "إلغاء" (off), and /subscribe's settings
 * ("الصور إيقاف" images off, "الرسم أسبوعي" chart weekly; "صور" alone is also Tyre, a place), and
 * /topic's "اقتراحات" (suggestions).
 */
const LITERALS: readonly [RegExp, string][] = [
  [word('الكل|الجميع'), 'all'],
  [word('إلغاء|الغاء|إيقاف|ايقاف'), 'off'],
  [word('تشغيل'), 'on'],
  [word('الصور'), 'images'],
  [word('الرسم\\s+البياني|الرسم'), 'chart'],
  [word('أسبوعي|اسبوعي|أسبوعياً|اسبوعياً|أسبوعيا|اسبوعيا'), 'weekly'],
  [word('اقتراحات|الاقتراحات|مقترحات'), 'suggestions'],
];

/** Words around a window that say nothing the parser needs: "آخر ٢٤ ساعة", "last 2 days". */
const FILLER = word('آخر|اخر|خلال|في|last|past');

/**
 * Rewrites the words of a command's arguments into the forms the parser reads. Only for commands
 * without free text (a search query must stay as typed); for those, asciiDigits per word.
 */
export function normaliseArgs(text: string): string {
  let s = asciiDigits(text);
  for (const [re, to] of SCHEDULES) s = s.replace(re, to);
  for (const [unit, one, two, many] of UNITS) {
    s = s.replace(new RegExp(`${START}(\\d{1,6})\\s*(?:${one}|${many})${END}`, 'giu'), `$1${unit}`);
    s = s.replace(word(one), `1${unit}`).replace(word(two), `2${unit}`);
  }
  for (const [re, to] of LITERALS) s = s.replace(re, to);
  return s.replace(FILLER, '').replace(/\s+/g, ' ').trim();
}
