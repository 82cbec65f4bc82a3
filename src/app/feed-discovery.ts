// Discovery and preview for chats and the CLI: what a pasted URL leads to, as plain views the
// commands phrase. One guarded fetcher (the one user feeds are polled with) does every request.
import type { DiscoveryView, FeedCandidateView } from '../../commands/feeds-text.ts';
import type { Article } from '../core/types.ts';
import { discoverFeeds, type FeedCandidate } from '../feeds/discover.ts';
import type { Fetcher } from '../feeds/fetch.ts';
import { buildPreview, type TopicHit } from '../feeds/preview.ts';
import type { Matcher } from '../topics/index.ts';

/** Topic ids with the query clauses that held, from a compiled matcher. */
export function topicMatch(matcher: Matcher): (a: Article) => TopicHit[] {
  return (a) => {
    const doc = { title: a.title, text: a.text };
    const ids = new Set(matcher.match(doc).map((m) => m.id));
    if (ids.size === 0) return [];
    const explained = new Map(matcher.explain(doc).map((e) => [e.id, e]));
    return [...ids].map((topic) => ({
      topic,
      clauses: (explained.get(topic)?.clauses ?? []).filter((c) => c.held && !c.negated).map((c) => c.clause),
    }));
  };
}

const view = (f: FeedCandidate): FeedCandidateView => ({ url: f.url, ...(f.title ? { title: f.title } : {}), format: f.format, itemCount: f.itemCount, via: f.via });

/** A feed URL gives its preview; a page gives its feeds (with a preview when it has exactly one). */
export async function discoverForChat(url: string, fetcher: Fetcher, matcher: () => Matcher, now = Date.now()): Promise<DiscoveryView> {
  const found = await discoverFeeds(url, fetcher);
  if (found.kind === 'failed') return found;
  if (found.kind === 'none') return { kind: 'none', pageUrl: found.pageUrl, reason: found.reason };
  const feeds = found.kind === 'feed' ? [found.feed] : found.feeds;
  const only = feeds.length === 1 ? feeds[0]! : undefined;
  if (only) return { kind: 'feed', feed: view(only), preview: buildPreview(only.feed, only.url, { match: topicMatch(matcher()), now }) };
  return { kind: 'page', pageUrl: found.kind === 'page' ? found.pageUrl : url, feeds: feeds.map(view) };
}
