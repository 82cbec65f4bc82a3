// Wiring of the delivery parts for one process: the backend that fits the store, the outbox, the
// pump and the router, plus the gauges /metrics reads from the store at each scrape.
import type { PlatformName, Sender } from '../core/outbound.ts';
import type { Store } from '../store/open-store.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import type { OutboxBackend } from './backend.ts';
import { RedisOutboxBackend } from './backend-redis.ts';
import { LocalOutboxBackend } from './backend-local.ts';
import { Outbox, type AlertRenderer, type ArticleSource } from './outbox.ts';
import { DeliveryPump, type PumpOptions } from './pump.ts';
import { DeliveryRouter, type DigestMaker, type SubscriptionSource } from './router.ts';
import type { Logger } from '../log.ts';
import type { DeadLetter, LimitsTable, OutboxStats } from './types.ts';
import type { RetryPolicy } from './limits.ts';
import type { FollowUpRenderer } from './follow-ups.ts';
import { withCharts, type ChartDrawer } from './charts.ts';

export async function openOutboxBackend(store: Store, opts: { reserveTtlMs?: number; log?: Logger } = {}): Promise<OutboxBackend> {
  if (store.kind === 'redis') return new RedisOutboxBackend(store.redis!, store.redisPrefix ?? 'raqib', { reserveTtlMs: opts.reserveTtlMs });
  return LocalOutboxBackend.open(store, opts);
}

export interface DeliveryOptions {
  store: Store;
  articles: ArticleSource;
  subscriptions: SubscriptionSource;
  /** The senders known at open; platforms started later attach theirs (attachSender). */
  senders?: Partial<Record<PlatformName, Sender>>;
  makeAlertMessages: AlertRenderer;
  /** Follow-up replies (default: the alert renderer). */
  makeFollowUpMessages?: FollowUpRenderer;
  makeDigestMessages: DigestMaker;
  /** Draws the charts digests carry (subscriptions with `chart: weekly`); without it they go without. */
  drawChart?: ChartDrawer;
  batchWindowMs?: number;
  alertBudget?: { max: number; perMs: number };
  /** The digest maker folds the overflow articles it is given into its messages (default true). */
  digestFoldsOverflow?: boolean;
  limits?: LimitsTable;
  retry?: RetryPolicy;
  /** Pump tuning (lease, liveness, in-flight, poll, in-doubt policy). */
  pump?: Omit<PumpOptions, 'outbox' | 'senders' | 'retry'>;
  metrics?: RaqibMetrics;
  log?: Logger;
}

export interface Delivery {
  outbox: Outbox;
  pump: DeliveryPump;
  router: DeliveryRouter;
  start(): Promise<void>;
  /** Finishes in-flight sends (up to timeoutMs) and releases claims not yet sending. */
  stop(timeoutMs?: number): Promise<{ unfinished: number }>;
  stats(): Promise<OutboxStats>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  deadLetterCount(): Promise<number>;
  queueDepth(): Promise<number>;
  /** Adds a platform's sender once the platform has started (delivery opens before platforms). */
  attachSender(platform: PlatformName, sender: Sender): void;
}

export async function openDelivery(o: DeliveryOptions): Promise<Delivery> {
  const backend = await openOutboxBackend(o.store, { log: o.log });
  const outbox = new Outbox({
    backend,
    articles: o.articles,
    makeAlertMessages: o.makeAlertMessages,
    ...(o.makeFollowUpMessages ? { makeFollowUpMessages: o.makeFollowUpMessages } : {}),
    batchWindowMs: o.batchWindowMs,
    alertBudget: o.alertBudget,
    digestFoldsOverflow: o.digestFoldsOverflow,
    limits: o.limits,
    metrics: o.metrics,
    log: o.log,
  });
  // The pump reads this record at each send, so senders attached later are used from then on.
  const senders: Partial<Record<PlatformName, Sender>> = { ...o.senders };
  const pump = new DeliveryPump({ ...o.pump, outbox, senders, retry: o.retry });
  const router = new DeliveryRouter({
    store: o.store,
    subscriptions: o.subscriptions,
    outbox,
    makeDigestMessages: o.makeDigestMessages,
    metrics: o.metrics,
    log: o.log,
  });
  if (o.metrics) {
    const m = o.metrics;
    m.registry.onCollect(async () => {
      const s = await outbox.stats();
      m.queueDepth.set(s.queued);
      m.heldAlerts.set(s.held + s.overflow);
      m.deadLetters.set(s.dead);
    });
  }
  return {
    outbox,
    pump,
    router,
    start: () => pump.start(),
    stop: (timeoutMs) => pump.stop(timeoutMs),
    stats: () => outbox.stats(),
    deadLetters: (limit) => outbox.deadLetters(limit),
    deadLetterCount: () => backend.deadCount(),
    queueDepth: () => outbox.queueDepth(),
    attachSender: (platform, sender) => {
      senders[platform] = o.drawChart ? withCharts(sender, o.drawChart, o.log) : sender;
    },
  };
}
