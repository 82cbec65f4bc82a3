// CommandServices over the stores: what slash commands may read and change. Commands parse and
// phrase; this module only reads and writes, so both platforms and the console share one truth.
// Each service call is a boundary: whatever it throws leaves as a coded RaqibError.
import type { PlatformStatus } from '../core/platform-state.ts';
import type { RuntimeChange } from '../core/runtime-change.ts';
import type { CommandServices, FeedHealth, FeedView, Reply, SearchHit, SubscriptionView, UiLang, UrlCheck } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import { coded, toRaqibError } from '../core/errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { buildDigest } from '../digest/build-digest.ts';
import { renderText } from '../digest/render-text.ts';
import { hostLabel } from '../digest/escape.ts';
import { cleanText } from '../digest/rich-text.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { createTrendService } from './trend-service.ts';
import { Allowlist, RefusedAddressError, resolveChecked, type LookupFn } from '../feeds/ssrf.ts';
import { compileTopics } from '../topics/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedState, FeedStateStore } from '../store/feed-state-store.ts';
import type { RegistryStore } from '../store/registry-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { ChatPrefsStore } from '../store/chat-prefs-store.ts';
import type { FeedEntry } from './feed-catalog.ts';
import { watchServices, type WatchDraft } from './watch-services.ts';
import type { DraftStore } from '../store/draft-store.ts';
import { explainStory, feedbackServices } from './feedback-services.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import { scopeToChat, type PersonalOf } from './personal-scope.ts';
import { parsePersonalId, type PersonalTopicStore } from '../store/personal-topic-store.ts';

export interface DigestRequest {
  topics: string[];
  sinceMs: number;
  untilMs: number;
  lang: UiLang;
  /** One page of the stories (on-demand /digest); absent: the first settings.digestSize. */
  page?: { number: number; size: number };
}

/** What /status may read of delivery: a narrow port, so that commands never hold delivery itself. */
export interface DeliveryStatus {
  queueDepth(): Promise<number>;
  deadLetterCount(): Promise<number>;
}

/** The live feed list (FeedCatalog): read for /feeds and /status, told when /feeds changed it. */
export interface FeedDirectory {
  entries(): Promise<FeedEntry[]>;
  /** The registry changed: re-read it and tell whoever polls feeds. */
  changed(): Promise<void>;
}

export interface ServiceDeps {
  /** The effective topics (TopicCatalog.list: config or default pack, with /watch changes). */
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
  subscriptions: SubscriptionStore;
  /** Per-chat language (/lang) and one-time welcomes. */
  chatPrefs: ChatPrefsStore;
  registry: RegistryStore;
  feedStates: FeedStateStore;
  feeds: FeedDirectory;
  /** Where /watch previews wait for confirm (watch-services.ts watchDrafts): in the store, so any instance confirms. */
  watchDrafts: DraftStore<WatchDraft>;
  /** After /watch stored a change (TopicCatalog.reload, so the matcher sees it at once). */
  onTopicsChanged?: () => Promise<void>;
  /** settings.allowPrivateNetworks, the same list the fetcher honours. */
  allowPrivateNetworks?: readonly string[];
  /** DNS for the /feeds add check (tests); the system resolver by default. */
  lookup?: LookupFn;
  /** The delivery outbox, when running: messages waiting and dead letters. */
  delivery?: DeliveryStatus;
  /** Store URL without secrets, for /status. */
  storeDisplay?: string;
  /** The chat platforms' states, for /status (src/service/platform-health.ts). */
  platformStates?: () => Record<string, PlatformStatus>;
  /** Topics and feeds changed at run time, for /status (store/registry-store.ts runtimeChanges). */
  runtimeChanges?: () => Promise<RuntimeChange[]>;
  /** First-seen times of stories that began before the window (src/stories). */
  stories?: StoryIndex;
  /** A feed's display name (config `name`); the article's host otherwise. */
  feedName?: (feedId: string) => string | undefined;
  /** settings.digestSize: most stories in one digest. */
  maxStories?: number;
  /** Replaces the digest built from src/digest (tests, other front ends). */
  buildDigest?: (req: DigestRequest) => Promise<Reply>;
  now?: () => number;
  log?: Logger;
  /** Discovery, preview and OPML export for /feeds (src/app/feed-discovery.ts); absent in tests that do not fetch. */
  feedTools?: Pick<CommandServices['feeds'], 'discover' | 'exportOpml' | 'importOpml'>;
  /** Verdicts from the feedback buttons and the alert counts /topic shows; without it the buttons answer "not here". */
  feedback?: FeedbackStore;
  /** Told of each new or changed verdict (the /metrics feedback counter). */
  onVerdict?: (topic: string, verdict: string) => void;
  /** Personal topics (TopicCatalog): where they are kept, each chat's, and all topics under matcher ids. */
  personal?: { store: PersonalTopicStore; of: PersonalOf; all: () => TopicDef[] };
}

