// keyv wiring. One adapter instance per namespace (namespaces sharing one SQLite adapter see
// each other's keys, and clear() wipes both). SQLite gets a table per namespace;
// Redis shares one client and prefixes keys per namespace.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import { ConfigError, StoreError } from '../core/errors.ts';
import { withStoreErrors } from './store-errors.ts';
import { isNamespace, type NamespaceName } from './namespaces.ts';

export interface Store {
  readonly kind: 'sqlite' | 'redis';
  /** The store URL with any password removed, safe to log and show. */
  readonly displayUrl: string;
  /** A keyv instance of its own for one namespace (listed in namespaces.ts); the same instance on repeated calls. */
  namespace<T = unknown>(name: NamespaceName): Keyv<T>;
  /** The raw Redis client, for the atomic operations keyv lacks (locks, claims). */
  readonly redis?: RedisClientType;
  /** Prefix of every Redis key this store writes (locks and claims use it too). */
  readonly redisPrefix?: string;
  /** Round trip to the backing store; throws when it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Removes the password (and user) from a store URL so that it can be shown. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Only the namespaces of namespaces.ts: each has a `raqib reset` part, so none is forgotten. */
function checkNamespace(name: string): void {
  if (!isNamespace(name)) throw new ConfigError(`unknown store namespace "${name}": list it in src/store/namespaces.ts`);
}

export interface OpenOptions {
  /** Folder that relative SQLite paths resolve against. */
  cwd?: string;
  /** Redis key prefix (default "raqib"); tests use their own so that they never collide. */
  redisPrefix?: string;
}

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const displayUrl = redactUrl(url);
  if (url.startsWith('sqlite://')) return openSqlite(url.slice('sqlite://'.length), opts.cwd ?? process.cwd(), displayUrl);
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return openRedis(url, displayUrl, opts.redisPrefix ?? 'raqib');
  throw new ConfigError(`cannot open store ${displayUrl}: use sqlite://PATH or redis://HOST:PORT`);
}

/**
 * Creates a folder and its missing parents one level at a time. Node's recursive mkdir never
 * returns on some special file systems (a path under /proc), so a bad RAQIB_STORE would hang start.
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && missing.length < 64; d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

async function openSqlite(pathPart: string, cwd: string, displayUrl: string): Promise<Store> {
  const file = pathPart === ':memory:' ? ':memory:' : resolve(cwd, pathPart);
  try {
    if (file !== ':memory:') ensureDir(dirname(file));
  } catch (e) {
    throw new StoreError(`cannot open store ${displayUrl}: cannot create its folder (${(e as NodeJS.ErrnoException).code})`, {
      cause: e,
      code: 'STORE_UNAVAILABLE',
    });
  }
  const spaces = new Map<string, Keyv<unknown>>();
  const adapters: KeyvSqlite[] = [];
  const pragmas: Promise<unknown>[] = [];
  const make = (name: string) => {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: `raqib_${name}`, busyTimeout: 10_000 });
    adapters.push(adapter);
    // WAL: a keyv write costs ~0.1 ms instead of 10-20 ms with the default rollback journal, and
    // readers never wait for the writer. NORMAL is durable across process crashes in WAL mode.
    pragmas.push(adapter.query('PRAGMA journal_mode=WAL'), adapter.query('PRAGMA synchronous=NORMAL'));
    // A table per namespace, so no key prefix: with one, keyv's iterator would cut keys at their first ":".
    const kv = new Keyv<unknown>({ store: adapter, namespace: undefined, throwOnErrors: true, useKeyPrefix: false });
    kv.on('error', () => {}); // errors are thrown to the caller (throwOnErrors); keep the emitter quiet
    return withStoreErrors(kv, `store ${name}`);
  };
  // Open one namespace now so that a bad path fails at start with a clear message.
  const probe = make('meta');
  spaces.set('meta', probe);
  try {
    await Promise.all(pragmas);
    await probe.set('opened', new Date().toISOString());
  } catch (e) {
    throw new StoreError(`cannot open store ${displayUrl}: ${(e as Error).message}`, { cause: e, code: 'STORE_UNAVAILABLE' });
  }
  return {
    kind: 'sqlite',
    displayUrl,
    namespace<T>(name: NamespaceName) {
      checkNamespace(name);
      let kv = spaces.get(name);
      if (!kv) spaces.set(name, (kv = make(name)));
      return kv as Keyv<T>;
    },
    async ping() {
      await probe.get('opened');
    },
    async close() {
      await Promise.allSettled(adapters.map((a) => a.disconnect()));
    },
  };
}

/** Connects one client for all namespaces; a store that cannot be reached fails here, at start. */
async function connectRedis(url: string, displayUrl: string): Promise<RedisClientType> {
  let connected = false;
  // Before the first connection a refusal is final (a clear error at start); afterwards the client
  // reconnects with a capped backoff while commands fail loudly (throwOnErrors).
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (n: number, cause: Error) => (connected ? Math.min(n * 200, 3_000) : cause),
    },
  }) as RedisClientType;
  client.on('error', () => {}); // surfaced through failing commands (throwOnErrors), not as a crash
  // Every namespace's adapter listens on this one shared client (error, connect, …): a dozen
  // namespaces is the design, not a leak.
  client.setMaxListeners(100);
  try {
    await Promise.race([client.connect(), new Promise((_, reject) => setTimeout(() => reject(new Error('connection timed out after 5 s')), 5_000).unref())]);
    await client.ping();
    connected = true;
  } catch (e) {
    try {
      client.destroy();
    } catch {
      // already closed by the refused connection
    }
    throw new StoreError(`cannot open store ${displayUrl}: ${(e as Error).message}`, { cause: e, code: 'STORE_UNAVAILABLE' });
  }
  return client;
}

/** One namespace's keyv on the shared client, its keys under `prefix:name`. */
function redisNamespace(client: RedisClientType, prefix: string, name: string): Keyv<unknown> {
  // Without throwOnErrors a down Redis makes get() return undefined silently,
  // and every article would look unseen and be alerted again.
  const ns = `${prefix}:${name}`;
  const adapter = new KeyvRedis(client, { namespace: ns, throwOnErrors: true, throwOnConnectError: true });
  // Keyv copies its own namespace onto the adapter: give both the same one.
  const kv = new Keyv<unknown>({ store: adapter, namespace: ns, throwOnErrors: true, useKeyPrefix: false });
  kv.on('error', () => {}); // errors are thrown to the caller (throwOnErrors); keep the emitter quiet
  return withStoreErrors(kv, `store ${name}`);
}

async function openRedis(url: string, displayUrl: string, prefix: string): Promise<Store> {
  const client = await connectRedis(url, displayUrl);
  const spaces = new Map<string, Keyv<unknown>>();
  return {
    kind: 'redis',
    displayUrl,
    redis: client,
    redisPrefix: prefix,
    namespace<T>(name: NamespaceName) {
      checkNamespace(name);
      let kv = spaces.get(name);
      if (!kv) spaces.set(name, (kv = redisNamespace(client, prefix, name)));
      return kv as Keyv<T>;
    },
    async ping() {
      await client.ping();
    },
    async close() {
      try {
        await client.close();
      } catch {
        try {
          client.destroy();
        } catch {
          // already closed
        }
      }
    },
  };
}
