// Wiring only: config → store → catalogs → delivery → ingest → commands → platforms → scheduler.
// Every piece is built and decides elsewhere; this file picks which pieces run and connects them.
// Construction runs one way: delivery opens first (platforms attach their senders to it), ingest
// hands alerts to delivery's router (a sink), commands read delivery through a narrow status port,
// and a /feeds change is an event the scheduler subscribes to.
import type { Readable, Writable } from 'node:stream';
import type { Env } from './config/env.ts';
import type { LoadedConfig } from './config/load.ts';
import type { TopicDef } from './core/types.ts';
import type { Logger } from './log.ts';
import { parseDuration } from './core/duration.ts';
import { openStore, type Store } from './store/open-store.ts';
import { buttonSecret, buttonStash } from './store/button-store.ts';
import { FeedbackStore } from './store/feedback-store.ts';
import { createButtonCodec } from './core/button-codec.ts';
import { ArticleStore } from './store/article-store.ts';
import { FeedStateStore } from './store/feed-state-store.ts';
import { ChatPrefsStore } from './store/chat-prefs-store.ts';
import { RegistryStore, runtimeChanges } from './store/registry-store.ts';
import { SubscriptionStore } from './store/subscription-store.ts';
import { PersonalTopicStore } from './store/personal-topic-store.ts';
import { StoryIndex } from './stories/story-index.ts';
import { TopicCatalog } from './app/topic-catalog.ts';
import { FeedCatalog } from './app/feed-catalog.ts';
import { FeedPoller } from './app/feed-poller.ts';
import { createCommandServices } from './app/command-services.ts';
import { watchDrafts } from './app/watch-services.ts';
import { createChartDrawer } from './app/trend-service.ts';
import { openFeedTools } from './app/feed-discovery.ts';
import { createMessageComposer } from './delivery/compose-messages.ts';
import { openDelivery } from './delivery/open-delivery.ts';
import { Scheduler } from './schedule/scheduler.ts';
import { RaqibMetrics } from './service/metrics.ts';
import { ServiceServer } from './service/server.ts';
import { feedsCheck, partsCheck, storeCheck } from './service/checks.ts';
import { PlatformHealth } from './service/platform-health.ts';
import { printStartupDigests } from './app/startup-digests.ts';
import { startPlatforms } from './platforms-start.ts';

