// `raqib feeds add|preview URL`: discovery decides what URL is meant, without prompting. A feed
// is taken as is; a page with one feed uses that feed; a page with several lists them and exits 2
// unless --pick N or (add only) --all says which.
import { discoverFeeds, type FeedCandidate } from '../feeds/discover.ts';
import type { Fetcher } from '../feeds/fetch.ts';
import { buildPreview, formatPreview } from '../feeds/preview.ts';
import { topicMatch } from '../app/feed-discovery.ts';
import type { Matcher } from '../topics/index.ts';
import { write, type CliIO } from './io.ts';

export type Chosen = { ok: true; feeds: FeedCandidate[]; note?: string } | { ok: false; exit: number };

/** Runs discovery and applies --pick / --all; prints why when nothing is chosen. */
export async function chooseFeeds(url: string, fetcher: Fetcher, io: CliIO, opts: { pick?: number; all?: boolean; verb: string }): Promise<Chosen> {
  const found = await discoverFeeds(url, fetcher);
  if (found.kind === 'failed') {
    await write(io.stderr, `raqib feeds ${opts.verb}: cannot use ${url}: ${found.reason}\n`);
    return { ok: false, exit: 1 };
  }
  if (found.kind === 'none') {
    await write(io.stderr, `raqib feeds ${opts.verb}: ${found.pageUrl} is an HTML page, not a feed, and ${found.reason}\n`);
    return { ok: false, exit: 1 };
  }
  if (found.kind === 'feed') return { ok: true, feeds: [found.feed] };
  const feeds = found.feeds;
  const note = `${found.pageUrl} is a page; found ${feeds.length} feed${feeds.length === 1 ? '' : 's'}`;
  if (opts.all) return { ok: true, feeds, note };
  if (opts.pick !== undefined) {
    const picked = feeds[opts.pick - 1];
    if (picked) return { ok: true, feeds: [picked], note };
    await write(
      io.stderr,
      `raqib feeds ${opts.verb}: --pick ${opts.pick}: the page has ${feeds.length} feed${feeds.length === 1 ? '' : 's'}\n${listCandidates(feeds)}`,
    );
    return { ok: false, exit: 2 };
  }
  if (feeds.length === 1) return { ok: true, feeds, note };
  const how = opts.verb === 'add' ? '--pick N or --all' : '--pick N';
  await write(io.stderr, `raqib feeds ${opts.verb}: ${note}; choose with ${how}:\n${listCandidates(feeds)}`);
  return { ok: false, exit: 2 };
}

export function listCandidates(feeds: readonly FeedCandidate[]): string {
  return feeds.map((f, i) => `  ${i + 1}. ${f.title ?? '(untitled)'} — ${f.url} (${f.format}, ${f.itemCount} items)\n`).join('');
}

export function previewText(feed: FeedCandidate, matcher: Matcher, now = Date.now()): string {
  return formatPreview(buildPreview(feed.feed, feed.url, { match: topicMatch(matcher), now }));
}
