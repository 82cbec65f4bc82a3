// One poll of one feed: fetch (conditional, guarded) → decode → parse → normalise → drop what was
// seen or is too old → full text → match → story → store → the list to alert. Feed health lives in
// FeedState: validators, body hash, consecutive failures with exponential backoff (capped at 6 h),
// auto-disable after N failures with the reason kept for /status. Nothing here throws: every
// outcome is a typed PollResult, so one broken feed never stops the others. A failure of our own
// parts (the store, the hand-off to delivery) is reported as such and never counted against the
// feed: it would otherwise drive the feed's backoff and auto-disable.
import type { ChangedField, Match, StoredArticle, StoryAssignment, StoryJoin } from '../core/types.ts';
import { toRaqibError, type RaqibError } from '../core/errors.ts';
import { mapPool } from '../core/pool.ts';
import { silentLogger, type Logger } from '../log.ts';
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
import { emptyResult, type PollResult, type PollStatus } from './poll-result.ts';

export { FAILURE_STATUSES, INFRA_STATUSES, pollFailed, type PollResult, type PollStatus } from './poll-result.ts';

/**
 * Where a poll's alerts go (delivery's router): a port, so ingest never imports delivery. Joins
 * are new reports of stories seen before: follow-ups to those stories' alerts.
 */
export type AlertSink = (alerts: StoredArticle[], joins: StoryJoin[]) => Promise<unknown>;

