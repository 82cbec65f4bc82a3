// "Did you mean …?": the closest known word by edit distance, over ids, names and aliases in both
// scripts. Arabic spellings vary in hamza and taa marbuta forms, so both sides are folded first.

/** Levenshtein distance (insert, delete, substitute), by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Folds case, Arabic letter variants (أإآ→ا, ة→ه, ى→ي), diacritics and tatweel. */
export function foldForMatch(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

export interface Candidate {
  /** What to suggest (a topic id, a command name, a time zone). */
  value: string;
  /** Every spelling that names it: the id, names in both languages, aliases. */
  names: readonly string[];
}

/**
 * The candidate whose closest spelling is within reach of `typed`: at most a third of the longer
 * word's length (and at least 1), so "irak" finds iraq but "xyz" finds nothing.
 */
export function closest(typed: string, candidates: readonly Candidate[]): string | undefined {
  const t = foldForMatch(typed);
  if (t === '') return undefined;
  let best: { value: string; d: number } | undefined;
  for (const c of candidates) {
    for (const name of c.names) {
      const n = foldForMatch(name);
      const d = editDistance(t, n);
      const reach = Math.max(1, Math.floor(Math.max([...t].length, [...n].length) / 3));
      if (d <= reach && (!best || d < best.d)) best = { value: c.value, d };
    }
  }
  return best?.value;
}
