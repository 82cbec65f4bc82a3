// Articles with what the pipeline decided about them. keyv has no range queries, so ids are also
// kept in one bucket per UTC day of `published`; listing a window reads only its days.
// Digests also keep a compact index per UTC hour (id, feed, time, topic scores, story): a digest
// ranks and groups from it and loads only the articles it shows, which keeps a digest over a
// store of 100,000 articles well under 200 ms (tests/bench/digest.bench.ts).
import { Mutex } from '../core/keyed-mutex.ts';
import type Keyv from 'keyv';
import type { Lang, StoredArticle } from '../core/types.ts';
import type { Store } from './open-store.ts';
import { TrendDayStore, trendDayKey, type TrendDay } from './trend-days.ts';
import { StoreSection } from './store-section.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hourKey = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** What a digest needs to rank and group an article without loading it. */
export interface ArticleIndexEntry {
  id: string;
  feedId: string;
  /** Published, ms since the epoch. */
  published: number;
  /** Topic id → match score. */
  topics: Record<string, number>;
  storyId?: string;
  /** The article's language (trend charts split by it); absent in entries written before it was kept. */
  lang?: Lang;
}

export function indexEntryOf(stored: StoredArticle): ArticleIndexEntry {
  const topics: Record<string, number> = {};
  for (const m of stored.matches) topics[m.id] = Math.max(topics[m.id] ?? -Infinity, m.score);
  const e: ArticleIndexEntry = { id: stored.article.id, feedId: stored.article.feedId, published: publishedMs(stored), topics };
  if (stored.storyId) e.storyId = stored.storyId;
  if (stored.article.lang) e.lang = stored.article.lang;
  return e;
}

function publishedMs(stored: StoredArticle): number {
  return Date.parse(stored.article.published) || Date.now();
}

export class ArticleStore {
  private readonly articles: Keyv<StoredArticle>;
  private readonly days: Keyv<string[]>;
  private readonly seen: Keyv<string>;
  private readonly hours: Keyv<ArticleIndexEntry[]>;
  private readonly trend: TrendDayStore;
  /** Serialises bucket updates inside one process (keyv has no atomic append). */
  private readonly bucketLock = new Mutex();
  private readonly section: StoreSection;

  constructor(store: Store) {
    this.section = new StoreSection(store, 'ingest');
    this.articles = store.namespace<StoredArticle>('articles');
    this.days = store.namespace<string[]>('article_days');
    this.seen = store.namespace<string>('seen');
    this.hours = store.namespace<ArticleIndexEntry[]>('article_hours');
    this.trend = new TrendDayStore(store);
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    return this.articles.get(id);
  }

  async getMany(ids: readonly string[]): Promise<StoredArticle[]> {
    if (ids.length === 0) return [];
    const out: StoredArticle[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = await this.articles.getMany(ids.slice(i, i + 500) as string[]);
      for (const a of batch) if (a) out.push(a);
    }
    return out;
  }

  /**
   * Runs fn while no other ingest over this store runs, in this process or another on the same
   * Redis: "seen? → story → store → hand off → mark seen" must not interleave (store-section.ts).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.section.run(fn);
  }

  /**
   * Which of these dedupe keys (canonical URLs, guids) were seen before; returns the article id
   * of the first one seen, if any.
   */
  async seenAs(keys: readonly string[]): Promise<string | undefined> {
    for (const k of keys) {
      const id = await this.seen.get(k);
      if (id) return id;
    }
    return undefined;
  }

  /**
   * Which of these dedupe keys were seen before, in one read: a poll checks every item of the
   * feed, and one read per key made that check alone take seconds for a feed of 500 items.
   */
  async seenMany(keys: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Set();
    const ids = await this.seen.getMany(unique);
    return new Set(unique.filter((_, i) => ids[i]));
  }

  /** Marks keys as seen without storing an article (items skipped as too old, for example). */
  async markSeen(keys: readonly string[], id: string): Promise<void> {
    await Promise.all(keys.map((k) => this.seen.set(k, id)));
  }

