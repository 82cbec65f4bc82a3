// Language of an article: Arabic, English or other. Script counts decide first; Arabic script is
// split from Persian/Urdu by letters Arabic does not use, and Latin script must look like English
// (function words) to count as English. A feed-level hint (<language>, xml:lang) breaks ties only:
// many feeds declare one language and carry items in another.
import type { Lang } from '../core/types.ts';

// Persian (پ چ ژ گ ک ی) and Urdu (ٹ ڈ ڑ ں ے ہ ھ) letters; rare in Arabic news.
const NON_ARABIC_MARKS = new Set([0x067e, 0x0686, 0x0698, 0x06af, 0x06a9, 0x06cc, 0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06c1, 0x06be]);
const EN_WORDS = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'is',
  'for',
  'on',
  'that',
  'with',
  'as',
  'was',
  'by',
  'at',
  'from',
  'it',
  'are',
  'be',
  'has',
  'have',
  'an',
  'this',
  'after',
  'will',
  'said',
  'his',
  'her',
  'not',
  'but',
  'they',
  'who',
  'new',
  'over',
  'says',
]);
// Common function words of other Latin-script languages: English text has almost none of them.
const NON_EN_WORDS = new Set([
  'der',
  'die',
  'und',
  'das',
  'le',
  'la',
  'les',
  'des',
  'et',
  'est',
  'el',
  'los',
  'las',
  'y',
  'que',
  'il',
  'di',
  'che',
  'per',
  'een',
  'het',
  'och',
  'og',
  'na',
  'je',
  'się',
  'és',
  'ist',
  'dos',
  'não',
  'em',
  'du',
  'une',
  'del',
  'con',
  'sono',
  'nicht',
  'auf',
]);

const isArabicLetter = (c: number) =>
  (c >= 0x0621 && c <= 0x064a) ||
  (c >= 0x0671 && c <= 0x06d3) ||
  (c >= 0x06fa && c <= 0x06ff) ||
  (c >= 0x0750 && c <= 0x077f) ||
  (c >= 0xfb50 && c <= 0xfdff) ||
  (c >= 0xfe70 && c <= 0xfefc);
const isBasicLatin = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isExtLatin = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
// Letters of other scripts, approximately: anything from Greek up that is not Arabic, punctuation,
// symbols, a combining mark or a surrogate half (a pair then counts once).
const isOtherLetter = (c: number) =>
  c >= 0x370 &&
  !(c >= 0x0600 && c <= 0x06ff) &&
  !(c >= 0x2000 && c <= 0x2bff) &&
  !(c >= 0x3000 && c <= 0x303f) &&
  !(c >= 0xdc00 && c <= 0xdfff) &&
  !(c >= 0xfe00 && c <= 0xfe0f) &&
  !(c >= 0x0300 && c <= 0x036f);

/** Detects the language from text (title plus body); `hint` is the feed's declared language. */
export function detectLang(text: string, hint?: string): Lang {
  // A single pass over character codes: this runs for every item of every poll.
  const n = Math.min(text.length, 2000);
  let arabic = 0;
  let marks = 0;
  let latin = 0;
  let extLatin = 0;
  let other = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (isBasicLatin(c)) latin++;
    } else if (isArabicLetter(c)) {
      arabic++;
      if (NON_ARABIC_MARKS.has(c)) marks++;
    } else if (isExtLatin(c)) {
      latin++;
      extLatin++;
    } else if (isOtherLetter(c)) other++;
  }
  const letters = arabic + latin + other;
  const h = hint?.trim().toLowerCase().slice(0, 2);
  if (letters < 3) return h === 'ar' ? 'ar' : h === 'en' ? 'en' : 'other';
  if (arabic >= letters * 0.3 && arabic >= latin) {
    // Arabic writes ی/ک only in loanwords; a few percent of them means Persian or Urdu.
    if (marks > arabic * 0.02 + 1) return h === 'ar' && marks < arabic * 0.05 ? 'ar' : 'other';
    return 'ar';
  }
  if (latin >= letters * 0.5) {
    let en = 0;
    let notEn = extLatin > latin * 0.03 ? 2 : 0;
    for (const w of text
      .slice(0, 1500)
      .toLowerCase()
      .split(/[^a-z\u00c0-\u024f']+/)) {
      if (EN_WORDS.has(w)) en++;
      else if (NON_EN_WORDS.has(w)) notEn++;
    }
    if (en > notEn) return 'en';
    if (notEn > en) return 'other';
    // Short headlines often hold no function word: trust the feed, else assume English.
    return h && h !== 'en' ? 'other' : 'en';
  }
  return 'other';
}
