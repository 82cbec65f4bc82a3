// Shared by the ingest tests: a local feed server and a fetcher allowed to reach it for the whole
// file, an RSS document of given items, and what pollFeed needs over one store.
import { afterAll, beforeAll } from 'vitest';
import { createFetcher, type Fetcher } from '../../../src/feeds/fetch.ts';
import type { IngestDeps } from '../../../src/pipeline/ingest.ts';
import { ArticleStore } from '../../../src/store/article-store.ts';
import { FeedStateStore } from '../../../src/store/feed-state-store.ts';
import type { Store } from '../../../src/store/open-store.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';

/**
 * Before the calling file's tests, starts a feed server and a fetcher that may reach it (127.0.0.1)
 * and hands both to `use`; closes them after the last test.
 */
export function feedServerForFile(use: (server: FeedServer, fetcher: Fetcher) => void, totalTimeoutMs = 2_000): void {
  let server: FeedServer;
  let fetcher: Fetcher;
  beforeAll(async () => {
    server = await startFeedServer();
    fetcher = createFetcher({ allowPrivateNetworks: ['127.0.0.1'], totalTimeoutMs });
    use(server, fetcher);
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });
}

/** An RSS 2.0 feed of these items, each described by its title; an item without a date is dated now. */
export function rss(items: { title: string; link: string; date?: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><pubDate>${i.date ?? new Date().toUTCString()}</pubDate><description>${i.title}</description></item>`,
    )
    .join('')}</channel></rss>`;
}

/** pollFeed's dependencies over `store` (its articles and feed states) with the shared fetcher; `rest` adds or replaces. */
export function ingestDeps(store: Store, fetcher: Fetcher, rest: Pick<IngestDeps, 'matcher'> & Partial<IngestDeps>): IngestDeps {
  return { articles: new ArticleStore(store), feedStates: new FeedStateStore(store), fetcher, ...rest };
}