export function createCommandServices(deps: ServiceDeps): CommandServices {
  const feeds = feedServices(deps);
  const p = deps.personal;
  // Digests, trends and previews name and match personal topics too (under their matcher ids).
  const allTopics = p ? async () => p.all() : deps.topics;
  const services: CommandServices = {
    topics: coded('topics', 'STORE_FAILED', deps.topics),
    digest: coded('digest', 'INTERNAL', (req: DigestRequest) => digestReply(deps, req)),
    topicHits: coded('topicHits', 'STORE_FAILED', async (topic: string, sinceMs: number, untilMs: number) => {
      const entries = await deps.articles.listIndexBetween(sinceMs, untilMs);
      return entries.filter((e) => e.topics[topic] !== undefined).length;
    }),
    trend: coded(
      'trend',
      'INTERNAL',
      createTrendService({ articles: deps.articles, topics: allTopics, now: deps.now ?? Date.now, ...(deps.stories ? { stories: deps.stories } : {}) }),
    ),
    topicLatest: coded('topicLatest', 'STORE_FAILED', async (topic: string, sinceMs: number, untilMs: number, limit: number) => {
      const entries = (await deps.articles.listIndexBetween(sinceMs, untilMs)).filter((e) => e.topics[topic] !== undefined);
      const newest = entries.sort((a, b) => b.published - a.published).slice(0, limit);
      const stored = await deps.articles.getMany(newest.map((e) => e.id));
      return stored.map((s) => ({ title: s.article.title, url: s.article.url, published: s.article.published }));
    }),
    search: coded('search', 'INTERNAL', (req: SearchRequest) => search(deps, req)),
    subscriptions: subscriptionServices(deps),
    watch: watchServices({
      topics: allTopics,
      articles: deps.articles,
      registry: deps.registry,
      drafts: deps.watchDrafts,
      ...(p ? { personal: p.store } : {}),
      ...(deps.onTopicsChanged ? { onTopicsChanged: deps.onTopicsChanged } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    }),
    feeds,
    status: coded('status', 'STORE_FAILED', () => status(deps, feeds.list)),
    explainStory: coded('explainStory', 'STORE_FAILED', (topic: string, story: string) => explainStory(deps, topic, story)),
    ...(deps.feedback ? { feedback: codedFeedback(feedbackServices({ ...deps, feedback: deps.feedback })) } : {}),
    chats: chatServices(deps),
  };
  // Scopes the services it is called on (`this`), so a wrapper spread over them stays in force.
  if (p)
    services.forChat = function (this: CommandServices, where) {
      return scopeToChat(this, where, p.of);
    };
  return services;
}

function chatServices(deps: ServiceDeps): CommandServices['chats'] {
  const now = deps.now ?? Date.now;
  const ref = (where: { platform: string; chat: string }) => ({ platform: where.platform, chat: where.chat });
  return {
    lang: coded('chats.lang', 'STORE_FAILED', async (where) => deps.chatPrefs.lang(ref(where))),
    setLang: coded('chats.setLang', 'STORE_FAILED', async (where, lang, by) => deps.chatPrefs.setLang(ref(where), lang, by)),
    firstWelcome: coded('chats.firstWelcome', 'STORE_FAILED', async (where) => deps.chatPrefs.firstWelcome(ref(where), new Date(now()).toISOString())),
    unwelcome: coded('chats.unwelcome', 'STORE_FAILED', async (where) => deps.chatPrefs.unwelcome(ref(where))),
  };
}

function codedFeedback(f: ReturnType<typeof feedbackServices>): ReturnType<typeof feedbackServices> {
  return {
    record: coded('feedback.record', 'STORE_FAILED', f.record),
    summary: coded('feedback.summary', 'STORE_FAILED', f.summary),
    suggestExcludes: coded('feedback.suggestExcludes', 'STORE_FAILED', f.suggestExcludes),
  };
}

async function digestReply(deps: ServiceDeps, req: DigestRequest): Promise<Reply> {
  if (deps.buildDigest) return deps.buildDigest(req);
  const d = await buildDigest({
    topics: req.topics,
    sinceMs: req.sinceMs,
    untilMs: req.untilMs,
    articles: deps.articles,
    topicDefs: deps.personal ? deps.personal.all() : await deps.topics(),
    lang: req.lang,
    ...(deps.stories ? { stories: deps.stories } : {}),
    ...(deps.feedName ? { feedName: deps.feedName } : {}),
    ...(deps.maxStories ? { maxStories: deps.maxStories } : {}),
    ...(req.page ? { page: req.page } : {}),
  });
  // The text rendering is the fallback for platforms without a native one (console).
  return { status: 'ok', text: renderText(d, { highlight: 'none' }).trimEnd(), digest: d };
}

type SearchRequest = { query: string; sinceMs: number; untilMs: number; limit: number; offset?: number };

async function search(deps: ServiceDeps, { query, sinceMs, untilMs, limit, offset = 0 }: SearchRequest): Promise<{ total: number; hits: SearchHit[] }> {
  const matcher = compileTopics([{ id: 'search', query }]);
  const stored = await deps.articles.listBetween(sinceMs, untilMs);
  const hits: (SearchHit & { feedId: string })[] = [];
  for (const s of stored) {
    const m = matcher.match({ title: s.article.title, text: s.article.text || s.article.summary });
    if (m.length > 0)
      hits.push({ title: s.article.title, url: s.article.url, published: s.article.published, score: m[0]!.score, source: '', feedId: s.article.feedId });
  }
  // Best first; among equals the newer one (listBetween is newest first and sort is stable).
  hits.sort((a, b) => b.score - a.score);
  const page = hits.slice(offset, offset + limit).map(({ feedId, ...h }) => ({ ...h, source: outletName(deps, feedId, h.url) }));
  return { total: hits.length, hits: page };
}

/** The feed's configured name, else the article's host, else the feed id (cleaned: it reaches chats). */
function outletName(deps: ServiceDeps, feedId: string, url: string): string {
  const name = cleanText(deps.feedName?.(feedId) ?? hostLabel(url) ?? feedId);
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

function subscriptionServices(deps: ServiceDeps): CommandServices['subscriptions'] {
  const now = deps.now ?? Date.now;
  const refOf = (where: { platform: SubRef['platform']; chat: string; thread?: string }, topic: string): SubRef => ({
    platform: where.platform,
    chat: where.chat,
    topic,
    ...(where.thread ? { thread: where.thread } : {}),
  });
  return {
    list: coded('subscriptions.list', 'STORE_FAILED', async (where) => {
      const subs = await deps.subscriptions.forChat(where.platform, where.chat);
      return subs
        .filter((s) => (s.thread ?? '') === (where.thread ?? ''))
        .map((s): SubscriptionView => ({
          topic: s.topic,
          mode: s.mode,
          timezone: s.timezone,
          source: s.source,
          ...(s.mutedUntil ? { mutedUntil: s.mutedUntil } : {}),
          ...(s.images === false ? { images: false } : {}),
          ...(s.chart ? { chart: s.chart } : {}),
          ...(s.exclude?.length ? { exclude: s.exclude } : {}),
        }));
    }),
    put: coded('subscriptions.put', 'STORE_FAILED', async (where, sub) => {
      const ref = refOf(where, sub.topic);
      const prev = await deps.subscriptions.get(ref);
      await deps.subscriptions.upsert({
        ...ref,
        mode: sub.mode,
        timezone: sub.timezone,
        createdAt: prev?.createdAt ?? new Date(now()).toISOString(),
        createdBy: sub.by,
        ...(sub.lang ? { lang: sub.lang } : {}),
        ...(sub.images === false ? { images: false } : {}),
        ...(sub.chart ? { chart: sub.chart } : {}),
        ...(sub.exclude?.length ? { exclude: sub.exclude } : {}),
        source: 'command',
        // A re-subscribe changes the schedule, not a mute someone set.
        ...(prev?.mutedUntil ? { mutedUntil: prev.mutedUntil } : {}),
      });
    }),
    remove: coded('subscriptions.remove', 'STORE_FAILED', async (where, topic) => deps.subscriptions.remove(refOf(where, topic))),
    mute: coded('subscriptions.mute', 'STORE_FAILED', async (where, topic, untilIso) => {
      const prev = await deps.subscriptions.get(refOf(where, topic));
      if (!prev) return false;
      const { mutedUntil: _old, ...rest } = prev;
      await deps.subscriptions.upsert(untilIso ? { ...rest, mutedUntil: untilIso } : rest);
      return true;
    }),
  };
}

type SubRef = Parameters<SubscriptionStore['get']>[0];

function feedServices(deps: ServiceDeps): CommandServices['feeds'] {
  const allowlist = new Allowlist(deps.allowPrivateNetworks ?? []);
  const now = deps.now ?? Date.now;
  /** The catalog's list, each feed with its poll health. */
  const list = coded('feeds.list', 'STORE_FAILED', async (): Promise<FeedView[]> => {
    const [entries, states] = await Promise.all([deps.feeds.entries(), deps.feedStates.all()]);
    const byUrl = new Map(states.map((s) => [s.url, s]));
    return entries.map((f): FeedView => {
      const s = byUrl.get(f.url);
      return { ...f, ...(s ? { health: healthOf(s) } : {}) };
    });
  });
  return {
    list,
    check: (url) => checkFeedUrl(url, allowlist, deps.lookup),
    add: coded('feeds.add', 'STORE_FAILED', async (url: string, by: string) => {
      await deps.registry.feeds.set(url, { url, addedBy: by, addedAt: new Date(now()).toISOString() });
      await deps.feeds.changed();
    }),
    remove: coded('feeds.remove', 'STORE_FAILED', async (url: string) => {
      const known = (await deps.feeds.entries()).some((f) => f.url === url);
      if (!known) return false;
      await deps.registry.feeds.remove(url);
      await deps.feeds.changed();
      return true;
    }),
    ...(deps.feedTools?.discover ? { discover: coded('feeds.discover', 'NETWORK', deps.feedTools.discover) } : {}),
    ...(deps.feedTools?.exportOpml ? { exportOpml: coded('feeds.exportOpml', 'STORE_FAILED', deps.feedTools.exportOpml) } : {}),
    ...(deps.feedTools?.importOpml ? { importOpml: coded('feeds.importOpml', 'STORE_FAILED', deps.feedTools.importOpml) } : {}),
  };
}

/** /status: feeds with health, and delivery figures when delivery answers (a failure is logged). */
async function status(deps: ServiceDeps, feedList: () => Promise<FeedView[]>) {
  const log = deps.log ?? silentLogger;
  const figure = async (name: string, read: (() => Promise<number>) | undefined): Promise<number | undefined> => {
    if (!read) return undefined;
    try {
      return await read();
    } catch (e) {
      const err = toRaqibError(e, 'DELIVERY_QUEUE', name);
      log.warn({ code: err.code, err }, '/status: a delivery figure could not be read; shown without it');
      return undefined;
    }
  };
  const d = deps.delivery;
  const [feeds, queueDepth, dead, runtime] = await Promise.all([
    feedList(),
    figure('queueDepth', d && (() => d.queueDepth())),
    figure('deadLetterCount', d && (() => d.deadLetterCount())),
    deps.runtimeChanges?.(),
  ]);
  return {
    feeds,
    ...(queueDepth !== undefined ? { queueDepth } : {}),
    ...(dead !== undefined ? { deadLetters: dead } : {}),
    store: deps.storeDisplay ?? 'unknown',
    ...(deps.platformStates ? { platforms: deps.platformStates() } : {}),
    ...(runtime ? { runtime } : {}),
    ...(deps.personal ? { personalTopics: personalCounts(deps.personal.all()) } : {}),
  };
}

/** Personal topics and the chats that keep them, from the catalog (no ids, no chats named). */
function personalCounts(all: readonly TopicDef[]): { topics: number; chats: number } {
  const owners = all.flatMap((t) => {
    const p = parsePersonalId(t.id);
    return p ? [`${p.owner.platform} ${p.owner.chat}`] : [];
  });
  return { topics: owners.length, chats: new Set(owners).size };
}

/**
 * Feeds added from a chat must be public http(s) URLs: no file paths (the config may name local
 * files, a chat user may not), no credentials, and a host that resolves only to public addresses
 * (the fetcher checks again on every connection; this check gives the person a reason now).
 */
export async function checkFeedUrl(input: string, allowlist: Allowlist, lookup?: LookupFn): Promise<UrlCheck> {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'only http and https feeds can be added from a chat' };
  if (u.username || u.password) return { ok: false, reason: 'URLs with a user name or password are not accepted' };
  if (u.href.length > 2_000) return { ok: false, reason: 'the URL is too long' };
  u.hash = '';
  try {
    await resolveChecked(u.hostname, { allowlist, ...(lookup ? { lookup } : {}) });
  } catch (e) {
    if (e instanceof RefusedAddressError) return { ok: false, reason: e.message };
    return { ok: false, reason: `${u.hostname} did not resolve` };
  }
  return { ok: true, url: u.href };
}

function healthOf(s: FeedState): FeedHealth {
  return {
    failures: s.failures,
    ...(s.lastPollAt ? { lastPollAt: s.lastPollAt } : {}),
    ...(s.lastOkAt ? { lastOkAt: s.lastOkAt } : {}),
    ...(s.lastError ? { lastError: s.lastError } : {}),
    ...(s.disabledReason ? { disabledReason: s.disabledReason } : {}),
  };
}
