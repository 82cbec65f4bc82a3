// The outbox over keyv in ONE process (SQLite). Writes are serialised by an in-process lock and
// the chat documents, reservations and dead letters are mirrored in memory (loaded at open), so
// every check is synchronous and every change is on disk before write() returns.
// Order of durable writes: the chat document first, its reservations after (keyv's SQLite adapter
// commits each key on its own). The document's record also lists the keys its write reserves, and
// open() writes any of them a kill left unwritten. The document alone did not stop a double: the
// next process sent the alerts it found held, their keys left the document with them, and the
// same items offered again (never marked seen) were queued anew (tests/delivery/reservation-crash).
import { Mutex } from '../core/keyed-mutex.ts';
import type Keyv from 'keyv';
import type { Store } from '../store/open-store.ts';
import { MAX_DEAD_LETTERS, type OutboxBackend, type Versioned, type WriteOptions, type WriteResult } from './backend.ts';
import type { ChatDoc, DeadLetter, OutboxCounts } from './types.ts';
import { silentLogger, type Logger } from '../log.ts';

/**
 * WAL with synchronous=NORMAL: a commit no longer waits for fsync (measured 0.13 ms a write
 * against 1–16 ms, depending on the disk's load, with the default rollback journal). It stays
 * durable when the process is killed, which is what the outbox must survive; only a power cut
 * can lose the last commits. journal_mode is a property of the database file, so this applies to
 * every namespace of the store.
 */
async function tuneSqlite(kv: Keyv<unknown>): Promise<void> {
  const query = (kv as unknown as { opts?: { store?: { query?: (sql: string) => Promise<unknown> } } }).opts?.store?.query;
  if (typeof query !== 'function') return;
  try {
    await query('PRAGMA journal_mode=WAL');
    await query('PRAGMA synchronous=NORMAL');
  } catch {
    // An in-memory or read-only database keeps its defaults.
  }
}

interface ChatRecord {
  v: number;
  d: ChatDoc;
  due: number | null;
  n: OutboxCounts;
  /** The keys this write reserved and until when: open() finishes them after a kill. */
  r?: { k: string[]; until: number };
}

export interface LocalBackendOptions {
  reserveTtlMs?: number;
  log?: Logger;
}

export class LocalOutboxBackend implements OutboxBackend {
  readonly kind = 'local' as const;
  private readonly chats = new Map<string, ChatRecord>();
  private readonly keys = new Map<string, number>();
  private readonly dead = new Map<string, DeadLetter>();
  private readonly alive = new Map<string, number>();
  private readonly rates = new Map<string, number>();
  private readonly lock = new Mutex();
  private readonly reserveTtlMs: number;
  private readonly log: Logger;

  // One namespace (one SQLite connection) for everything: keyv opens a connection per namespace,
  // and writes alternating between connections of one file wait on each other's locks (~25 ms a
  // write measured, against ~1 ms on one connection). Keys: c:<chat>, k:<idempotency key>, d:<id>.
  private constructor(
    private readonly kv: Keyv<ChatRecord | number | DeadLetter>,
    opts: LocalBackendOptions,
  ) {
    this.reserveTtlMs = opts.reserveTtlMs ?? 7 * 86_400_000;
    this.log = opts.log ?? silentLogger;
  }

  static async open(store: Store, opts: LocalBackendOptions = {}): Promise<LocalOutboxBackend> {
    const b = new LocalOutboxBackend(store.namespace<ChatRecord | number | DeadLetter>('outbox'), opts);
    await tuneSqlite(b.kv);
    const now = Date.now();
    for await (const [key, v] of b.kv.iterator!(undefined)) {
      const k = String(key);
      if (!v) continue;
      if (k.startsWith('c:')) b.chats.set(k.slice(2), v as ChatRecord);
      else if (k.startsWith('k:') && typeof v === 'number' && v > now) b.keys.set(k.slice(2), v);
      else if (k.startsWith('d:')) b.dead.set(k.slice(2), v as DeadLetter);
    }
    await b.finishReservations(now);
    return b;
  }

