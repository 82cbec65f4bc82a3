// Public API of the topics stage: query validation, compilation of all topics into one matcher,
// matching, and explanations for people tuning a topic. See query-parser.ts for the language.
import type { DetailedMatch, Match, TopicDef } from '../core/types.ts';
import { parseQuery } from './query-parser.ts';
import { TopicMatcher, type MatchInput } from './matcher.ts';
import { explainMatch, type TopicExplanation } from './explain.ts';
import type { QueryProblem } from './query-ast.ts';

export type { QueryProblem, QueryNode } from './query-ast.ts';
export { QUERY_LIMITS } from './query-ast.ts';
export { parseQuery, type ParseResult } from './query-parser.ts';
export type { MatchInput } from './matcher.ts';
export type { TopicExplanation, ClauseExplanation } from './explain.ts';
export { formatExplanation } from './explain.ts';

export interface Matcher {
  readonly topics: readonly TopicDef[];
  /** Topics the article matches, each with score, distinct terms and spans (UTF-16 offsets into the original fields). */
  match(doc: MatchInput): Match[];
  /** As match(), plus every place each clause of a structured topic held (clause, field, offsets, terms). */
  matchDetailed(doc: MatchInput): DetailedMatch[];
  /**
   * Per topic with at least one term in the article: whether it matched, which clauses held or
   * failed, and snippets around the matched terms.
   */
  explain(doc: MatchInput): TopicExplanation[];
}

/** The problem with a query (position and reason), or undefined when it is valid. */
export function validateQuery(query: string): QueryProblem | undefined {
  const r = parseQuery(query);
  return r.ok ? undefined : r.problem;
}

export { defaultTopics, defaultPackLayer } from './default-pack.ts';
export { buildTopics, type TopicLayer, type LayerProblem } from './topic-build.ts';
export { readTopicText, readTopicDocument } from './topic-read.ts';
export { lintVocabularies, type LintFinding } from './lint.ts';
export { renderSpec, renderClause } from './topic-render.ts';
export { readsFeed, describeScope, type FeedResolver } from './feed-scope.ts';

/**
 * Compiles all topics once (free queries and structured topics alike). Throws RaqibError `TOPIC_QUERY_INVALID` (with the topic id, position
 * and reason) for an invalid query and `TOPIC_DUPLICATE` for a repeated id; validate first with
 * validateQuery to report problems without throwing.
 */
export function compileTopics(defs: readonly TopicDef[]): Matcher {
  const m = new TopicMatcher(defs);
  return {
    topics: m.topics,
    match: (doc) => m.match(doc),
    matchDetailed: (doc) => m.matchDetailed(doc),
    explain: (doc) => explainMatch(m, doc),
  };
}
