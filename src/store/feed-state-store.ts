// Per-feed polling state: validators for conditional GET, health for /status, backoff.
import type Keyv from 'keyv';
import type { Store } from './open-store.ts';

export interface FeedState {
  feedId: string;
  url: string;
  etag?: string;
  lastModified?: string;
  /** Hash of the last body parsed; an unchanged body is skipped. */
  bodyHash?: string;
  /** ISO times. */
  lastPollAt?: string;
  lastOkAt?: string;
  nextPollAt?: string;
  /** Consecutive failures; reset on success. */
  failures: number;
  lastError?: string;
  /** Set when the feed was disabled after too many failures; the reason is kept for /status. */
  disabledReason?: string;
  /** True once the first poll stored its backlog (later polls alert). */
  primed: boolean;
  itemsSeen: number;
}

export class FeedStateStore {
  private readonly kv: Keyv<FeedState>;
  constructor(store: Store) {
    this.kv = store.namespace<FeedState>('feed_state');
  }
  async get(feedId: string): Promise<FeedState | undefined> {
    return this.kv.get(feedId);
  }
  async set(state: FeedState): Promise<void> {
    await this.kv.set(state.feedId, state);
  }
  async delete(feedId: string): Promise<void> {
    await this.kv.delete(feedId);
  }
  /**
   * The states of these feeds (those without one are left out): a read by key, so /healthz, which
   * monitors call every few seconds, does not scan the keyspace as all() does.
   */
  async forFeeds(feedIds: readonly string[]): Promise<FeedState[]> {
    const out: FeedState[] = [];
    for (let i = 0; i < feedIds.length; i += 500) {
      for (const v of await this.kv.getMany<FeedState>(feedIds.slice(i, i + 500) as string[])) if (v) out.push(v);
    }
    return out;
  }
  /** Every stored state, by a listing (a keyspace scan on Redis): for the /feeds and /status pages. */
  async all(): Promise<FeedState[]> {
    const out: FeedState[] = [];
    for await (const [, v] of this.kv.iterator!(undefined)) if (v) out.push(v as FeedState);
    return out;
  }
}
