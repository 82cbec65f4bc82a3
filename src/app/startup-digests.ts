// What the console shows at start, before the first command: every feed ingested once, then one
// digest per topic over the last week, then a hint. Only the console platform wants this.
import type { Writable } from 'node:stream';
import type { Logger } from '../log.ts';
import type { FeedCatalog } from './feed-catalog.ts';
import type { FeedPoller } from './feed-poller.ts';
import type { TopicCatalog } from './topic-catalog.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { buildDigest, renderText } from '../digest/index.ts';

const WEEK_MS = 7 * 86_400_000;

export interface StartupDigestDeps {
  out: Writable;
  feeds: FeedCatalog;
  poller: FeedPoller;
  topics: TopicCatalog;
  articles: ArticleStore;
  stories: StoryIndex;
  maxStories: number;
  log: Logger;
  now?: () => number;
}

export async function printStartupDigests(d: StartupDigestDeps): Promise<void> {
  for (const feed of await d.feeds.list()) {
    // Stored only: the first look is shown here, not sent as alerts.
    const r = await d.poller.poll(feed, { force: true }, false);
    d.log.info({ feed: feed.id, status: r.status, new: r.newItems, ...(r.error ? { error: r.error } : {}) }, 'feed ingested');
  }
  const now = (d.now ?? Date.now)();
  const feedName = (id: string) => d.feeds.nameOf(id);
  for (const t of d.topics.list()) {
    const digest = await buildDigest({
      topics: [t.id],
      sinceMs: now - WEEK_MS,
      untilMs: now,
      maxStories: d.maxStories,
      articles: d.articles,
      stories: d.stories,
      topicDefs: d.topics.list(),
      feedName,
    });
    d.out.write(`${renderText(digest)}\n\n`);
  }
  d.out.write('Type a command, e.g. /digest iraq, /topics or /help.\n');
}
