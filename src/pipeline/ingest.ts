// One poll of one feed: fetch (conditional, guarded) → decode → parse → normalise → drop what was
// seen or is too old → full text → match → story → store → the list to alert. Feed health lives in
// FeedState: validators, body hash, consecutive failures with exponential backoff (capped at 6 h),
// auto-disable after N failures with the reason kept for /status. Nothing here throws for a bad
// feed: every outcome is a typed PollResult, so one broken feed never stops the others.
import type { ChangedField, Match, StoredArticle, StoryJoin } from '../core/types.ts';
import type { Matcher } from '../topics/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedState, FeedStateStore } from '../store/feed-state-store.ts';
import { createFetcher, type FetchOptions, type Fetcher, type FetchResult } from '../feeds/fetch.ts';
import type { FeedSpec } from '../feeds/feed-spec.ts';
import { fetchFullText } from '../feeds/full-text.ts';
import { shortHash } from '../feeds/hash.ts';
import { detectLang } from '../feeds/lang.ts';
import { normaliseFeed, truncate, MAX_SUMMARY, type NormalisedItem } from '../feeds/normalise.ts';
import { parseFeedBytes } from '../feeds/parse.ts';

export type PollStatus =
  | 'fetched' | 'notModified' | 'unchanged'
  | 'httpError' | 'timeout' | 'parseError' | 'refused' | 'tooLarge' | 'networkError'
  | 'disabled' | 'backoff';

/** Statuses that count as a failed poll (backoff, auto-disable). */
export const FAILURE_STATUSES: ReadonlySet<PollStatus> = new Set(['httpError', 'timeout', 'parseError', 'refused', 'tooLarge', 'networkError']);

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
  warnings: string[];
  ms: number;
  /** When this feed should be polled next (ISO). */
  nextPollAt?: string;
}

interface LoggerLike {
  debug?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

export interface IngestDeps {
  articles: ArticleStore;
  feedStates: FeedStateStore;
  /** Called per poll so that topic changes at run time apply to the next poll. */
  matcher: () => Matcher;
  /** Story assignment (stories stage); without it every matched new article alerts. */
  assignStory?: (s: StoredArticle) => Promise<{ storyId: string; isNew: boolean; changed?: ChangedField[] }>;
  /**
   * Hands alerts to delivery before the items are marked seen, so that a crash in between
   * re-offers them rather than losing them. Without it, callers deliver PollResult.alerts.
   */
  deliver?: (alerts: StoredArticle[], joins: StoryJoin[]) => Promise<unknown>;
  /** A shared fetcher (one connection pool); else one is made from fetchOptions and kept. */
  fetcher?: Fetcher;
  fetchOptions?: FetchOptions;
  now?: () => number;
  log?: LoggerLike;
  /** Consecutive failures before a feed is disabled (default 10). */
  maxFailures?: number;
  /** Article pages fetched per poll for fullText feeds (default 20), and at once (default 3). */
  maxFullTextPerPoll?: number;
  fullTextConcurrency?: number;
}

export interface PollOptions {
  /** Poll even inside a failure backoff window (CLI, /feeds refresh). */
  force?: boolean;
  /** Poll a disabled feed too (a person asked for it: `raqib ingest`); success re-enables it. */
  includeDisabled?: boolean;
}

export const MAX_BACKOFF_MS = 6 * 3_600_000;

/** Delay before retrying after `failures` consecutive failures: interval × 2^failures, capped at 6 h. */
export function backoffMs(failures: number, intervalMs: number, retryAfterMs?: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 20));
  return Math.min(MAX_BACKOFF_MS, Math.max(exp, retryAfterMs ?? 0));
}

const fetchers = new WeakMap<IngestDeps, Fetcher>();
function fetcherOf(deps: IngestDeps): Fetcher {
  if (deps.fetcher) return deps.fetcher;
  let f = fetchers.get(deps);
  if (!f) fetchers.set(deps, (f = createFetcher(deps.fetchOptions)));
  return f;
}

