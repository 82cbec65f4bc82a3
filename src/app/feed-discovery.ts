// Discovery and preview for chats and the CLI: what a pasted URL leads to, as plain views the
// commands phrase. One guarded fetcher (the one user feeds are polled with) does every request.
import type { DiscoveryView, FeedCandidateView } from '../../commands/feeds-text.ts';
import type { ImportView } from '../../commands/types.ts';
import type { Article } from '../core/types.ts';
import { discoverFeeds, type FeedCandidate } from '../feeds/discover.ts';
import { createFetcher, type Fetcher } from '../feeds/fetch.ts';
import type { FeedConfigLike } from '../feeds/feed-spec.ts';
import type { FeedStateStore } from '../store/feed-state-store.ts';
import type { RegistryStore } from '../store/registry-store.ts';
import { buildPreview, type TopicHit } from '../feeds/preview.ts';
import { readOpml, writeOpml } from '../feeds/opml.ts';
import type { Matcher } from '../topics/index.ts';
import { FeedSources } from './feed-sources.ts';

/** Topic ids with the query clauses that held, from a compiled matcher. */
export function topicMatch(matcher: Matcher): (a: Article) => TopicHit[] {
  return (a) => {
    const doc = { title: a.title, text: a.text, feedId: a.feedId };
    const ids = new Set(matcher.match(doc).map((m) => m.id));
    if (ids.size === 0) return [];
    const explained = new Map(matcher.explain(doc).map((e) => [e.id, e]));
    return [...ids].map((topic) => ({
      topic,
      clauses: (explained.get(topic)?.clauses ?? []).filter((c) => c.held && !c.negated).map((c) => c.clause),
    }));
  };
}

const view = (f: FeedCandidate): FeedCandidateView => ({
  url: f.url,
  ...(f.title ? { title: f.title } : {}),
  format: f.format,
  itemCount: f.itemCount,
  via: f.via,
});

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

/** What /feeds needs beyond the registry: discovery with previews, and the OPML export. */
export function chatFeedTools(o: { fetcher: Fetcher; matcher: () => Matcher; sources: FeedSources }): {
  discover(url: string): Promise<DiscoveryView>;
  exportOpml(): Promise<string>;
  importOpml(bytes: Uint8Array, by: string): Promise<ImportView>;
} {
  return {
    discover: (url) => discoverForChat(url, o.fetcher, o.matcher),
    exportOpml: async () => writeOpml(await o.sources.exportable()),
    importOpml: (bytes, by) => importOpml(o.sources, bytes, by),
  };
}

/** An uploaded OPML file: read whole first (a malformed one changes nothing), then every entry checked and added. */
export async function importOpml(sources: FeedSources, bytes: Uint8Array, by: string): Promise<ImportView> {
  const opml = readOpml(bytes);
  if (!opml.ok) return { ok: false, error: opml.error };
  return { ok: true, ...(await sources.import(opml.entries, by)) };
}

/** The tools over a guarded fetcher of their own (the one user feeds are polled with is the poller's); close at stop. */
export function openFeedTools(o: {
  registry: RegistryStore;
  feedStates: FeedStateStore;
  topics: { matcher(): Matcher };
  configFeeds: readonly FeedConfigLike[];
  settings: { allowPrivateNetworks?: readonly string[]; userAgent?: string };
}): { tools: ReturnType<typeof chatFeedTools>; close(): Promise<void> } {
  const allowPrivateNetworks = o.settings.allowPrivateNetworks ?? [];
  const fetcher = createFetcher({ allowPrivateNetworks, ...(o.settings.userAgent ? { userAgent: o.settings.userAgent } : {}), totalTimeoutMs: 20_000 });
  const sources = new FeedSources({ registry: o.registry, feedStates: o.feedStates, configFeeds: o.configFeeds, allowPrivateNetworks });
  return { tools: chatFeedTools({ fetcher, matcher: () => o.topics.matcher(), sources }), close: () => fetcher.close() };
}
