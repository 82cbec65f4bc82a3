// What one poll of one feed reports. Every outcome is a typed PollResult: a bad feed never throws.
import type { StoredArticle, StoryJoin } from '../core/types.ts';
import type { ErrorCode } from '../core/errors.ts';

export type PollStatus =
  | 'fetched'
  | 'notModified'
  | 'unchanged'
  | 'httpError'
  | 'timeout'
  | 'parseError'
  | 'refused'
  | 'tooLarge'
  | 'networkError'
  | 'disabled'
  | 'backoff'
  | 'storeError'
  | 'deliveryError';

/** Statuses that count as the feed's failure (backoff, auto-disable). */
export const FAILURE_STATUSES: ReadonlySet<PollStatus> = new Set(['httpError', 'timeout', 'parseError', 'refused', 'tooLarge', 'networkError']);

/**
 * Our own parts failed during the poll (the store, the hand-off to delivery): not the feed's
 * fault, so its failure count and backoff stay as they were and its items are read again next time.
 */
export const INFRA_STATUSES: ReadonlySet<PollStatus> = new Set(['storeError', 'deliveryError']);

/** The poll did not read the feed: the feed failed, is disabled, or our own parts failed. */
export function pollFailed(status: PollStatus): boolean {
  return FAILURE_STATUSES.has(status) || INFRA_STATUSES.has(status) || status === 'disabled';
}

export interface PollResult {
  feedId: string;
  url: string;
  name?: string;
  status: PollStatus;
  /** Items in the document. */
  items: number;
  /** Items stored by this poll. */
  newItems: number;
  /** Items skipped because they were seen before (by any feed). */
  seenItems: number;
  /** Items skipped as older than maxAge. */
  tooOld: number;
  stored: StoredArticle[];
  /** New, matched at least one topic, started a new story, and the feed was primed (or alertOnFirstPoll). */
  alerts: StoredArticle[];
  /** New, matched, joined a story seen before (feed primed): follow-ups to that story's alerts. */
  joins?: StoryJoin[];
  error?: string;
  /** The coded error of a storeError or deliveryError. */
  errorCode?: ErrorCode;
  warnings: string[];
  ms: number;
  /** When this feed should be polled next (ISO). */
  nextPollAt?: string;
}

export function emptyResult(feed: { id: string; url: string; name?: string }): PollResult {
  return {
    feedId: feed.id,
    url: feed.url,
    ...(feed.name ? { name: feed.name } : {}),
    status: 'fetched',
    items: 0,
    newItems: 0,
    seenItems: 0,
    tooOld: 0,
    stored: [],
    alerts: [],
    warnings: [],
    ms: 0,
  };
}
