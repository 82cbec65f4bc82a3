// Language of an article: Arabic, English or other. Script counts decide first; Arabic script is
// split from Persian/Urdu by letters Arabic does not use, and Latin script must look like English
// (function words) to count as English. A feed-level hint (<language>, xml:lang) breaks ties only:
// many feeds declare one language and carry items in another.
import type { Lang } from '../core/types.ts';

const ARABIC_LETTER = /[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/g;
// Persian (پ چ ژ گ ک ی) and Urdu (ٹ ڈ ڑ ں ے ہ ھ) letters; rare in Arabic news.
const NON_ARABIC_MARK = /[\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06d2\u06c1\u06be]/g;
const LATIN_LETTER = /[a-zA-Z\u00c0-\u024f]/g;
const ANY_LETTER = /\p{L}/gu;
const EN_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'for', 'on', 'that', 'with', 'as', 'was', 'by', 'at', 'from', 'it', 'are', 'be', 'has', 'have', 'an', 'this', 'after', 'will', 'said', 'his', 'her', 'not', 'but', 'they', 'who', 'new', 'over', 'says']);
// Common function words of other Latin-script languages: English text has almost none of them.
const NON_EN_WORDS = new Set(['der', 'die', 'und', 'das', 'le', 'la', 'les', 'des', 'et', 'est', 'el', 'los', 'las', 'y', 'que', 'il', 'di', 'che', 'per', 'een', 'het', 'och', 'og', 'na', 'je', 'się', 'és', 'ist', 'dos', 'não', 'em', 'du', 'une', 'del', 'con', 'sono', 'und', 'nicht', 'auf']);

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/** Detects the language from text (title plus body); `hint` is the feed's declared language. */
export function detectLang(text: string, hint?: string): Lang {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const letters = count(sample, ANY_LETTER);
  const h = hint?.trim().toLowerCase().slice(0, 2);
  if (letters < 3) return h === 'ar' ? 'ar' : h === 'en' ? 'en' : 'other';
  const arabicScript = count(sample, ARABIC_LETTER);
  const latin = count(sample, LATIN_LETTER);
  if (arabicScript >= letters * 0.3 && arabicScript >= latin) {
    const marks = count(sample, NON_ARABIC_MARK);
    // Arabic writes ی/ک only in loanwords; a few percent of them means Persian or Urdu.
    if (marks > arabicScript * 0.02 + 1) return h === 'ar' && marks < arabicScript * 0.05 ? 'ar' : 'other';
    return 'ar';
  }
  if (latin >= letters * 0.5) {
    const words = sample.toLowerCase().match(/[a-z\u00c0-\u024f']+/g) ?? [];
    let en = 0;
    let other = 0;
    for (const w of words) {
      if (EN_WORDS.has(w)) en++;
      else if (NON_EN_WORDS.has(w)) other++;
    }
    if (/[\u00c0-\u024f]/.test(sample) && count(sample, /[\u00c0-\u024f]/g) > latin * 0.03) other += 2;
    if (en > other) return 'en';
    if (other > en) return 'other';
    // Short headlines often hold no function word: trust the feed, else assume English.
    return h && h !== 'en' ? 'other' : 'en';
  }
  return 'other';
}
