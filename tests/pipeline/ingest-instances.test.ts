// Two processes (two store connections, two article stores, two story indexes) polling one feed
// on one Redis at the same moment: each item is handed to delivery once, by one of them. Before
// the cross-process ingest section, both found the items unseen and both handed them over: one
// item alerted twice, or alerted by one and followed up by the other (the scale bench's
// duplicates). Real feed server, real Redis, the real matcher and story index.
import { describe, expect, it } from 'vitest';
import type { StoredArticle, StoryJoin } from '../../src/core/types.ts';
import type { Fetcher } from '../../src/feeds/fetch.ts';
import { feedSpec } from '../../src/feeds/feed-spec.ts';
import { pollFeed, type IngestDeps } from '../../src/pipeline/ingest.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { FeedStateStore } from '../../src/store/feed-state-store.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { assignWithChanges } from '../../src/digest/story-changes.ts';
import { compileTopics } from '../../src/topics/index.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import { storeCases } from '../helpers/stores.ts';
import { feedServerForFile } from './helpers/feed-poll.ts';

const redis = storeCases.find((c) => c.name === 'redis')!;

const item = (n: number) =>
  `<item><title>Iraq report ${n}: rocket attack on Ain al-Asad air base</title><link>https://news.example/${n}</link><guid>g${n}</guid>` +
  `<pubDate>${new Date().toUTCString()}</pubDate><description>Rockets hit the Ain al-Asad base in Anbar, Iraq.</description></item>`;

let server: FeedServer;
let fetcher: Fetcher;
feedServerForFile((s, f) => ([server, fetcher] = [s, f]), 5_000);

/** One "process": its own connection, stores and story index over the shared Redis prefix. */
function instance(store: Store, deliver: IngestDeps['deliver']): IngestDeps {
  return {
    articles: new ArticleStore(store),
    feedStates: new FeedStateStore(store),
    matcher: () => compileTopics([{ id: 'iraq', query: 'Iraq' }]),
    assignStory: assignWithChanges(new StoryIndex(store)),
    fetcher,
    deliver,
  };
}

describe.skipIf(redis.skip)('two processes polling one feed on one Redis', () => {
  it('hands each item to delivery once, whichever process read it', async () => {
    const opened = await redis.open();
    const second = await openStore(opened.url, { redisPrefix: opened.prefix });
    try {
      server.serve('/f.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${item(2)}${item(1)}</channel></rss>`);
      const feed = { ...feedSpec({ url: server.url('/f.xml'), intervalMs: 60_000 }), alertOnFirstPoll: true };
      const handed: { by: string; alerts: string[]; joins: string[] }[] = [];
      const record = (by: string, alerts: StoredArticle[], joins: StoryJoin[]) =>
        handed.push({ by, alerts: alerts.map((a) => a.article.url), joins: joins.map((j) => j.stored.article.url) });
      let bHandedOff: () => void = () => {};
      const bDelivered = new Promise<void>((r) => (bHandedOff = r));
      // A stays inside its hand-off (items stored, not yet marked seen) until B has handed off
      // too, or B has had a second after fetching: time enough to get there unless it waits for A.
      const a = instance(opened.store, async (alerts, joins) => {
        record('a', alerts, joins);
        while (server.hits('/f.xml').length < 2) await new Promise((r) => setTimeout(r, 10));
        await Promise.race([bDelivered, new Promise((r) => setTimeout(r, 1_000))]);
      });
      const b = instance(second, async (alerts, joins) => {
        record('b', alerts, joins);
        bHandedOff();
      });
      const pollA = pollFeed(feed, a);
      while (handed.length === 0) await new Promise((r) => setTimeout(r, 5));
      const [ra, rb] = await Promise.all([pollA, pollFeed(feed, b)]);
      expect([ra.status, rb.status]).toEqual(['fetched', 'fetched']);
      const times = new Map<string, number>();
      for (const h of handed) for (const url of [...h.alerts, ...h.joins]) times.set(url, (times.get(url) ?? 0) + 1);
      expect(Object.fromEntries(times)).toEqual({ 'https://news.example/1': 1, 'https://news.example/2': 1 });
      // A stores in chunks (ingest.ts storeChunk) and leaves the section between them: B may take
      // an item A has not reached yet, never one A has, and each item is counted once by B.
      expect(handed[0]?.by).toBe('a');
      expect(rb.seenItems + rb.newItems).toBe(2);
    } finally {
      await second.close();
      await opened.cleanup();
    }
  });
});
