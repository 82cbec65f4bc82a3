// Extractive summaries: the one or two sentences of an article that best carry the matched
// terms, else its lead; in the article's own language (we only ever cut, never translate or
// rewrite), at most 280 characters, cut at a word boundary, with the matched terms marked.
import type { Article, Match, Span } from '../core/types.ts';
import { cleanRich, truncateRich, type RichText } from './rich-text.ts';

export const SUMMARY_MAX = 280;
export const HEADLINE_MAX = 300;

interface Sentence {
  start: number;
  end: number;
}

// A sentence ends at . ! ? … (and the Arabic ؟ ؛ ۔) followed by white space, or at a line break.
// A period after a lone capital or a known abbreviation (U.S., Mr., Gen.) does not end one.
const END = /[.!?…؟؛۔]+["'”’»)]*(?=\s)|\n+/g;
const ABBREV =
  /(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Ltd|Co))\.$/u;

/**
 * A feed's own link text at the end of a line ("Read more", "Continue reading “Title” →", «اقرأ
 * المزيد»): it names a link the summary does not carry, so it never belongs in one.
 */
const READ_MORE = new RegExp(
  [
    // At a line's start or after a sentence's end (never inside one: "he wants to read more").
    String.raw`(?:^|(?<=[.!?…\]»؟]\s*))(?:\[\s*(?:…|\.\.\.)\s*\]\s*)?`,
    String.raw`(?:read more|read the full (?:story|article)|continue reading|keep reading|full story|اقرأ المزيد|إقرأ المزيد|اقرأ أيضاً?|تابع القراءة|للمزيد)`,
    // Then nothing, an arrow or dots, a bare link, "at Outlet", or a quoted title with its arrow.
    String.raw`(?:[\s»›→…:.]*|[\s:]*https?:\/\/\S+\s*|\s+(?:at|on|في|على)\s+[^\n.]{1,60}|\s*["“«][^\n]{0,160}["”»][\s»›→…]*)$`,
  ].join(''),
  'gimu',
);

/** The text with feed link text blanked out, same length, so that match spans still line up. */
export function withoutLinkText(text: string): string {
  return text.replace(READ_MORE, (m) => ' '.repeat(m.length));
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of text.matchAll(END)) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && m[0].length === 1 && ABBREV.test(text.slice(Math.max(0, m.index - 6), end))) continue;
    push(out, text, start, end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e });
}

function spansIn(matches: readonly Match[], topics: ReadonlySet<string>, field: Span['field']): Span[] {
  const out: Span[] = [];
  for (const m of matches) if (topics.size === 0 || topics.has(m.id)) for (const sp of m.spans) if (sp.field === field) out.push(sp);
  return out;
}

/**
 * Where matched terms occur in a text the matcher never saw (the feed summary used when there is
 * no body): literal, case-insensitive occurrences of each term, trailing `*` and quotes removed.
 */
function literalSpans(text: string, terms: readonly string[]): Span[] {
  const hay = text.toLowerCase();
  const out: Span[] = [];
  for (const raw of terms) {
    const t = raw
      .replace(/^["']|["']$|\*$/g, '')
      .trim()
      .toLowerCase();
    if (t.length < 2) continue;
    for (let at = hay.indexOf(t); at >= 0; at = hay.indexOf(t, at + t.length)) out.push({ field: 'text', start: at, end: at + t.length, term: raw });
  }
  return out;
}

/** The headline, cleaned, with the title spans of these topics marked. */
export function headlineOf(article: Article, matches: readonly Match[], topics: ReadonlySet<string> = new Set()): RichText {
  const marks = spansIn(matches, topics, 'title').map((s): [number, number] => [s.start, s.end]);
  return truncateRich(cleanRich(article.title, marks), HEADLINE_MAX);
}

/**
 * One or two sentences: the sentence with the most distinct matched terms (ties: the earlier),
 * plus the next best if both fit in `max` (else the lead, for context); with no term in the body,
 * the lead sentences.
 */
export function summaryOf(article: Article, matches: readonly Match[], topics: ReadonlySet<string> = new Set(), max = SUMMARY_MAX): RichText {
  const useBody = article.text.trim().length > 0;
  const source = withoutLinkText(useBody ? article.text : article.summary);
  let spans = useBody ? spansIn(matches, topics, 'text') : [];
  if (!useBody) {
    const terms = matches.filter((m) => topics.size === 0 || topics.has(m.id)).flatMap((m) => m.terms);
    spans = literalSpans(source, terms);
  }
  const sentences = splitSentences(source);
  if (sentences.length === 0) return { text: '', marks: [] };
  const scored = sentences.map((s, i) => {
    const terms = new Set<string>();
    for (const sp of spans) if (sp.start >= s.start && sp.end <= s.end) terms.add(sp.term.toLowerCase());
    return { i, s, n: terms.size, len: cleanRich(source.slice(s.start, s.end)).text.length };
  });
  const byValue = [...scored].sort((a, b) => b.n - a.n || a.i - b.i);
  const first = byValue[0]!;
  const chosen = [first];
  // The second sentence: the next best carrier of terms; else the lead, for context, when the
  // best sentence is further down; else the sentence that continues the lead.
  const second = (first.n > 0 ? byValue.find((x) => x !== first && x.n > 0) : undefined) ?? (first.i > 0 ? scored[0] : scored[1]);
  if (second && first.len + 1 + second.len <= max) chosen.push(second);
  chosen.sort((a, b) => a.i - b.i);

  // Build one rich text from the chosen sentences (joined by a space), marks re-based.
  let text = '';
  const marks: [number, number][] = [];
  for (const c of chosen) {
    const part = source.slice(c.s.start, c.s.end);
    const local = spans.filter((sp) => sp.start >= c.s.start && sp.end <= c.s.end).map((sp): [number, number] => [sp.start - c.s.start, sp.end - c.s.start]);
    const r = cleanRich(part, local);
    const base = text.length === 0 ? 0 : text.length + 1;
    text = text.length === 0 ? r.text : `${text} ${r.text}`;
    for (const [s, e] of r.marks) marks.push([s + base, e + base]);
  }
  return truncateRich({ text, marks }, max);
}
