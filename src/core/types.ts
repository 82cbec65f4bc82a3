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

export interface TopicDef {
  id: string;
  name?: string;
  query: string;
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

/** A new article that joined a story seen before (no alert of its own: a follow-up). */
export interface StoryJoin {
  stored: StoredArticle;
  /** Event details it added or changed (from the story index); empty when none or unknown. */
  changed?: ChangedField[];
}

// The error vocabulary lives in errors.ts; re-exported here for existing imports.
export { RaqibError } from './errors.ts';
