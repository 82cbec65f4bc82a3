// Arabic orthographic normalisation and light (light10-family) affix handling.
// Normalisation folds the spellings writers use interchangeably (hamza seats, alef maqsura,
// ta marbuta, diacritics) so that one form in a topic matches all of them in articles.

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

/** True when the string contains at least one Arabic letter. */
export function hasArabic(s: string): boolean {
  return ARABIC_LETTER.test(s);
}

/** True when the string contains any Arabic-script character (letters, digits, marks). */
export function hasArabicScript(s: string): boolean {
  return ARABIC_SCRIPT.test(s);
}

const FOLD: Record<string, string> = {
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0622': '\u0627', // آ
  '\u0671': '\u0627', // ٱ
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  '\u0649': '\u064A', // ى → ي
  '\u06CC': '\u064A', // Persian ی
  '\u06D2': '\u064A', // Urdu ے
  '\u06A9': '\u0643', // Persian ک
  '\u06AA': '\u0643',
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ
  '\u06C1': '\u0647',
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064A', // ئ → ي
};

/** Diacritics (harakat, shadda, sukun, U+0670 superscript alef, Quranic marks) and tatweel. */
function isDropped(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 || (c >= 0x0610 && c <= 0x061a) || (c >= 0x06d6 && c <= 0x06ed);
}

/** Folds an (already NFKC-normalised) Arabic word; Arabic-Indic digits become ASCII. */
export function foldArabic(word: string): string {
  let out = '';
  for (const ch of word) {
    const c = ch.charCodeAt(0);
    if (isDropped(c)) continue;
    if (c >= 0x0660 && c <= 0x0669) out += String.fromCharCode(c - 0x0660 + 48);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String.fromCharCode(c - 0x06f0 + 48);
    else out += FOLD[ch] ?? ch;
  }
  return applyVariants(out);
}

/**
 * Spelling variants that are the same word for every reader: أميركي/أمريكي (and أميركا/أمريكا),
 * ميليشيا/مليشيا. Rewritten to one canonical spelling after folding.
 */
const VARIANTS: readonly [string, string][] = [
  ['اميرك', 'امريك'],
  ['ميليشي', 'مليشي'],
  ['ملشي', 'مليشي'],
];

function applyVariants(w: string): string {
  for (const [from, to] of VARIANTS) if (w.includes(from)) w = w.replaceAll(from, to);
  return w;
}

// Suffixes in light10 order; each is removed at most once, and only while at least three letters
// remain, so short stems (قوات, لبن) are not eaten.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;
const MIN_STEM = 3;

/** Light suffix stemming of a folded word without prefixes. */
export function stemArabic(w: string): string {
  for (const s of SUFFIXES) {
    if (w.length - s.length >= MIN_STEM && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/**
 * The accusative reading of a folded article word: the indefinite accusative adds an alif
 * (هجوم → هجوما, قصف جوي → قصفا جويا, usually written without its tanwin mark), which no light
 * suffix removes. A reading without that alif, for words that keep at least three letters; the
 * word itself stays a reading, so سوريا and امريكا still match themselves.
 */
export function accusativeReadings(forms: readonly string[]): string[] {
  return forms.filter((f) => f.length > MIN_STEM && f.endsWith('\u0627')).map((f) => stemArabic(f.slice(0, -1)));
}

/**
 * The readings of a folded article word with its possible attached prefixes removed:
 * conjunction (و ف), then preposition (ب ك ل) and/or the article (ال, or لل = ل + ال).
 * The word itself is always one reading, so بغداد and لبنان still match themselves; a topic term
 * matches when its own reading is among these.
 */
export function prefixReadings(w: string): string[] {
  const out = [w];
  const bases = [w];
  if ((w[0] === 'و' || w[0] === 'ف') && w.length >= 4) bases.push(w.slice(1));
  for (const b of bases) {
    if (b !== w) out.push(b);
    if (b.startsWith('ال') && b.length >= 4) out.push(b.slice(2));
    else if (b.startsWith('لل') && b.length >= 4) out.push(b.slice(2));
    if ((b[0] === 'ب' || b[0] === 'ك' || b[0] === 'ل') && b.length >= 4) {
      const rest = b.slice(1);
      out.push(rest);
      if (rest.startsWith('ال') && rest.length >= 4) out.push(rest.slice(2));
    }
  }
  return [...new Set(out)];
}

/** The reading of a topic term: the article (ال/لل) is dropped; other letters are kept as written. */
export function termReading(w: string): string {
  if ((w.startsWith('ال') || w.startsWith('لل')) && w.length >= 4) return w.slice(2);
  return w;
}