// "Seen?" then "store" must not interleave between two feeds carrying the same article, or both
// would store and alert it. One chain per ArticleStore serialises that short section.
const sections = new WeakMap<ArticleStore, Promise<unknown>>();
function exclusive<T>(articles: ArticleStore, fn: () => Promise<T>): Promise<T> {
  const prev = sections.get(articles) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  sections.set(articles, run.catch(() => {}));
  return run;
}

/** Clears a disabled feed's failure record so that the next poll runs (/feeds enable). */
export async function enableFeed(feedStates: FeedStateStore, feedId: string): Promise<boolean> {
  const s = await feedStates.get(feedId);
  if (!s) return false;
  await feedStates.set({ ...s, failures: 0, disabledReason: undefined, lastError: undefined, nextPollAt: undefined });
  return true;
}

/** True when the feed should be polled now (not disabled, its next poll time reached). */
export function isDue(state: FeedState | undefined, now: number): boolean {
  if (!state) return true;
  if (state.disabledReason) return false;
  return !state.nextPollAt || Date.parse(state.nextPollAt) <= now;
}

export async function pollFeed(feed: FeedSpec, deps: IngestDeps, opts: PollOptions = {}): Promise<PollResult> {
  const now = deps.now ?? Date.now;
  const t0 = now();
  const started = performance.now();
  const result: PollResult = {
    feedId: feed.id, url: feed.url, ...(feed.name ? { name: feed.name } : {}),
    status: 'fetched', items: 0, newItems: 0, seenItems: 0, tooOld: 0, stored: [], alerts: [], warnings: [], ms: 0,
  };
  const finish = (r: PollResult) => ({ ...r, ms: Math.round(performance.now() - started) });
  let state: FeedState = (await deps.feedStates.get(feed.id)) ?? { feedId: feed.id, url: feed.url, failures: 0, primed: false, itemsSeen: 0 };
  if (state.url !== feed.url) {
    // The feed moved: old validators and body hash belong to the old location.
    state = { ...state, url: feed.url, etag: undefined, lastModified: undefined, bodyHash: undefined };
  }
  if (state.disabledReason && !opts.includeDisabled) return finish({ ...result, status: 'disabled', error: state.disabledReason });
  if (!opts.force && state.failures > 0 && state.nextPollAt && Date.parse(state.nextPollAt) > t0) {
    return finish({ ...result, status: 'backoff', error: state.lastError, nextPollAt: state.nextPollAt });
  }

  const fetched: FetchResult = await fetcherOf(deps).fetch(feed.url, { etag: state.etag, lastModified: state.lastModified });
  const fail = async (status: PollStatus, message: string, retryAfterMs?: number) => {
    const failures = state.failures + 1;
    const max = deps.maxFailures ?? 10;
    const nextPollAt = new Date(t0 + backoffMs(failures, feed.intervalMs, retryAfterMs)).toISOString();
    const disabledReason = failures >= max ? `disabled after ${failures} consecutive failures; last: ${status}: ${message}` : undefined;
    await deps.feedStates.set({ ...state, lastPollAt: new Date(t0).toISOString(), failures, lastError: `${status}: ${message}`, nextPollAt, ...(disabledReason ? { disabledReason } : {}) });
    deps.log?.warn?.({ feedId: feed.id, url: feed.url, status, failures, nextPollAt }, `feed poll failed: ${message}`);
    return finish({ ...result, status, error: message, nextPollAt });
  };
  const succeed = async (status: PollStatus, patch: Partial<FeedState>) => {
    const nextPollAt = new Date(t0 + feed.intervalMs).toISOString();
    const iso = new Date(t0).toISOString();
    await deps.feedStates.set({ ...state, ...patch, lastPollAt: iso, lastOkAt: iso, failures: 0, lastError: undefined, disabledReason: undefined, nextPollAt });
    return finish({ ...result, status, nextPollAt });
  };

  if (fetched.kind === 'notModified') return succeed('notModified', {});
  if (fetched.kind !== 'fetched') return fail(fetched.kind, fetched.message, fetched.kind === 'httpError' ? fetched.retryAfterMs : undefined);
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
  const bodyHash = shortHash(fetched.body, 32);
  if (bodyHash === state.bodyHash) return succeed('unchanged', validators);

  const parsed = parseFeedBytes(fetched.body, fetched.contentType);
  if (!parsed.ok) return fail('parseError', parsed.error);
  result.warnings.push(...parsed.warnings);
  const items = normaliseFeed(parsed.feed, { feedId: feed.id, feedUrl: fetched.finalUrl, fetchedAt: t0 });
  result.items = items.length;
  const alerting = state.primed || feed.alertOnFirstPoll;

  try {
    // Pass 1: what is new (cheap, under the dedupe lock); pass 2 does slow work (full text)
    // outside it; pass 3 re-checks and stores under the lock again.
    const candidates = await exclusive(deps.articles, () => selectNew(items, feed, deps, t0, result));
    if (feed.fullText && candidates.length > 0) await addFullText(candidates, deps);
    const matcher = deps.matcher();
    await exclusive(deps.articles, async () => {
      const storedKeys: { keys: string[]; id: string }[] = [];
      for (const item of candidates) {
        if (await deps.articles.seenAs(item.dedupeKeys)) {
          result.seenItems++;
          continue;
        }
        const stored = await storeItem(item, matcher, deps, result);
        result.stored.push(stored.stored);
        storedKeys.push({ keys: item.dedupeKeys, id: item.article.id });
        if (alerting && stored.matched && stored.isNewStory) result.alerts.push(stored.stored);
        else if (alerting && stored.matched && stored.stored.storyId) (result.joins ??= []).push({ stored: stored.stored, ...(stored.changed ? { changed: stored.changed } : {}) });
      }
      // Crash order: article stored → alerts handed to delivery → items marked seen. A crash
      // before the last step means the items are read again next time and their alerts offered
      // again (delivery drops repeats by key); marking first could lose the alerts for good.
      if ((result.alerts.length > 0 || result.joins?.length) && deps.deliver) await deps.deliver(result.alerts, result.joins ?? []);
      for (const s of storedKeys) await deps.articles.markSeen(s.keys, s.id);
    });
  } catch (e) {
    // A store failure (Redis down) must not mark the body as processed: retry next poll.
    return fail('networkError', `store error: ${(e as Error).message}`);
  }
  result.newItems = result.stored.length;
  const done = await succeed('fetched', { ...validators, bodyHash, primed: true, itemsSeen: state.itemsSeen + result.newItems });
  deps.log?.info?.({ feedId: feed.id, items: result.items, new: result.newItems, alerts: result.alerts.length, parser: parsed.parser }, 'feed polled');
  return done;
}

