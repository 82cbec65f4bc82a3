// A keyv namespace that can be listed without a keyspace scan. keyv lists a namespace with its
// iterator, which on Redis is a SCAN over every key of the database (tens of thousands of keys,
// thousands of SCAN calls per listing): too dear for lists read per alert batch or per refresh.
// Here the namespace's keys are kept in an index beside it, with a version token that every write
// changes. A process keeps the whole namespace in memory and re-reads it only when the token
// moved: one GET per listing while nothing changed, and a write by another process is seen at the
// next listing. Writers write the value first and the index and token after; readers read the
// token first, so a listing never keeps data older than the token it is filed under.
import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { Mutex } from '../core/keyed-mutex.ts';
import type { Store } from './open-store.ts';
import { storeError } from './store-errors.ts';
import type { NamespaceName } from './namespaces.ts';

/** A shared set of keys and a token that changes at each write (any random value: only "same or not" is asked). */
interface KeyIndex {
  version(): Promise<string | undefined>;
  members(): Promise<string[]>;
  add(keys: readonly string[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

const token = () => randomBytes(8).toString('hex');

/**
 * On Redis: a SET and a string under `<prefix>:<index>:`, written with native commands in one
 * MULTI, so that writers in several processes never lose each other's keys.
 */
function redisIndex(store: Store, name: NamespaceName): KeyIndex {
  const redis = store.redis!;
  const base = `${store.redisPrefix ?? 'raqib'}:${name}`;
  const [setKey, versionKey] = [`${base}:keys`, `${base}:version`];
  // Failures leave as StoreErrors, as keyv's do (store-errors.ts).
  const guarded = async <R>(fn: () => Promise<R>): Promise<R> => {
    try {
      return await fn();
    } catch (e) {
      throw storeError(e, `store ${name}`);
    }
  };
  const change = (op: 'sAdd' | 'sRem', keys: readonly string[]) =>
    guarded(async () => {
      const m = redis.multi();
      if (keys.length > 0) m[op](setKey, [...keys]);
      await m.set(versionKey, token()).exec();
    });
  return {
    version: () => guarded(async () => (await redis.get(versionKey)) ?? undefined),
    members: () => guarded(() => redis.sMembers(setKey)),
    add: (keys) => change('sAdd', keys),
    remove: (keys) => change('sRem', keys),
  };
}

/**
 * On SQLite: two keyv values, changed under an in-process lock. One raqib process owns a SQLite
 * file; a CLI command writing at the very same moment could lose the other's key (not its value).
 */
function keyvIndex(store: Store, name: NamespaceName): KeyIndex {
  const kv = store.namespace<string | string[]>(name);
  const lock = new Mutex();
  const change = (fn: (keys: Set<string>) => void) =>
    lock.run(async () => {
      const keys = new Set(((await kv.get('keys')) as string[] | undefined) ?? []);
      fn(keys);
      await kv.set('keys', [...keys]);
      await kv.set('version', token());
    });
  return {
    version: async () => (await kv.get('version')) as string | undefined,
    members: async () => ((await kv.get('keys')) as string[] | undefined) ?? [],
    add: (keys) => change((set) => keys.forEach((k) => set.add(k))),
    remove: (keys) => change((set) => keys.forEach((k) => set.delete(k))),
  };
}

/** Values read per MGET when a listing is re-read. */
const CHUNK = 1_000;

export class IndexedNamespace<T> {
  private readonly kv: Keyv<T>;
  private readonly index: KeyIndex;
  private cache: { version: string; entries: Promise<ReadonlyMap<string, T>> } | undefined;

  /** `name`: the values' namespace; `indexName`: the index's own (namespaces.ts, `redisKeys` on Redis). */
  constructor(store: Store, name: NamespaceName, indexName: NamespaceName) {
    this.kv = store.namespace<T>(name);
    this.index = store.redis ? redisIndex(store, indexName) : keyvIndex(store, indexName);
  }

  get(key: string): Promise<T | undefined> {
    return this.kv.get(key);
  }

  async set(key: string, value: T): Promise<void> {
    await this.setMany([[key, value]]);
  }

  /** Writes the values one by one, then files their keys with one change of the token. */
  async setMany(entries: readonly (readonly [string, T])[]): Promise<void> {
    await this.currentVersion();
    for (const [k, v] of entries) await this.kv.set(k, v);
    await this.index.add(entries.map(([k]) => k));
  }

  async delete(key: string): Promise<boolean> {
    await this.currentVersion();
    const removed = await this.kv.delete(key);
    await this.index.remove([key]);
    return removed;
  }

  /**
   * Every key and value, the same Map while nothing changed (callers must not change it). A key
   * whose value is gone (a removal racing the one-time build) is left out.
   */
  async entries(): Promise<ReadonlyMap<string, T>> {
    const version = await this.currentVersion();
    if (this.cache?.version !== version) {
      const entries = this.load();
      this.cache = { version, entries };
      entries.catch(() => {
        if (this.cache?.entries === entries) this.cache = undefined;
      });
    }
    return this.cache.entries;
  }

  private async load(): Promise<ReadonlyMap<string, T>> {
    const keys = await this.index.members();
    const out = new Map<string, T>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      const values = await this.kv.getMany<T>(chunk);
      chunk.forEach((k, j) => {
        const v = values[j];
        if (v !== undefined && v !== null) out.set(k, v as T);
      });
    }
    return out;
  }

  /** A token that changes at every write: one read, for callers that rebuild something of their own only after a change. */
  version(): Promise<string> {
    return this.currentVersion();
  }

  /**
   * The token, after building the index when there is none: data written before the index
   * existed, or a store just reset. The build is the one scan; building twice (two processes at
   * once) files the same keys twice, which a set ignores.
   */
  private async currentVersion(): Promise<string> {
    const v = await this.index.version();
    if (v !== undefined) return v;
    const keys: string[] = [];
    for await (const [k] of this.kv.iterator!(undefined)) keys.push(String(k));
    await this.index.add(keys);
    return (await this.index.version())!;
  }
}