  /** Stores (or replaces) an article and marks its dedupe keys as seen. */
  async put(stored: StoredArticle, dedupeKeys: readonly string[] = []): Promise<void> {
    await this.articles.set(stored.article.id, stored);
    await this.markSeen(dedupeKeys, stored.article.id);
    const entry = indexEntryOf(stored);
    const key = dayKey(entry.published);
    await this.withBucketLock(async () => {
      const ids = (await this.days.get(key)) ?? [];
      if (!ids.includes(stored.article.id)) {
        ids.push(stored.article.id);
        await this.days.set(key, ids);
      }
      await this.indexEntries([entry]);
    });
  }

  /**
   * Stores many articles with one read and one write per day and hour bucket (bulk ingest, tests
   * and benchmarks); the same result as calling put() for each.
   */
  async putMany(items: readonly { stored: StoredArticle; dedupeKeys?: readonly string[] }[]): Promise<void> {
    if (items.length === 0) return;
    for (let i = 0; i < items.length; i += 500) {
      const batch = items.slice(i, i + 500);
      await this.articles.setMany(batch.map((it) => ({ key: it.stored.article.id, value: it.stored })));
    }
    for (const it of items) if (it.dedupeKeys?.length) await this.markSeen(it.dedupeKeys, it.stored.article.id);
    const entries = items.map((it) => indexEntryOf(it.stored));
    await this.withBucketLock(async () => {
      const byDay = new Map<string, string[]>();
      for (const e of entries) {
        const k = dayKey(e.published);
        const list = byDay.get(k) ?? [];
        list.push(e.id);
        byDay.set(k, list);
      }
      const keys = [...byDay.keys()];
      const current = await this.days.getMany(keys);
      await this.days.setMany(
        keys.map((k, i) => {
          const ids = current[i] ?? [];
          const have = new Set(ids);
          for (const id of byDay.get(k)!) {
            if (have.has(id)) continue;
            have.add(id);
            ids.push(id);
          }
          return { key: k, value: ids };
        }),
      );
      await this.indexEntries(entries);
    });
  }

