// The outbox over Redis: safe for several processes. Every chat write is one Lua script, so a
// claim, an enqueue (with its idempotency keys) and the chat's place in the due index change
// together or not at all.
import type { RedisClientType } from '@keyv/redis';
import { RedisScript } from './redis-script.ts';
import { MAX_DEAD_LETTERS, type OutboxBackend, type Versioned, type WriteOptions, type WriteResult } from './backend.ts';
import type { ChatDoc, DeadLetter, OutboxCounts } from './types.ts';

// KEYS: 1 chat hash, 2 due zset, 3 counts hash, 4.. reservation keys
// ARGV: 1 expected version, 2 doc JSON, 3 due (ms, '' = none), 4 chat key, 5 reservation TTL ms, 6 counts "q,h,o"
const WRITE = new RedisScript(`
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if v ~= tonumber(ARGV[1]) then return {0} end
local dups = {2}
for i = 4, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then dups[#dups + 1] = i - 3 end
end
if #dups > 1 then return dups end
for i = 4, #KEYS do redis.call('SET', KEYS[i], '1', 'PX', ARGV[5]) end
redis.call('HSET', KEYS[1], 'v', v + 1, 'd', ARGV[2])
if ARGV[3] == '' then redis.call('ZREM', KEYS[2], ARGV[4]) else redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
if ARGV[6] == '0,0,0' then redis.call('HDEL', KEYS[3], ARGV[4]) else redis.call('HSET', KEYS[3], ARGV[4], ARGV[6]) end
return {1, v + 1}
`);

// Generic cell rate: each caller reserves the next slot and is told how long to wait for it.
// Redis's own clock is used so that instances with skewed clocks still share one rate.
const RESERVE_RATE = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
redis.call('SET', KEYS[1], tostring(tat + tonumber(ARGV[1])), 'PX', 60000)
return math.ceil(tat - now)
`);

export interface RedisBackendOptions {
  /** How long an idempotency key is remembered (default 7 days). */
  reserveTtlMs?: number;
}

export class RedisOutboxBackend implements OutboxBackend {
  readonly kind = 'redis' as const;
  private readonly p: string;
  private readonly reserveTtlMs: number;

  constructor(
    private readonly client: RedisClientType,
    prefix: string,
    opts: RedisBackendOptions = {},
  ) {
    this.p = `${prefix}:outbox`;
    this.reserveTtlMs = opts.reserveTtlMs ?? 7 * 86_400_000;
  }

  private chat(k: string) {
    return `${this.p}:chat:${k}`;
  }
  private key(k: string) {
    return `${this.p}:key:${k}`;
  }

  async read(chatKey: string): Promise<Versioned<ChatDoc> | undefined> {
    const [v, d] = await this.client.hmGet(this.chat(chatKey), ['v', 'd']);
    if (!v || !d) return undefined;
    return { version: Number(v), doc: JSON.parse(String(d)) as ChatDoc };
  }

  async write(chatKey: string, expected: number, doc: ChatDoc, opts: WriteOptions): Promise<WriteResult> {
    const reserve = opts.reserve ?? [];
    const c = opts.counts;
    const r = (await WRITE.run(
      this.client,
      [this.chat(chatKey), `${this.p}:due`, `${this.p}:counts`, ...reserve.map((k) => this.key(k))],
      [expected, JSON.stringify(doc), opts.dueAt === null ? '' : Math.round(opts.dueAt), chatKey, this.reserveTtlMs, `${c.queued},${c.held},${c.overflow}`],
    )) as number[];
    if (r[0] === 1) return { ok: true, version: Number(r[1]) };
    if (r[0] === 2) return { ok: false, reason: 'duplicate', keys: r.slice(1).map((i) => reserve[Number(i) - 1]!) };
    return { ok: false, reason: 'conflict' };
  }

  async reserved(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const got = await this.client.mGet(keys.map((k) => this.key(k)));
    return keys.filter((_, i) => got[i] !== null && got[i] !== undefined);
  }

  async due(now: number, limit: number): Promise<string[]> {
    const r = await this.client.zRangeByScore(`${this.p}:due`, '-inf', Math.round(now), { LIMIT: { offset: 0, count: limit } });
    return r.map(String);
  }

  async nextDue(): Promise<number | undefined> {
    const r = await this.client.zRangeWithScores(`${this.p}:due`, 0, 0);
    return r[0] ? Number(r[0].score) : undefined;
  }

  async totals(): Promise<OutboxCounts & { chats: number }> {
    const all = await this.client.hVals(`${this.p}:counts`);
    const t = { queued: 0, held: 0, overflow: 0, chats: 0 };
    for (const v of all) {
      const [q, h, o] = String(v).split(',').map(Number);
      t.queued += q ?? 0;
      t.held += h ?? 0;
      t.overflow += o ?? 0;
      t.chats++;
    }
    return t;
  }

  async putDead(d: DeadLetter): Promise<void> {
    await this.client.hSet(`${this.p}:dead`, d.id, JSON.stringify(d));
  }

  async listDead(limit: number): Promise<DeadLetter[]> {
    const all = (await this.client.hVals(`${this.p}:dead`)).map((v) => JSON.parse(String(v)) as DeadLetter);
    return all.sort((a, b) => b.deadAt - a.deadAt).slice(0, limit);
  }

  async deadCount(): Promise<number> {
    return Number(await this.client.hLen(`${this.p}:dead`));
  }

  async heartbeat(owner: string, ttlMs: number): Promise<void> {
    await this.client.set(`${this.p}:alive:${owner}`, '1', { PX: Math.max(1, Math.round(ttlMs)) });
  }

  async isAlive(owner: string): Promise<boolean> {
    return Number(await this.client.exists(`${this.p}:alive:${owner}`)) > 0;
  }

  async retire(owner: string): Promise<void> {
    await this.client.del(`${this.p}:alive:${owner}`);
  }

  async reserveRate(name: string, intervalMs: number): Promise<number> {
    return Number(await RESERVE_RATE.run(this.client, [`${this.p}:rate:${name}`], [intervalMs]));
  }

  async housekeep(): Promise<void> {
    // Reservations expire on their own (PX). Keep only the newest dead letters.
    const n = await this.deadCount();
    if (n <= MAX_DEAD_LETTERS) return;
    const all = (await this.client.hVals(`${this.p}:dead`)).map((v) => JSON.parse(String(v)) as DeadLetter);
    const old = all.sort((a, b) => b.deadAt - a.deadAt).slice(MAX_DEAD_LETTERS);
    if (old.length > 0)
      await this.client.hDel(
        `${this.p}:dead`,
        old.map((d) => d.id),
      );
  }
}
