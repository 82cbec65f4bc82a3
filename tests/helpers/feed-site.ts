// A local news site for /feeds tests: a page with two feeds (Alpha as RSS and Beta, linked as
// Atom), a page with one, a page with none, and the world options that wire discovery to it (the
// running bot's fetcher and matcher; loopback allowed as settings.allowPrivateNetworks would).
import { discoverForChat } from '../../src/app/feed-discovery.ts';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch.ts';
import { compileTopics } from '../../src/topics/index.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { TEST_TOPICS, type WorldOptions } from '../commands/command-world.ts';

const rss = (title: string) =>
  `<rss version="2.0"><channel><title>${title}</title><item><title>Baghdad talks resume</title><link>https://n.example/${title}/1</link><pubDate>Tue, 10 Mar 2026 10:00:00 GMT</pubDate></item><item><title>Weather</title><link>https://n.example/${title}/2</link><pubDate>Tue, 10 Mar 2026 04:00:00 GMT</pubDate></item></channel></rss>`;

export interface FeedSite {
  site: FeedServer;
  fetcher: Fetcher;
  /** World options with discovery over this site; `extra` adds to the feed tools (an export). */
  worldOptions(extra?: Partial<NonNullable<WorldOptions['feedTools']>>): WorldOptions;
  close(): Promise<void>;
}

export async function startFeedSite(): Promise<FeedSite> {
  const site = await startFeedServer();
  const fetcher = createFetcher({ allowPrivateNetworks: ['127.0.0.1'] });
  site.serve(
    '/',
    `<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"><link rel="alternate" type="application/atom+xml" href="/b.xml"></head></html>`,
    { contentType: 'text/html' },
  );
  site.serve('/one.html', `<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"></head></html>`, { contentType: 'text/html' });
  site.serve('/nothing.html', '<html><body>no feeds</body></html>', { contentType: 'text/html' });
  site.serve('/a.xml', rss('Alpha'));
  site.serve('/b.xml', rss('Beta'));
  const matcher = compileTopics(TEST_TOPICS);
  return {
    site,
    fetcher,
    worldOptions: (extra = {}) => ({
      allowPrivateNetworks: ['127.0.0.1'],
      feedTools: { discover: (url) => discoverForChat(url, fetcher, () => matcher), ...extra },
    }),
    async close() {
      await fetcher.close();
      await site.close();
    },
  };
}
