// node-cron's distributed mode asks a coordinator, once per task and slot, whether this process
// should run it. Redis `SET key owner NX PX ttl` elects exactly one process per slot: the slot is
// part of the key (node-cron builds it as "<task name>:<slot ISO time>"), so the key is never
// released on completion — a process whose clock lags must find it still taken.
import type { RunCoordinator } from 'node-cron';
import type { RedisClientType } from '@keyv/redis';

export class RedisRunCoordinator implements RunCoordinator {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly owner: string,
    /** Floor for how long a slot key lives (covers clock skew between instances). */
    private readonly minTtlMs = 120_000,
  ) {}

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const r = await this.client.set(`${this.prefix}:cron:${key}`, this.owner, { NX: true, PX: Math.max(this.minTtlMs, ttlMs) });
    return r === 'OK';
  }
}
