// Articles with what the pipeline decided about them. keyv has no range queries, so ids are also
// kept in one bucket per UTC day of `published`; listing a window reads only its days.
import type Keyv from 'keyv';
import type { StoredArticle } from '../core/types.ts';
import type { Store } from './open-store.ts';

const DAY_MS = 86_400_000;
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class ArticleStore {
  private readonly articles: Keyv<StoredArticle>;
  private readonly days: Keyv<string[]>;
  private readonly seen: Keyv<string>;
  /** Serialises bucket updates inside one process (keyv has no atomic append). */
  private bucketChain: Promise<unknown> = Promise.resolve();

  constructor(store: Store) {
    this.articles = store.namespace<StoredArticle>('articles');
    this.days = store.namespace<string[]>('article_days');
    this.seen = store.namespace<string>('seen');
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

  /** Marks keys as seen without storing an article (items skipped as too old, for example). */
  async markSeen(keys: readonly string[], id: string): Promise<void> {
    await Promise.all(keys.map((k) => this.seen.set(k, id)));
  }

  /** Stores (or replaces) an article and marks its dedupe keys as seen. */
  async put(stored: StoredArticle, dedupeKeys: readonly string[] = []): Promise<void> {
    await this.articles.set(stored.article.id, stored);
    await this.markSeen(dedupeKeys, stored.article.id);
    const key = dayKey(Date.parse(stored.article.published) || Date.now());
    await this.withBucketLock(async () => {
      const ids = (await this.days.get(key)) ?? [];
      if (!ids.includes(stored.article.id)) {
        ids.push(stored.article.id);
        await this.days.set(key, ids);
      }
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
      removed += ids.length;
    }
    return removed;
  }

  private withBucketLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.bucketChain.then(fn, fn);
    this.bucketChain = run.catch(() => {});
    return run;
  }
}