export interface StartOptions {
  env: Env;
  loaded: LoadedConfig;
  /** The config's topics, or the default pack when the file has no `topics:` key. */
  topics: TopicDef[];
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

/** The stores and the live catalogs of topics and feeds, read once at start. */
/** How long articles are kept (settings.retention, 30 days by default): purge and the story buckets' expiry. */
function retentionOf(settings: { retention?: string }): number {
  return (settings.retention && parseDuration(settings.retention)) || 30 * DAY_MS;
}

async function openDomain(store: Store, o: StartOptions) {
  const cfg = o.loaded.config;
  const registry = new RegistryStore(store);
  const subscriptions = new SubscriptionStore(store);
  await subscriptions.seedFromConfig(cfg.subscriptions ?? []);
  const personal = new PersonalTopicStore(store);
  const topics = new TopicCatalog(o.topics, registry, personal);
  await topics.reload();
  const feeds = new FeedCatalog(cfg.feeds ?? [], registry, cfg.settings ?? {});
  const chatPrefs = new ChatPrefsStore(store);
  // Button payloads are signed with the store's secret, so every instance on the store accepts them.
  const buttons = createButtonCodec(await buttonSecret(store), buttonStash(store));
  const feedback = new FeedbackStore(store);
  return {
    personal,
    articles: new ArticleStore(store),
    feedStates: new FeedStateStore(store),
    subscriptions,
    chatPrefs,
    registry,
    stories: new StoryIndex(store, { retentionMs: retentionOf(cfg.settings ?? {}) }),
    topics,
    feeds,
    buttons,
    feedback,
    // /watch previews wait here for confirm, so that any instance on the store may take them.
    watchDrafts: watchDrafts(store),
  };
}

/** Retention: articles and the story index forget what is older than `before`. */
async function purge(d: Awaited<ReturnType<typeof openDomain>>, before: number): Promise<number> {
  const n = await d.articles.purgeOlderThan(before);
  await d.stories.purgeOlderThan(before);
  return n;
}

/** Digest slots, feed polls and retention, one instance per job across processes. */
function openScheduler(
  store: Store,
  d: Awaited<ReturnType<typeof openDomain>>,
  delivery: Awaited<ReturnType<typeof openDelivery>>,
  poller: FeedPoller,
  settings: NonNullable<StartOptions['loaded']['config']['settings']>,
  metrics: RaqibMetrics,
  log: Logger,
): Scheduler {
  return new Scheduler({
    store,
    subscriptions: d.subscriptions,
    router: delivery.router,
    outbox: delivery.outbox,
    feeds: async () => (await d.feeds.list()).map((f) => ({ id: f.id, intervalMs: f.intervalMs })),
    pollFeed: (id) => poller.pollById(id),
    purge: (before) => purge(d, before),
    onRefresh: () => d.topics.reload(),
    retentionMs: retentionOf(settings),
    metrics,
    log: log.child({ part: 'schedule' }),
  });
}

type Domain = Awaited<ReturnType<typeof openDomain>>;
type Settings = NonNullable<StartOptions['loaded']['config']['settings']>;
type Delivery = Awaited<ReturnType<typeof openDelivery>>;

/** Delivery with the message composer that decides each alert's and digest's words. */
async function openDeliveryFor(
  store: Store,
  d: Domain,
  settings: Settings,
  metrics: RaqibMetrics,
  log: Logger,
  feedName: (id: string) => string | undefined,
  maxStories: number,
): Promise<Awaited<ReturnType<typeof openDelivery>>> {
  const { topics, articles, stories, subscriptions, chatPrefs, buttons, feedback } = d;
  const composer = createMessageComposer({
    topics: () => topics.all(),
    articles,
    stories,
    subscriptions,
    chatPrefs,
    feedName,
    maxStories,
    buttons,
    alertCounts: feedback,
  });
  const batch = settings.batchWindow ? { batchWindowMs: parseDuration(settings.batchWindow) } : {};
  // Weekly digest charts are drawn at send time by the same drawer as /trend.
  const drawChart = createChartDrawer({ articles, stories, topics: async () => topics.list() });
  return openDelivery({ store, articles, subscriptions, ...composer, drawChart, ...batch, metrics, log: log.child({ part: 'delivery' }) });
}

/** What commands may read and change, each through the part that owns it. */
function commandServices(w: {
  o: StartOptions;
  store: Store;
  d: Domain;
  delivery: Awaited<ReturnType<typeof openDelivery>>;
  feedTools: ReturnType<typeof openFeedTools>;
  platformHealth: PlatformHealth;
  maxStories: number;
  feedName: (id: string) => string | undefined;
  metrics: RaqibMetrics;
}): ReturnType<typeof createCommandServices> {
  const { d, o } = w;
  return createCommandServices({
    ...d,
    feedTools: w.feedTools.tools,
    topics: async () => d.topics.list(),
    personal: { store: d.personal, of: (owner) => d.topics.personalOf(owner), all: () => d.topics.all() },
    onTopicsChanged: () => d.topics.reload(),
    allowPrivateNetworks: o.loaded.config.settings?.allowPrivateNetworks,
    delivery: w.delivery,
    storeDisplay: w.store.displayUrl,
    platformStates: () => w.platformHealth.snapshot(),
    runtimeChanges: () =>
      runtimeChanges(d.registry, { topics: new Set(o.topics.map((t) => t.id)), feeds: new Set((o.loaded.config.feeds ?? []).map((f) => f.url)) }),
    maxStories: w.maxStories,
    feedName: w.feedName,
    onVerdict: (topic, verdict) => w.metrics.feedback(w.metrics.topicLabel(topic), verdict),
    log: o.log.child({ part: 'commands' }),
  });
}

/** The service server's health checks: one per part that can fail on its own. */
function addHealthChecks(
  http: ServiceServer | undefined,
  w: { store: Store; d: Domain; platformHealth: PlatformHealth; scheduler: Scheduler; delivery: Delivery },
): void {
  http?.addCheck('store', storeCheck(w.store));
  http?.addCheck('platforms', w.platformHealth.check());
  http?.addCheck(
    'feeds',
    feedsCheck(async () => w.d.feedStates.forFeeds((await w.d.feeds.list()).map((f) => f.id))),
  );
  http?.addCheck('jobs', partsCheck({ scheduler: { health: () => ({ ...w.scheduler.health() }) }, pump: w.delivery.pump }));
}

/** Order: stop taking work in, finish what is in flight, then close connections. */
async function stopInOrder(w: {
  platforms: Awaited<ReturnType<typeof startPlatforms>>;
  scheduler: Scheduler;
  delivery: Delivery;
  http: ServiceServer | undefined;
  poller: FeedPoller;
  feedTools: ReturnType<typeof openFeedTools>;
  store: Store;
}): Promise<void> {
  w.platforms.stopInput();
  await w.scheduler.stop();
  await w.platforms.stop();
  await w.delivery.stop();
  await w.platforms.idle();
  await w.http?.close();
  await w.poller.close();
  await w.feedTools.close();
  await w.store.close();
}

export async function startApp(o: StartOptions): Promise<RunningApp> {
  const { env, log } = o;
  const settings = o.loaded.config.settings ?? {};
  const store = await openStore(env.RAQIB_STORE, { cwd: o.cwd });
  log.info({ store: store.displayUrl, config: o.loaded.path }, 'store opened');
  const d = await openDomain(store, o);
  const metrics = new RaqibMetrics();
  const maxStories = settings.digestSize ?? 10;
  const feedName = (id: string) => d.feeds.nameOf(id);

  const delivery = await openDeliveryFor(store, d, settings, metrics, log, feedName, maxStories);
  const poller = new FeedPoller({
    ...d,
    settings,
    sink: (alerts, joins) => delivery.router.onArticles(alerts, joins),
    metrics,
    log: log.child({ part: 'ingest' }),
  });
  const platformHealth = new PlatformHealth(log.child({ part: 'platforms' }));
  const feedTools = openFeedTools({ ...d, configFeeds: o.loaded.config.feeds ?? [], settings });
  const services = commandServices({ o, store, d, delivery, feedTools, platformHealth, maxStories, feedName, metrics });

  // The HTTP server runs for Slack/Telegram, or when PORT is set (health and metrics of a service).
  const networked = Boolean(env.SLACK_BOT_TOKEN || env.TELEGRAM_BOT_TOKEN);
  const http = networked || env.portSet ? new ServiceServer({ port: env.PORT, metrics: metrics.registry, log: log.child({ part: 'http' }) }) : undefined;
  // With no tokens the console is the platform: show the operator what is there first.
  if (!networked) await printStartupDigests({ out: o.stdout, ...d, poller, maxStories, log });
  const platforms = await startPlatforms({
    o,
    services,
    store,
    http,
    buttons: d.buttons,
    attach: (p, s) => delivery.attachSender(p, s),
    reporter: (p) => platformHealth.reporter(p),
  });

  const scheduler = openScheduler(store, d, delivery, poller, settings, metrics, log);
  d.feeds.onChange(() => scheduler.refresh());
  addHealthChecks(http, { store, d, platformHealth, scheduler, delivery });

  await delivery.start();
  await scheduler.start();
  await platforms.start();
  const port = http ? await http.listen() : undefined;
  if (port !== undefined) log.info({ port }, 'http server listening');
  log.info({ platforms: platforms.names }, 'raqib started');

  return {
    ...(port !== undefined ? { port } : {}),
    stop: () => stopInOrder({ platforms, scheduler, delivery, http, poller, feedTools, store }),
  };
}

export type { Store };
