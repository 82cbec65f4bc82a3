// Feeds: fetch (guarded, conditional, capped), decode, parse (feedsmith + lenient fallback),
// normalise to Articles, full text. The per-feed poll pipeline is src/pipeline/ingest.ts.
export { canonicalUrl, resolveUrl } from './canonical-url.ts';
export { decodeBytes, charsetFromContentType, type Decoded, type CharsetSource } from './charset.ts';
export { parseFeedDate } from './dates.ts';
export {
  feedSpec,
  feedSpecFromConfig,
  feedIdFor,
  feedLocationKey,
  minIntervalFor,
  DEFAULT_INTERVAL_MS,
  DEFAULT_MAX_AGE_MS,
  MIN_LOCAL_INTERVAL_MS,
  MIN_REMOTE_INTERVAL_MS,
  type FeedSpec,
  type FeedSpecInput,
  type FeedConfigLike,
} from './feed-spec.ts';
export { createFetcher, isLocal, DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, type Fetcher, type FetchOptions, type FetchResult, type Validators } from './fetch.ts';
export { extractReadable, fetchFullText, type Extracted, type FullTextResult } from './full-text.ts';
export { shortHash } from './hash.ts';
export { htmlToText, cleanPlain } from './html-text.ts';
export { detectLang } from './lang.ts';
export { normaliseFeed, truncate, type NormalisedItem, type NormaliseContext } from './normalise.ts';
export { parseFeedBytes, parseFeedText, type ParseResult, type ParserName } from './parse.ts';
export type { RawFeed, RawItem, FeedFormat } from './raw-feed.ts';
export { addressProblem, Allowlist, createGuardedAgent, RefusedAddressError, resolveChecked, systemLookup, type LookupFn } from './ssrf.ts';
