// Where the story index keeps recent articles' sketches and signatures: hour buckets (keyv has no
// range queries), read by every assignment for the days around its article. Two layouts behind one
// small interface:
// - Redis (several `raqib start` processes): append-only lists, read by their new tail only
//   (story-buckets-redis.ts), so one process's writes never make the others re-read the window;
// - SQLite (one process): a keyv array per hour, cached, with a token every write replaces (below).
import type Keyv from 'keyv';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/open-store.ts';
import { unpackSketch, type PackedSketch, type StorySketch } from './sketch.ts';
import type { EventSignature } from './signature.ts';
import { dayOf } from '../text/dates.ts';

export const HOUR_MS = 3_600_000;
export const hourKey = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** One assignment as stored in its hour bucket. */
export interface BucketEntry {
  /** Article id. */
  a: string;
  /** Story id. */
  s: string;
  /** Published, ms. */
  p: number;
  k: PackedSketch;
  /** The event signature (absent on entries written before signatures). */
  g?: EventSignature;
}

/** A bucket entry ready to compare. */
export interface Entry {
  a: string;
  s: string;
  p: number;
  sketch: StorySketch;
  sig: EventSignature;
}

export interface StoryBuckets {
  /**
   * Every entry of these hour buckets, as the store holds them now. The caller holds the ingest
   * section (store-section.ts), so no other process writes between this read and its append.
   */
  entries(keys: readonly string[]): Promise<Entry[]>;
  /** Adds one assignment to its hour bucket. */
  append(key: string, entry: BucketEntry): Promise<void>;
  /** Of these buckets, those that hold something, and their entries (purge reads before it removes). */
  stored(keys: readonly string[]): Promise<{ present: string[]; entries: BucketEntry[] }>;
  remove(keys: readonly string[]): Promise<void>;
}

export interface StoryBucketsOptions {
  now: () => number;
  /** How long articles are kept: Redis buckets expire a little after (purge removes them first). */
  retentionMs?: number;
}

/** An entry written before signatures compares by text, placed on its publication day. */
function legacySignature(p: number): EventSignature {
  return { places: [], lead: [], actors: [], kinds: [], counts: {}, day: dayOf(p), dayExplicit: false, lang: '' };
}

export function unpackEntry(e: BucketEntry): Entry {
  return { a: e.a, s: e.s, p: e.p, sketch: unpackSketch(e.k), sig: e.g ?? legacySignature(e.p) };
}

/** Cached buckets are re-read after this long (a bound on memory use; see WRITTEN_KEY for other writers). */
const CACHE_TTL_MS = 5 * 60_000;
/**
 * A token that every bucket write replaces (in the store's meta namespace). An index that finds a
 * token it did not write or read last drops its cache: another process added to some bucket, and
 * an article placed against a stale bucket starts a story of its own (a second alert).
 */
const WRITTEN_KEY = 'story-buckets-written';

interface Cached {
  at: number;
  entries: Entry[];
}

/**
 * A keyv array per hour bucket, rewritten whole at each append. Cheap for one process; with
 * several, each write makes the others drop their caches (the Redis layout avoids that). Also the
 * layout Redis deployments wrote before lists, which RedisStoryBuckets still reads.
 */
export class KeyvStoryBuckets implements StoryBuckets {
  private readonly buckets: Keyv<BucketEntry[]>;
  private readonly meta: Keyv<unknown>;
  /** The WRITTEN_KEY token the cache is current with. */
  private cachedAt: unknown;
  private readonly cache = new Map<string, Cached>();
  private readonly now: () => number;

  constructor(store: Store, o: StoryBucketsOptions) {
    this.buckets = store.namespace<BucketEntry[]>('story_buckets');
    this.meta = store.namespace('meta');
    this.now = o.now;
  }

  async entries(keys: readonly string[]): Promise<Entry[]> {
    const written = await this.meta.get(WRITTEN_KEY);
    if (written !== this.cachedAt) {
      this.cache.clear();
      this.cachedAt = written;
    }
    const now = this.now();
    const recent = hourKey(now - HOUR_MS);
    // The current and previous hours are always re-read: that is where other writers add.
    const stale = keys.filter((k) => {
      const c = this.cache.get(k);
      return !c || now - c.at > CACHE_TTL_MS || k >= recent;
    });
    if (stale.length > 0) {
      const got = await this.buckets.getMany(stale);
      stale.forEach((k, i) => this.cache.set(k, { at: now, entries: (got[i] ?? []).map(unpackEntry) }));
    }
    this.evict(now);
    return keys.flatMap((k) => this.cache.get(k)?.entries ?? []);
  }

  async append(key: string, entry: BucketEntry): Promise<void> {
    const bucket = (await this.buckets.get(key)) ?? [];
    bucket.push(entry);
    // The token first: a crash between the two writes costs others a re-read, never a stale cache.
    this.cachedAt = randomBytes(8).toString('hex');
    await this.meta.set(WRITTEN_KEY, this.cachedAt);
    await this.buckets.set(key, bucket);
    this.cache.set(key, { at: this.now(), entries: bucket.map(unpackEntry) });
  }

  async stored(keys: readonly string[]): Promise<{ present: string[]; entries: BucketEntry[] }> {
    const got = await this.buckets.getMany([...keys]);
    return { present: keys.filter((_, j) => got[j] !== undefined), entries: got.flatMap((b) => b ?? []) };
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.buckets.deleteMany([...keys]);
    for (const k of keys) this.cache.delete(k);
  }

  private evict(now: number): void {
    if (this.cache.size < 2_000) return;
    for (const [k, c] of this.cache) if (now - c.at > CACHE_TTL_MS) this.cache.delete(k);
  }
}
