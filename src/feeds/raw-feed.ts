// The parser-neutral shape between "some library read the document" and "normalise to Article".
// Both feedsmith and the lenient fallback produce it, so normalisation is written once.
import type { ImageCandidate } from './image.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface RawItem {
  /** May contain markup; cleaned later. */
  title?: string;
  /** As written (possibly relative). */
  link?: string;
  guid?: string;
  /** RSS guid isPermaLink; undefined when not stated. */
  guidIsPermaLink?: boolean;
  /** HTML (or text) summary. */
  summary?: string;
  /** HTML (or text) full content. */
  content?: string;
  /** True when `content` is plain text (JSON Feed content_text): "<" is literal there. */
  contentIsText?: boolean;
  /** Raw date strings, parsed during normalisation. */
  published?: string;
  updated?: string;
  author?: string;
  /** xml:base in effect for this item, if any. */
  base?: string;
  lang?: string;
  /** Image candidates the item names (media:*, image enclosures, JSON Feed image); chosen in normalisation. */
  images?: ImageCandidate[];
}

export interface RawFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  base?: string;
  language?: string;
  items: RawItem[];
}

export const firstString = (...xs: unknown[]): string | undefined => {
  for (const x of xs) if (typeof x === 'string' && x.trim() !== '') return x;
  return undefined;
};
