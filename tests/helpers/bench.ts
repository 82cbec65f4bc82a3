// What the store benchmarks share: wall and CPU time of a step, medians, and the bulk load of
// generated articles into a SQLite store. One copy, so that every benchmark loads and measures the
// same way and their figures stay comparable.
import { openStore, type Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import type { StoredArticle } from '../../src/core/types.ts';

/** Wall time (ms) and CPU time (ms, user + system) of one step, with its value. */
export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const u = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (u.user + u.system) / 1000, value };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** WAL + synchronous=NORMAL for the bulk load only: without it every commit waits for an fsync. */
async function fastWrites(store: Store): Promise<void> {
  for (const ns of ['articles', 'article_days', 'article_hours', 'seen'] as const) {
    const q = (store.namespace(ns) as unknown as { store: { query(sql: string): Promise<unknown> } }).store.query;
    await q('PRAGMA journal_mode=WAL');
    await q('PRAGMA synchronous=NORMAL');
  }
}

/** Writes `data` into the store at `url` in batches of 5,000 and closes it; returns the writes' wall time (ms). */
export async function loadArticles(url: string, data: StoredArticle[]): Promise<number> {
  const store = await openStore(url);
  await fastWrites(store);
  const gen = await time(async () => {
    const articles = new ArticleStore(store);
    for (let i = 0; i < data.length; i += 5_000) await articles.putMany(data.slice(i, i + 5_000).map((stored) => ({ stored })));
  });
  await store.close();
  return gen.ms;
}
