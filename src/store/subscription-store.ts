// Who gets which topic, where and when. Config subscriptions are seeded at start; people add more
// with /subscribe. The key is (platform, chat, thread, topic) so a re-subscribe updates in place.
import { ConfigError } from '../core/errors.ts';
import { DEFAULT_TIMEZONE, parseScheduleMode, type ScheduleMode } from '../core/schedule-mode.ts';
import type { Store } from './open-store.ts';
import { IndexedNamespace } from './indexed-namespace.ts';

export type Platform = 'slack' | 'telegram' | 'console';

export interface Subscription {
  platform: Platform;
  chat: string;
  /** Slack thread ts or Telegram forum topic (message_thread_id). */
  thread?: string;
  topic: string;
  mode: ScheduleMode;
  timezone: string;
  /** ISO time until which alerts are held back (/mute). */
  mutedUntil?: string;
  createdAt: string;
  createdBy?: string;
  /** Language of the digest's own words (headers, labels): the subscriber's, from /subscribe. */
  lang?: 'ar' | 'en';
  /**
   * Follow-ups to instant alerts when later reports join the story: 'thread' (default) replies in
   * the alert's thread (Slack) or to the alert message (Telegram); 'off' stays silent.
   */
  followUps?: 'thread' | 'off';
  /** false: instant alerts go without the article's picture (default: with it, when there is one). */
  images?: boolean;
  /** 'weekly': the first digest of each week (Monday, in `timezone`) carries the week's trend chart. */
  chart?: 'weekly';
  /** This chat's own exclude terms: an article with one of them is not sent here (alerts, digests). */
  exclude?: string[];
  /** 'config' for routes kept as code, 'command' for /subscribe. */
  source: 'config' | 'command';
}

/** A subscription as the config file writes it (validated by the config schema). */
export interface ConfigSubscription {
  platform: Platform;
  chat: string;
  topic: string;
  thread?: string;
  mode?: string;
  timezone?: string;
  followUps?: 'thread' | 'off';
  images?: boolean;
  chart?: 'weekly';
  exclude?: string[];
}

export function subscriptionKey(s: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): string {
  return [s.platform, s.chat, s.thread ?? '', s.topic].map(encodeURIComponent).join('|');
}

const chatKey = (platform: string, chat: string) => `${encodeURIComponent(platform)}|${encodeURIComponent(chat)}`;

export class SubscriptionStore {
  /**
   * Listed through an index with a version (indexed-namespace.ts): the router and the scheduler
   * read the list for every alert batch and every refresh, and a keyspace scan each time was
   * most of the Redis work at scale. Every process holds the list in memory and re-reads it when
   * the version moved, so a /subscribe in one process is routed by the others at their next look.
   */
  private readonly kv: IndexedNamespace<Subscription>;
  private sorted: { from: ReadonlyMap<string, Subscription>; list: readonly Subscription[]; byChat: Map<string, Subscription[]> } | undefined;
  constructor(store: Store) {
    this.kv = new IndexedNamespace<Subscription>(store, 'subscriptions', 'subscriptions_index');
  }
  async upsert(s: Subscription): Promise<void> {
    await this.kv.set(subscriptionKey(s), s);
  }
  async get(ref: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): Promise<Subscription | undefined> {
    return this.kv.get(subscriptionKey(ref));
  }
  async remove(ref: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): Promise<boolean> {
    return this.kv.delete(subscriptionKey(ref));
  }
  /** Every subscription by key; a fresh array (of shared objects: do not change them). */
  async all(): Promise<Subscription[]> {
    return [...(await this.list())];
  }
  /** A chat's subscriptions (read for every alert batch to choose its language). */
  async forChat(platform: Platform, chat: string): Promise<Subscription[]> {
    await this.list();
    return [...(this.sorted?.byChat.get(chatKey(platform, chat)) ?? [])];
  }
  async forTopic(topic: string): Promise<Subscription[]> {
    return (await this.list()).filter((s) => s.topic === topic);
  }

  private async list(): Promise<readonly Subscription[]> {
    const entries = await this.kv.entries();
    if (this.sorted?.from !== entries) {
      const list = [...entries].sort((a, b) => a[0].localeCompare(b[0])).map(([, s]) => s);
      const byChat = new Map<string, Subscription[]>();
      for (const s of list) {
        const k = chatKey(s.platform, s.chat);
        const those = byChat.get(k);
        if (those) those.push(s);
        else byChat.set(k, [s]);
      }
      this.sorted = { from: entries, list, byChat };
    }
    return this.sorted.list;
  }

  /** Config subscriptions are routes kept as code: (re)written at every start, mutes kept. */
  async seedFromConfig(list: readonly ConfigSubscription[], now: () => number = Date.now): Promise<void> {
    const known = await this.kv.entries();
    const seeded: [string, Subscription][] = [];
    for (const s of list) {
      const parsed = parseScheduleMode(s.mode ?? 'daily 08:00');
      // The config schema checked every mode; one that fails here is a bug worth stopping for.
      if (!parsed.ok) throw new ConfigError(`subscription ${s.platform}:${s.chat} ${s.topic}: ${parsed.error}`);
      const ref = { platform: s.platform, chat: s.chat, topic: s.topic, ...(s.thread ? { thread: s.thread } : {}) };
      const existing = known.get(subscriptionKey(ref));
      seeded.push([
        subscriptionKey(ref),
        {
          ...ref,
          mode: parsed.mode,
          timezone: s.timezone ?? DEFAULT_TIMEZONE,
          createdAt: existing?.createdAt ?? new Date(now()).toISOString(),
          source: 'config',
          ...(existing?.mutedUntil ? { mutedUntil: existing.mutedUntil } : {}),
          ...(s.followUps ? { followUps: s.followUps } : {}),
          ...(s.images === false ? { images: false } : {}),
          ...(s.chart ? { chart: s.chart } : {}),
          ...(s.exclude?.length ? { exclude: s.exclude } : {}),
        },
      ]);
    }
    // One change of the index for the whole list: the other processes re-read it once, not per line.
    await this.kv.setMany(seeded);
  }
}
