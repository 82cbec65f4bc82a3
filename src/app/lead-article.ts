// A story's lead article, for the feedback buttons and the suggestions drawn from them.
import type { StoredArticle } from '../core/types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';

/** The story's lead article: the story index's first article, or the id the story id was made from. */
export async function leadArticle(deps: { articles: ArticleStore; stories?: StoryIndex | undefined }, story: string): Promise<StoredArticle | undefined> {
  const rec = deps.stories ? await deps.stories.get(story) : undefined;
  const id = rec?.firstArticleId ?? (/^[sw]-/.test(story) ? story.slice(2) : story);
  return deps.articles.get(id);
}
