// Relevance: is the article ABOUT the topic, not merely mentioning it? Decided from where and how a
// topic's clauses matched. One rule for every topic and language; only the threshold is per topic.
//
// Places are the title and each sentence of the text. The lead is the first sentences starting in
// the first LEAD_CHARS characters (and in the first half of a short text), up to LEAD_SENTENCES
// sentences of SHORT_SENTENCE characters or more (datelines, bylines and a repeated headline are
// in the lead without using a slot). A place's strength is 1 when an `evidence` clause held there,
// and `echo` (0.5) when only an echo clause did (a short back-reference such as "the withdrawal",
// worth something only beside real evidence somewhere in the article); `context` clauses are
// gates and never score. Evidence that lies inside a `background` hit in the text (the topic told
// in passing, as the cause or setting of another story: "following US airstrikes", «تنديداً
// بالقصف الأمريكي») is weak evidence: strength `echo`, but it needs no other evidence, so one
// such mention scores low while a paragraph of them still counts. The title always states the
// subject. A hit whose words fall on both sides of a full stop (a NEAR window pairing words of two
// statements) counts nowhere. Then:
//   title   = 3    × strength of the title
//   lead    = 2    × best strength among the lead sentences
//   body    = 1    × best strength among the later sentences
//   spread  = 1.5  × (sum of all sentence strengths − the best one), counted up to 2
//             (each further sentence telling the event adds)
//   against = −1   × (places where only a rival clause held − places with evidence), when positive,
//             up to 3 (another war, or an old strike, filling more of the article than the topic)
// score = title + lead + body + spread + against; relevant when score ≥ the topic's threshold
// (default 2). So a title alone, or the lead alone, is enough at 2; one clause deep in the body
// (1) is not; two body sentences (2.5: an event told in its own paragraph) are, even at 2.5.
import type { ClauseHit } from '../core/types.ts';

/** What a clause contributes: evidence for the topic, a back-reference, a gate only, or a rival story. */
export type ClauseRole = 'evidence' | 'echo' | 'context' | 'against' | 'background';

/** What the rule reads of a clause hit (see ClauseHit): which clause held, in which field, where. */
export type PlaceHit = Pick<ClauseHit, 'clause' | 'field' | 'start' | 'end'>;

export interface RelevanceWeights {
  title: number;
  lead: number;
  body: number;
  spread: number;
  spreadCap: number;
  /** Strength of a place with only an echo clause (relative to an evidence clause's 1). */
  echo: number;
  against: number;
  againstCap: number;
}

export const DEFAULT_WEIGHTS: Readonly<RelevanceWeights> = {
  title: 3,
  lead: 2,
  body: 1,
  spread: 1.5,
  spreadCap: 2,
  echo: 0.5,
  against: 1,
  againstCap: 3,
};

export const DEFAULT_THRESHOLD = 2;
export const LEAD_SENTENCES = 2;
export const LEAD_CHARS = 400;
/** Shorter sentences (datelines, bylines, a repeated headline) are in the lead without using a slot. */
export const SHORT_SENTENCE = 60;
/** In a short text the lead is at most this share of it, so its last sentence can still be a passing mention. */
export const LEAD_SHARE = 0.5;

export interface RelevanceSettings {
  threshold?: number;
  /** Role per clause name; clauses not listed are evidence. */
  roles?: Readonly<Record<string, ClauseRole>>;
  weights?: Partial<RelevanceWeights>;
}

export interface RelevanceParts {
  title: number;
  lead: number;
  body: number;
  spread: number;
  against: number;
}

export interface Relevance {
  score: number;
  threshold: number;
  relevant: boolean;
  parts: RelevanceParts;
  /** Places (title = -1, else sentence index) with evidence, and with a competing theatre only. */
  evidencePlaces: number;
  againstPlaces: number;
}

