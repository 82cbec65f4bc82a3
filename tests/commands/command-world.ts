// A real command world for tests: SQLite stores in a temp folder, the real CommandServices over
// them, a topic catalog, seeded articles matched by the real matcher, and a context factory.
import { join } from 'node:path';
import type { CommandContext, CommandServices, UiLang } from '../../commands/types.ts';
import { createCommandServices, type ServiceDeps } from '../../src/app/command-services.ts';
import { TopicCatalog } from '../../src/app/topic-catalog.ts';
import { FeedCatalog } from '../../src/app/feed-catalog.ts';
import type { PlatformName } from '../../src/core/outbound.ts';
import type { StoredArticle, TopicDef } from '../../src/core/types.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { FeedStateStore } from '../../src/store/feed-state-store.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { RegistryStore, runtimeChanges } from '../../src/store/registry-store.ts';
import { ChatPrefsStore } from '../../src/store/chat-prefs-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { PersonalTopicStore } from '../../src/store/personal-topic-store.ts';
import { compileTopics } from '../../src/topics/index.ts';
import { FeedbackStore } from '../../src/store/feedback-store.ts';
import { buttonSecret, buttonStash } from '../../src/store/button-store.ts';
import { createButtonCodec, type ButtonCodec } from '../../src/core/button-codec.ts';
import { watchDrafts } from '../../src/app/watch-services.ts';
import { tempDir, type StoreCase } from '../helpers/stores.ts';

export const TEST_TOPICS: TopicDef[] = [
  { id: 'iraq', name: 'Iraq', query: 'iraq OR العراق OR بغداد OR baghdad' },
  { id: 'militia-threats', name: 'Militia threats', query: '(militia OR فصائل) AND (threat* OR threaten* OR تهدد)' },
  { id: 'us-strikes', name: 'US strikes', query: '"US" NEAR/4 (strike OR strikes OR airstrike)' },
];

export const HOUR = 3_600_000;
export const NOW = Date.parse('2026-03-10T12:00:00Z');

/** DNS for /feeds add: example hosts resolve to a public address, "intranet" to a private one. */
export const fakeLookup = async (host: string) => {
  if (host === 'intranet.example') return [{ address: '10.1.2.3', family: 4 }];
  if (host.endsWith('.example') || host.endsWith('.example.com') || host.endsWith('.example.org')) return [{ address: '93.184.216.34', family: 4 }];
  throw new Error(`ENOTFOUND ${host}`);
};

export interface World {
  store: Store;
  articles: ArticleStore;
  subscriptions: SubscriptionStore;
  registry: RegistryStore;
  feedStates: FeedStateStore;
  personal: PersonalTopicStore;
  catalog: TopicCatalog;
  feedback: FeedbackStore;
  /** The store's button codec (its secret), clocked at NOW. */
  buttons: ButtonCodec;
  services: CommandServices;
  seed(a: { id: string; title: string; text?: string; hoursAgo: number; url?: string; feedId?: string }): Promise<StoredArticle>;
  ctx(
    o?: Partial<{
      platform: PlatformName;
      chatId: string;
      kind: 'private' | 'group' | 'channel';
      thread: string;
      userId: string;
      lang: UiLang;
      admin: boolean;
      chatAdmin: boolean;
      now: number;
    }>,
  ): CommandContext;
  close(): Promise<void>;
}

/** Service deps a test may set, plus the config feeds and delivery figures a world starts with. */
export type WorldOptions = Partial<ServiceDeps> & {
  configFeeds?: { url: string; name?: string }[];
  queueDepth?: () => Promise<number>;
  deadLetters?: () => Promise<number>;
  /** The config (or pack) topics under /watch changes; TEST_TOPICS by default. */
  baseTopics?: TopicDef[];
};

/**
 * A fresh SQLite store by default, or one from tests/helpers/stores.ts (Redis), or an open store
 * shared with other worlds (a second instance on the same store; its close leaves the store open).
 */
export async function openWorld(options: WorldOptions = {}, backend?: StoreCase | { shared: Store }): Promise<World> {
  const { configFeeds, queueDepth, deadLetters, baseTopics, ...extra } = options;
  let store: Store;
  let cleanup: () => Promise<void>;
  if (backend && 'shared' in backend) {
    store = backend.shared;
    cleanup = async () => {};
  } else if (backend) {
    const opened = await backend.open();
    store = opened.store;
    cleanup = opened.cleanup;
  } else {
    const t = tempDir('raqib-cmd-');
    store = await openStore(`sqlite://${join(t.dir, 'raqib.sqlite')}`);
    cleanup = async () => {
      await store.close();
      t.remove();
    };
  }
  const articles = new ArticleStore(store);
  const subscriptions = new SubscriptionStore(store);
  const registry = new RegistryStore(store);
  const feedStates = new FeedStateStore(store);
  const feedback = new FeedbackStore(store);
  const buttons = createButtonCodec(await buttonSecret(store), buttonStash(store), () => NOW);
  const personal = new PersonalTopicStore(store);
  const catalog = new TopicCatalog(baseTopics ?? TEST_TOPICS, registry, personal);
  await catalog.reload();
  const services = createCommandServices({
    topics: async () => catalog.list(),
    personal: { store: personal, of: (owner) => catalog.personalOf(owner), all: () => catalog.all() },
    articles,
    subscriptions,
    chatPrefs: new ChatPrefsStore(store),
    registry,
    feedStates,
    watchDrafts: watchDrafts(store),
    onTopicsChanged: () => catalog.reload(),
    feeds: new FeedCatalog(configFeeds ?? [], registry),
    ...(queueDepth && deadLetters ? { delivery: { queueDepth, deadLetterCount: deadLetters } } : {}),
    lookup: fakeLookup,
    storeDisplay: 'sqlite://test',
    runtimeChanges: () =>
      runtimeChanges(registry, { topics: new Set((baseTopics ?? TEST_TOPICS).map((t) => t.id)), feeds: new Set((configFeeds ?? []).map((f) => f.url)) }),
    feedback,
    ...extra,
  });
  return {
    store,
    articles,
    subscriptions,
    registry,
    feedStates,
    personal,
    catalog,
    feedback,
    buttons,
    services,
    async seed(a) {
      const published = new Date(NOW - a.hoursAgo * HOUR).toISOString();
      const article = {
        id: a.id,
        feedId: a.feedId ?? 'feed-1',
        url: a.url ?? `https://news.example.com/${a.id}`,
        title: a.title,
        summary: '',
        text: a.text ?? a.title,
        lang: /[\u0600-\u06FF]/.test(a.title) ? ('ar' as const) : ('en' as const),
        published,
        fetchedAt: published,
      };
      const matches = compileTopics(catalog.all()).match({ title: article.title, text: article.text });
      const stored: StoredArticle = { article, matches };
      await articles.put(stored);
      return stored;
    },
    ctx(o = {}) {
      const kind = o.kind ?? 'private';
      return {
        platform: o.platform ?? 'telegram',
        chat: { id: o.chatId ?? '42', kind, ...(o.thread ? { thread: o.thread } : {}) },
        user: { id: o.userId ?? '42' },
        lang: o.lang ?? 'en',
        isAdmin: async () => o.admin ?? false,
        isChatAdmin: async () => kind === 'private' || (o.chatAdmin ?? o.admin ?? false),
        services,
        now: () => o.now ?? NOW,
      };
    },
    close: cleanup,
  };
}
