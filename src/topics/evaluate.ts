// Evaluates one compiled topic query against the term occurrences found in an article.
// Positional nodes (terms, phrases, OR-groups of them, NEAR) carry their occurrences so NEAR can
// test distances; boolean nodes only carry the spans that made them true (for highlighting).
import type { Field } from '../core/types.ts';
import type { QueryNode } from './query-ast.ts';
import type { Occurrence } from './term-index.ts';

/** A query node with each term resolved to its id in the shared term index. */
export type CompiledNode =
  | { kind: 'term'; termId: number; text: string; field?: Field; start: number; end: number }
  | { kind: 'and' | 'or'; children: CompiledNode[]; start: number; end: number }
  | { kind: 'not'; child: CompiledNode; start: number; end: number }
  | { kind: 'atleast'; count: number; child: CompiledNode; start: number; end: number }
  | { kind: 'near'; distance: number; ordered: boolean; negated: boolean; left: CompiledNode; right: CompiledNode; start: number; end: number };

export function compileNode(n: QueryNode, termId: (words: Extract<QueryNode, { kind: 'term' }>) => number): CompiledNode {
  switch (n.kind) {
    case 'term':
      return { kind: 'term', termId: termId(n), text: n.text, field: n.field, start: n.start, end: n.end };
    case 'and':
    case 'or':
      return { kind: n.kind, children: n.children.map((c) => compileNode(c, termId)), start: n.start, end: n.end };
    case 'not':
      return { kind: 'not', child: compileNode(n.child, termId), start: n.start, end: n.end };
    case 'atleast':
      return { kind: 'atleast', count: n.count, child: compileNode(n.child, termId), start: n.start, end: n.end };
    case 'near':
      return {
        kind: 'near',
        distance: n.distance,
        ordered: n.ordered,
        negated: n.negated,
        left: compileNode(n.left, termId),
        right: compileNode(n.right, termId),
        start: n.start,
        end: n.end,
      };
  }
}

/** A matched term: token positions [s, e) in a field, and the term as written in the query. */
export interface SpanRef extends Occurrence {
  term: string;
}

interface Positioned extends Occurrence {
  spans: SpanRef[];
}

export interface EvalResult {
  ok: boolean;
  /** Occurrences, for positional nodes. */
  occ: Positioned[];
  /** Spans that made the node true (empty when false). */
  spans: SpanRef[];
}

const FALSE: EvalResult = { ok: false, occ: [], spans: [] };

/**
 * How many separate places these occurrences cover: the most occurrences that do not overlap
 * (same field, token ranges disjoint). One mention reached by two OR-branches, or a NEAR that
 * starts at its partner word, must count once, so ATLEAST/2 means "told twice".
 */
export function countPlaces(occ: readonly Occurrence[], enough = Infinity): number {
  if (occ.length < 2) return occ.length;
  const sorted = [...occ].sort((a, b) => (a.field === b.field ? a.e - b.e : a.field < b.field ? -1 : 1));
  let count = 0;
  let field: string | undefined;
  let lastEnd = -1;
  for (const o of sorted) {
    if (o.field !== field) {
      field = o.field;
      lastEnd = -1;
    }
    if (o.s >= lastEnd) {
      count++;
      lastEnd = o.e;
      if (count >= enough) break;
    }
  }
  return count;
}
/** Bounds the pairwise NEAR work on adversarial input (a term repeated thousands of times). */
const MAX_NEAR_SIDE = 500;

/**
 * For `a NOT NEAR/n b`: does b spoil a? Besides a b within n tokens, a b that shares words with a
 * does: one lying inside a's span ("the US does not withdraw": the span runs from US to withdraw
 * and holds the "not"), or one running over its edge (a faction that ends "the killing of a Nujaba
 * commander" is the victim, not the actor, of the act next to it). The very same span does not.
 */
function spoils(a: Occurrence, b: Occurrence, n: number, ordered: boolean): boolean {
  if (b.field === a.field && b.s < a.e && a.s < b.e && (b.s !== a.s || b.e !== a.e)) return true;
  return partner(a, b, n, ordered) > 0;
}

/** Tokens from the end of one occurrence to the start of the other (adjacent = 1); -1 if they overlap. */
function distance(a: Occurrence, b: Occurrence): number {
  if (b.s >= a.e) return b.s - a.e + 1;
  if (a.s >= b.e) return a.s - b.e + 1;
  return -1;
}

/** Does b qualify as a's partner: within n tokens (and after a when ordered)? Overlap never does. */
function partner(a: Occurrence, b: Occurrence, n: number, ordered: boolean): number {
  if (b.field !== a.field) return -1;
  if (ordered && b.s < a.e) return -1;
  const d = distance(a, b);
  return d >= 1 && d <= n ? d : -1;
}

/** a's nearest partner among bs (the first of equals), if any is within n tokens. */
function nearest<T extends Occurrence>(a: Occurrence, bs: readonly T[], n: number, ordered: boolean): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const b of bs) {
    const d = partner(a, b, n, ordered);
    if (d > 0 && d < bestD) {
      best = b;
      bestD = d;
    }
  }
  return best;
}

