// Exclude terms suggested from feedback: words and two-word phrases (Arabic or English) that occur
// in the stories people marked 👎 for a topic and not, or rarely, in the ones marked 👍. Candidates
// are cut from the 👎 articles by the project's own tokeniser and then counted with the real
// matcher, each as a quoted term — so a suggestion covers exactly the articles an `exclude` of it
// would keep out (انتخابات also covers والانتخابات, strike also strikes).
import { foldArabic, hasArabic, termReading } from '../text/arabic.ts';
import { tokenise, type Token } from '../text/tokenise.ts';
import type { TopicDef } from '../core/types.ts';
import { checkExcludeTerms } from './exclude-terms.ts';
import { compileTopics } from './index.ts';

export interface SuggestDoc {
  title: string;
  text: string;
}

export interface ExcludeSuggestion {
  /** The term as it would be typed after `/watch exclude TOPIC`. */
  term: string;
  /** 👎 stories it would keep out. */
  down: number;
  /** 👍 stories it would keep out too. */
  up: number;
  /** The topic's stored matches of the window it would keep out. */
  stored: number;
}

/** A term must cover this many 👎 stories: one story's words are not a pattern. */
export const MIN_COVER = 2;
/** Candidates counted with the matcher (the most frequent in the 👎 articles). */
const MAX_CANDIDATES = 400;
/** A term that would remove more than this share of the topic's matches is the topic itself. */
const MAX_STORED_SHARE = 0.5;
const MIN_LETTERS = 3;

// Function words of both languages (folded forms): frequent everywhere, never a useful exclude.
const STOP = new Set(
  (
    'the and for with that this from have has had was were are been will would said says not but its their his her they them ' +
    'who which what when where after before over into about than then also more most other some such only into out new one two ' +
    'في من على الى إلى عن مع هذا هذه ذلك التي الذي الذين كان كانت قال قالت بعد قبل بين حتى لكن وقد قد لم لن ما او أو ان أن إن كل عند ' +
    'غير منذ خلال ضد حول عام وهو وهي هو هي'
  )
    .split(' ')
    .map((w) => (hasArabic(w) ? termReading(tokenise(w)[0]?.norm ?? w) : w)),
);

// Diacritics and tatweel: dropped by the folding, so what is left lines up with the folded word.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED]/g;

/**
 * A reading of an Arabic word (its folded form less some leading letters) as the article wrote it:
 * كرة, not the folded كره. The folded reading when the two do not line up (a ligature).
 */
function asWritten(raw: string, norm: string, reading: string): string {
  const bare = raw.replace(MARKS, '');
  return bare.length === norm.length ? bare.slice(norm.length - reading.length) : reading;
}

/**
 * The form a word is proposed in: Latin folded; Arabic as written, without و/ف before ال (a term's
 * ال is dropped when it is read, so القدم reads as the article wrote it and matches قدم too).
 */
function surface(tok: Token, field: string): string {
  if (!hasArabic(tok.norm)) return tok.norm;
  const w = /^[وف]ال/.test(tok.norm) && tok.norm.length >= 5 ? tok.norm.slice(1) : tok.norm;
  return asWritten(field.slice(tok.start, tok.end), tok.norm, w);
}

const usable = (w: string) => !STOP.has(hasArabic(w) ? termReading(foldArabic(w)) : w) && [...w].filter((c) => /\p{L}/u.test(c)).length >= MIN_LETTERS;

/** A word's readings as the article wrote them: the word, and without each prefix it may carry. */
function readings(tok: Token, field: string): string[] {
  const first = surface(tok, field);
  if (!hasArabic(tok.norm)) return [first];
  return [first, ...tok.forms.map((f) => asWritten(field.slice(tok.start, tok.end), tok.norm, f))].filter((r, i, a) => a.indexOf(r) === i);
}

/**
 * Every word and two-word phrase a document offers, each once; a phrase also from each reading of
 * its first word (كرة القدم in لكرة القدم: the matcher finds it there too).
 */
