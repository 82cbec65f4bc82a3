// A subscription's own exclude: terms (config `subscriptions[].exclude`, `/subscribe … exclude
// WORDS`): an article with any of them is not sent to that chat. The terms are read by the same
// term parser and matcher as topic terms, so an Arabic word matches its analysed forms (العراقي
// also matches والعراقي) and `word*`, `=word` and phrases mean what they mean in a topic.
import type { Article, TopicDef } from '../core/types.ts';
import { TopicMatcher } from './matcher.ts';
import { parseTerm } from './query-parser.ts';

/** Most terms one subscription may exclude, and the longest term (a chat's filter, not a topic). */
export const MAX_EXCLUDE_TERMS = 50;
export const MAX_EXCLUDE_TERM_LENGTH = 100;

export type ExcludeCheck = { ok: true } | { ok: false; term: string; message: string };

/** Whether every term is one the matcher can read (the problem with the first that is not). */
export function checkExcludeTerms(terms: readonly string[]): ExcludeCheck {
  if (terms.length > MAX_EXCLUDE_TERMS) return { ok: false, term: terms[MAX_EXCLUDE_TERMS]!, message: `at most ${MAX_EXCLUDE_TERMS} terms` };
  for (const term of terms) {
    if (term.length > MAX_EXCLUDE_TERM_LENGTH) return { ok: false, term, message: `a term has at most ${MAX_EXCLUDE_TERM_LENGTH} characters` };
    const r = parseTerm(term);
    if (!r.ok) return { ok: false, term, message: r.problem.message };
  }
  return { ok: true };
}

// Compiled once per distinct term list: the router asks for every article of every poll.
const compiled = new Map<string, TopicMatcher>();
const CACHE_MAX = 500;

function matcherFor(terms: readonly string[]): TopicMatcher {
  const key = terms.join('\u0000');
  let m = compiled.get(key);
  if (m) return m;
  const def: TopicDef = {
    id: 'exclude',
    query: '',
    spec: { clauses: { exclude: { terms: terms.map((text) => ({ text })), clauses: [], notNear: [] } }, require: ['exclude'], any: [], exclude: [] },
  };
  m = new TopicMatcher([def]);
  if (compiled.size >= CACHE_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, m);
  return m;
}

/** True when the article has one of the terms (in its title or text); false for no terms. */
export function excludedBy(terms: readonly string[] | undefined, article: Pick<Article, 'title' | 'text' | 'summary'>): boolean {
  if (!terms || terms.length === 0) return false;
  return matcherFor(terms).match({ title: article.title, text: article.text || article.summary }).length > 0;
}