const ABBREVIATION =
  /(?:^|[\s(])(?:\p{Lu}\.)*\p{Lu}$|(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Adm|Sen|Rep|Gov|Pres|St|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/u;
// A stop ends a sentence before white space or, in Arabic, before a letter: scraped Arabic text often
// loses the space after a full stop («…المقبلة".وأضاف»), and Arabic has no dotted abbreviations.
const BOUNDARY = /[.!?؟]+["'”’»)\]]*(?=\s|[\u0621-\u064A])|\n/g;

/**
 * Start offsets of the sentences of a text: a break after . ! ? ؟ followed by white space or an
 * Arabic letter (not after an initial such as the U.S. or Gen.) and, unless `lineBreaks` is
 * false, at every line break (feeds wrap lines inside sentences, so a line break alone does not end a statement).
 * Always begins with 0.
 */
export function sentenceStarts(text: string, lineBreaks = true): number[] {
  const starts = [0];
  for (const m of text.matchAll(BOUNDARY)) {
    if (m[0] === '\n' && !lineBreaks) continue;
    if (m[0] !== '\n' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    let s = m.index + m[0].length;
    while (s < text.length && /\s/.test(text[s]!)) s++;
    if (s < text.length && s > starts[starts.length - 1]!) starts.push(s);
  }
  return starts;
}

/** How many sentences from the start are the lead (see LEAD_SENTENCES, LEAD_CHARS, SHORT_SENTENCE). */
export function leadLength(text: string, starts: readonly number[]): number {
  let full = 0;
  let i = 0;
  const window = Math.min(LEAD_CHARS, text.length * LEAD_SHARE);
  while (i < starts.length && starts[i]! < window && full < LEAD_SENTENCES) {
    const end = starts[i + 1] ?? text.length;
    if (text.slice(starts[i], end).trim().length >= SHORT_SENTENCE) full++;
    i++;
  }
  return i;
}

/** Index of the sentence holding offset `at`. */
export function sentenceOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const TITLE = -1;
const WEAK = 0.5;

/** Is this text hit inside one of the background hits (a mention told in passing)? */
function inPassing(h: PlaceHit, background: readonly PlaceHit[]): boolean {
  return h.field === 'text' && background.some((b) => b.start <= h.start && h.end <= b.end);
}

/** Per place (title = -1, sentence index otherwise): the strongest role seen there. */
function places(hits: readonly PlaceHit[], text: string, starts: readonly number[], roles: Readonly<Record<string, ClauseRole>>) {
  const stops = sentenceStarts(text, false);
  const evidence = new Map<number, number>();
  const against = new Set<number>();
  const background = hits.filter((h) => roles[h.clause] === 'background' && h.field === 'text');
  let anyEvidence = false;
  for (const h of hits) {
    const role = roles[h.clause] ?? 'evidence';
    if (role === 'context' || role === 'background') continue;
    const place = h.field === 'title' ? TITLE : sentenceOf(starts, h.start);
    // A hit whose words lie in two sentences paired words of different statements: no place.
    if (h.field === 'text' && sentenceOf(stops, h.end - 1) !== sentenceOf(stops, h.start)) continue;
    if (role === 'against') against.add(place);
    else {
      // 1 = evidence, WEAK = evidence told in passing, -1 = echo (resolved in scoreRelevance).
      const strength = role === 'echo' ? -1 : inPassing(h, background) ? WEAK : 1;
      anyEvidence ||= strength > 0;
      evidence.set(place, Math.max(evidence.get(place) ?? -1, strength));
    }
  }
  return { evidence, against, anyEvidence };
}

/** The score of one topic on one article (see the head of this file for the rule). */
export function scoreRelevance(hits: readonly PlaceHit[], text: string, settings: RelevanceSettings = {}): Relevance {
  const w = { ...DEFAULT_WEIGHTS, ...settings.weights };
  const threshold = settings.threshold ?? DEFAULT_THRESHOLD;
  const starts = sentenceStarts(text);
  const { evidence, against, anyEvidence } = places(hits, text, starts, settings.roles ?? {});
  // Weak places count as an echo does; echo places (marked -1) only beside evidence somewhere.
  const strength = (p: number) => {
    const v = evidence.get(p);
    return v === undefined ? 0 : v === 1 ? 1 : v === WEAK || anyEvidence ? w.echo : 0;
  };
  let lead = 0;
  let body = 0;
  let sum = 0;
  let best = 0;
  let evidencePlaces = 0;
  const leadSentences = leadLength(text, starts);
  for (const p of evidence.keys()) {
    const s = strength(p);
    if (s > 0) evidencePlaces++;
    if (p === TITLE) continue;
    if (p < leadSentences) lead = Math.max(lead, s);
    else body = Math.max(body, s);
    sum += s;
    best = Math.max(best, s);
  }
  let againstPlaces = 0;
  for (const p of against) if (strength(p) === 0) againstPlaces++;
  const parts: RelevanceParts = {
    title: round(w.title * strength(TITLE)),
    lead: round(w.lead * lead),
    body: round(w.body * body),
    spread: round(w.spread * Math.min(w.spreadCap, sum - best)),
    against: round(-w.against * Math.min(w.againstCap, Math.max(0, againstPlaces - evidencePlaces))),
  };
  const score = round(parts.title + parts.lead + parts.body + parts.spread + parts.against);
  return { score, threshold, relevant: score >= threshold, parts, evidencePlaces, againstPlaces };
}

function round(x: number): number {
  return Math.round(x * 100) / 100 + 0;
}

/** What the rule needs from a structured topic: its condition's clause lists and its settings. */
export interface RelevanceSpec {
  require: readonly string[];
  any: readonly (string | readonly string[])[];
  exclude?: readonly string[];
  /** Short back-references: half strength, only beside evidence. */
  echo?: readonly string[];
  /** Rival stories (another war, an old event): count against when they fill more places. */
  against?: readonly string[];
  /** Mentions in passing: evidence inside one of their hits counts as an echo. */
  background?: readonly string[];
  threshold?: number;
}

/**
 * Clause roles from a topic's condition: the clauses of `any` are the evidence (or, when `any` is
 * empty, those of `require`); other `require` clauses are context (gates such as "names Iraq");
 * `echo` and `against` as listed. Clauses in none of these (helpers used inside other clauses,
 * exclusions) do not score.
 */
export function rolesOf(spec: RelevanceSpec): Record<string, ClauseRole> {
  const roles: Record<string, ClauseRole> = {};
  const evidence = spec.any.length > 0 ? spec.any.flat() : spec.require;
  for (const c of spec.require) roles[c] = 'context';
  for (const c of evidence) roles[c] = 'evidence';
  for (const c of spec.echo ?? []) roles[c] ??= 'echo';
  for (const c of spec.against ?? []) roles[c] ??= 'against';
  for (const c of spec.background ?? []) roles[c] ??= 'background';
  return roles;
}

/**
 * The relevance of a structured topic whose condition held. Without a `threshold` the topic is
 * decided by its condition alone (the score still ranks and explains); with one, the rule decides.
 */
export function topicRelevance(spec: RelevanceSpec, hits: readonly PlaceHit[], text: string, weights?: Partial<RelevanceWeights>): Relevance {
  const roles = rolesOf(spec);
  const scored = hits.filter((h) => roles[h.clause] !== undefined);
  const r = scoreRelevance(scored, text, { roles, weights, threshold: spec.threshold ?? -Infinity });
  return spec.threshold === undefined ? { ...r, threshold: 0, relevant: true } : r;
}
