// pollFeed end to end: a real local feed server, real SQLite (and Redis when REDIS_URL is set),
// the real topic matcher. Covers first-poll priming, never-twice across restarts, maxAge,
// cross-feed dedupe, conditional GET, backoff and auto-disable, story hook and full text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/core/types.ts';
import type { Fetcher } from '../../src/feeds/fetch.ts';
import { feedSpec, type FeedSpec } from '../../src/feeds/feed-spec.ts';
import { pollFeed, type IngestDeps } from '../../src/pipeline/ingest.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { FeedStateStore } from '../../src/store/feed-state-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import { compileTopics } from '../../src/topics/index.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import { storeCases } from '../helpers/stores.ts';
import { feedServerForFile } from './helpers/feed-poll.ts';
import { cp1256 } from '../feeds/cp1256.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toUTCString();

interface Item {
  title: string;
  link: string;
  date?: string;
  description?: string;
}
const rss = (items: Item[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}<description>${i.description ?? i.title}</description></item>`,
    )
    .join('')}</channel></rss>`;

const matcher = compileTopics([{ id: 'iraq', query: 'Iraq OR العراق' }]);
const A: Item = { title: 'Iraq talks resume', link: 'https://news.example/a', date: hoursAgo(2) };
const B: Item = { title: 'Weather is fine', link: 'https://news.example/b', date: hoursAgo(1) };
const C: Item = { title: 'Militias in Iraq warn US forces', link: 'https://news.example/c?utm_source=rss', date: hoursAgo(0.5) };
const OLD: Item = { title: 'Iraq story from last week', link: 'https://news.example/old', date: hoursAgo(24 * 7) };

let server: FeedServer;
let fetcher: Fetcher;
feedServerForFile((s, f) => ([server, fetcher] = [s, f]), 1_000);

let seq = 0;
const path = (name: string) => `/${name}-${++seq}.xml`;
const spec = (p: string, extra: Partial<FeedSpec> = {}) => ({ ...feedSpec({ url: server.url(p), intervalMs: 60_000 }), ...extra });

describe.each(storeCases)('pollFeed ($name)', (sc) => {
  let store: Store;
  let url: string;
  let prefix: string | undefined;
  let cleanup: () => Promise<void>;
  let clock = NOW;
  const deps = (extra: Partial<IngestDeps> = {}): IngestDeps => ({
    articles: new ArticleStore(store),
    feedStates: new FeedStateStore(store),
    matcher: () => matcher,
    fetcher,
    now: () => clock,
    ...extra,
  });

  beforeAll(async () => {
    if (sc.skip) return;
    const opened = await sc.open();
    ({ store, url, prefix, cleanup } = opened);
  });
  afterAll(async () => {
    if (!sc.skip) await cleanup();
  });

  it.skipIf(sc.skip)('stores the first poll silently, then alerts new matching items only once, across restarts', async () => {
    clock = NOW;
    const p = path('prime');
    const feed = spec(p);
    server.serve(p, rss([A, B]));
    const first = await pollFeed(feed, deps());
    expect(first).toMatchObject({ status: 'fetched', items: 2, newItems: 2, seenItems: 0, alerts: [] });
    expect(first.stored.find((s) => s.article.url === A.link)!.matches.map((m) => m.id)).toEqual(['iraq']);

    server.serve(p, rss([C, A, B]));
    const second = await pollFeed(feed, deps());
    expect(second).toMatchObject({ status: 'fetched', items: 3, newItems: 1, seenItems: 2 });
    expect(second.alerts.map((s) => s.article.url)).toEqual(['https://news.example/c']);

    // "Restart": a second connection to the same store with fresh store objects (no in-process
    // state survives), the same feed body plus one more item.
    const reopened = await openStore(url, prefix ? { redisPrefix: prefix } : {});
    try {
      const D: Item = { title: 'Iraq parliament votes', link: 'https://news.example/d', date: hoursAgo(0.2) };
      server.serve(p, rss([D, C, A, B]));
      const fresh = { ...deps(), articles: new ArticleStore(reopened), feedStates: new FeedStateStore(reopened) };
      const third = await pollFeed(feed, fresh);
      expect(third).toMatchObject({ status: 'fetched', newItems: 1, seenItems: 3 });
      expect(third.alerts.map((s) => s.article.url)).toEqual(['https://news.example/d']);
      const state = await fresh.feedStates.get(feed.id);
      expect(state).toMatchObject({ primed: true, failures: 0, itemsSeen: 4 });
    } finally {
      await reopened.close();
    }
  });

  it.skipIf(sc.skip)('a topic scoped to some feeds matches only their articles (feeds: / except_feeds:)', async () => {
    clock = NOW;
    const [p1, p2] = [path('scoped'), path('unscoped')];
    const [f1, f2] = [spec(p1, { alertOnFirstPoll: true }), spec(p2, { alertOnFirstPoll: true })];
    const only = { id: 'iraq-wire', query: 'Iraq', feedScope: { kind: 'only' as const, feeds: [{ id: f1.id, ref: 'wire' }] } };
    const except = { id: 'iraq-rest', query: 'Iraq', feedScope: { kind: 'except' as const, feeds: [{ id: f1.id, ref: 'wire' }] } };
    const scoped = compileTopics([only, except]);
    server.serve(p1, rss([{ ...A, link: 'https://news.example/scope-1' }]));
    server.serve(p2, rss([{ ...A, title: 'Iraq talks resume again', link: 'https://news.example/scope-2' }]));
    const r1 = await pollFeed(f1, deps({ matcher: () => scoped }));
    const r2 = await pollFeed(f2, deps({ matcher: () => scoped }));
    expect(r1.alerts.map((s) => s.matches.map((m) => m.id))).toEqual([['iraq-wire']]);
    expect(r2.alerts.map((s) => s.matches.map((m) => m.id))).toEqual([['iraq-rest']]);
  });

  it.skipIf(sc.skip)('a crash before delivery took the alerts loses nothing: the next poll offers them again', async () => {
    clock = NOW;
    const p = path('crash');
    const feed = spec(p);
    const quiet: Item = { title: 'Weather is calm', link: 'https://news.example/crash-quiet', date: hoursAgo(1) };
    const hot: Item = { title: 'Iraq: militias warn US forces', link: 'https://news.example/crash-hot', date: hoursAgo(0.5) };
    server.serve(p, rss([quiet]));
    await pollFeed(feed, deps()); // primes
    server.serve(p, rss([hot, quiet]));
    // The process "dies" while handing the alert to delivery: the article is stored by then.
    const dying = await pollFeed(
      feed,
      deps({
        deliver: async () => {
          throw new Error('killed');
        },
      }),
    );
    // Delivery failed, not the feed: no failure counted, no backoff (the next poll runs at once).
    expect(dying).toMatchObject({ status: 'deliveryError', errorCode: 'DELIVERY_QUEUE' });
    expect(await deps().feedStates.get(feed.id)).toMatchObject({ failures: 0 });
    expect((await deps().feedStates.get(feed.id))?.lastError).toBeUndefined();
    const delivered: StoredArticle[] = [];
    const next = await pollFeed(feed, deps({ deliver: async (a) => void delivered.push(...a) }));
    expect(next.status).toBe('fetched');
    expect(delivered.map((s) => s.article.url)).toEqual([hot.link]);
    // Once delivery has them, the items are seen: a later poll offers nothing.
    server.serve(p, rss([hot, quiet, { ...quiet, link: 'https://news.example/crash-quiet2', title: 'Weather again' }]));
    const later: StoredArticle[] = [];
    await pollFeed(feed, deps({ deliver: async (a) => void later.push(...a) }));
    expect(later).toEqual([]);
  });

  it.skipIf(sc.skip)('a store failure during a poll is a store failure: the feed keeps its health and the items are retried', async () => {
    clock = NOW;
    const p = path('store-down');
    const feed = spec(p);
    server.serve(p, rss([B]));
    await pollFeed(feed, deps()); // primes
    const hot: Item = { title: 'Iraq: store outage story', link: 'https://news.example/store-down-hot', date: hoursAgo(0.5) };
    server.serve(p, rss([hot, B]));
    // An ArticleStore whose writes fail, as when Redis goes away mid-poll.
    class BrokenArticles extends ArticleStore {
      override async put(): Promise<void> {
        throw Object.assign(new Error('write failed'), { code: 'SQLITE_IOERR' });
      }
    }
    const broken = await pollFeed(feed, deps({ articles: new BrokenArticles(store), maxFailures: 1 }));
    expect(broken).toMatchObject({ status: 'storeError', errorCode: 'STORE_FAILED' });
    expect(broken.error).toMatch(/write failed/);
    const state = await deps().feedStates.get(feed.id);
    expect(state).toMatchObject({ failures: 0 });
    expect(state?.disabledReason).toBeUndefined();
    expect(state?.lastError).toBeUndefined();
    // Nothing was marked seen: the next poll (no backoff) stores and alerts the item.
    const delivered: StoredArticle[] = [];
    const next = await pollFeed(feed, deps({ deliver: async (a) => void delivered.push(...a) }));
    expect(next.status).toBe('fetched');
    expect(delivered.map((s) => s.article.url)).toEqual([hot.link]);
  });

  it.skipIf(sc.skip)('skips an unchanged body, and uses ETag for a 304', async () => {
    const p = path('etag');
    server.serve(p, rss([A]), { etag: '"e1"' });
    const feed = spec(p);
    expect((await pollFeed(feed, deps())).status).toBe('fetched');
    expect((await pollFeed(feed, deps())).status).toBe('notModified');
    expect(server.hits(p)[1]!.headers['if-none-match']).toBe('"e1"');
    const q = path('nohash');
    server.serve(q, rss([B]));
    const f2 = spec(q);
    await pollFeed(f2, deps());
    expect((await pollFeed(f2, deps())).status).toBe('unchanged');
  });

  it.skipIf(sc.skip)('alertOnFirstPoll alerts the backlog; items older than maxAge are ignored for good', async () => {
    const p = path('first');
    const E: Item = { title: 'Iraq first-poll item', link: 'https://news.example/e', date: hoursAgo(3) };
    server.serve(p, rss([E, OLD]));
    const r = await pollFeed(spec(p, { alertOnFirstPoll: true }), deps());
    expect(r).toMatchObject({ newItems: 1, tooOld: 1 });
    expect(r.alerts.map((s) => s.article.url)).toEqual(['https://news.example/e']);
    expect(await deps().articles.seenAs(['u:https://news.example/old'])).toBeTruthy();
  });

  it.skipIf(sc.skip)('the same article in two feeds polled at once is stored and alerted once', async () => {
    const p1 = path('twin');
    const p2 = path('twin');
    const F1: Item = { title: 'Iraq syndicated story', link: 'https://news.example/f?utm_source=one', date: hoursAgo(1) };
    const F2: Item = { ...F1, link: 'https://NEWS.example/f?utm_medium=two#top' };
    const d = deps();
    // Prime both feeds with an unrelated item so that the shared article can alert.
    server.serve(p1, rss([B]));
    server.serve(p2, rss([B]));
    await pollFeed(spec(p1), d);
    await pollFeed(spec(p2), d);
    server.serve(p1, rss([F1, B]));
    server.serve(p2, rss([F2, B]));
    const [r1, r2] = await Promise.all([pollFeed(spec(p1), d), pollFeed(spec(p2), d)]);
    expect(r1.newItems + r2.newItems).toBe(1);
    expect(r1.alerts.length + r2.alerts.length).toBe(1);
  });

  it.skipIf(sc.skip)('a story hook decides: only the first article of a story alerts', async () => {
    const p = path('story');
    server.serve(p, rss([B]));
    const calls: StoredArticle[] = [];
    const assignStory = async (s: StoredArticle) => {
      calls.push(s);
      return { storyId: 'story-1', isNew: calls.length === 1 };
    };
    await pollFeed(spec(p), deps({ assignStory }));
    const G: Item = { title: 'Iraq G', link: 'https://news.example/g', date: hoursAgo(1) };
    const H: Item = { title: 'Iraq H same story', link: 'https://news.example/h', date: hoursAgo(1) };
    server.serve(p, rss([G, H, B]));
    const r = await pollFeed(spec(p), deps({ assignStory }));
    expect(r.newItems).toBe(2);
    expect(r.alerts).toHaveLength(1);
    expect(r.stored.every((s) => s.storyId === 'story-1')).toBe(true);
    expect((await deps().articles.get(r.stored[1]!.article.id))?.storyId).toBe('story-1');
  });

  it.skipIf(sc.skip)('backs off exponentially, keeps the reason, disables after N failures, and can be re-enabled', async () => {
    clock = NOW;
    const p = path('broken');
    server.serve(p, 'oops', { status: 500 });
    const feed = spec(p);
    const d = deps({ maxFailures: 3 });
    const r1 = await pollFeed(feed, d);
    expect(r1).toMatchObject({ status: 'httpError', error: 'HTTP 500', nextPollAt: new Date(NOW + 120_000).toISOString() });
    const skipped = await pollFeed(feed, d);
    expect(skipped.status).toBe('backoff');
    expect(server.hits(p)).toHaveLength(1);
    clock = NOW + 121_000;
    const r2 = await pollFeed(feed, d);
    expect(r2.nextPollAt).toBe(new Date(clock + 240_000).toISOString());
    clock += 241_000;
    const r3 = await pollFeed(feed, d);
    expect(r3.status).toBe('httpError');
    const state = await d.feedStates.get(feed.id);
    expect(state?.disabledReason).toBe('disabled after 3 consecutive failures; last: httpError: HTTP 500');
    const disabled = await pollFeed(feed, d, { force: true });
    expect(disabled).toMatchObject({ status: 'disabled', error: state!.disabledReason });
    expect(server.hits(p)).toHaveLength(3);
    server.serve(p, rss([B]));
    // What /feeds enable does: the failure record is cleared.
    await d.feedStates.set({ ...state!, failures: 0, disabledReason: undefined, lastError: undefined, nextPollAt: undefined });
    expect((await pollFeed(feed, d)).status).toBe('fetched');
    expect((await d.feedStates.get(feed.id))?.failures).toBe(0);
    clock = NOW;
  });

  it.skipIf(sc.skip)('one broken feed never stops the others; each failure has a typed status and reason', async () => {
    const good = path('good');
    const bad = path('bad');
    const slow = path('slow');
    server.serve(good, rss([B]));
    server.serve(bad, '<html><body>Moved</body></html>', { contentType: 'text/html' });
    server.slow(slow, 3_000, rss([B]));
    const d = deps();
    const results = await Promise.all([
      pollFeed(spec(good), d),
      pollFeed(spec(bad), d),
      pollFeed(spec(slow), d),
      pollFeed(spec('/x', { url: 'http://10.0.0.5/feed.xml' }), d),
    ]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['fetched', undefined],
      ['parseError', 'an HTML page, not a feed'],
      ['timeout', 'no complete response within 1 s'],
      ['refused', '10.0.0.5 is a private address'],
    ]);
  });

  it.skipIf(sc.skip)('decodes what the server mislabels: windows-1256 by header, UTF-8 under a Latin-1 header, gzip', async () => {
    const title = 'الفصائل تهدد القوات الأمريكية في العراق';
    const doc = (link: string) =>
      `<rss version="2.0"><channel><title>أخبار</title><item><title>${title}</title><link>${link}</link><pubDate>${hoursAgo(1)}</pubDate></item></channel></rss>`;
    const p1 = path('cp1256');
    const p2 = path('liar');
    server.serve(p1, cp1256(doc('https://ar.example/1')), { contentType: 'text/xml; charset=windows-1256', encoding: 'gzip' });
    server.serve(p2, Buffer.from(doc('https://ar.example/2'), 'utf8'), { contentType: 'application/rss+xml; charset=ISO-8859-1' });
    for (const p of [p1, p2]) {
      const r = await pollFeed(spec(p, { alertOnFirstPoll: true }), deps());
      expect(r.stored[0]!.article).toMatchObject({ title, lang: 'ar' });
      expect(r.alerts[0]!.matches.map((m) => m.id)).toEqual(['iraq']);
    }
  });

  it.skipIf(sc.skip)('fetches full text for fullText feeds through the same guarded fetcher', async () => {
    const p = path('full');
    const page = `<html><head><title>Page</title></head><body><nav>menu</nav><article><h1>Iraq</h1>${'<p>The full article body is much longer than the teaser in the feed and mentions Baghdad. </p>'.repeat(6)}</article></body></html>`;
    server.serve('/article-1', page, { contentType: 'text/html; charset=utf-8' });
    server.serve(p, rss([{ title: 'Teaser', link: server.url('/article-1'), date: hoursAgo(1), description: 'short teaser' }]));
    const r = await pollFeed(spec(p, { fullText: true }), deps());
    expect(r.stored[0]!.article.text).toMatch(/^Iraq\nThe full article body is much longer/);
    expect(r.stored[0]!.article.summary).toBe('short teaser');
  });
});
