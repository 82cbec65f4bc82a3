// Values kept for a short while and taken once: a /watch change previewed through one instance
// must be confirmable through another on the same Redis (Slack requests are load-balanced), or
// after a restart, and never twice. They are written through keyv with a ttl, so Redis expires
// them itself. keyv has no "take": on Redis a take is one GETDEL of the value's key, so of two
// confirms, even on two instances, exactly one gets the value; the key is the adapter's own
// (createKeyPrefix) and the text keyv's (deserializeData), both public API of those packages.
// SQLite serves one process (README), so there a lock per namespace, shared by every DraftStore
// over it in the process, orders the get and the delete.
import type Keyv from 'keyv';
import type KeyvRedis from '@keyv/redis';
import { KeyedMutex } from '../core/keyed-mutex.ts';
import type { Store } from './open-store.ts';
import { storeError } from './store-errors.ts';
import type { NamespaceName } from './namespaces.ts';

const sqliteLocks = new WeakMap<object, KeyedMutex>();

export class DraftStore<T> {
  private readonly kv: Keyv<T>;

  constructor(
    private readonly store: Store,
    private readonly name: NamespaceName,
  ) {
    this.kv = store.namespace<T>(name);
  }

  /** Keeps `value` under `key` (replacing any), for ttlMs at most. */
  async put(key: string, value: T, ttlMs: number): Promise<void> {
    await this.kv.set(key, value, ttlMs);
  }

  /** The value, removed as it is read: one caller gets it, whichever instance it runs on. */
  take(key: string): Promise<T | undefined> {
    return this.store.redis ? this.takeRedis(key) : this.takeLocked(key);
  }

  private async takeRedis(key: string): Promise<T | undefined> {
    const adapter = this.kv.store as KeyvRedis<T>;
    let text: string | null;
    try {
      text = await this.store.redis!.getDel(adapter.createKeyPrefix(key, adapter.namespace));
    } catch (e) {
      throw storeError(e, `store ${this.name}`);
    }
    if (text === null) return undefined;
    const data = await this.kv.deserializeData<T>(text);
    // Redis expires the key itself; this only guards a value read in its last millisecond.
    if (!data || (typeof data.expires === 'number' && data.expires < Date.now())) return undefined;
    return data.value;
  }

  private takeLocked(key: string): Promise<T | undefined> {
    let lock = sqliteLocks.get(this.kv);
    if (!lock) sqliteLocks.set(this.kv, (lock = new KeyedMutex()));
    return lock.run(key, async () => {
      const value = await this.kv.get(key);
      if (value !== undefined) await this.kv.delete(key);
      return value;
    });
  }
}