function candidatesOf(doc: SuggestDoc): Set<string> {
  const out = new Set<string>();
  for (const field of [doc.title, doc.text]) {
    const toks = tokenise(field);
    for (let i = 0; i < toks.length; i++) {
      const words = readings(toks[i]!, field).filter(usable);
      const next = toks[i + 1] ? surface(toks[i + 1]!, field) : undefined;
      for (const w of words) {
        out.add(w);
        if (next !== undefined && usable(next)) out.add(`${w} ${next}`);
      }
    }
  }
  return out;
}

/** The candidates most 👎 articles offer, with how often each was seen as written. */
function frequentCandidates(down: readonly SuggestDoc[]): string[] {
  const docs = new Map<string, number>();
  for (const d of down) for (const c of candidatesOf(d)) docs.set(c, (docs.get(c) ?? 0) + 1);
  return (
    [...docs]
      // Only what an exclude accepts (a term the parser reads, not too long): never a failing compile.
      .filter(([c, n]) => n >= MIN_COVER && checkExcludeTerms([c]).ok)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_CANDIDATES)
      .map(([c]) => c)
  );
}

/** For each candidate, which of the documents hold it, as the matcher reads a quoted term. */
function coverage(candidates: readonly string[], docs: readonly SuggestDoc[]): Set<number>[] {
  const matcher = compileTopics(candidates.map((c, i) => ({ id: `c${i}`, query: `"${c}"` })));
  const out = candidates.map(() => new Set<number>());
  docs.forEach((d, k) => {
    for (const m of matcher.match({ title: d.title, text: d.text })) out[Number(m.id.slice(1))]!.add(k);
  });
  return out;
}

/** Whether a candidate holds one of the topic's own terms (excluding بغداد from an Iraq topic). */
function ownTerms(topic: TopicDef | undefined): (term: string) => boolean {
  if (!topic) return () => false;
  const m = compileTopics([topic]);
  return (term) => m.explain({ title: term, text: '' }).some((e) => e.terms.length > 0);
}

/**
 * The best exclude terms, ranked by 👎 stories covered minus 👍 stories removed (then by fewer
 * stored matches removed: the more precise first). Terms covering the same stories are offered
 * once, the longest (a phrase before the word in it: it keeps out the same stories and fewer
 * future articles). No term holding one of the topic's own terms is offered.
 */
export function suggestExcludes(
  input: { topic?: TopicDef; down: readonly SuggestDoc[]; up: readonly SuggestDoc[]; stored: readonly SuggestDoc[] },
  limit: number,
): ExcludeSuggestion[] {
  const candidates = frequentCandidates(input.down);
  if (candidates.length === 0) return [];
  const [down, up] = [coverage(candidates, input.down), coverage(candidates, input.up)];
  const seen = new Set<string>();
  const ranked = candidates
    .map((term, i) => ({ term, down: down[i]!.size, up: up[i]!.size, sig: `${[...down[i]!].join(',')}|${[...up[i]!].join(',')}` }))
    .filter((c) => c.down >= MIN_COVER && c.down > c.up)
    .sort((a, b) => b.down - b.up - (a.down - a.up) || a.up - b.up || b.term.length - a.term.length)
    .filter((c) => !seen.has(c.sig) && seen.add(c.sig));
  const own = ownTerms(input.topic);
  const pool = ranked.filter((c) => !own(c.term)).slice(0, limit * 4);
  const stored = coverage(
    pool.map((c) => c.term),
    input.stored,
  );
  return pool
    .map((c, i) => ({ term: c.term, down: c.down, up: c.up, stored: stored[i]!.size }))
    .filter((c) => input.stored.length === 0 || c.stored <= Math.max(c.down, input.stored.length * MAX_STORED_SHARE))
    .sort((a, b) => b.down - b.up - (a.down - a.up) || a.stored - b.stored)
    .slice(0, limit);
}
