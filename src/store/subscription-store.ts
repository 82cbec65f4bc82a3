// Who gets which topic, where and when. Config subscriptions are seeded at start; people add more
// with /subscribe. The key is (platform, chat, thread, topic) so a re-subscribe updates in place.
import type Keyv from 'keyv';
import { ConfigError } from '../core/errors.ts';
import { DEFAULT_TIMEZONE, parseScheduleMode, type ScheduleMode } from '../core/schedule-mode.ts';
import type { Store } from './open-store.ts';

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

/** The index's "built" mark (a chat key always holds a "|", this one never does). */
const BUILT = 'built';
const chatKey = (platform: string, chat: string) => `${encodeURIComponent(platform)}|${encodeURIComponent(chat)}`;

export class SubscriptionStore {
  private readonly kv: Keyv<Subscription>;
  /**
   * (platform, chat) → that chat's subscription keys, so that forChat (read for every alert
   * batch) is a few key reads instead of a keyspace scan. Built once from one scan when the
   * store has none yet (data written before the index existed), marked by BUILT.
   */
  private readonly byChat: Keyv<string[]>;
  private built: Promise<void> | undefined;
  constructor(store: Store) {
    this.kv = store.namespace<Subscription>('subscriptions');
    this.byChat = store.namespace<string[]>('subscriptions_by_chat');
  }
  async upsert(s: Subscription): Promise<void> {
    const key = subscriptionKey(s);
    await this.kv.set(key, s);
    const keys = await this.chatKeys(s.platform, s.chat);
    if (!keys.includes(key)) await this.byChat.set(chatKey(s.platform, s.chat), [...keys, key]);
  }
  async get(ref: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): Promise<Subscription | undefined> {
    return this.kv.get(subscriptionKey(ref));
  }
  async remove(ref: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): Promise<boolean> {
    const key = subscriptionKey(ref);
    const removed = await this.kv.delete(key);
    const keys = await this.chatKeys(ref.platform, ref.chat);
    if (keys.includes(key))
      await this.byChat.set(
        chatKey(ref.platform, ref.chat),
        keys.filter((k) => k !== key),
      );
    return removed;
  }
  async all(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for await (const [, v] of this.kv.iterator!(undefined)) if (v) out.push(v as Subscription);
    return out.sort((a, b) => subscriptionKey(a).localeCompare(subscriptionKey(b)));
  }
  /** A chat's subscriptions, through the index (no scan once the chat's index exists). */
  async forChat(platform: Platform, chat: string): Promise<Subscription[]> {
    const keys = await this.chatKeys(platform, chat);
    if (keys.length === 0) return [];
    const found = await this.kv.getMany<Subscription>(keys);
    return found.filter((s): s is Subscription => !!s).sort((a, b) => subscriptionKey(a).localeCompare(subscriptionKey(b)));
  }

  private async chatKeys(platform: string, chat: string): Promise<string[]> {
    this.built ??= this.buildIndex();
    await this.built;
    return (await this.byChat.get(chatKey(platform, chat))) ?? [];
  }

  private async buildIndex(): Promise<void> {
    if (await this.byChat.get(BUILT)) return;
    const chats = new Map<string, string[]>();
    for (const s of await this.all()) {
      const k = chatKey(s.platform, s.chat);
      chats.set(k, [...(chats.get(k) ?? []), subscriptionKey(s)]);
    }
    for (const [k, keys] of chats) await this.byChat.set(k, keys);
    await this.byChat.set(BUILT, []);
  }
  async forTopic(topic: string): Promise<Subscription[]> {
    return (await this.all()).filter((s) => s.topic === topic);
  }

  /** Config subscriptions are routes kept as code: (re)written at every start, mutes kept. */
  async seedFromConfig(list: readonly ConfigSubscription[], now: () => number = Date.now): Promise<void> {
    for (const s of list) {
      const parsed = parseScheduleMode(s.mode ?? 'daily 08:00');
      // The config schema checked every mode; one that fails here is a bug worth stopping for.
      if (!parsed.ok) throw new ConfigError(`subscription ${s.platform}:${s.chat} ${s.topic}: ${parsed.error}`);
      const ref = { platform: s.platform, chat: s.chat, topic: s.topic, ...(s.thread ? { thread: s.thread } : {}) };
      const existing = await this.get(ref);
      await this.upsert({
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
      });
    }
  }
}
