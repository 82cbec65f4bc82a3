// The parsed form of a topic query. Every node keeps the [start, end) of its source text so that
// errors and explanations can point back into the query as the user wrote it.
import type { Field } from '../core/types.ts';

export interface QueryWord {
  /** Stemmed key (exact word match), see src/text/tokenise.ts. */
  key: string;
  /** Unstemmed form; used when `prefix` (trailing `*`) or `exact` (leading `=`) is set. */
  form: string;
  prefix: boolean;
  /** `=word`: only the unstemmed word (attached Arabic prefixes still allowed), no inflections. */
  exact?: boolean;
}

interface NodeBase {
  /** Source range in the query string (UTF-16 offsets). */
  start: number;
  end: number;
}

/** A word or an exact phrase (several words in a row). */
export interface TermNode extends NodeBase {
  kind: 'term';
  /** As written, without quotes (kept for spans and explanations). */
  text: string;
  words: QueryWord[];
  /** Set by `title:`; undefined means title or text. */
  field?: Field;
}

export interface AndNode extends NodeBase {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode extends NodeBase {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode extends NodeBase {
  kind: 'not';
  child: QueryNode;
}

/**
 * `a NEAR/n b`: both sides within n tokens of each other, in either order, in the same field.
 * `a BEFORE/n b` (ordered): a ends before b starts, within n tokens.
 * `a NOT NEAR/n b`, `a NOT BEFORE/n b` (negated): occurrences of a without such a b.
 */
export interface NearNode extends NodeBase {
  kind: 'near';
  distance: number;
  ordered: boolean;
  negated: boolean;
  left: QueryNode;
  right: QueryNode;
}

/** `ATLEAST/n x`: x (a positional expression) occurs at n or more distinct places. */
export interface AtLeastNode extends NodeBase {
  kind: 'atleast';
  count: number;
  child: QueryNode;
}

export type QueryNode = TermNode | AndNode | OrNode | NotNode | NearNode | AtLeastNode;

export interface QueryProblem {
  /** 0-based character offset into the query. */
  position: number;
  message: string;
}

/** Limits that keep a pathological query from costing memory or time; see query-parser.ts. */
export const QUERY_LIMITS = {
  /** Characters in one query. */
  maxLength: 20_000,
  /** Terms and phrases in one query. */
  maxTerms: 1_000,
  /** Nesting of parentheses and NOT. */
  maxDepth: 16,
  /** Words in one phrase. */
  maxPhraseWords: 12,
  /** Largest n in NEAR/n. */
  maxNear: 1_000,
} as const;

/** True when the node yields positions (term, phrase, OR of such, NEAR), which NEAR needs. */
export function isPositional(n: QueryNode): boolean {
  if (n.kind === 'term' || n.kind === 'near' || n.kind === 'atleast') return true;
  if (n.kind === 'or') return n.children.every(isPositional);
  return false;
}

/** Every term leaf of a query, in source order. */
export function leaves(n: QueryNode, out: TermNode[] = []): TermNode[] {
  switch (n.kind) {
    case 'term':
      out.push(n);
      break;
    case 'and':
    case 'or':
      for (const c of n.children) leaves(c, out);
      break;
    case 'not':
    case 'atleast':
      leaves(n.child, out);
      break;
    case 'near':
      leaves(n.left, out);
      leaves(n.right, out);
      break;
  }
  return out;
}