async function selectNew(items: NormalisedItem[], feed: FeedSpec, deps: IngestDeps, t0: number, result: PollResult): Promise<NormalisedItem[]> {
  const out: NormalisedItem[] = [];
  const inThisPoll = new Set<string>();
  for (const item of items) {
    if (item.dedupeKeys.some((k) => inThisPoll.has(k)) || (await deps.articles.seenAs(item.dedupeKeys))) {
      result.seenItems++;
      continue;
    }
    for (const k of item.dedupeKeys) inThisPoll.add(k);
    if (!item.dateMissing && Date.parse(item.article.published) < t0 - feed.maxAgeMs) {
      // Remember it so that an old item is never re-examined (or alerted if its date changes).
      await deps.articles.markSeen(item.dedupeKeys, item.article.id);
      result.tooOld++;
      continue;
    }
    out.push(item);
  }
  return out;
}

async function addFullText(items: NormalisedItem[], deps: IngestDeps): Promise<void> {
  const todo = items.filter((i) => i.article.url).slice(0, deps.maxFullTextPerPoll ?? 20);
  const fetcher = fetcherOf(deps);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const item = todo[next++]!;
      const r = await fetchFullText(item.article.url, fetcher);
      if (r.ok && r.extracted.text.length > item.article.text.length) {
        const a = item.article;
        a.text = r.extracted.text;
        if (!a.summary) a.summary = truncate(a.text.replace(/\s+/g, ' '), MAX_SUMMARY);
        if (!a.author && r.extracted.byline) a.author = r.extracted.byline;
        a.lang = detectLang(`${a.title}\n${a.text}`);
      } else if (!r.ok) {
        deps.log?.debug?.({ url: item.article.url, reason: r.reason }, 'full text not extracted');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.fullTextConcurrency ?? 3, todo.length) }, worker));
}

