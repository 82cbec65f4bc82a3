// A long poll keeps what it has done when it dies part-way. Before, a poll stored every new item,
// then handed all their alerts to delivery, then marked them all seen: a process killed anywhere
// in a poll of 500 items (38 s on a loaded machine) kept nothing, the next process started over,
// and in a crash run with short-lived processes no chat got a single alert until the one process
// that lived long enough (tests/delivery/crash-harness.ts, 40 kills: every chat then got 375
// stories in one batch). Now the items go in chunks, each stored → handed off → marked seen.
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/core/types.ts';
import type { Fetcher } from '../../src/feeds/fetch.ts';
import { feedSpec } from '../../src/feeds/feed-spec.ts';
import { pollFeed, type IngestDeps } from '../../src/pipeline/ingest.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { compileTopics } from '../../src/topics/index.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import { storeCases } from '../helpers/stores.ts';
import { feedServerForFile, ingestDeps, rss } from './helpers/feed-poll.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const matcher = compileTopics([{ id: 'iraq', query: 'Iraq' }]);
// Words of their own per item, so that no two read as one story.
const words = ['amber', 'basalt', 'cedar', 'dune', 'ember', 'fjord', 'granite', 'harbour', 'island', 'juniper'];
const item = (n: number) => ({
  title: `Iraq ${words[n % 10]} ${words[Math.floor(n / 10) % 10]} report ${n}`,
  link: `https://news.example/p/${n}`,
  date: new Date(NOW - (100 - n) * 60_000).toUTCString(),
});

let server: FeedServer;
let fetcher: Fetcher;
feedServerForFile((s, f) => ([server, fetcher] = [s, f]));

describe.each(storeCases)('a poll that dies part-way ($name)', (sc) => {
  it.skipIf(sc.skip)('has handed the alerts of the items before it to delivery and marked them seen', async () => {
    const opened = await sc.open();
    try {
      const { store } = opened;
      const feed = { ...feedSpec({ url: server.url('/progress.xml'), intervalMs: 60_000 }), alertOnFirstPoll: true };
      const items = Array.from({ length: 60 }, (_, i) => item(i + 1));
      server.serve('/progress.xml', rss(items));
      const deps = (extra: Partial<IngestDeps>): IngestDeps => ingestDeps(store, fetcher, { matcher: () => matcher, now: () => NOW, ...extra });
      // The process dies while storing the 50th new item (a store write that never returns ok).
      let puts = 0;
      class DyingArticles extends ArticleStore {
        override async put(s: StoredArticle): Promise<void> {
          if (++puts === 50) throw new Error('killed');
          return super.put(s);
        }
      }
      const first: StoredArticle[] = [];
      const dying = await pollFeed(feed, deps({ articles: new DyingArticles(store), deliver: async (a) => void first.push(...a) }));
      expect(dying.status).toBe('storeError');
      // The items before the one it died on went to delivery in whole chunks, each marked seen.
      expect(first.length).toBeGreaterThanOrEqual(20);
      expect(first.length).toBeLessThan(50);

      const next: StoredArticle[] = [];
      const again = await pollFeed(feed, deps({ deliver: async (a) => void next.push(...a) }));
      expect(again.status).toBe('fetched');
      // The next poll picks up where the chunks left off: every item reaches delivery once.
      expect(again.newItems).toBe(60 - first.length);
      const urls = [...first, ...next].map((s) => s.article.url);
      expect(new Set(urls).size).toBe(60);
      expect(urls).toHaveLength(60);
    } finally {
      await opened.cleanup();
    }
  });
});