export interface IngestDeps {
  articles: ArticleStore;
  feedStates: FeedStateStore;
  /** Called per poll so that topic changes at run time apply to the next poll. */
  matcher: () => Matcher;
  /** Story assignment (stories stage); without it every matched new article alerts. */
  assignStory?: (s: StoredArticle) => Promise<StoryAssignment>;
  /**
   * Hands alerts to delivery before the items are marked seen, so that a crash in between
   * re-offers them rather than losing them. Without it, callers deliver PollResult.alerts.
   */
  deliver?: AlertSink;
  /** A shared fetcher (one connection pool); else one is made from fetchOptions and kept. */
  fetcher?: Fetcher;
  fetchOptions?: FetchOptions;
  now?: () => number;
  log?: Logger;
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

// "Seen?" then "store" must not interleave between two feeds carrying the same article, nor
// between two processes polling one feed, or both would store, place in a story and alert it. The
// article store's section serialises that short stretch across processes on one Redis too.
function exclusive<T>(articles: ArticleStore, fn: () => Promise<T>): Promise<T> {
  return articles.exclusive(fn);
}

/** The hand-off to delivery failed (as opposed to the store): reported as a deliveryError. */
class HandOffFailed extends Error {
  constructor(readonly error: RaqibError) {
    super(error.message);
  }
}

/** One poll in progress: the feed, its state as read, and the result being filled in. */
interface Poll {
  feed: FeedSpec;
  deps: IngestDeps;
  log: Logger;
  t0: number;
  state: FeedState;
  result: PollResult;
}

export async function pollFeed(feed: FeedSpec, deps: IngestDeps, opts: PollOptions = {}): Promise<PollResult> {
  const started = performance.now();
  const log = deps.log ?? silentLogger;
  let r: PollResult;
  try {
    r = await pollSteps(feed, deps, log, opts);
  } catch (e) {
    // The boundary of a poll: anything thrown is one of our parts failing, never the feed.
    const delivery = e instanceof HandOffFailed;
    const err = delivery ? e.error : toRaqibError(e, 'STORE_FAILED', 'store');
    const status: PollStatus = delivery ? 'deliveryError' : 'storeError';
    log.error(
      { feedId: feed.id, url: feed.url, status, code: err.code, err },
      'poll failed on our side; the feed is not blamed and its items will be read again',
    );
    r = { ...emptyResult(feed), status, error: err.message, errorCode: err.code };
  }
  return { ...r, ms: Math.round(performance.now() - started) };
}

async function pollSteps(feed: FeedSpec, deps: IngestDeps, log: Logger, opts: PollOptions): Promise<PollResult> {
  const t0 = (deps.now ?? Date.now)();
  const poll: Poll = { feed, deps, log, t0, state: await loadState(feed, deps), result: emptyResult(feed) };
  const { state, result } = poll;
  if (state.disabledReason && !opts.includeDisabled) return { ...result, status: 'disabled', error: state.disabledReason };
  if (!opts.force && state.failures > 0 && state.nextPollAt && Date.parse(state.nextPollAt) > t0) {
    return { ...result, status: 'backoff', ...(state.lastError ? { error: state.lastError } : {}), nextPollAt: state.nextPollAt };
  }

  const fetched: FetchResult = await fetcherOf(deps).fetch(feed.url, { etag: state.etag, lastModified: state.lastModified });
  if (fetched.kind === 'notModified') return succeed(poll, 'notModified', {});
  if (fetched.kind !== 'fetched') return fail(poll, fetched.kind, fetched.message, fetched.kind === 'httpError' ? fetched.retryAfterMs : undefined);
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
  const bodyHash = shortHash(fetched.body, 32);
  if (bodyHash === state.bodyHash) return succeed(poll, 'unchanged', validators);

  const parsed = parseFeedBytes(fetched.body, fetched.contentType);
  if (!parsed.ok) return fail(poll, 'parseError', parsed.error);
  result.warnings.push(...parsed.warnings);
  const items = normaliseFeed(parsed.feed, { feedId: feed.id, feedUrl: fetched.finalUrl, fetchedAt: t0 });
  result.items = items.length;
  await storeNew(poll, items);
  result.newItems = result.stored.length;
  const done = await succeed(poll, 'fetched', { ...validators, bodyHash, primed: true, itemsSeen: state.itemsSeen + result.newItems });
  log.info({ feedId: feed.id, items: result.items, new: result.newItems, alerts: result.alerts.length, parser: parsed.parser }, 'feed polled');
  return done;
}

async function loadState(feed: FeedSpec, deps: IngestDeps): Promise<FeedState> {
  const state: FeedState = (await deps.feedStates.get(feed.id)) ?? { feedId: feed.id, url: feed.url, failures: 0, primed: false, itemsSeen: 0 };
  // The feed moved: old validators and body hash belong to the old location.
  return state.url === feed.url ? state : { ...state, url: feed.url, etag: undefined, lastModified: undefined, bodyHash: undefined };
}

/** The feed failed: count it, back off, disable after maxFailures. */
async function fail(p: Poll, status: PollStatus, message: string, retryAfterMs?: number): Promise<PollResult> {
  const { feed, state, t0 } = p;
  const failures = state.failures + 1;
  const max = p.deps.maxFailures ?? 10;
  const nextPollAt = new Date(t0 + backoffMs(failures, feed.intervalMs, retryAfterMs)).toISOString();
  const disabledReason = failures >= max ? `disabled after ${failures} consecutive failures; last: ${status}: ${message}` : undefined;
  await p.deps.feedStates.set({
    ...state,
    lastPollAt: new Date(t0).toISOString(),
    failures,
    lastError: `${status}: ${message}`,
    nextPollAt,
    ...(disabledReason ? { disabledReason } : {}),
  });
  p.log.warn({ feedId: feed.id, url: feed.url, status, failures, nextPollAt }, `feed poll failed: ${message}`);
  return { ...p.result, status, error: message, nextPollAt };
}

async function succeed(p: Poll, status: PollStatus, patch: Partial<FeedState>): Promise<PollResult> {
  const nextPollAt = new Date(p.t0 + p.feed.intervalMs).toISOString();
  const iso = new Date(p.t0).toISOString();
  await p.deps.feedStates.set({
    ...p.state,
    ...patch,
    lastPollAt: iso,
    lastOkAt: iso,
    failures: 0,
    lastError: undefined,
    disabledReason: undefined,
    nextPollAt,
  });
  return { ...p.result, status, nextPollAt };
}

/**
 * Pass 1: what is new (cheap, under the dedupe lock); pass 2 does slow work (full text) outside
 * it; pass 3 re-checks and stores under the lock again, a chunk at a time (storeChunk).
 */
async function storeNew(p: Poll, items: NormalisedItem[]): Promise<void> {
  const { feed, deps, result } = p;
  const candidates = await exclusive(deps.articles, () => selectNew(items, feed, deps, p.t0, result));
  if (feed.fullText && candidates.length > 0) await addFullText(candidates, deps, p.log);
  const matcher = deps.matcher();
  for (let next = 0; next < candidates.length;) next = await exclusive(deps.articles, () => storeChunk(p, candidates, next, matcher));
}

/**
 * Items stored before their alerts are handed off and marked seen together: a poll of hundreds of
 * new items takes tens of seconds on a loaded machine, and a process that dies in it keeps every
 * chunk it finished (before, it kept nothing, and short-lived processes never got past one poll).
 * A chunk ends after CHUNK_ITEMS stored items or CHUNK_MS, whichever comes first.
 */
const CHUNK_ITEMS = 20;
const CHUNK_MS = 500;

/** Stores candidates from `from` on, one chunk; returns where the next chunk starts. */
async function storeChunk(p: Poll, candidates: NormalisedItem[], from: number, matcher: Matcher): Promise<number> {
  const { feed, deps, result } = p;
  const alerting = p.state.primed || feed.alertOnFirstPoll;
  const started = performance.now();
  const alerts: StoredArticle[] = [];
  const joins: StoryJoin[] = [];
  const storedKeys: { keys: string[]; id: string }[] = [];
  let i = from;
  for (; i < candidates.length && storedKeys.length < CHUNK_ITEMS && performance.now() - started < CHUNK_MS; i++) {
    const item = candidates[i]!;
    if (await deps.articles.seenAs(item.dedupeKeys)) {
      result.seenItems++;
      continue;
    }
    const stored = await storeItem(item, matcher, deps, result);
    result.stored.push(stored.stored);
    storedKeys.push({ keys: item.dedupeKeys, id: item.article.id });
    if (alerting && stored.matched && stored.isNewStory) alerts.push(stored.stored);
    else if (alerting && stored.matched && stored.stored.storyId) joins.push({ stored: stored.stored, ...(stored.changed ? { changed: stored.changed } : {}) });
  }
  // Crash order: article stored → alerts handed to delivery → items marked seen. A crash
  // before the last step means the items are read again next time and their alerts offered
  // again (delivery drops repeats by key); marking first could lose the alerts for good.
  if ((alerts.length > 0 || joins.length > 0) && deps.deliver) await handOff(deps.deliver, alerts, joins);
  result.alerts.push(...alerts);
  if (joins.length > 0) (result.joins ??= []).push(...joins);
  for (const s of storedKeys) await deps.articles.markSeen(s.keys, s.id);
  return i;
}

async function handOff(deliver: AlertSink, alerts: StoredArticle[], joins: StoryJoin[]): Promise<void> {
  try {
    await deliver(alerts, joins);
  } catch (e) {
    throw new HandOffFailed(toRaqibError(e, 'DELIVERY_QUEUE', 'delivery'));
  }
}

async function selectNew(items: NormalisedItem[], feed: FeedSpec, deps: IngestDeps, t0: number, result: PollResult): Promise<NormalisedItem[]> {
  const out: NormalisedItem[] = [];
  const inThisPoll = new Set<string>();
  const seen = await deps.articles.seenMany(items.flatMap((i) => i.dedupeKeys));
  for (const item of items) {
    if (item.dedupeKeys.some((k) => inThisPoll.has(k) || seen.has(k))) {
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

async function addFullText(items: NormalisedItem[], deps: IngestDeps, log: Logger): Promise<void> {
  const todo = items.filter((i) => i.article.url).slice(0, deps.maxFullTextPerPoll ?? 20);
  const fetcher = fetcherOf(deps);
  await mapPool(todo, deps.fullTextConcurrency ?? 3, async (item) => {
    const r = await fetchFullText(item.article.url, fetcher);
    if (r.ok && r.extracted.text.length > item.article.text.length) {
      const a = item.article;
      a.text = r.extracted.text;
      if (!a.summary) a.summary = truncate(a.text.replace(/\s+/g, ' '), MAX_SUMMARY);
      if (!a.author && r.extracted.byline) a.author = r.extracted.byline;
      if (!a.image && r.extracted.image) a.image = r.extracted.image;
      a.lang = detectLang(`${a.title}\n${a.text}`);
    } else if (!r.ok) {
      log.debug({ url: item.article.url, reason: r.reason }, 'full text not extracted');
    }
  });
}

async function storeItem(item: NormalisedItem, matcher: Matcher, deps: IngestDeps, result: PollResult) {
  let matches: Match[] = [];
  try {
    matches = matcher.match({ title: item.article.title, text: item.article.text, feedId: item.article.feedId });
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
    // Stories this article showed to be one: trend charts count them as one from now on.
    if (s.merged) await deps.articles.mergeTrendStories(s.merged.ids, s.storyId, s.merged.sinceMs, s.merged.untilMs);
  }
  // Marked seen only after delivery has the alerts (pollFeed).
  await deps.articles.put(stored);
  return { stored, matched: matches.length > 0, isNewStory, changed };
}