async function storeItem(item: NormalisedItem, matcher: Matcher, deps: IngestDeps, result: PollResult) {
  let matches: Match[] = [];
  try {
    matches = matcher.match({ title: item.article.title, text: item.article.text });
  } catch (e) {
    // One article the matcher chokes on is stored unmatched, not a failed feed.
    result.warnings.push(`matcher failed on ${item.article.id}: ${(e as Error).message}`);
  }
  const stored: StoredArticle = { article: item.article, matches };
  let isNewStory = true;
  let changed: ChangedField[] | undefined;
  if (deps.assignStory && matches.length > 0) {
    const s = await deps.assignStory(stored);
    stored.storyId = s.storyId;
    isNewStory = s.isNew;
    changed = s.changed;
  }
  // Marked seen only after delivery has the alerts (pollFeed).
  await deps.articles.put(stored);
  return { stored, matched: matches.length > 0, isNewStory, changed };
}

export interface PollDueOptions {
  /** Feeds polled at once (default 4). */
  concurrency?: number;
  /** Called as each poll finishes (deliver its alerts, log, update metrics). */
  onResult?: (r: PollResult) => void | Promise<void>;
}

// Feeds whose poll is still running, per deps object: a slow feed is never polled twice at once
// when the scheduler's tick comes round again.
const inFlight = new WeakMap<IngestDeps, Set<string>>();

/**
 * One scheduler tick: polls every feed that is due (its nextPollAt reached, not disabled, not
 * already running), a few at a time. Call it every few seconds; per-feed intervals and backoff
 * live in FeedState, so ticks can be frequent and cheap. Never throws for a feed.
 */
export async function pollDueFeeds(feeds: readonly FeedSpec[], deps: IngestDeps, opts: PollDueOptions = {}): Promise<PollResult[]> {
  const now = (deps.now ?? Date.now)();
  let running = inFlight.get(deps);
  if (!running) inFlight.set(deps, (running = new Set()));
  const due: FeedSpec[] = [];
  for (const f of feeds) {
    if (running.has(f.id)) continue;
    running.add(f.id); // claimed before the await, so an overlapping tick skips it
    const state = await deps.feedStates.get(f.id).catch(() => undefined);
    if (isDue(state && state.url === f.url ? state : undefined, now)) due.push(f);
    else running.delete(f.id);
  }
  const results: PollResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const feed = due[next++]!;
      let r: PollResult;
      try {
        r = await pollFeed(feed, deps);
      } catch (e) {
        // Only infrastructure (the state store itself) can get here.
        r = { feedId: feed.id, url: feed.url, status: 'networkError', items: 0, newItems: 0, seenItems: 0, tooOld: 0, stored: [], alerts: [], warnings: [], ms: 0, error: `store error: ${(e as Error).message}` };
      } finally {
        running.delete(feed.id);
      }
      results.push(r);
      try {
        await opts.onResult?.(r);
      } catch (e) {
        deps.log?.warn?.({ feedId: feed.id, err: e }, 'onResult failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, due.length) }, worker));
  return results;
}
