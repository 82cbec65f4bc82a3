// A small, self-contained tokeniser for story sketches (Arabic and English). It exists so that
// clustering does not wait for src/text; the lead may switch it to src/text's normaliser later.
// Sketch tokens only need to be *consistent* (two outlets writing the same word get the same
// token), not linguistically exact: orthographic normalisation, attached prefixes and the common
// plural/feminine suffixes are folded; function words are dropped.

const AR_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const AR_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** Orthographic folding: alef forms, alef maqsura, ta marbuta, hamza seats; Latin lower case. */
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(AR_DIACRITICS, '')
    .replace(AR_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .toLowerCase();
}

const EN_STOP = new Set<string>(
  (
    'a an the of in on at to for from by with and or but not no as is are was were be been being has have had ' +
    'will would shall should can could may might must do does did it its this that these those there their they them ' +
    'he she his her him we our you your i me my who whom whose which what when where why how than then also into onto ' +
    'over under about after before during while since until upon via per amid among against between through across ' +
    'said says say saying told tells according report reports reported statement added more most other some such only ' +
    'just very new news up out off if so all any each both many much one two s t one-time week day today yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday early late later earlier last next'
  ).split(' '),
);

const AR_STOP = new Set<string>(
  (
    'في من على الى الي عن مع ان او ام قد كان كانت يكون تكون التي الذي الذين اللذين اللتين هذا هذه ذلك تلك هناك هنا ' +
    'بعد قبل عند حتى ثم كما لكن بين حول خلال قال قالت يقول تقول وقال وقالت واضاف اضاف واضافت اضافت واكد اكد ' +
    'وفق وفقا ايضا ما لا لم لن هو هي هم هن نحو منذ عبر اليوم امس الذي كل اي غير بعض به بها له لها لهم فيه فيها ' +
    'عليه عليها منه منها اليه اليها وهو وهي وفي ومن وعلى والى وان او اذا اذ حيث لدى لقد وقد فقد انه انها بان ' +
    'الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت يوم'
  )
    .split(' ')
    .map((w) => foldText(w)),
);

const AR_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const AR_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** Strips the commonest suffixes, repeatedly (هجماته → هجمات → هجم), keeping a 3-letter stem. */
function stripSuffixes(w: string): string {
  let s = w;
  for (let pass = 0; pass < 2; pass++) {
    const suf = AR_SUFFIXES.find((x) => s.endsWith(x) && s.length - x.length >= 3);
    if (!suf) break;
    s = s.slice(0, -suf.length);
  }
  // Both spellings of "American" (امريك / اميرك) are common: fold to one.
  return s.replace('ميرك', 'مريك');
}

/**
 * Light Arabic stemming in the spirit of Larkey's light10, on already-folded text. Sketches need
 * the same token for the same word more than a linguistically right one, so a leading و ف ب ل is
 * stripped whenever the word is long enough, with or without ال before it: فصيل and الفصيل, بغداد
 * and ببغداد, وزير and الوزير all meet (as صيل, غداد, زير).
 */
function stemArabic(w: string): string {
  let s = w;
  for (const p of AR_PREFIXES) {
    if (s.startsWith(p) && s.length - p.length >= 2) {
      s = s.slice(p.length);
      break;
    }
  }
  while (s.length >= 4 && 'وفبل'.includes(s[0]!)) s = s.slice(1);
  return stripSuffixes(s);
}

/** A light English stemmer: plurals and the commonest verb endings. */
function stemEnglish(w: string): string {
  let s = w.replace(/['’]s$/, '');
  if (s.length > 4 && s.endsWith('ies')) s = s.slice(0, -3) + 'y';
  else if (s.length > 3 && s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  if (s.length > 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const ARABIC = /[\u0600-\u06ff]/;

/** The sketch token of one folded word, or '' for a function word. */
function tokenOf(w: string): string {
  if (ARABIC.test(w)) {
    if (w.length < 2 || AR_STOP.has(w)) return '';
    const st = stemArabic(w);
    return st.length >= 2 && !AR_STOP.has(st) ? st : '';
  }
  const plain = w.replace(/['’].*$/, '');
  if (EN_STOP.has(plain)) return '';
  if (/^\p{N}+$/u.test(plain)) return plain;
  return plain.length < 2 ? '' : stemEnglish(plain);
}

// Words are cut by a character-class table (much faster than a Unicode-property regex over a
// whole article): letters, marks, digits and tatweel; an apostrophe between letters stays inside.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}\u0640]$/u;
const classes = new Uint8Array(65_536); // 0 unknown, 1 word, 2 not

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let k = classes[c]!;
  if (k === 0) classes[c] = k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** Calls fn with each raw word of text, in order; stops when fn returns false. */
function eachRawWord(text: string, fn: (w: string) => boolean): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= n) return;
    const start = i;
    for (;;) {
      while (i < n && isWordCode(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      // Iraq's, Kata'ib: an apostrophe between word characters does not end the word.
      if ((c === 39 || c === 0x2019) && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      break;
    }
    if (!fn(text.slice(start, i))) return;
  }
}

// News vocabulary repeats: raw word → tokens (and their hashes) is cached, bounded.
const CACHE_LIMIT = 200_000;
interface Analysed {
  tokens: readonly string[];
  hashes: readonly number[];
}
const cache = new Map<string, Analysed>();

function analyseRaw(raw: string): Analysed {
  let hit = cache.get(raw);
  if (hit) return hit;
  const tokens: string[] = [];
  for (const m of foldText(raw).matchAll(WORD)) {
    const t = tokenOf(m[0]);
    if (t) tokens.push(t);
  }
  hit = { tokens, hashes: tokens.map(hash32) };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, hit);
  return hit;
}

/** Content tokens of a text for sketching, in order (duplicates kept); at most about `max`. */
export function sketchTokens(text: string, max = Infinity): string[] {
  const out: string[] = [];
  eachRawWord(text, (w) => {
    for (const t of analyseRaw(w).tokens) out.push(t);
    return out.length < max;
  });
  return out;
}

/** hash32 of each sketch token of a text (what sketches are built from), cached per word. */
export function sketchTokenHashes(text: string, max = Infinity): number[] {
  const out: number[] = [];
  eachRawWord(text, (w) => {
    for (const h of analyseRaw(w).hashes) out.push(h);
    return out.length < max;
  });
  return out;
}

/** FNV-1a, 32 bits, with a final avalanche: stable across processes and versions (sketches are stored). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // The avalanche spreads short strings over the whole range (bottom-k needs it).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
