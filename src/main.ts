// Wiring only: config → store → pipeline → platforms → scheduler. Every piece is built elsewhere;
// this file decides which pieces run and connects them.
import type { Readable, Writable } from 'node:stream';
import type { ConfigContext } from './cli/context.ts';
import type { Logger } from './log.ts';
import type { PlatformName, Sender } from './core/outbound.ts';
import type { StoredArticle, StoryJoin } from './core/types.ts';
import { parseDuration } from './core/duration.ts';
import { DEFAULT_TIMEZONE, parseScheduleMode } from './core/schedule-mode.ts';
import { openStore, type Store } from './store/open-store.ts';
import { ArticleStore } from './store/article-store.ts';
import { FeedStateStore } from './store/feed-state-store.ts';
import { RegistryStore } from './store/registry-store.ts';
import { SubscriptionStore, type Subscription } from './store/subscription-store.ts';
import { TopicCatalog } from './app/topic-catalog.ts';
import { FeedCatalog, OPERATOR_LOCAL_HOSTS } from './app/feed-catalog.ts';
import { createCommandServices } from './app/command-services.ts';
import { createFetcher } from './feeds/fetch.ts';
import { pollFeed, type IngestDeps } from './pipeline/ingest.ts';
import { StoryIndex } from './stories/story-index.ts';
import { alertDigest, buildDigest, renderText, toMessageBodies, type Digest } from './digest/index.ts';
import { openDelivery, type Delivery } from './delivery/open-delivery.ts';
import { followUpBodies } from './digest/follow-up.ts';
import { Scheduler } from './schedule/scheduler.ts';
import { LeaderLock } from './schedule/leader-lock.ts';
import { RaqibMetrics } from './service/metrics.ts';
import { ServiceServer } from './service/server.ts';
import { partsCheck, storeCheck } from './service/checks.ts';
import { startConsole, type ConsolePlatform } from './platforms/console/console-platform.ts';
import { startSlack, type SlackPlatform } from './platforms/slack/slack-platform.ts';
import { startTelegram, type TelegramPlatform } from './platforms/telegram/telegram-platform.ts';

export interface StartOptions extends ConfigContext {
  log: Logger;
  stdin: Readable;
  stdout: Writable;
  cwd: string;
}

