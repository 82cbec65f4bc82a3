// Story buckets on Redis, for several `raqib start` processes on one store. Each hour bucket is a
// list, appended to (one JSON entry per assignment) and never rewritten; a hash holds every
// bucket's length. An assignment asks for the lengths of its window's buckets (one HMGET) and
// reads only the entries it has not read yet (LRANGE key n -1, usually one bucket), whatever the
// other processes wrote: with keyv arrays, each write by one process made the others re-read and
// re-parse the whole window.
//
// Keys, under `<prefix>:story_lists:` (the story_lists namespace; `raqib reset --articles` removes
// them by pattern): `h:<hour>` the lists, `lengths` the hash. The hash also holds an epoch token
// that purge replaces (absent until the first purge; reset removes it): a list purged and written
// again could reach the length a process had cached, so a new epoch makes every process drop its
// cache (once a day, at the purge).
//
// Buckets written before lists (keyv arrays, story_buckets namespace) are still read, once per
// bucket and process, so a deployment keeps its stories across the upgrade; purge removes them.
import type Keyv from 'keyv';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/open-store.ts';
import { unpackEntry, type BucketEntry, type Entry, type StoryBuckets, type StoryBucketsOptions } from './story-buckets.ts';

const EPOCH = '~epoch';
/** RPUSH and the length index change together: a reader never sees a length the list does not have. */
const APPEND = `local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], n)
return n`;
/** Without a retention (CLI runs), lists are kept as long as purge ever looks back. */
const DEFAULT_RETENTION_MS = 400 * 86_400_000;
/** Expiry comes this long after retention: the daily purge removes a bucket first (and its story_of entries with it). */
const EXPIRY_MARGIN_MS = 2 * 86_400_000;
/** Cached buckets unused this long may be dropped (a bound on memory use). */
const IDLE_MS = 5 * 60_000;

interface Cached {
  entries: Entry[];
  /** How many list entries are in `entries` (the legacy array's come first and are not counted). */
  read: number;
  used: number;
}

type Redis = NonNullable<Store['redis']>;

export class RedisStoryBuckets implements StoryBuckets {
  private readonly redis: Redis;
  private readonly base: string;
  private readonly lengthsKey: string;
  private readonly legacy: Keyv<BucketEntry[]>;
  private readonly cache = new Map<string, Cached>();
  /** The epoch the cache is current with; undefined before the first read. */
  private epoch: string | null | undefined;
  private readonly now: () => number;
  private readonly keepMs: number;

  constructor(store: Store, o: StoryBucketsOptions) {
    this.redis = store.redis!;
    this.base = `${store.redisPrefix ?? 'raqib'}:story_lists`;
    this.lengthsKey = `${this.base}:lengths`;
    this.legacy = store.namespace<BucketEntry[]>('story_buckets');
    this.now = o.now;
    this.keepMs = (o.retentionMs ?? DEFAULT_RETENTION_MS) + EXPIRY_MARGIN_MS;
  }

  private listKey(hour: string): string {
    return `${this.base}:h:${hour}`;
  }

  async entries(keys: readonly string[]): Promise<Entry[]> {
    const now = this.now();
    const lengths = await this.redis.hmGet(this.lengthsKey, [EPOCH, ...keys]);
    const epoch = lengths[0] ?? null;
    if (epoch !== this.epoch) {
      this.cache.clear();
      this.epoch = epoch;
    }
    // This read's buckets, held here: a purge in this process (outside the assignment chain) may
    // drop them from the cache meanwhile.
    const view = new Map<string, Cached>();
    const cold: string[] = [];
    const tails: { key: string; from: number }[] = [];
    keys.forEach((k, i) => {
      const length = Number(lengths[i + 1] ?? 0);
      const c = this.cache.get(k);
      // Shorter than what was read: removed and written again since; read it afresh.
      if (c && length >= c.read) view.set(k, c);
      else cold.push(k);
      const from = c && length >= c.read ? c.read : 0;
      if (length > from) tails.push({ key: k, from });
    });
    // One round trip: node-redis writes commands issued together in one batch.
    const [legacy, read] = await Promise.all([
      cold.length > 0 ? this.legacy.getMany(cold) : [],
      Promise.all(tails.map((t) => this.redis.lRange(this.listKey(t.key), t.from, -1))),
    ]);
    cold.forEach((k, i) => {
      const c: Cached = { entries: (legacy[i] ?? []).map(unpackEntry), read: 0, used: now };
      view.set(k, c);
      this.cache.set(k, c);
    });
    tails.forEach((t, i) => {
      const c = view.get(t.key)!;
      for (const raw of read[i]!) c.entries.push(unpackEntry(JSON.parse(raw) as BucketEntry));
      c.read += read[i]!.length;
    });
    const out: Entry[] = [];
    for (const k of keys) {
      const c = view.get(k)!;
      c.used = now;
      for (const e of c.entries) out.push(e);
    }
    this.evict(now);
    return out;
  }

  async append(key: string, entry: BucketEntry): Promise<void> {
    // Kept for the retention after its hour, and never less after a write: an article dated long
    // ago must still find its entry if the process dies before story_of (Date.now: Redis's clock).
    const expireAt = Math.max(Date.parse(`${key}:00:00.000Z`), Date.now()) + this.keepMs;
    const n = Number(
      await this.redis.eval(APPEND, {
        keys: [this.listKey(key), this.lengthsKey],
        arguments: [JSON.stringify(entry), String(expireAt), key],
      }),
    );
    // Our own entry is the tail we would read next: keep it without the round trip.
    const c = this.cache.get(key);
    if (c && c.read === n - 1) {
      c.entries.push(unpackEntry(entry));
      c.read = n;
    }
  }

  async stored(keys: readonly string[]): Promise<{ present: string[]; entries: BucketEntry[] }> {
    const lengths = await this.redis.hmGet(this.lengthsKey, [...keys]);
    const listed = keys.filter((_, i) => Number(lengths[i] ?? 0) > 0);
    const [legacy, lists] = await Promise.all([this.legacy.getMany([...keys]), Promise.all(listed.map((k) => this.redis.lRange(this.listKey(k), 0, -1)))]);
    return {
      present: keys.filter((_, i) => legacy[i] !== undefined || Number(lengths[i] ?? 0) > 0),
      entries: [...legacy.flatMap((b) => b ?? []), ...lists.flat().map((raw) => JSON.parse(raw) as BucketEntry)],
    };
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis
      .multi()
      .del(keys.map((k) => this.listKey(k)))
      .hDel(this.lengthsKey, [...keys])
      .hSet(this.lengthsKey, EPOCH, randomBytes(8).toString('hex'))
      .exec();
    await this.legacy.deleteMany([...keys]);
    for (const k of keys) this.cache.delete(k);
  }

  private evict(now: number): void {
    if (this.cache.size < 2_000) return;
    for (const [k, c] of this.cache) if (now - c.used > IDLE_MS) this.cache.delete(k);
  }
}
