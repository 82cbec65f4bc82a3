// CommandServices over the stores: what slash commands may read and change. Commands parse and
// phrase; this module only reads and writes, so both platforms and the console share one truth.
import type { CommandServices, FeedHealth, FeedView, Reply, SubscriptionView, UiLang, UrlCheck } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import { buildDigest } from '../digest/build-digest.ts';
import { renderText } from '../digest/render-text.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { Allowlist, RefusedAddressError, resolveChecked, type LookupFn } from '../feeds/ssrf.ts';
import { compileTopics } from '../topics/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedState, FeedStateStore } from '../store/feed-state-store.ts';
import type { RegistryStore, RuntimeFeed } from '../store/registry-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';

export interface DigestRequest {
  topics: string[];
  sinceMs: number;
  untilMs: number;
  lang: UiLang;
}

export interface ServiceDeps {
  /** The effective topics (TopicCatalog.list: config or default pack, with /watch changes). */
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
  subscriptions: SubscriptionStore;
  registry: RegistryStore;
  feedStates: FeedStateStore;
  /** Feeds from the config file (they cannot be removed by /feeds). */
  configFeeds?: readonly { url: string; name?: string }[];
  /** After /watch stored a change (TopicCatalog.reload, so the matcher sees it at once). */
  onTopicsChanged?: () => Promise<void>;
  /** After /feeds stored a change (the poller picks feeds up). */
  onFeedsChanged?: () => Promise<void>;
  /** settings.allowPrivateNetworks, the same list the fetcher honours. */
  allowPrivateNetworks?: readonly string[];
  /** DNS for the /feeds add check (tests); the system resolver by default. */
  lookup?: LookupFn;
  /** The delivery outbox, when running: messages waiting and dead letters. */
  queueDepth?: () => Promise<number>;
  deadLetters?: () => Promise<number | readonly unknown[]>;
  /** Store URL without secrets, for /status. */
  storeDisplay?: string;
  /** First-seen times of stories that began before the window (src/stories). */
  stories?: StoryIndex;
  /** A feed's display name (config `name`); the article's host otherwise. */
  feedName?: (feedId: string) => string | undefined;
  /** settings.digestSize: most stories in one digest. */
  maxStories?: number;
  /** Replaces the digest built from src/digest (tests, other front ends). */
  buildDigest?: (req: DigestRequest) => Promise<Reply>;
}

