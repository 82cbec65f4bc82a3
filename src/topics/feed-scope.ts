// Per-feed scope of a topic: `feeds:` (read only these feeds) or `except_feeds:` (all but these).
// The topic file names feeds as people know them (name, id or URL); the config resolves each to a
// feed id when it loads, so an unknown feed is a config error with its line, never a silent
// scope that matches nothing.
import type { FeedScope, TopicDef } from '../core/types.ts';

/** The feed id a reference (name, id or URL as written in the topic file) means, if any. */
export type FeedResolver = (ref: string) => string | undefined;

/** Whether the topic reads articles of this feed. */
export function readsFeed(def: Pick<TopicDef, 'feedScope'>, feedId: string): boolean {
  const scope = def.feedScope;
  if (!scope) return true;
  const listed = scope.feeds.some((f) => f.id === feedId);
  return scope.kind === 'only' ? listed : !listed;
}

/** "only: Reuters, BBC" / "all but: Example" for `raqib check`. */
export function describeScope(scope: FeedScope | undefined): string | undefined {
  if (!scope) return undefined;
  const refs = scope.feeds.map((f) => f.ref).join(', ');
  return scope.kind === 'only' ? `feeds: ${refs}` : `all feeds except: ${refs}`;
}
