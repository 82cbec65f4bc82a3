// Feed discovery against a real local site: a page with two alternates (one relative to <base>),
// a site with only /feed, a feed URL given directly, a page with no feed, an alternate that is
// really HTML, and the SSRF guard on the page and on every redirect hop.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alternateLinks, discoverFeeds } from '../../src/feeds/discover.ts';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

const HTML = 'text/html; charset=utf-8';
const rss = (title: string, n = 2) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${Array.from({ length: n }, (_, i) => `<item><title>${title} ${i}</title><link>https://news.example/${encodeURIComponent(title)}/${i}</link></item>`).join('')}</channel></rss>`;
const atom = (title: string) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated><entry><title>A1</title><id>urn:a1</id><link href="https://news.example/a1"/><updated>2026-01-01T00:00:00Z</updated></entry></feed>`;

// Real sockets, SQLite and many fetches per test: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
let site: FeedServer;
let other: FeedServer;
let fetcher: Fetcher;

beforeAll(async () => {
  site = await startFeedServer();
  other = await startFeedServer();
  fetcher = createFetcher({ allowPrivateNetworks: ['127.0.0.1'], totalTimeoutMs: 3_000 });
  site.serve(
    '/news/story.html',
    `<!doctype html><html><head><base href="/feeds/"><title>Story</title>
     <link rel="alternate" type="application/rss+xml" title="Main RSS" href="main.xml">
     <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="${site.url('/atom')}">
     <link rel="alternate" type="application/json" href="/wp-json/">
     <link rel="stylesheet" href="/style.css"></head><body><p>Text</p></body></html>`,
    { contentType: HTML },
  );
  site.serve('/feeds/main.xml', rss('Main'));
  site.serve('/atom', atom('Atom edition'), { contentType: 'application/atom+xml' });
  site.serve('/feed.rss', rss('Direct'));
  site.serve('/broken.html', `<html><head><link rel="alternate" type="application/rss+xml" href="/fake.xml"></head><body></body></html>`, {
    contentType: HTML,
  });
  site.serve('/fake.xml', '<!doctype html><html><body>Sorry, our feed moved</body></html>', { contentType: HTML });
  site.serve('/plain.html', '<html><head><title>No feeds here</title></head><body>hi</body></html>', { contentType: HTML });
  site.serve('/not-xml.txt', 'just text', { contentType: 'text/plain' });
  // A second site whose pages announce nothing, with a feed only at /feed (and /rss serving the same).
  other.serve('/', '<html><head><title>Blog</title></head><body>posts</body></html>', { contentType: HTML });
  other.serve('/feed', rss('Only feed', 3));
  other.serve('/rss', rss('Only feed', 3));
  site.redirect('/to-private', 'http://10.0.0.7/feed');
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
  await other.close();
});

describe('discoverFeeds', () => {
  it('finds both alternates of a page, resolved against <base>, and ignores WordPress JSON and stylesheets', async () => {
    const r = await discoverFeeds(site.url('/news/story.html'), fetcher);
    expect(r.kind).toBe('page');
    if (r.kind !== 'page') return;
    expect(r.feeds.map((f) => [f.url, f.title, f.format, f.via])).toEqual([
      [site.url('/feeds/main.xml'), 'Main', 'rss', 'link'],
      [site.url('/atom'), 'Atom edition', 'atom', 'link'],
    ]);
    expect(site.hits('/wp-json/')).toHaveLength(0);
  });

  it('takes a URL that is already a feed as is (no page search)', async () => {
    const r = await discoverFeeds(site.url('/feed.rss?utm_source=x'), fetcher);
    expect(r).toMatchObject({ kind: 'feed', feed: { url: site.url('/feed.rss'), title: 'Direct', via: 'given', itemCount: 2 } });
  });

  it('falls back to the usual paths: a site with only /feed (and an identical /rss) gives one feed', async () => {
    const r = await discoverFeeds(other.url('/'), fetcher);
    expect(r.kind).toBe('page');
    if (r.kind !== 'page') return;
    expect(r.feeds.map((f) => [f.url, f.via, f.itemCount])).toEqual([[other.url('/feed'), 'path', 3]]);
    for (const p of ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/rss', '/index.xml']) expect(other.hits(p).length).toBe(1);
  });

  it('says so clearly when a page has no feed at all', async () => {
    const r = await discoverFeeds(site.url('/plain.html'), fetcher);
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expect(r.reason).toMatch(/no feed found: the page has no <link rel="alternate"> feed and none of \/feed, \/rss\.xml/);
  });

  it('reports an announced "feed" that is really an HTML page instead of offering it', async () => {
    const r = await discoverFeeds(site.url('/broken.html'), fetcher);
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expect(r.reason).toContain(`${site.url('/fake.xml')}: an HTML page, not a feed`);
  });

  it('refuses what is neither a feed nor a page, and bad schemes, with the reason', async () => {
    expect(await discoverFeeds(site.url('/not-xml.txt'), fetcher)).toEqual({ kind: 'failed', reason: 'not a feed: not XML or JSON' });
    expect(await discoverFeeds('ftp://example.com/feed', fetcher)).toEqual({ kind: 'failed', reason: 'only http and https URLs can be added' });
    expect(await discoverFeeds('not a url', fetcher)).toEqual({ kind: 'failed', reason: 'not a URL' });
  });

  it('goes through the SSRF guard: a private address, directly or on a redirect hop, is refused', async () => {
    const strict = createFetcher({ totalTimeoutMs: 3_000 });
    try {
      const direct = await discoverFeeds(site.url('/feed.rss'), strict);
      expect(direct).toEqual({ kind: 'failed', reason: 'refused: 127.0.0.1 is a loopback address' });
      const hop = await discoverFeeds(site.url('/to-private'), fetcher);
      expect(hop).toEqual({ kind: 'failed', reason: 'refused: 10.0.0.7 is a private address' });
    } finally {
      await strict.close();
    }
  });
});

describe('alternateLinks', () => {
  it('reads rel lists and type parameters, resolves relative to the page without <base>, drops duplicates', () => {
    const html = `<link rel="alternate home" type="application/feed+json" href="feed.json"><link rel="alternate" type="application/rss+xml" href="./feed.json">`;
    expect(alternateLinks(html, 'https://a.example/dir/page.html')).toEqual(['https://a.example/dir/feed.json']);
  });
});