export function createCommandServices(deps: ServiceDeps): CommandServices {
  const allowlist = new Allowlist(deps.allowPrivateNetworks ?? []);

  /** Config feeds in file order, then runtime feeds by URL; each with its poll health. */
  const feedList = async (): Promise<FeedView[]> => {
    const config = (deps.configFeeds ?? []).map((f): RuntimeFeed => ({ url: f.url, ...(f.name ? { name: f.name } : {}), addedAt: '' }));
    const configUrls = new Set(config.map((f) => f.url));
    const merged = await deps.registry.feeds.over(config, (f) => f.url);
    // A runtime entry never shares a URL with a config feed (/feeds add refuses known URLs).
    const ordered = [...merged.filter((f) => configUrls.has(f.url)), ...merged.filter((f) => !configUrls.has(f.url)).sort((a, b) => a.url.localeCompare(b.url))];
    const states = new Map((await deps.feedStates.all()).map((s) => [s.url, s]));
    return ordered.map((f): FeedView => {
      const s = states.get(f.url);
      return {
        url: f.url,
        ...(f.name ? { name: f.name } : {}),
        source: configUrls.has(f.url) ? 'config' : 'runtime',
        ...(s ? { health: healthOf(s) } : {}),
      };
    });
  };

  return {
    topics: deps.topics,

    async digest(req): Promise<Reply> {
      if (deps.buildDigest) return deps.buildDigest(req);
      const d = await buildDigest({
        topics: req.topics,
        sinceMs: req.sinceMs,
        untilMs: req.untilMs,
        articles: deps.articles,
        topicDefs: await deps.topics(),
        lang: req.lang,
        ...(deps.stories ? { stories: deps.stories } : {}),
        ...(deps.feedName ? { feedName: deps.feedName } : {}),
        ...(deps.maxStories ? { maxStories: deps.maxStories } : {}),
      });
      // The text rendering is the fallback for platforms without a native one (console).
      return { status: 'ok', text: renderText(d, { highlight: 'none' }).trimEnd(), digest: d };
    },

    async topicHits(topic, sinceMs, untilMs) {
      const entries = await deps.articles.listIndexBetween(sinceMs, untilMs);
      return entries.filter((e) => e.topics[topic] !== undefined).length;
    },

    async search({ query, sinceMs, untilMs, limit }) {
      const matcher = compileTopics([{ id: 'search', query }]);
      const stored = await deps.articles.listBetween(sinceMs, untilMs);
      const hits = [];
      for (const s of stored) {
        const m = matcher.match({ title: s.article.title, text: s.article.text || s.article.summary });
        if (m.length > 0) hits.push({ title: s.article.title, url: s.article.url, published: s.article.published, score: m[0]!.score });
      }
      // Best first; among equals the newer one (listBetween is newest first and sort is stable).
      hits.sort((a, b) => b.score - a.score);
      return { total: hits.length, hits: hits.slice(0, limit) };
    },

    subscriptions: {
      async list(where) {
        const subs = await deps.subscriptions.forChat(where.platform, where.chat);
        return subs
          .filter((s) => (s.thread ?? '') === (where.thread ?? ''))
          .map((s): SubscriptionView => ({
            topic: s.topic,
            mode: s.mode,
            timezone: s.timezone,
            source: s.source,
            ...(s.mutedUntil ? { mutedUntil: s.mutedUntil } : {}),
          }));
      },
      async put(where, sub) {
        const ref = { platform: where.platform, chat: where.chat, topic: sub.topic, ...(where.thread ? { thread: where.thread } : {}) };
        const prev = await deps.subscriptions.get(ref);
        await deps.subscriptions.upsert({
          ...ref,
          mode: sub.mode,
          timezone: sub.timezone,
          createdAt: prev?.createdAt ?? new Date().toISOString(),
          createdBy: sub.by,
          ...(sub.lang ? { lang: sub.lang } : {}),
          source: 'command',
          // A re-subscribe changes the schedule, not a mute someone set.
          ...(prev?.mutedUntil ? { mutedUntil: prev.mutedUntil } : {}),
        });
      },
      async remove(where, topic) {
        return deps.subscriptions.remove({ platform: where.platform, chat: where.chat, topic, ...(where.thread ? { thread: where.thread } : {}) });
      },
      async mute(where, topic, untilIso) {
        const ref = { platform: where.platform, chat: where.chat, topic, ...(where.thread ? { thread: where.thread } : {}) };
        const prev = await deps.subscriptions.get(ref);
        if (!prev) return false;
        const { mutedUntil: _old, ...rest } = prev;
        await deps.subscriptions.upsert(untilIso ? { ...rest, mutedUntil: untilIso } : rest);
        return true;
      },
    },

    watch: {
      async put(topic) {
        await deps.registry.topics.set(topic.id, topic);
        await deps.onTopicsChanged?.();
      },
      async remove(id) {
        await deps.registry.topics.remove(id);
        await deps.onTopicsChanged?.();
      },
    },

    feeds: {
      list: feedList,
      check: (url) => checkFeedUrl(url, allowlist, deps.lookup),
      async add(url, by) {
        await deps.registry.feeds.set(url, { url, addedBy: by, addedAt: new Date().toISOString() });
        await deps.onFeedsChanged?.();
      },
      async remove(url) {
        const known = (await feedList()).some((f) => f.url === url);
        if (!known) return false;
        await deps.registry.feeds.remove(url);
        await deps.onFeedsChanged?.();
        return true;
      },
    },

    async status() {
      const [feeds, queueDepth, dead] = await Promise.all([
        feedList(),
        deps.queueDepth ? deps.queueDepth().catch(() => undefined) : Promise.resolve(undefined),
        deps.deadLetters ? deps.deadLetters().catch(() => undefined) : Promise.resolve(undefined),
      ]);
      return {
        feeds,
        ...(queueDepth !== undefined ? { queueDepth } : {}),
        ...(dead !== undefined ? { deadLetters: typeof dead === 'number' ? dead : dead.length } : {}),
        store: deps.storeDisplay ?? 'unknown',
      };
    },
  };
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
