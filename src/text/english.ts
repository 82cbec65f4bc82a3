// English (and other Latin-script) word folding: lower case, accents dropped, and a light
// inflection fold so that strike/strikes/striking, attack/attacked and militia/militias meet.
// It is deliberately lighter than Porter: it only removes endings that change the form of a word,
// never its meaning class, and it is applied identically to topic terms and article words.

/** Country acronyms written in capitals; lower-case "us" stays the pronoun. */
const ACRONYMS: Record<string, string> = { US: 'usa', USA: 'usa', 'U.S': 'usa', 'U.S.': 'usa', 'U.S.A': 'usa', 'U.S.A.': 'usa' };

/** Lower-cases a Latin word, drops accents, apostrophes and a possessive 's. */
export function foldLatin(raw: string): string {
  const acronym = ACRONYMS[raw];
  if (acronym) return acronym;
  let w = raw;
  if (/[\u00C0-\u024F]/.test(w)) w = w.normalize('NFD').replace(/\p{M}+/gu, '');
  w = w.toLowerCase();
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  if (w.includes("'") || w.includes('’')) w = w.replace(/['’]/g, '');
  if (w.includes('.')) w = w.replace(/\./g, '');
  return w;
}

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

/** Light inflection fold of a folded Latin word. Digits and short words are kept as they are. */
export function stemLatin(w: string): string {
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length >= 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length >= 5 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** planned → plann → plan; but keep -ll/-ss/-ff (killed → kill). */
function undouble(w: string): string {
  const n = w.length;
  const last = w[n - 1];
  if (n >= 3 && last === w[n - 2] && !isVowel(last) && last !== 'l' && last !== 's' && last !== 'f' && last !== 'z') {
    return w.slice(0, -1);
  }
  return w;
}
