// A folder to run `raqib digest` / `raqib trend` in: a SQLite store holding sample articles (moved
// in time so that their fixed dates end "now") and a raqib.yaml with the given topics. The CLI
// contract tests share it so that each says only which topics and articles it needs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredArticle } from '../../../src/core/types.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { ArticleStore } from '../../../src/store/article-store.ts';
import { StoryIndex } from '../../../src/stories/story-index.ts';
import { tempDir } from '../../helpers/stores.ts';

export interface CliStore {
  dir: { dir: string; remove(): void };
  /** RAQIB_STORE and RAQIB_CONFIG for the folder, logs silent. */
  env: NodeJS.ProcessEnv;
}

export async function openCliStore(o: {
  /** Topic entries of raqib.yaml, one flow mapping each: `{ id: iraq, query: "Iraq" }`. */
  topics: string[];
  articles: StoredArticle[];
  /** The fixed instant the samples are dated relative to. */
  datedAt: number;
  /** Put each article in a story first (what the digest groups by). */
  assignStories?: boolean;
}): Promise<CliStore> {
  const dir = tempDir();
  const url = `sqlite://${join(dir.dir, 'raqib.sqlite')}`;
  const config = join(dir.dir, 'raqib.yaml');
  writeFileSync(config, ['topics:', ...o.topics.map((t) => `  - ${t}`), ''].join('\n'));
  const env = { LOG_LEVEL: 'silent', RAQIB_STORE: url, RAQIB_CONFIG: config };
  const store = await openStore(url);
  const articles = new ArticleStore(store);
  const stories = o.assignStories ? new StoryIndex(store) : undefined;
  // The samples are dated relative to a fixed instant: move them to "now".
  const shift = Date.now() - o.datedAt;
  for (const s of o.articles) {
    s.article.published = new Date(Date.parse(s.article.published) + shift).toISOString();
    if (stories) s.storyId = (await stories.assign(s)).storyId;
    await articles.put(s);
  }
  await store.close();
  return { dir, env };
}
