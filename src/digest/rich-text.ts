// Feed text with highlight ranges, cleaned so that it is safe to place in any chat after the
// platform's own escaping: no bidi overrides or embeddings (display spoofing such as "gnp.exe"),
// no invisible characters, no control characters (terminal escape sequences), whitespace collapsed.
// Highlight ranges survive the cleaning: offsets are mapped through it.

/** Clean text plus highlight ranges [start, end) in UTF-16 offsets, sorted, not overlapping. */
export interface RichText {
  text: string;
  marks: [number, number][];
}

/** First strong isolate / pop directional isolate: keep feed text's direction to itself. */
export const FSI = '\u2068';
export const PDI = '\u2069';

// Bidi embeddings, overrides, isolates and marks (feed text gets our own isolates instead);
// zero-width and invisible characters; soft hyphen; Unicode "tag" characters (invisible text).
// Bidi embeddings, overrides, isolates and marks (feed text gets our own isolates instead);
// zero-width and invisible characters; soft hyphen; Unicode "tag" characters (invisible text).
const DROP =
  /^(?:[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\u206a-\u206f\ufeff\u00ad\u180e\u034f\u115f\u1160\u3164\uffa0]|[\u{e0000}-\u{e007f}])$/u;
const CONTROL = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]$/;
const SPACE = /[\s\u2028\u2029\u00a0]/;
const PICTO = /^(?:\p{Extended_Pictographic}|\u{fe0f}|[\u{1f3fb}-\u{1f3ff}])$/u;

/** A zero-width joiner is kept only inside an emoji sequence (👨‍👩‍👧), where it is meaningful. */
function strayJoiner(prev: string | undefined, next: string | undefined): boolean {
  return !(prev !== undefined && next !== undefined && PICTO.test(prev) && PICTO.test(next));
}

/**
 * Cleans a piece of feed text and maps highlight ranges through the cleaning. Runs of whitespace
 * (newlines included) become one space; the result is trimmed.
 */
export function cleanRich(raw: string, marks: readonly [number, number][] = []): RichText {
  const chars = Array.from(raw);
  const map = new Array<number>(raw.length + 1);
  let out = '';
  let pendingSpace = false;
  let i = 0;
  chars.forEach((c, k) => {
    const drop = DROP.test(c) || CONTROL.test(c) || (c === '\u200d' && strayJoiner(chars[k - 1], chars[k + 1]));
    const isSpace = !drop && SPACE.test(c);
    if (!drop && !isSpace && pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    for (let u = 0; u < c.length; u++) map[i + u] = out.length;
    if (isSpace) pendingSpace = out.length > 0;
    else if (!drop) out += c;
    i += c.length;
  });
  map[raw.length] = out.length;
  const mapped: [number, number][] = [];
  for (const [s, e] of marks) {
    if (!(s >= 0 && e <= raw.length && e > s)) continue;
    const ms = map[s]!;
    const me = map[e]!;
    if (me > ms) mapped.push([ms, me]);
  }
  return { text: out, marks: normaliseMarks(mapped, out) };
}

/** Plain cleaning, for text that carries no highlights (names, sources). */
export function cleanText(raw: string): string {
  return cleanRich(raw).text;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}\u0640]/u;

/**
 * Sorts, widens each range to whole words (so that a match inside an Arabic word with an attached
 * prefix highlights the word: Slack cannot bold part of a word), trims spaces, merges overlaps.
 */
export function normaliseMarks(marks: readonly [number, number][], text: string): [number, number][] {
  const widened = marks
    .map(([s, e]): [number, number] => {
      let a = Math.max(0, s);
      let b = Math.min(text.length, e);
      while (a > 0 && WORD_CHAR.test(text[a - 1]!) && WORD_CHAR.test(text[a]!)) a--;
      while (b < text.length && WORD_CHAR.test(text[b]!) && WORD_CHAR.test(text[b - 1]!)) b++;
      while (a < b && SPACE.test(text[a]!)) a++;
      while (b > a && SPACE.test(text[b - 1]!)) b--;
      return [a, b];
    })
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const m of widened) {
    const last = out[out.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else out.push([m[0], m[1]]);
  }
  return out;
}

/** Splits rich text into runs, each plain or highlighted, for renderers to format. */
export function runsOf(r: RichText): { text: string; mark: boolean }[] {
  const runs: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of r.marks) {
    if (s > at) runs.push({ text: r.text.slice(at, s), mark: false });
    runs.push({ text: r.text.slice(s, e), mark: true });
    at = e;
  }
  if (at < r.text.length) runs.push({ text: r.text.slice(at), mark: false });
  return runs;
}

/**
 * Cuts to at most max UTF-16 units at a word boundary, adding "…" (counted in max). Never splits
 * a surrogate pair; highlight ranges are clipped to what remains.
 */
export function truncateRich(r: RichText, max: number): RichText {
  if (r.text.length <= max) return r;
  const room = max - 1;
  let cut = room;
  // Prefer the last space in the last 40% of the room; else cut inside the word.
  const space = r.text.lastIndexOf(' ', room);
  if (space >= Math.floor(room * 0.6)) cut = space;
  const code = r.text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  let text = r.text.slice(0, cut).replace(/[\s,;:،؛\-–—]+$/u, '');
  text += '…';
  const end = text.length - 1;
  const marks = r.marks.filter(([s]) => s < end).map(([s, e]): [number, number] => [s, Math.min(e, end)]);
  return { text, marks };
}