export interface RunningApp {
  /** The HTTP port when the service server runs (Slack events, webhook, /healthz, /metrics). */
  port?: number;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

export async function startApp(o: StartOptions): Promise<RunningApp> {
  const { env, log } = o;
  const cfg = o.loaded.config;
  const settings = cfg.settings ?? {};
  const store = await openStore(env.RAQIB_STORE, { cwd: o.cwd });
  log.info({ store: store.displayUrl, config: o.loaded.path }, 'store opened');

  const articles = new ArticleStore(store);
  const feedStates = new FeedStateStore(store);
  const subscriptions = new SubscriptionStore(store);
  const registry = new RegistryStore(store);
  const stories = new StoryIndex(store);
  const topics = new TopicCatalog(o.topics, registry);
  await topics.reload();
  const feeds = new FeedCatalog(cfg.feeds ?? [], registry, settings);
  await seedSubscriptions(subscriptions, cfg.subscriptions ?? []);
  const metrics = new RaqibMetrics();

  // Commands read the outbox (/status) and platforms feed it: the outbox opens after the platforms.
  const late: { delivery?: Delivery; scheduler?: Scheduler } = {};

  // Ingest: two fetchers (connection pools with their SSRF guards) and one ArticleStore for every
  // feed, so that cross-feed dedupe shares one "seen, then store" section. Feeds that users add at
  // run time get the full guard; the operator's config feeds may also live on this machine.
  const userAgent = settings.userAgent ? { userAgent: settings.userAgent } : {};
  const guarded = createFetcher({ allowPrivateNetworks: settings.allowPrivateNetworks, ...userAgent });
  const operator = createFetcher({ allowPrivateNetworks: [...(settings.allowPrivateNetworks ?? []), ...OPERATOR_LOCAL_HOSTS], ...userAgent });
  const ingestBase = { articles, feedStates, matcher: () => topics.matcher(), assignStory: (s: StoredArticle) => stories.assign(s), log };
  const ingestFor = (feedId: string): IngestDeps => ({
    ...ingestBase,
    fetcher: feeds.isRuntime(feedId) ? guarded : operator,
    ...(late.delivery ? { deliver: (alerts: StoredArticle[], joins: StoryJoin[]) => late.delivery!.router.onArticles(alerts, joins) } : {}),
  });

  const digestSize = settings.digestSize ?? 10;
  const feedName = (id: string) => feeds.nameOf(id);

  // Platforms. With no tokens at all, the console is the platform (the set-up contract).
  const networked = Boolean(env.SLACK_BOT_TOKEN || env.TELEGRAM_BOT_TOKEN);
  // The HTTP server runs for Slack/Telegram, or when PORT is set (health and metrics of a service).
  const http = networked || env.portSet ? new ServiceServer({ port: env.PORT, metrics: metrics.registry, log }) : undefined;
  const mount = http ? (p: string, h: Parameters<ServiceServer['mount']>[1]) => http.mount(p, h) : undefined;

  const services = createCommandServices({
    topics: async () => topics.list(),
    articles,
    subscriptions,
    registry,
    feedStates,
    configFeeds: cfg.feeds ?? [],
    onTopicsChanged: () => topics.reload(),
    onFeedsChanged: async () => {
      await feeds.reload();
      await late.scheduler?.refresh();
    },
    allowPrivateNetworks: settings.allowPrivateNetworks,
    queueDepth: async () => (late.delivery ? late.delivery.queueDepth() : 0),
    deadLetters: async () => (late.delivery ? late.delivery.deadLetters() : []),
    storeDisplay: store.displayUrl,
    stories,
    maxStories: digestSize,
    feedName,
  });

  const senders: Partial<Record<PlatformName, Sender>> = {};
  let consolePlatform: ConsolePlatform | undefined;
  let slack: SlackPlatform | undefined;
  let telegram: TelegramPlatform | undefined;
  let pollerLock: LeaderLock | undefined;
  if (!networked) {
    // Show the operator what is there before the first command: ingest once, one digest per topic.
    for (const feed of await feeds.list()) {
      const r = await pollFeed(feed, ingestFor(feed.id), { force: true });
      log.info({ feed: feed.id, status: r.status, new: r.newItems, ...(r.error ? { error: r.error } : {}) }, 'feed ingested');
    }
    await printStartupDigests(o.stdout, topics, articles, stories, feedName, digestSize);
    consolePlatform = startConsole({ input: o.stdin, output: o.stdout, services, renderDigest: (d) => renderText(d as Digest) });
    senders.console = consolePlatform.sender;
  }
  if (env.SLACK_BOT_TOKEN) {
    slack = await startSlack({ env, services, log, ...(mount ? { mount } : {}) });
    senders.slack = slack.sender;
  }
  if (env.TELEGRAM_BOT_TOKEN) {
    // Several instances on one Redis: only the lock holder long-polls (two pollers get 409).
    const manualPolling = !env.TELEGRAM_WEBHOOK_URL && store.kind === 'redis';
    telegram = startTelegram({ env, services, log, ...(mount ? { mount } : {}), manualPolling });
    senders.telegram = telegram.sender;
    if (manualPolling) {
      const t = telegram;
      pollerLock = new LeaderLock({ store, name: 'telegram-poller', onElected: () => t.startPolling(), onDeposed: () => t.stopPolling(), log });
    }
  }

  const topicIdsOf = (s: Subscription) => [s.topic];
  const delivery = await openDelivery({
    store,
    senders,
    articles,
    subscriptions,
    ...(settings.batchWindow ? { batchWindowMs: parseDuration(settings.batchWindow) } : {}),
    metrics,
    log,
    makeAlertMessages: async (chat, stored) => {
      const ids = [...new Set(stored.flatMap((s) => s.matches.map((m) => m.id)))];
      const lang = (await subscriptions.forChat(chat.platform, chat.chat)).find((s) => s.lang)?.lang ?? 'en';
      const d = alertDigest(stored, { topics: ids, topicDefs: topics.list(), feedName, lang });
      return toMessageBodies(d, chat.platform, { scheduled: true });
    },
    makeFollowUpMessages: async (chat, items, replyTo) => {
      const lang = (await subscriptions.forChat(chat.platform, chat.chat)).find((s) => s.lang)?.lang ?? 'en';
      const followsTitle = replyTo ? undefined : (await stories.get(items[0]!.storyId))?.title;
      return followUpBodies(items, chat.platform, { lang, feedName, ...(followsTitle ? { followsTitle } : {}) });
    },
    makeDigestMessages: async (sub, window, overflow) => {
      const lang = sub.lang ?? 'en';
      const d = await buildDigest({ topics: topicIdsOf(sub), ...window, maxStories: digestSize, articles, stories, topicDefs: topics.list(), feedName, lang });
      const bodies = toMessageBodies(d, sub.platform, { scheduled: true });
      if (overflow.length === 0) return bodies;
      const extra = alertDigest(overflow, { topics: topicIdsOf(sub), topicDefs: topics.list(), feedName, lang });
      return [...bodies, ...toMessageBodies(extra, sub.platform, { scheduled: true })];
    },
  });
  late.delivery = delivery;

  const scheduler = new Scheduler({
    store,
    subscriptions,
    router: delivery.router,
    outbox: delivery.outbox,
    feeds: async () => (await feeds.list()).map((f) => ({ id: f.id, intervalMs: f.intervalMs })),
    pollFeed: async (id) => {
      const feed = await feeds.get(id);
      if (!feed) return;
      const r = await pollFeed(feed, ingestFor(feed.id));
      metrics.itemsFetched.inc({ feed: feed.id }, r.items);
      for (const s of r.stored) for (const m of s.matches) metrics.matches.inc({ topic: m.id });
      log.info({ feed: feed.id, status: r.status, items: r.items, new: r.newItems, alerts: r.alerts.length, ms: r.ms, ...(r.error ? { error: r.error } : {}) }, 'feed polled');
    },
    purge: async (before) => {
      const n = await articles.purgeOlderThan(before);
      await stories.purgeOlderThan(before);
      return n;
    },
    retentionMs: (settings.retention && parseDuration(settings.retention)) || 30 * DAY_MS,
    metrics,
    log,
  });

  late.scheduler = scheduler;
  http?.addCheck('store', storeCheck(store));
  http?.addCheck('jobs', partsCheck({ scheduler: { health: () => ({ ...scheduler.health() }) }, pump: delivery.pump }));

  await delivery.start();
  await scheduler.start();
  await pollerLock?.start();
  const port = http ? await http.listen() : undefined;
  if (port !== undefined) log.info({ port }, 'http server listening');
  log.info({ platforms: Object.keys(senders) }, 'raqib started');

  return {
    ...(port !== undefined ? { port } : {}),
    async stop() {
      // Order: stop taking work in, finish what is in flight, then close connections.
      consolePlatform?.stop();
      await scheduler.stop();
      await pollerLock?.stop();
      await Promise.allSettled([slack?.stop(), telegram?.stop()]);
      await delivery.stop();
      await consolePlatform?.idle();
      await http?.close();
      await Promise.allSettled([guarded.close(), operator.close()]);
      await store.close();
    },
  };
}

/** Config subscriptions are routes kept as code: (re)written at every start, mutes kept. */
async function seedSubscriptions(store: SubscriptionStore, list: NonNullable<StartOptions['loaded']['config']['subscriptions']>): Promise<void> {
  for (const s of list) {
    const parsed = parseScheduleMode(s.mode ?? 'daily 08:00');
    if (!parsed.ok) continue; // the config was validated; kept for the type
    const ref = { platform: s.platform, chat: s.chat, topic: s.topic, ...(s.thread ? { thread: s.thread } : {}) };
    const existing = await store.get(ref);
    await store.upsert({
      ...ref,
      mode: parsed.mode,
      timezone: s.timezone ?? DEFAULT_TIMEZONE,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      source: 'config',
      ...(existing?.mutedUntil ? { mutedUntil: existing.mutedUntil } : {}),
      ...(s.followUps ? { followUps: s.followUps } : {}),
    });
  }
}

async function printStartupDigests(
  out: Writable,
  topics: TopicCatalog,
  articles: ArticleStore,
  stories: StoryIndex,
  feedName: (id: string) => string | undefined,
  maxStories: number,
): Promise<void> {
  const now = Date.now();
  for (const t of topics.list()) {
    const d = await buildDigest({ topics: [t.id], sinceMs: now - 7 * DAY_MS, untilMs: now, maxStories, articles, stories, topicDefs: topics.list(), feedName });
    out.write(`${renderText(d)}\n\n`);
  }
  out.write('Type a command, e.g. /digest iraq, /topics or /help.\n');
}

export type { Store };
