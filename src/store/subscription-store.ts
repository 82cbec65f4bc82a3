// Who gets which topic, where and when. Config subscriptions are seeded at start; people add more
// with /subscribe. The key is (platform, chat, thread, topic) so a re-subscribe updates in place.
import type Keyv from 'keyv';
import type { ScheduleMode } from '../core/schedule-mode.ts';
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
}
