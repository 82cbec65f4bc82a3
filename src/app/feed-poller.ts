// Polls the catalog's feeds for the running bot: two fetchers (connection pools with their SSRF
// guards) and one ArticleStore for every feed, so that cross-feed dedupe shares one "seen, then
// store" section. Feeds that users add at run time get the full guard; the operator's config
// feeds may also live on this machine. Alerts go to the sink it is given (delivery's router).
import type { Logger } from '../log.ts';
import { createFetcher, type Fetcher } from '../feeds/fetch.ts';
import type { FeedSpec } from '../feeds/feed-spec.ts';
import { pollFeed, type AlertSink, type IngestDeps, type PollOptions, type PollResult } from '../pipeline/ingest.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedStateStore } from '../store/feed-state-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { assignWithChanges } from '../digest/story-changes.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import { OPERATOR_LOCAL_HOSTS, type FeedCatalog } from './feed-catalog.ts';
import type { TopicCatalog } from './topic-catalog.ts';

export interface FeedPollerOptions {
  articles: ArticleStore;
  feedStates: FeedStateStore;
  topics: TopicCatalog;
  stories: StoryIndex;
  feeds: FeedCatalog;
  settings: { userAgent?: string; allowPrivateNetworks?: readonly string[] };
  /** Where alerts go; without one a poll only stores (the console's first look). */
  sink?: AlertSink;
  metrics?: RaqibMetrics;
  log: Logger;
}

export class FeedPoller {
  private readonly guarded: Fetcher;
  private readonly operator: Fetcher;
  private readonly base: Omit<IngestDeps, 'fetcher'>;

  constructor(private readonly o: FeedPollerOptions) {
    const userAgent = o.settings.userAgent ? { userAgent: o.settings.userAgent } : {};
    const allowed = o.settings.allowPrivateNetworks ?? [];
    this.guarded = createFetcher({ allowPrivateNetworks: allowed, ...userAgent });
    this.operator = createFetcher({ allowPrivateNetworks: [...allowed, ...OPERATOR_LOCAL_HOSTS], ...userAgent });
    this.base = {
      articles: o.articles,
      feedStates: o.feedStates,
      matcher: () => o.topics.matcher(),
      assignStory: assignWithChanges(o.stories),
      log: o.log,
    };
  }

  /** One poll of one feed; alerts go to the sink unless `store only` is asked for. */
  poll(feed: FeedSpec, opts: PollOptions = {}, handOff = true): Promise<PollResult> {
    const fetcher = this.o.feeds.isRuntime(feed.id) ? this.guarded : this.operator;
    return pollFeed(feed, { ...this.base, fetcher, ...(handOff && this.o.sink ? { deliver: this.o.sink } : {}) }, opts);
  }

  /** The scheduler's job for one feed: poll it, count what came, log the outcome. */
  async pollById(id: string): Promise<void> {
    const feed = await this.o.feeds.get(id);
    if (!feed) return;
    const r = await this.poll(feed);
    const m = this.o.metrics;
    m?.itemsFetched.inc({ feed: m.feedLabel(feed.name ?? ((URL.canParse(feed.url) && new URL(feed.url).hostname) || feed.url)) }, r.items);
    for (const s of r.stored) for (const x of s.matches) m?.matches.inc({ topic: m.topicLabel(x.id) });
    const error = r.error ? { error: r.error, ...(r.errorCode ? { code: r.errorCode } : {}) } : {};
    this.o.log.info({ feed: feed.id, status: r.status, items: r.items, new: r.newItems, alerts: r.alerts.length, ms: r.ms, ...error }, 'feed polled');
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.guarded.close(), this.operator.close()]);
  }
}
