// Tokenisation with offsets into the ORIGINAL string: every token keeps the UTF-16 [start, end) of
// the raw text it came from, so matches can be highlighted in the untouched title and body.
// Normalisation runs per raw word (NFKC, then Arabic folding or Latin folding) and is cached,
// because news vocabulary repeats heavily.
import { accusativeReadings, foldArabic, hasArabic, hasArabicScript, prefixReadings, stemArabic, termReading } from './arabic.ts';
import { foldLatin, stemLatin } from './english.ts';

/** One normalised word and the keys it can be looked up by. */
export interface WordInfo {
  /** Folded form (NFKC, Arabic folding or lower case), before affix handling. */
  readonly norm: string;
  /** Stemmed readings: a topic term matches when its key is one of these. */
  readonly keys: readonly string[];
  /** Unstemmed readings (prefixes removed): `term*` matches when one of these starts with it. */
  readonly forms: readonly string[];
  /**
   * A one-slot cache for the matcher (which index words this word is, for which index), so a
   * word shared by many articles is looked up once per compiled topic set. Opaque to others.
   */
  memo?: { owner: object; generation: number };
}

export interface Token {
  /** UTF-16 offsets into the original string. */
  readonly start: number;
  readonly end: number;
  readonly norm: string;
  readonly keys: readonly string[];
  readonly forms: readonly string[];
  /** The shared analysis this token came from. */
  readonly info: WordInfo;
}

const AR = '\\u0610-\\u061A\\u0620-\\u065F\\u0660-\\u0669\\u066E-\\u06D3\\u06D5-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFC';
// Dotted capitals (U.S., U.S.A.) | an Arabic-script run | a run of other letters/digits, where an
// apostrophe between letters stays inside the word (Kata'ib, Iraq's). Arabic punctuation (، ؛ ؟ ۔)
// is outside the Arabic run, and a change of script ends a word (mixed-script text splits).
const WORD = new RegExp(`\\p{Lu}(?:\\.\\p{Lu})+\\.?|[${AR}]+|[[\\p{L}\\p{N}]--[${AR}]](?:[[\\p{L}\\p{M}\\p{N}]--[${AR}]]|['’](?=[[\\p{L}]--[${AR}]]))*`, 'gv');

// Two-generation cache: when the young map is full it becomes the old one; a word found in the
// old map is promoted. Frequent words survive a rollover, so a large or growing vocabulary never
// makes the cache thrash (and WordInfo identity, which the matcher memoises on, stays stable).
const GENERATION = 60_000;
let young = new Map<string, readonly WordInfo[]>();
let old = new Map<string, readonly WordInfo[]>();

function remember(raw: string, info: readonly WordInfo[]): void {
  if (young.size >= GENERATION) {
    old = young;
    young = new Map();
  }
  young.set(raw, info);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function nfkc(raw: string): string {
  // ASCII is already NFKC; skipping it avoids most of the cost on English text.
  return /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize('NFKC');
}

/** Analyses one raw word (as cut by the tokeniser) into one or more normalised words. */
export function analyseWord(raw: string): readonly WordInfo[] {
  const hit = young.get(raw);
  if (hit) return hit;
  const aged = old.get(raw);
  if (aged) {
    remember(raw, aged);
    return aged;
  }
  const out = analyseUncached(raw);
  remember(raw, out);
  return out;
}

function analyseUncached(raw: string): WordInfo[] {
  const out: WordInfo[] = [];
  // NFKC can expand a ligature into several words (ﷺ); each keeps the span of the whole ligature.
  for (const part of nfkc(raw).split(/\s+/)) {
    if (!LETTER_OR_DIGIT.test(part)) continue;
    if (hasArabicScript(part)) {
      const norm = foldArabic(part);
      if (norm === '') continue;
      const forms = prefixReadings(norm);
      out.push({ norm, forms, keys: [...new Set([...forms.map(stemArabic), ...accusativeReadings(forms)])], memo: undefined });
    } else {
      const norm = foldLatin(ACRONYM_RAW.test(raw) ? raw : part);
      if (norm === '') continue;
      out.push({ norm, forms: [norm], keys: [stemLatin(norm)], memo: undefined });
    }
  }
  return out;
}

const ACRONYM_RAW = /^\p{Lu}(?:\.\p{Lu})+\.?$/u;

/**
 * Splits text into normalised tokens with their offsets in `text`. In a text written without any
 * capital letter (a URL slug used as a title, say) "us" cannot be told from "US", so it is read
 * as the country there.
 */
export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  const caseless = !/[A-Z]/.test(text);
  // exec with lastIndex on a private copy: cheaper than matchAll's iterator on long texts.
  const re = new RegExp(WORD);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const raw = caseless && m[0] === 'us' ? 'US' : m[0];
    for (const w of analyseWord(raw)) out.push({ start, end, norm: w.norm, keys: w.keys, forms: w.forms, info: w });
  }
  return out;
}

/** How a topic term's word is looked up: its stemmed key, and its unstemmed form for `term*`. */
export interface TermWord {
  key: string;
  prefix: string;
}

/**
 * Analyses a term as written in a query. A term may yield several words (US-led, al-Asad), which
 * then match as a phrase. The Arabic article written on a term is dropped (الأمريكية ≡ أمريكية);
 * other prefixes are the writer's own letters and are kept (بغداد stays بغداد).
 */
export function analyseTerm(raw: string): TermWord[] {
  const out: TermWord[] = [];
  // Uncached: topic terms are analysed once, at compile time, and should not crowd out the
  // article vocabulary.
  for (const m of raw.matchAll(WORD)) {
    for (const w of analyseUncached(m[0])) {
      if (hasArabic(w.norm)) {
        const bare = termReading(w.norm);
        out.push({ key: stemArabic(bare), prefix: bare });
      } else {
        out.push({ key: stemLatin(w.norm), prefix: w.norm });
      }
    }
  }
  return out;
}