/** `near`: left occurrences with a right one within the distance (or, negated, with none). */
function evaluateNear(n: Extract<CompiledNode, { kind: 'near' }>, occurrences: ReadonlyMap<number, Occurrence[]>): EvalResult {
  const left = evaluate(n.left, occurrences);
  if (!left.ok) return FALSE;
  const right = evaluate(n.right, occurrences);
  if (n.negated) {
    // Keep the left occurrences that have no right occurrence close by.
    const rs = right.occ.slice(0, MAX_NEAR_SIDE);
    const kept = left.occ.slice(0, MAX_NEAR_SIDE).filter((a) => !rs.some((b) => spoils(a, b, n.distance, n.ordered)));
    return kept.length > 0 ? { ok: true, occ: kept, spans: kept.flatMap((o) => o.spans) } : FALSE;
  }
  if (!right.ok) return FALSE;
  const occ: Positioned[] = [];
  const rs = right.occ.slice(0, MAX_NEAR_SIDE);
  for (const a of left.occ.slice(0, MAX_NEAR_SIDE)) {
    const best = nearest(a, rs, n.distance, n.ordered);
    if (best) occ.push({ field: a.field, s: Math.min(a.s, best.s), e: Math.max(a.e, best.e), spans: [...a.spans, ...best.spans] });
  }
  return occ.length > 0 ? { ok: true, occ, spans: occ.flatMap((o) => o.spans) } : FALSE;
}

export function evaluate(n: CompiledNode, occurrences: ReadonlyMap<number, Occurrence[]>): EvalResult {
  switch (n.kind) {
    case 'term': {
      const all = occurrences.get(n.termId);
      if (!all) return FALSE;
      const occ: Positioned[] = [];
      for (const o of all) {
        if (n.field && o.field !== n.field) continue;
        occ.push({ field: o.field, s: o.s, e: o.e, spans: [{ field: o.field, s: o.s, e: o.e, term: n.text }] });
      }
      return occ.length > 0 ? { ok: true, occ, spans: occ.flatMap((o) => o.spans) } : FALSE;
    }
    case 'or': {
      const parts = n.children.map((c) => evaluate(c, occurrences)).filter((r) => r.ok);
      if (parts.length === 0) return FALSE;
      return { ok: true, occ: parts.flatMap((p) => p.occ), spans: parts.flatMap((p) => p.spans) };
    }
    case 'and': {
      const spans: SpanRef[] = [];
      for (const c of n.children) {
        const r = evaluate(c, occurrences);
        if (!r.ok) return FALSE;
        spans.push(...r.spans);
      }
      return { ok: true, occ: [], spans };
    }
    case 'not':
      return evaluate(n.child, occurrences).ok ? FALSE : { ok: true, occ: [], spans: [] };
    case 'atleast': {
      const r = evaluate(n.child, occurrences);
      return countPlaces(r.occ, n.count) >= n.count ? r : FALSE;
    }
    case 'near':
      return evaluateNear(n, occurrences);
  }
}

const NONE: Occurrence[] = [];

/** The first MAX_NEAR_SIDE occurrences, without copying in the usual case of fewer. */
function capped(occ: Occurrence[]): Occurrence[] {
  return occ.length > MAX_NEAR_SIDE ? occ.slice(0, MAX_NEAR_SIDE) : occ;
}

/**
 * Positions only (no spans): the fast path that decides whether a candidate topic holds before
 * any span is built. Most candidates fail, so this keeps their cost to a few array walks.
 */
function positions(n: CompiledNode, occurrences: ReadonlyMap<number, Occurrence[]>): Occurrence[] {
  switch (n.kind) {
    case 'term': {
      const all = occurrences.get(n.termId);
      if (!all) return NONE;
      return n.field ? all.filter((o) => o.field === n.field) : all;
    }
    case 'or': {
      let out: Occurrence[] = NONE;
      for (const c of n.children) {
        const p = positions(c, occurrences);
        if (p.length > 0) out = out.length === 0 ? p : out.concat(p);
      }
      return out;
    }
    case 'near': {
      const left = positions(n.left, occurrences);
      if (left.length === 0) return NONE;
      const right = capped(positions(n.right, occurrences));
      const ls = capped(left);
      if (n.negated) return ls.filter((a) => !right.some((b) => spoils(a, b, n.distance, n.ordered)));
      const out: Occurrence[] = [];
      for (const a of ls) {
        // The nearest partner, as evaluate() picks it, so chained NEARs measure the same spans.
        const best = nearest(a, right, n.distance, n.ordered);
        if (best) out.push({ field: a.field, s: Math.min(a.s, best.s), e: Math.max(a.e, best.e) });
      }
      return out;
    }
    case 'atleast': {
      const p = positions(n.child, occurrences);
      return countPlaces(p, n.count) >= n.count ? p : NONE;
    }
    default:
      return holds(n, occurrences) ? [{ field: 'text', s: 0, e: 0 }] : NONE;
  }
}

/** Whether a NEAR holds: positions(n) is not empty, without building it. */
function nearHolds(n: Extract<CompiledNode, { kind: 'near' }>, occurrences: ReadonlyMap<number, Occurrence[]>): boolean {
  const left = positions(n.left, occurrences);
  if (left.length === 0) return false;
  const right = capped(positions(n.right, occurrences));
  const ls = capped(left);
  if (n.negated) return ls.some((a) => !right.some((b) => spoils(a, b, n.distance, n.ordered)));
  return ls.some((a) => right.some((b) => partner(a, b, n.distance, n.ordered) > 0));
}

/** Whether the query holds on these occurrences (same answer as evaluate(n).ok, cheaper). */
export function holds(n: CompiledNode, occurrences: ReadonlyMap<number, Occurrence[]>): boolean {
  switch (n.kind) {
    case 'and':
      return n.children.every((c) => holds(c, occurrences));
    case 'or':
      return n.children.some((c) => holds(c, occurrences));
    case 'not':
      return !holds(n.child, occurrences);
    case 'term': {
      // Most candidates are decided here: no filtered copy of the occurrences, only a look.
      const all = occurrences.get(n.termId);
      if (all === undefined) return false;
      return n.field === undefined ? all.length > 0 : all.some((o) => o.field === n.field);
    }
    case 'near':
      return nearHolds(n, occurrences);
    case 'atleast':
      return positions(n, occurrences).length > 0;
  }
}