  /** Writes the reservations that a kill between a document's write and its keys' left undone. */
  private async finishReservations(now: number): Promise<void> {
    const undone: { key: string; until: number }[] = [];
    for (const rec of this.chats.values()) {
      if (!rec.r || rec.r.until <= now) continue;
      for (const key of rec.r.k) if (!this.keys.has(key)) undone.push({ key, until: rec.r.until });
    }
    if (undone.length === 0) return;
    await this.kv.setMany(undone.map(({ key, until }) => ({ key: `k:${key}`, value: until, ttl: until - now })));
    for (const { key, until } of undone) this.keys.set(key, until);
    this.log.warn({ keys: undone.length }, 'outbox: finished idempotency keys that a crash left unwritten');
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  async read(chatKey: string): Promise<Versioned<ChatDoc> | undefined> {
    const r = this.chats.get(chatKey);
    // A copy: callers change what they read before writing it back.
    return r ? { version: r.v, doc: structuredClone(r.d) } : undefined;
  }

  write(chatKey: string, expected: number, doc: ChatDoc, opts: WriteOptions): Promise<WriteResult> {
    return this.locked(async () => {
      const now = Date.now();
      const cur = this.chats.get(chatKey);
      if ((cur?.v ?? 0) !== expected) return { ok: false, reason: 'conflict' } as const;
      const reserve = opts.reserve ?? [];
      const dups = reserve.filter((k) => (this.keys.get(k) ?? 0) > now);
      if (dups.length > 0) return { ok: false, reason: 'duplicate', keys: dups } as const;
      const until = now + this.reserveTtlMs;
      const rec: ChatRecord = {
        v: expected + 1,
        d: structuredClone(doc),
        due: opts.dueAt,
        n: opts.counts,
        ...(reserve.length > 0 ? { r: { k: reserve, until } } : {}),
      };
      await this.kv.set(`c:${chatKey}`, rec);
      this.chats.set(chatKey, rec);
      if (reserve.length > 0) {
        // In memory first: should the disk write fail, this process still refuses the keys.
        for (const k of reserve) this.keys.set(k, until);
        await this.kv.setMany(reserve.map((key) => ({ key: `k:${key}`, value: until, ttl: this.reserveTtlMs })));
      }
      return { ok: true, version: rec.v } as const;
    });
  }

  async reserved(keys: readonly string[]): Promise<string[]> {
    const now = Date.now();
    return keys.filter((k) => (this.keys.get(k) ?? 0) > now);
  }

  async due(now: number, limit: number): Promise<string[]> {
    const out: [string, number][] = [];
    for (const [k, r] of this.chats) if (r.due !== null && r.due <= now) out.push([k, r.due]);
    return out
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map((x) => x[0]);
  }

  async nextDue(): Promise<number | undefined> {
    let min: number | undefined;
    for (const r of this.chats.values()) if (r.due !== null && (min === undefined || r.due < min)) min = r.due;
    return min;
  }

  async totals(): Promise<OutboxCounts & { chats: number }> {
    const t = { queued: 0, held: 0, overflow: 0, chats: 0 };
    for (const r of this.chats.values()) {
      if (r.n.queued + r.n.held + r.n.overflow === 0) continue;
      t.queued += r.n.queued;
      t.held += r.n.held;
      t.overflow += r.n.overflow;
      t.chats++;
    }
    return t;
  }

  putDead(d: DeadLetter): Promise<void> {
    return this.locked(async () => {
      await this.kv.set(`d:${d.id}`, d);
      this.dead.set(d.id, d);
    });
  }

  async listDead(limit: number): Promise<DeadLetter[]> {
    return [...this.dead.values()].sort((a, b) => b.deadAt - a.deadAt).slice(0, limit);
  }

  async deadCount(): Promise<number> {
    return this.dead.size;
  }

  // One process: owners of earlier runs are dead by definition; only heartbeats of this run count.
  async heartbeat(owner: string, ttlMs: number): Promise<void> {
    this.alive.set(owner, Date.now() + ttlMs);
  }

  async isAlive(owner: string): Promise<boolean> {
    return (this.alive.get(owner) ?? 0) > Date.now();
  }

  async retire(owner: string): Promise<void> {
    this.alive.delete(owner);
  }

  async reserveRate(name: string, intervalMs: number): Promise<number> {
    const now = performance.timeOrigin + performance.now();
    const tat = Math.max(this.rates.get(name) ?? 0, now);
    this.rates.set(name, tat + intervalMs);
    return Math.ceil(tat - now);
  }

  housekeep(now: number): Promise<void> {
    return this.locked(async () => {
      const expired = [...this.keys].filter(([, until]) => until <= now).map(([k]) => k);
      if (expired.length > 0) {
        await this.kv.deleteMany(expired.map((k) => `k:${k}`));
        for (const k of expired) this.keys.delete(k);
      }
      const old = [...this.dead.values()]
        .sort((a, b) => b.deadAt - a.deadAt)
        .slice(MAX_DEAD_LETTERS)
        .map((d) => d.id);
      if (old.length > 0) {
        await this.kv.deleteMany(old.map((id) => `d:${id}`));
        for (const id of old) this.dead.delete(id);
      }
    });
  }
}
