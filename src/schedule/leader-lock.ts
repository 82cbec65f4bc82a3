// One leader among processes, e.g. the only Telegram long-poller (two pollers on one token get
// 409 from getUpdates). Redis: `SET key token NX PX ttl`, renewed with a compare-and-PEXPIRE and
// released with a compare-and-DEL, so a process can only extend or drop its own lock. SQLite
// runs one process: the lock is kept in memory, which still serialises leaders in one process.
import { Mutex } from '../core/keyed-mutex.ts';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/open-store.ts';
import { RedisScript } from '../delivery/redis-script.ts';
import { silentLogger, type Logger } from '../log.ts';

const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);
const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

const localHolders = new Map<string, string>();

export interface LeaderLockOptions {
  store: Store;
  /** What the lock guards, e.g. "telegram-poller". */
  name: string;
  /** Lock lifetime; renewed every ttlMs/3 (default 15 s). */
  ttlMs?: number;
  onElected: () => void | Promise<void>;
  /** Called when the lock is lost (renewal failed) or released by stop(). */
  onDeposed: () => void | Promise<void>;
  log?: Logger;
}

export class LeaderLock {
  readonly token = randomBytes(12).toString('hex');
  private leader = false;
  private timer: NodeJS.Timeout | undefined;
  /** Ticks never overlap: one check of the lock at a time. */
  private readonly busy = new Mutex();
  private readonly ttlMs: number;
  private readonly key: string;
  private readonly log: Logger;

  constructor(private readonly o: LeaderLockOptions) {
    this.ttlMs = o.ttlMs ?? 15_000;
    this.key = o.store.kind === 'redis' ? `${o.store.redisPrefix}:leader:${o.name}` : `${o.store.displayUrl}|${o.name}`;
    this.log = o.log ?? silentLogger;
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Tries at once, then keeps trying (or renewing) every ttl/3. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(
      () => {
        void this.busy.run(() => this.tick());
      },
      Math.max(20, Math.floor(this.ttlMs / 3)),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.busy.run(() => undefined);
    if (!this.leader) return;
    try {
      if (this.o.store.redis) await RELEASE.run(this.o.store.redis, [this.key], [this.token]);
      else if (localHolders.get(this.key) === this.token) localHolders.delete(this.key);
    } catch (e) {
      this.log.warn({ lock: this.o.name, err: (e as Error).message }, 'could not release the leader lock; it expires on its own');
    }
    await this.depose();
  }

  private async tick(): Promise<void> {
    let held: boolean;
    try {
      held = this.leader ? await this.renew() : await this.acquire();
    } catch (e) {
      // Store unreachable: a leader cannot prove it still holds the lock, so it steps down.
      this.log.warn({ lock: this.o.name, err: (e as Error).message }, 'leader lock check failed');
      held = false;
    }
    if (held && !this.leader) {
      this.leader = true;
      this.log.info({ lock: this.o.name }, 'elected leader');
      try {
        await this.o.onElected();
      } catch (e) {
        this.log.error({ lock: this.o.name, err: (e as Error).message }, 'leader start failed');
      }
    } else if (!held && this.leader) await this.depose();
  }

  private async depose(): Promise<void> {
    if (!this.leader) return;
    this.leader = false;
    this.log.info({ lock: this.o.name }, 'no longer leader');
    try {
      await this.o.onDeposed();
    } catch (e) {
      this.log.error({ lock: this.o.name, err: (e as Error).message }, 'leader stop failed');
    }
  }

  private async acquire(): Promise<boolean> {
    const r = this.o.store.redis;
    if (r) return (await r.set(this.key, this.token, { NX: true, PX: this.ttlMs })) === 'OK';
    if (localHolders.has(this.key)) return false;
    localHolders.set(this.key, this.token);
    return true;
  }

  private async renew(): Promise<boolean> {
    const r = this.o.store.redis;
    if (r) return Number(await RENEW.run(r, [this.key], [this.token, this.ttlMs])) === 1;
    return localHolders.get(this.key) === this.token;
  }
}