  /**
   * The compact index of articles published in [sinceMs, untilMs], oldest first. Articles whose
   * index entry is missing (stored by an older version, or a write interrupted between the day
   * bucket and the index) are loaded and indexed on the fly, so the answer always matches
   * listBetween.
   */
  async listIndexBetween(sinceMs: number, untilMs = Date.now()): Promise<ArticleIndexEntry[]> {
    if (untilMs < sinceMs) return [];
    // Hour buckets cover the whole days of the window, so that every id of a day bucket can be
    // found among them (an id missing from all of them is one that was never indexed).
    const firstDay = Math.floor(sinceMs / DAY_MS) * DAY_MS;
    const dayKeys: string[] = [];
    for (let t = firstDay; t <= untilMs; t += DAY_MS) dayKeys.push(dayKey(t));
    const hourKeys: string[] = [];
    for (let t = firstDay; t < firstDay + dayKeys.length * DAY_MS; t += HOUR_MS) hourKeys.push(hourKey(t));
    const [hourBuckets, dayBuckets] = await Promise.all([this.getManyChunked(this.hours, hourKeys), this.days.getMany(dayKeys)]);
    const out: ArticleIndexEntry[] = [];
    const indexed = new Set<string>();
    for (const b of hourBuckets) {
      if (!b) continue;
      for (const e of b) {
        indexed.add(e.id);
        if (e.published >= sinceMs && e.published <= untilMs) out.push(e);
      }
    }
    const missing: string[] = [];
    for (const b of dayBuckets) if (b) for (const id of b) if (!indexed.has(id)) missing.push(id);
    if (missing.length > 0) {
      const loaded = (await this.getMany(missing)).map(indexEntryOf);
      await this.withBucketLock(() => this.indexEntries(loaded));
      for (const e of loaded) if (e.published >= sinceMs && e.published <= untilMs) out.push(e);
    }
    return out.sort((a, b) => a.published - b.published || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Counts stories merged into `into` as that story on the days their reports were published (trend charts). */
  async mergeTrendStories(ids: readonly string[], into: string, sinceMs: number, untilMs: number): Promise<void> {
    const keys: string[] = [];
    for (let t = Math.floor(sinceMs / DAY_MS) * DAY_MS; t <= untilMs; t += DAY_MS) keys.push(trendDayKey(t));
    await this.withBucketLock(() => this.trend.mergeStories(ids, into, keys));
  }

  /** Stories per topic for these UTC days (trend charts); see trend-days.ts. */
  async trendDays(dayKeys: readonly string[]): Promise<TrendDay[]> {
    return this.trend.read(dayKeys, {
      list: (a, b) => this.listIndexBetween(a, b),
      langs: async (ids) => new Map((await this.getMany(ids)).map((s) => [s.article.id, s.article.lang])),
      lock: (fn) => this.withBucketLock(fn),
    });
  }

  /** Articles published in [sinceMs, untilMs], newest first. */
  async listBetween(sinceMs: number, untilMs = Date.now()): Promise<StoredArticle[]> {
    const ids: string[] = [];
    for (let t = Math.floor(sinceMs / DAY_MS) * DAY_MS; t <= untilMs; t += DAY_MS) {
      const bucket = await this.days.get(dayKey(t));
      if (bucket) ids.push(...bucket);
    }
    const all = await this.getMany(ids);
    return all
      .filter((s) => {
        const p = Date.parse(s.article.published);
        return p >= sinceMs && p <= untilMs;
      })
      .sort((a, b) => Date.parse(b.article.published) - Date.parse(a.article.published));
  }

  /** Deletes articles whose day is wholly older than `beforeMs`; returns how many went. */
  async purgeOlderThan(beforeMs: number): Promise<number> {
    let removed = 0;
    // Buckets are walked back from the cut-off until a run of empty days: retention windows are
    // days to months, so a year back is plenty.
    for (let t = Math.floor(beforeMs / DAY_MS) * DAY_MS - DAY_MS, n = 0; n < 366; t -= DAY_MS, n++) {
      const key = dayKey(t);
      const ids = await this.days.get(key);
      if (!ids) continue;
      await this.articles.deleteMany(ids);
      await this.days.delete(key);
      await this.hours.deleteMany(Array.from({ length: 24 }, (_, h) => hourKey(t + h * HOUR_MS)));
      await this.trend.deleteDays([key]);
      removed += ids.length;
    }
    return removed;
  }

  /** Adds or replaces entries in their hour buckets; call inside withBucketLock. */
  private async indexEntries(entries: readonly ArticleIndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const byHour = new Map<string, ArticleIndexEntry[]>();
    for (const e of entries) {
      const k = hourKey(e.published);
      const list = byHour.get(k) ?? [];
      list.push(e);
      byHour.set(k, list);
    }
    const keys = [...byHour.keys()];
    const current = await this.getManyChunked(this.hours, keys);
    const writes = keys.map((k, i) => {
      const bucket = current[i] ?? [];
      const at = new Map(bucket.map((e, j) => [e.id, j]));
      for (const e of byHour.get(k)!) {
        const j = at.get(e.id);
        if (j === undefined) {
          at.set(e.id, bucket.length);
          bucket.push(e);
        } else bucket[j] = e;
      }
      return { key: k, value: bucket };
    });
    for (let i = 0; i < writes.length; i += 200) await this.hours.setMany(writes.slice(i, i + 200));
    await this.trend.add(entries);
  }

  /** keyv getMany in chunks: SQLite caps the number of bound parameters per statement. */
  private async getManyChunked<T>(kv: Keyv<T>, keys: readonly string[]): Promise<(T | undefined)[]> {
    const out: (T | undefined)[] = [];
    for (let i = 0; i < keys.length; i += 500) out.push(...(await kv.getMany(keys.slice(i, i + 500) as string[])));
    return out;
  }

  private withBucketLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.bucketLock.run(fn);
  }
}
