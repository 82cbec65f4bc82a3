// The digest: what a channel reads, decided once and rendered per platform.
import type { Lang } from '../core/types.ts';
import type { RichText } from './rich-text.ts';

/** The language of the digest's own words (headers, "+3 sources"); article text keeps its own. */
export type UiLang = 'en' | 'ar';

export interface DigestSource {
  /** Display name of the outlet (feed name, else the article's host). */
  name: string;
  /** Safe http(s) link to this outlet's article, if it has one. */
  url?: string;
}

export interface DigestStory {
  storyId: string;
  /** 1-based position in the digest. */
  rank: number;
  /** The ranking score (match × recency × sources), for JSON consumers and tests. */
  score: number;
  /** Best match score among the story's articles for the digest's topics. */
  matchScore: number;
  /** Which of the digest's topics the story matched. */
  topics: string[];
  /** Matched query terms, as written in the queries. */
  terms: string[];
  /** Language of the lead article (its headline and summary are in it). */
  lang: Lang;
  headline: RichText;
  summary: RichText;
  /** Safe http(s) link to the lead article; undefined when the feed gave none or an unsafe one. */
  url?: string;
  /** Outlet of the lead article. */
  source: string;
  /** When the story was first seen (its earliest article, before the window if it is older). */
  firstSeenMs: number;
  /** Its newest article in the window. */
  latestMs: number;
  /** Articles of the story in the window. */
  articleCount: number;
  /** Distinct outlets in the window, the lead's included ("+N sources" shows sourceCount - 1). */
  sourceCount: number;
  /** Languages of the story's reports in the window (ar, en), in that order. */
  languages: Lang[];
  /** The other outlets (at most MAX_LISTED_SOURCES), earliest first. */
  sources: DigestSource[];
  /** Alerts: why it matched, per topic: its name and the clauses (else terms) that held. */
  why?: { topic: string; parts: string[] }[];
}

export interface Digest {
  topics: { id: string; name: string }[];
  sinceMs: number;
  untilMs: number;
  lang: UiLang;
  /** True when no stored article in the window matched: on-demand says "nothing new", scheduled posts nothing. */
  empty: boolean;
  totals: { stories: number; articles: number; sources: number };
  /** At most maxStories, best first. */
  stories: DigestStory[];
  /** Stories left out by maxStories ("K more"). */
  more: number;
  /**
   * 'alert': articles that just arrived, laid out one by one (headline, source, time, why, link)
   * instead of under a digest's header and counts.
   */
  kind?: 'digest' | 'alert';
  /** The subscription's time zone: alert times are shown in it (default UTC). */
  timezone?: string;
  /** An on-demand digest shown a page at a time: this page (1-based) of how many. */
  page?: { number: number; of: number };
}

export const MAX_LISTED_SOURCES = 5;
