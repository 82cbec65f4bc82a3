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
}

export function subscriptionKey(s: Pick<Subscription, 'platform' | 'chat' | 'thread' | 'topic'>): string {
  return [s.platform, s.chat, s.thread ?? '', s.topic].map(encodeURIComponent).join('|');
}

export class SubscriptionStore {
  private readonly kv: Keyv<Subscription>;
  constructor(store: Store) {
    this.kv = store.namespace<Subscription>('subscriptions');
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
  async all(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for await (const [, v] of this.kv.iterator!(undefined)) if (v) out.push(v as Subscription);
    return out.sort((a, b) => subscriptionKey(a).localeCompare(subscriptionKey(b)));
  }
  async forChat(platform: Platform, chat: string): Promise<Subscription[]> {
    return (await this.all()).filter((s) => s.platform === platform && s.chat === chat);
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
      });
    }
  }
}
