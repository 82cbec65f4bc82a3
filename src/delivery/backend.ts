// Where the outbox keeps its state. Two implementations with the same semantics:
// - Redis (several processes): every write is one Lua script, a compare-and-set on the chat's
//   version that also reserves idempotency keys and moves the chat in the due index, atomically.
// - keyv (SQLite, one process): the same operations serialised by an in-process lock; the due
//   index lives in memory and is rebuilt from the chat documents when the outbox opens.
import type { ChatRef } from '../core/outbound.ts';
import type { ChatDoc, DeadLetter, OutboxCounts } from './types.ts';

export interface Versioned<T> {
  /** 0 means "not stored yet". */
  version: number;
  doc: T;
}

export type WriteResult =
  | { ok: true; version: number }
  /** Someone else wrote the chat since it was read: read again and redo the change. */
  | { ok: false; reason: 'conflict' }
  /** Some idempotency keys were reserved before: nothing was written. */
  | { ok: false; reason: 'duplicate'; keys: string[] };

export interface WriteOptions {
  /** When the chat next needs attention (ms); null when it has nothing to do. */
  dueAt: number | null;
  /** Idempotency keys to reserve; the write fails as 'duplicate' if any is already reserved. */
  reserve?: string[];
  counts: OutboxCounts;
}

export interface OutboxBackend {
  readonly kind: 'redis' | 'local';
  read(chatKey: string): Promise<Versioned<ChatDoc> | undefined>;
  write(chatKey: string, expected: number, doc: ChatDoc, opts: WriteOptions): Promise<WriteResult>;
  /** Which of these keys are reserved already. */
  reserved(keys: readonly string[]): Promise<string[]>;
  /** Chats due at `now`, earliest first. */
  due(now: number, limit: number): Promise<string[]>;
  /** The earliest due time of any chat, if any. */
  nextDue(): Promise<number | undefined>;
  totals(): Promise<OutboxCounts & { chats: number }>;
  putDead(d: DeadLetter): Promise<void>;
  listDead(limit: number): Promise<DeadLetter[]>;
  deadCount(): Promise<number>;
  /** Keeps `owner` alive for ttlMs; claims of owners that are not alive may be taken over. */
  heartbeat(owner: string, ttlMs: number): Promise<void>;
  isAlive(owner: string): Promise<boolean>;
  retire(owner: string): Promise<void>;
  /** Reserves the next slot of a rate shared by every process; returns how long to wait (ms). */
  reserveRate(name: string, intervalMs: number): Promise<number>;
  /** Drops expired reservations and old dead letters (SQLite keeps expired rows until read). */
  housekeep(now: number): Promise<void>;
}

/** One document per (platform, chat): threads share the chat's rate limits and its order. */
export function chatKeyOf(to: Pick<ChatRef, 'platform' | 'chat'>): string {
  return `${to.platform}:${encodeURIComponent(to.chat)}`;
}

export const MAX_DEAD_LETTERS = 1000;
