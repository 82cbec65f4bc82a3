// Types shared along the pipeline: feeds → text → topics → stories → digest → delivery → platforms.
// Kept in one small module so that every stage agrees on the shapes at its boundaries.

export type Lang = 'ar' | 'en' | 'other';

/** One news item, normalised from whatever feed format it came in. */
export interface Article {
  /** Stable id derived from the canonical URL (or guid when there is no link). */
  id: string;
  feedId: string;
  url: string;
  title: string;
  /** Short description from the feed, as clean text. */
  summary: string;
  /** Full text when extracted, else the feed's content or summary, as clean text. */
  text: string;
  lang: Lang;
  /** ISO 8601. Missing feed dates become the fetch time. */
  published: string;
  /** ISO 8601. */
  fetchedAt: string;
  author?: string;
  guid?: string;
  /** The article's picture (http(s) only): from the feed item, else the page's og:image. */
  image?: string;
}

export type Field = 'title' | 'text';

/** Where a query term matched, as UTF-16 offsets into the original (un-normalised) field. */
export interface Span {
  field: Field;
  start: number;
  end: number;
  /** The query term that produced this span, as written in the query. */
  term: string;
}

/** The matcher's verdict for one topic on one article. */
export interface Match {
  /** Topic id. */
  id: string;
  /** Higher is a stronger match; comparable within a topic. */
  score: number;
  /** Distinct query terms that matched, as written in the query. */
  terms: string[];
  spans: Span[];
}

/**
 * One place where a named clause of a structured topic held: the field, the UTF-16 [start, end)
 * from its first to its last matched term, and the terms matched there.
 */
export interface ClauseHit {
  clause: string;
  field: Field;
  start: number;
  end: number;
  terms: string[];
}

/** A match with, for structured topics, every place each clause held (for explanations and relevance). */
export interface DetailedMatch extends Match {
  clauses: ClauseHit[];
  /** For a structured topic: the relevance score, the threshold it met and the score's parts. */
  relevance?: { score: number; threshold: number; parts: Record<string, number> };
}

/** A name or a line of text in each language; either may be missing. */
export interface Bilingual {
  en?: string;
  ar?: string;
}

/** A term of a structured topic as written, and the vocabulary it came from (none for inline terms). */
export interface TermSource {
  text: string;
  vocab?: string;
}

/** `not_near`: occurrences of the clause with one of these terms within `within` tokens do not count. */
export interface NotNearSpec {
  terms: TermSource[];
  /** Names of clauses of the same topic whose occurrences also spoil. */
  clauses: string[];
  within: number;
}

/**
 * One named clause of a structured topic (see src/topics/topic-format.ts for the YAML form):
 * any of `terms` or of the referenced `clauses`, optionally NEAR/BEFORE one of `with`, minus the
 * occurrences `notNear` spoils, counted `min` times, only in the title (`in`). Or a free `query`.
 */
export interface ClauseSpec {
  terms: TermSource[];
  clauses: string[];
  near?: { within: number; ordered: boolean; terms: TermSource[]; clauses: string[] };
  notNear: NotNearSpec[];
  min?: number;
  in?: Field;
  query?: string;
}

/** A structured topic's clauses and the condition combining them. */
export interface TopicSpec {
  /** In the order written. */
  clauses: Record<string, ClauseSpec>;
  /** Every one must hold. */
  require: string[];
  /** At least one must hold (when not empty); an entry that is a list holds when all its clauses hold. */
  any: (string | string[])[];
  /** None may hold. */
  exclude: string[];
  /** The clause that `extends … include:` adds terms to. */
  main?: string;
  /** For the relevance rule (src/topics/relevance.ts): the score an article needs. */
  threshold?: number;
  /** Relevance: clauses that are short back-references (half weight, only beside evidence). */
  echo?: string[];
  /** Relevance: clauses that tell a rival story (another war, an old strike); they weigh against. */
  against?: string[];
  /**
   * Relevance: clauses that mark a mention told in passing (the cause or setting of another story,
   * "following US airstrikes"): evidence inside one counts only as an echo.
   */
  background?: string[];
}

export type TopicOrigin = 'pack' | 'config' | 'extends' | 'runtime' | 'personal';

/**
 * Which feeds a topic reads (`feeds:` or `except_feeds:` in the topic file): `only` reads these
 * feeds alone, `except` all but these. Each feed by its id, with the reference as written.
 */
export interface FeedScope {
  kind: 'only' | 'except';
  feeds: { id: string; ref: string }[];
}

export interface TopicDef {
  id: string;
  /** One display name (the English name of a structured topic). */
  name?: string;
  /**
   * The free query of an ad-hoc topic. For a structured topic (with `spec`), a short readable
   * rendering of its clauses, for display only: the matcher compiles `spec`.
   */
  query: string;
  names?: Bilingual;
  /** Other names commands accept for the topic. */
  aliases?: string[];
  description?: Bilingual;
  spec?: TopicSpec;
  origin?: TopicOrigin;
  /** The feeds it reads; absent: every feed. */
  feedScope?: FeedScope;
}

/** What the store keeps per article: the article plus what the pipeline decided about it. */
export interface StoredArticle {
  article: Article;
  matches: Match[];
  /** Set by the stories stage when the article is clustered. */
  storyId?: string;
}

/** One new or changed detail of a story's event, ready to show in a follow-up. */
export interface ChangedField {
  /** What it is: killed, wounded, place, actor, day, … (labelled per language by the renderer). */
  field: string;
  /** The value in English (or as written: numbers). */
  value: string;
  /** The value in Arabic when it differs (a place's Arabic name). */
  ar?: string;
}

/** The story ingest placed an article in (the stories stage's answer). */
export interface StoryAssignment {
  storyId: string;
  /** It started the story: alert it. */
  isNew: boolean;
  changed?: ChangedField[];
  /** Earlier stories it showed to be the same happening, now merged into storyId, and when their reports were published. */
  merged?: { ids: string[]; sinceMs: number; untilMs: number };
}

/** A new article that joined a story seen before (no alert of its own: a follow-up). */
export interface StoryJoin {
  stored: StoredArticle;
  /** Event details it added or changed (from the story index); empty when none or unknown. */
  changed?: ChangedField[];
}

// The error vocabulary lives in errors.ts; re-exported here for existing imports.
export { RaqibError } from './errors.ts';
