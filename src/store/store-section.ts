// A section that runs one at a time over one store, across processes. Ingest's "seen? → story →
// store → hand off → mark seen" must not interleave between two `raqib start` processes on one
// Redis: each would find an item unseen and place it in a story of its own making, so one item
// alerted twice, or once as an alert and again as a follow-up to the other process's story.
// In-process a Mutex orders the callers; with Redis a lease (`SET key token NX PX ttl`), renewed
// while the section runs and released with a compare-and-DEL, orders the processes. A process
// killed inside the section holds it until the lease runs out (ttlMs), not for ever.
import { randomBytes } from 'node:crypto';
import { Mutex } from '../core/keyed-mutex.ts';
import type { Store } from './open-store.ts';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface SectionOptions {
  /** Lease lifetime; renewed every ttlMs/3 while the section runs (default 5 s: what a restart after a kill inside waits at most). */
  ttlMs?: number;
  /** How often a waiting process asks again (default 25 ms). */
  retryMs?: number;
}

export class StoreSection {
  private readonly local = new Mutex();
  private readonly key: string;
  private readonly ttlMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly store: Store,
    name: string,
    o: SectionOptions = {},
  ) {
    this.key = `${store.redisPrefix ?? 'raqib'}:section:${name}`;
    this.ttlMs = o.ttlMs ?? 5_000;
    this.retryMs = o.retryMs ?? 25;
  }

  /** Runs fn once no other caller, in this process or another on the same Redis, is inside. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.local.run(() => (this.store.redis ? this.leased(fn) : fn()));
  }

  private async leased<T>(fn: () => Promise<T>): Promise<T> {
    const redis = this.store.redis!;
    const token = randomBytes(12).toString('hex');
    while ((await redis.set(this.key, token, { NX: true, PX: this.ttlMs })) !== 'OK') {
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
    const renew = setInterval(
      () => {
        // A renewal that fails (store down) lets the lease run out; the section's own store calls
        // fail then too, and its poll is reported as a store error and read again.
        redis.eval(RENEW, { keys: [this.key], arguments: [token, String(this.ttlMs)] }).catch(() => undefined);
      },
      Math.max(20, Math.floor(this.ttlMs / 3)),
    );
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      // Best effort: a failed release only makes the next holder wait for the lease to run out.
      await redis.eval(RELEASE, { keys: [this.key], arguments: [token] }).catch(() => undefined);
    }
  }
}
