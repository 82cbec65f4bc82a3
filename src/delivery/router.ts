// Subscriptions → outbox. New matched articles become instant alerts (one per chat and story,
// whatever topics matched); a digest slot becomes one digest per subscription, keyed by the
// subscription and the slot so that re-running a slot (another instance, a restart, the catch-up
// sweep) queues nothing twice.
import type Keyv from 'keyv';
import type { ChatRef, MessageBody } from '../core/outbound.ts';
import { RaqibError, type StoredArticle, type StoryJoin } from '../core/types.ts';
import type { Store } from '../store/open-store.ts';
import { subscriptionKey, type Subscription } from '../store/subscription-store.ts';
import { reachesChat } from '../store/personal-topic-store.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import { alertKey, type AlertItem, type EnqueueResult, type Outbox } from './outbox.ts';
import { chatKeyOf } from './backend.ts';
import { followUpsByChat } from './follow-up-routing.ts';
import { WeeklyCharts, withChartOnLast } from './weekly-chart.ts';
import { silentLogger, type Logger } from '../log.ts';
import { excludedBy } from '../topics/exclude-terms.ts';
import { mapPool } from '../core/pool.ts';

/** Chats queued at once by one hand-off (see onArticles). */
const QUEUE_WIDTH = 16;

export interface DigestWindow {
  sinceMs: number;
  untilMs: number;
}

/**
 * Builds a subscription's digest for a window. `overflow` holds alerts that did not fit the
 * chat's alert budget: fold them into the digest (they may lie outside the window).
 */
export type DigestMaker = (sub: Subscription, window: DigestWindow, overflow: StoredArticle[]) => Promise<MessageBody[]>;

export interface SubscriptionSource {
  /** Read for every alert batch: the store keeps the list in memory and re-reads it only after a change (one GET otherwise). */
  all(): Promise<Subscription[]>;
}

export interface RouterOptions {
  store: Store;
  subscriptions: SubscriptionSource;
  outbox: Outbox;
  makeDigestMessages: DigestMaker;
  /** A digest window never reaches further back than this (default 7 days). */
  maxWindowMs?: number;
  metrics?: RaqibMetrics;
  log?: Logger;
  now?: () => number;
}

export type DigestRun = EnqueueResult | { status: 'muted' } | { status: 'not-a-digest' };

export function subscriptionChat(s: Subscription): ChatRef {
  return { platform: s.platform, chat: s.chat, ...(s.thread ? { thread: s.thread } : {}) };
}

export function digestKey(s: Subscription, slotMs: number): string {
  return `d|${subscriptionKey(s)}|${new Date(slotMs).toISOString()}`;
}

export class DeliveryRouter {
  private readonly cursors: Keyv<number>;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly maxWindowMs: number;
  private readonly charts: WeeklyCharts;

  constructor(private readonly o: RouterOptions) {
    this.cursors = o.store.namespace<number>('digest_cursors');
    this.log = o.log ?? silentLogger;
    this.now = o.now ?? Date.now;
    this.maxWindowMs = o.maxWindowMs ?? 7 * 86_400_000;
    this.charts = new WeeklyCharts(o.store);
  }

