// Every namespace raqib keeps in its store, in one list owned by the store layer. Store.namespace()
// refuses a name that is not here, so a new kind of state cannot be added without saying which
// `raqib reset` part removes it (or that none does); reset reads its parts from this list.

/** The parts `raqib reset` removes, each a flag of its own (`--topics`, …). */
export const RESET_PARTS = ['topics', 'feeds', 'articles', 'subscriptions', 'delivery', 'feedback'] as const;
export type ResetPart = (typeof RESET_PARTS)[number];

export interface NamespaceInfo {
  /** The reset part that removes it; null: store bookkeeping that reset leaves alone. */
  part: ResetPart | null;
  /** What it holds, in the words `raqib reset` prints. */
  what: string;
  /**
   * On Redis its keys are written directly under `<prefix>:<name>:` (not through keyv), so they
   * are listed and removed by key pattern: the outbox's Lua scripts (delivery/backend-redis.ts),
   * the listing indexes' sets and versions (indexed-namespace.ts), the story lists
   * (stories/story-buckets-redis.ts).
   */
  redisKeys?: boolean;
  /**
   * An index kept beside another namespace of the same part (its keys and a version): removed
   * with it, but not entries of its own, so `raqib reset` neither lists nor counts it.
   */
  index?: boolean;
}

export const NAMESPACES = {
  meta: { part: null, what: 'store bookkeeping (when it was opened)' },
  runtime_topics: { part: 'topics', what: 'topics added, edited (/watch include/exclude overlays) or removed at run time' },
  personal_topics: { part: 'topics', what: "everyone's own topics (/watch in a private chat), each named with its chat" },
  personal_topics_index: { part: 'topics', what: "the list of everyone's own topics, and its version", redisKeys: true, index: true },
  runtime_topics_index: { part: 'topics', what: 'the list of topics changed at run time, and its version', redisKeys: true, index: true },
  // A draft is a topic change not yet made: a reset of the topics must not let a confirm bring one back.
  watch_drafts: { part: 'topics', what: '/watch changes previewed, not yet confirmed (10 minutes at most; they go with the topics they change)' },
  runtime_feeds: { part: 'feeds', what: 'feeds added or removed at run time (/feeds, raqib feeds)' },
  runtime_feeds_index: { part: 'feeds', what: 'the list of feeds changed at run time, and its version', redisKeys: true, index: true },
  feed_state: { part: 'feeds', what: 'polling state per feed (validators, failures, primed)' },
  articles: { part: 'articles', what: 'stored articles' },
  seen: { part: 'articles', what: 'ids of items already seen' },
  article_hours: { part: 'articles', what: 'article index by hour' },
  article_days: { part: 'articles', what: 'article index by day' },
  trend_days: { part: 'articles', what: 'stories per topic per day (trend charts)' },
  trend_day_ids: { part: 'articles', what: 'articles already counted in trend days' },
  stories: { part: 'articles', what: 'stories (clusters of articles)' },
  story_of: { part: 'articles', what: 'the story of each article' },
  story_buckets: { part: 'articles', what: 'story signatures by time' },
  // Redis only: the story buckets as append-only lists, written directly (stories/story-buckets-redis.ts).
  story_lists: { part: 'articles', what: 'story signatures by hour (Redis lists)', redisKeys: true },
  subscriptions: { part: 'subscriptions', what: 'subscriptions (config ones come back at the next start)' },
  subscriptions_index: { part: 'subscriptions', what: 'the list of subscriptions, and its version', redisKeys: true, index: true },
  // Written by earlier versions (chat → subscription keys); kept here so that a reset removes it.
  subscriptions_by_chat: { part: 'subscriptions', what: 'subscriptions indexed by chat (earlier versions)' },
  digest_cursors: { part: 'subscriptions', what: 'where each scheduled digest got to' },
  chat_prefs: { part: 'subscriptions', what: 'per-chat settings: /lang choice, Slack channel welcome sent' },
  weekly_charts: { part: 'subscriptions', what: 'the week each chart: weekly subscription last got its chart' },
  feedback: { part: 'feedback', what: 'verdicts from the 👍/👎 buttons' },
  alert_counts: { part: 'feedback', what: 'alerts sent per topic per day (/topic shows them beside the verdicts)' },
  // The button secret goes with the feedback: buttons already sent stop working, as their feedback is gone.
  button_actions: { part: 'feedback', what: 'button actions too long for Telegram callback data, by id' },
  button_keys: { part: 'feedback', what: 'the secret that signs button payloads' },
  outbox: {
    part: 'delivery',
    what: 'queued messages, held alerts and follow-ups, sent-alert ids (follow-up threads), idempotency keys, dead letters',
    redisKeys: true,
  },
} as const satisfies Record<string, NamespaceInfo>;

export type NamespaceName = keyof typeof NAMESPACES;

export function isNamespace(name: string): name is NamespaceName {
  return Object.hasOwn(NAMESPACES, name);
}

/** The namespaces one reset part removes, in list order. */
export function namespacesOf(part: ResetPart): NamespaceName[] {
  return (Object.keys(NAMESPACES) as NamespaceName[]).filter((n) => NAMESPACES[n].part === part);
}
