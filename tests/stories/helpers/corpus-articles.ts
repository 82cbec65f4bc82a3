// The same-story corpus as stored articles (matched to `iraq`), for the story index tests.
import type { StoredArticle } from '../../../src/core/types.ts';
import { CORPUS, type CorpusArticle } from '../fixtures/same-story-corpus.ts';

export function storedOf(c: CorpusArticle, published = c.published): StoredArticle {
  return {
    article: {
      id: c.key,
      feedId: c.outlet,
      url: `https://${c.outlet}.example/${c.key}`,
      title: c.title,
      summary: '',
      text: c.text,
      lang: c.lang,
      published,
      fetchedAt: published,
    },
    matches: [{ id: 'iraq', score: 1, terms: ['iraq'], spans: [] }],
  };
}

export const byKey = (k: string): CorpusArticle => CORPUS.find((c) => c.key === k)!;