  /**
   * Instant alerts for newly stored articles. Order in the pipeline: store the article, call this,
   * then mark the item seen. If the process dies before the last step the item is processed again
   * and its alert key drops the repeat; marking it seen first would lose the alert.
   */
  async onArticles(stored: readonly StoredArticle[], joins: readonly StoryJoin[] = []): Promise<{ added: number; duplicates: number }> {
    for (const s of stored) for (const m of s.matches) this.o.metrics?.matches.inc({ topic: this.o.metrics.topicLabel(m.id) });
    // A personal topic's articles go to its own chat only, even were another chat subscribed to it.
    const subs = (await this.o.subscriptions.all()).filter((s) => s.mode.kind === 'instant' && reachesChat(s.topic, s));
    const perChat = new Map<string, { to: ChatRef; items: AlertItem[] }>();
    for (const s of stored) {
      const topics = new Set(s.matches.map((m) => m.id));
      for (const sub of subs) {
        if (!topics.has(sub.topic) || excludedBy(sub.exclude, s.article)) continue;
        const to = subscriptionChat(sub);
        const id = `${chatKeyOf(to)}|${to.thread ?? ''}`;
        let entry = perChat.get(id);
        if (!entry) perChat.set(id, (entry = { to, items: [] }));
        const muted = sub.mutedUntil ? Date.parse(sub.mutedUntil) : NaN;
        entry.items.push({
          key: alertKey(to, s.storyId ?? s.article.id),
          articleId: s.article.id,
          topics: [sub.topic],
          ...(to.thread ? { thread: to.thread } : {}),
          ...(Number.isFinite(muted) && muted > this.now() ? { notBefore: muted } : {}),
        });
      }
    }
    let added = 0;
    let duplicates = 0;
    let failed: unknown;
    const queue = async ({ to, run }: { to: ChatRef; run: () => Promise<{ added: number; duplicates: number }> }) => {
      try {
        const r = await run();
        added += r.added;
        duplicates += r.duplicates;
      } catch (e) {
        // One chat's failure does not stop the others; the caller learns of it (and should not
        // mark these articles seen) through the throw below.
        this.log.error({ chat: to, err: (e as Error).message }, 'could not queue alerts');
        failed ??= e;
      }
    };
    // Chats are queued QUEUE_WIDTH at a time: each is a few store round trips, and ingest hands
    // off inside its cross-process section, so one chat after another made every instance wait
    // for hundreds of round trips per poll. Chats are independent; within one chat the alerts go
    // before the follow-ups (a story's first article and a joining one in one poll give an alert
    // and a follow-up to it), hence two rounds.
    await mapPool([...perChat.values()], QUEUE_WIDTH, ({ to, items }) => queue({ to, run: () => this.o.outbox.alert(to, items) }));
    const followUps = followUpsByChat(joins, subs, this.now());
    await mapPool(followUps, QUEUE_WIDTH, ({ to, items }) => queue({ to, run: () => this.o.outbox.followUps(to, items) }));
    if (failed) throw new RaqibError('DELIVERY_QUEUE', `could not queue alerts: ${(failed as Error).message}`, { cause: failed });
    return { added, duplicates };
  }

  /**
   * Queues the digest of one subscription for the slot ending at `slotMs`. The window starts where
   * the previous digest ended (or at `fallbackSinceMs`), so a missed or muted slot widens the next.
   */
  async runDigest(sub: Subscription, slotMs: number, fallbackSinceMs?: number): Promise<DigestRun> {
    if (sub.mode.kind !== 'cron' || !reachesChat(sub.topic, sub)) return { status: 'not-a-digest' };
    const muted = sub.mutedUntil ? Date.parse(sub.mutedUntil) : NaN;
    if (Number.isFinite(muted) && muted > slotMs) return { status: 'muted' };
    const subKey = subscriptionKey(sub);
    const cursor = await this.cursors.get(subKey);
    if (cursor !== undefined && cursor >= slotMs) return { status: 'duplicate' };
    const since = Math.max(cursor ?? fallbackSinceMs ?? slotMs - 86_400_000, slotMs - this.maxWindowMs);
    const window = { sinceMs: since, untilMs: slotMs };
    // A `chart: weekly` subscription's first digest of the week carries the chart (weekly-chart.ts).
    const chart = await this.charts.plan(sub, slotMs);
    let charted = false;
    const r = await this.o.outbox.enqueueDigest(subscriptionChat(sub), digestKey(sub, slotMs), async (overflow) => {
      const bodies = await this.o.makeDigestMessages(sub, window, overflow);
      charted = chart !== undefined && bodies.length > 0;
      return chart ? withChartOnLast(bodies, chart.request) : bodies;
    });
    await chart?.settle(r.status === 'duplicate' ? 'duplicate' : { charted });
    // The cursor moves after the digest is queued: a crash in between re-runs the slot, whose key
    // is already taken, and then moves it.
    const now = await this.cursors.get(subKey);
    if (now === undefined || now < slotMs) await this.cursors.set(subKey, slotMs);
    return r;
  }

  /** The end of the last digest queued for each subscription, read in batches (the sweep asks for every digest subscription). */
  async lastDigestsAt(subs: readonly Subscription[]): Promise<(number | undefined)[]> {
    const out: (number | undefined)[] = [];
    for (let i = 0; i < subs.length; i += 1_000) {
      const got = await this.cursors.getMany<number>(subs.slice(i, i + 1_000).map(subscriptionKey));
      out.push(...got.map((v) => (typeof v === 'number' ? v : undefined)));
    }
    return out;
  }
}
