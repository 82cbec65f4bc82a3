// PLACEHOLDER (foundation): plain OR-ed terms, case-insensitive. The topics issue replaces this
// module with the query language and the Arabic-aware matcher; the exported API stays.
import type { Match, Span, TopicDef } from '../core/types.ts';

export interface QueryProblem {
  /** 0-based character offset into the query. */
  position: number;
  message: string;
}

export interface MatchInput {
  title: string;
  text: string;
}

export interface Matcher {
  readonly topics: readonly TopicDef[];
  match(doc: MatchInput): Match[];
}

function terms(query: string): string[] {
  return query
    .split(/\s+OR\s+|[()"]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export function validateQuery(query: string): QueryProblem | undefined {
  let depth = 0;
  for (let i = 0; i < query.length; i++) {
    if (query[i] === '(') depth++;
    if (query[i] === ')' && --depth < 0) return { position: i, message: 'unexpected ")"' };
  }
  if (depth !== 0) return { position: query.length, message: 'unbalanced parenthesis' };
  if (terms(query).length === 0) return { position: 0, message: 'empty query' };
  return undefined;
}

export function compileTopics(defs: readonly TopicDef[]): Matcher {
  const compiled = defs.map((d) => ({ id: d.id, terms: terms(d.query).map((t) => t.toLowerCase()) }));
  return {
    topics: defs,
    match(doc) {
      const out: Match[] = [];
      for (const t of compiled) {
        const spans: Span[] = [];
        for (const field of ['title', 'text'] as const) {
          const hay = doc[field].toLowerCase();
          for (const term of t.terms) {
            const at = hay.indexOf(term);
            if (at >= 0) spans.push({ field, start: at, end: at + term.length, term });
          }
        }
        if (spans.length > 0) {
          const found = [...new Set(spans.map((s) => s.term))];
          out.push({ id: t.id, score: spans.length, terms: found, spans });
        }
      }
      return out;
    },
  };
}
