// Shared by the story tests: reports as stored articles (each test brings its own wording) and a
// StoryIndex over a fresh in-memory store for every test, so that no story carries over.
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../../src/store/open-store.ts';
import { StoryIndex } from '../../../src/stories/story-index.ts';
import type { Lang, StoredArticle } from '../../../src/core/types.ts';

export interface ReportText {
  title: string;
  text: string;
  published: string;
  /** Default 'en'. */
  lang?: Lang;
  /** Default: an outlet of its own. */
  feed?: string;
  /** Default ['militia-threats']. */
  topics?: string[];
}

/**
 * A maker of reports numbered `${prefix}1`, `${prefix}2`, … (a file's own prefix keeps ids apart),
 * each from its own outlet unless `feed` names one, matched to its topics with no terms.
 */
export function reportMaker(prefix: string): (o: ReportText) => StoredArticle {
  let n = 0;
  return (o) => {
    const id = `${prefix}${++n}`;
    return {
      article: {
        id,
        feedId: o.feed ?? `outlet-${n}`,
        url: `https://outlet-${n}.example/${id}`,
        title: o.title,
        summary: '',
        text: o.text,
        lang: o.lang ?? 'en',
        published: o.published,
        fetchedAt: o.published,
      },
      matches: (o.topics ?? ['militia-threats']).map((t) => ({ id: t, score: 1, terms: [], spans: [] })),
    };
  };
}

/** Before each test of the calling file, hands `use` a StoryIndex over a fresh in-memory store; closes it after. */
export function freshStoryIndexEachTest(use: (idx: StoryIndex) => void): void {
  let store: Store;
  beforeEach(async () => {
    store = await openStore('sqlite://:memory:');
    use(new StoryIndex(store));
  });
  afterEach(async () => {
    await store.close();
  });
}
