// Feed discovery: people paste a site or an article page, not a feed URL. A URL that already is a
// feed is taken as is; an HTML page is searched for <link rel="alternate"> feeds (resolved against
// <base> and the page's final URL), and when it names none, the usual paths at the site root are
// tried. Every candidate is fetched and parsed before it is offered, so a "feed" link that points
// at an HTML page is reported, not stored. All requests go through the caller's Fetcher, i.e. the
// same SSRF guard (checked on every hop) as every other user-added URL.
import { parseHTML } from 'linkedom';
import { canonicalUrl, resolveUrl } from './canonical-url.ts';
import { decodeBytes } from './charset.ts';
import type { Fetcher, FetchResult } from './fetch.ts';
import { parseFeedBytes } from './parse.ts';
import type { FeedFormat, RawFeed } from './raw-feed.ts';

/** `type` values of <link rel="alternate"> that announce a feed (plain application/json is WordPress's REST API, not a feed). */
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml', 'application/xml', 'text/xml']);

/** Tried at the site root when the page announces no feed. */
export const USUAL_FEED_PATHS = ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/rss', '/index.xml'] as const;

/** Most alternates checked from one page (a page listing 200 category feeds is not 200 fetches). */
export const MAX_ALTERNATES = 10;

const ACCEPT_ANY = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

export interface FeedCandidate {
  /** The feed's URL as announced (or as given), canonicalised. */
  url: string;
  title?: string;
  format: FeedFormat;
  itemCount: number;
  /** Where it was found: the URL itself, a <link rel="alternate">, or a usual path. */
  via: 'given' | 'link' | 'path';
  /** The parsed feed, so that a preview needs no second fetch. */
  feed: RawFeed;
}

export interface Rejected {
  url: string;
  reason: string;
}

export type DiscoverResult =
  | { kind: 'feed'; feed: FeedCandidate }
  | { kind: 'page'; pageUrl: string; feeds: FeedCandidate[]; rejected: Rejected[] }
  | { kind: 'none'; pageUrl: string; reason: string; rejected: Rejected[] }
  | { kind: 'failed'; reason: string };

/** One line a person can act on for a fetch that did not return a body. */
export function fetchProblem(r: Exclude<FetchResult, { kind: 'fetched' }>): string {
  if (r.kind === 'notModified') return 'the server answered 304 Not Modified to a plain request';
  if (r.kind === 'refused') return `refused: ${r.message}`;
  if (r.kind === 'tooLarge') return `too large: ${r.message}`;
  if (r.kind === 'timeout') return `timed out: ${r.message}`;
  return r.message;
}

type Probe = { ok: true; candidate: FeedCandidate } | { ok: false; reason: string; html?: { text: string; finalUrl: string } };

async function probe(fetcher: Fetcher, url: string, via: FeedCandidate['via']): Promise<Probe> {
  const r = await fetcher.fetch(url, undefined, ACCEPT_ANY);
  if (r.kind !== 'fetched') return { ok: false, reason: fetchProblem(r) };
  const parsed = parseFeedBytes(r.body, r.contentType);
  if (parsed.ok) {
    const feed = parsed.feed;
    const title = feed.title?.trim();
    return {
      ok: true,
      candidate: { url: canonicalUrl(url) ?? url, ...(title ? { title } : {}), format: feed.format, itemCount: feed.items.length, via, feed },
    };
  }
  const type = r.contentType?.toLowerCase() ?? '';
  const looksHtml = type.includes('html') || parsed.error === 'an HTML page, not a feed';
  if (!looksHtml) return { ok: false, reason: `not a feed: ${parsed.error}` };
  return { ok: false, reason: 'an HTML page, not a feed', html: { text: decodeBytes(r.body, r.contentType).text, finalUrl: r.finalUrl } };
}

/** Feed URLs a page announces with <link rel="alternate" type="…feed type…" href>, resolved. */
export function alternateLinks(html: string, pageUrl: string): string[] {
  const { document } = parseHTML(html) as unknown as { document: { querySelector(s: string): El | null; querySelectorAll(s: string): El[] } };
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = (baseHref ? resolveUrl(baseHref, pageUrl) : undefined) ?? pageUrl;
  const out: string[] = [];
  for (const link of document.querySelectorAll('link[href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = canonicalUrl(link.getAttribute('href') ?? '', base);
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

interface El {
  getAttribute(name: string): string | null;
}

async function probeAll(fetcher: Fetcher, urls: readonly string[], via: FeedCandidate['via']): Promise<{ feeds: FeedCandidate[]; rejected: Rejected[] }> {
  const results = await Promise.all(urls.map((u) => probe(fetcher, u, via)));
  const feeds: FeedCandidate[] = [];
  const rejected: Rejected[] = [];
  results.forEach((r, i) => (r.ok ? feeds.push(r.candidate) : rejected.push({ url: urls[i]!, reason: r.reason })));
  return { feeds, rejected };
}

/** Finds the feed(s) behind a URL: the feed itself, a page's announced feeds, or the usual paths. */
export async function discoverFeeds(input: string, fetcher: Fetcher): Promise<DiscoverResult> {
  const url = canonicalUrl(input);
  if (!url)
    return {
      kind: 'failed',
      reason: /^[a-z][a-z0-9+.-]*:/i.test(input.trim()) && !/^https?:/i.test(input.trim()) ? 'only http and https URLs can be added' : 'not a URL',
    };
  const first = await probe(fetcher, url, 'given');
  if (first.ok) return { kind: 'feed', feed: first.candidate };
  if (!first.html) return { kind: 'failed', reason: first.reason };
  const pageUrl = first.html.finalUrl;
  const announced = alternateLinks(first.html.text, pageUrl).slice(0, MAX_ALTERNATES);
  const fromLinks = await probeAll(fetcher, announced, 'link');
  if (fromLinks.feeds.length > 0) return { kind: 'page', pageUrl, feeds: dedupe(fromLinks.feeds), rejected: fromLinks.rejected };
  const origin = new URL(pageUrl).origin;
  const paths = USUAL_FEED_PATHS.map((p) => `${origin}${p}`).filter((u) => !announced.includes(u) && u !== url);
  const fromPaths = await probeAll(fetcher, paths, 'path');
  const rejected = [...fromLinks.rejected, ...fromPaths.rejected];
  if (fromPaths.feeds.length > 0) return { kind: 'page', pageUrl, feeds: dedupe(fromPaths.feeds), rejected };
  const reason =
    announced.length > 0
      ? `the page announces ${announced.length} feed${announced.length === 1 ? '' : 's'} but none of them is readable (${fromLinks.rejected.map((r) => `${r.url}: ${r.reason}`).join('; ')})`
      : `no feed found: the page has no <link rel="alternate"> feed and none of ${USUAL_FEED_PATHS.join(', ')} answers with a feed`;
  return { kind: 'none', pageUrl, reason, rejected };
}

/** /feed and /rss are often the same document: keep the first of identical title + item count + format. */
function dedupe(feeds: FeedCandidate[]): FeedCandidate[] {
  const seen = new Set<string>();
  return feeds.filter((f) => {
    const firstLink = f.feed.items[0]?.link ?? f.feed.items[0]?.guid ?? '';
    const key = `${f.format}\n${f.title ?? ''}\n${f.itemCount}\n${firstLink}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
