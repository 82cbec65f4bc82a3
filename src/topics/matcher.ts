// Compiles all topics once into a shared term index and matches articles against it.
import { RaqibError, type ClauseHit, type DetailedMatch, type Field, type Match, type Span, type TopicDef } from '../core/types.ts';
import { tokenise, type Token } from '../text/tokenise.ts';
import { parseQuery } from './query-parser.ts';
import { compileSpec } from './compile-spec.ts';
import type { QueryNode } from './query-ast.ts';
import { compileNode, evaluate, holds, type CompiledNode, type SpanRef } from './evaluate.ts';
import { TermIndex, type Occurrence } from './term-index.ts';
import { topicRelevance } from './relevance.ts';
import { readsFeed } from './feed-scope.ts';
import { Prefilter } from './prefilter.ts';

export interface MatchInput {
  title: string;
  text: string;
  /** The article's feed: topics scoped to other feeds (feeds:, except_feeds:) are skipped. Absent: every topic. */
  feedId?: string;
}

export interface CompiledClause {
  name: string;
  node: CompiledNode;
}

export interface CompiledTopic {
  def: TopicDef;
  root: CompiledNode;
  /** A structured topic's clauses by name, in the order written (empty for a free query). */
  clauses: CompiledClause[];
}

/** An article after the text stage, plus the term occurrences found in it. */
export interface ScannedDoc {
  doc: MatchInput;
  tokens: Record<Field, Token[]>;
  occurrences: Map<number, Occurrence[]>;
  /** Indexes (into the topic list) of topics with an occurrence of one of their anchor terms. */
  candidates: number[];
}

const FIELDS: readonly Field[] = ['title', 'text'];

/** Title hits weigh more than body hits; each further distinct term adds; repeats add slowly. */
export function scoreSpans(spans: readonly SpanRef[]): number {
  const perTerm = new Map<string, { title: number; text: number }>();
  for (const s of spans) {
    const c = perTerm.get(s.term) ?? { title: 0, text: 0 };
    c[s.field]++;
    perTerm.set(s.term, c);
  }
  let score = 0;
  for (const c of perTerm.values()) {
    if (c.title > 0) score += 2;
    if (c.text > 0) score += Math.min(1 + 0.5 * Math.log2(c.text), 2.5);
  }
  return Math.round(score * 100) / 100;
}

/** Converts token-position spans to UTF-16 offsets into the original strings, deduplicated and sorted. */
export function toSpans(refs: readonly SpanRef[], tokens: Record<Field, Token[]>): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const r of refs) {
    const key = `${r.field}:${r.s}:${r.e}:${r.term}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const toks = tokens[r.field];
    out.push({ field: r.field, start: toks[r.s]!.start, end: toks[r.e - 1]!.end, term: r.term });
  }
  return out.sort((a, b) => (a.field === b.field ? a.start - b.start || a.end - b.end : a.field === 'title' ? -1 : 1));
}

/**
 * Terms of which at least one must occur for the query to hold: the union over OR, the smallest
 * side of AND and NEAR, nothing from NOT. Only these terms make a topic a candidate, so a topic
 * like `(a OR b) NEAR/5 c` is evaluated only for articles containing c. Undefined when the node
 * alone gives no guarantee (a NOT).
 */
export function anchorTerms(n: CompiledNode): Set<number> | undefined {
  switch (n.kind) {
    case 'term':
      return new Set([n.termId]);
    case 'or': {
      const out = new Set<number>();
      for (const c of n.children) {
        const a = anchorTerms(c);
        if (!a) return undefined;
        for (const t of a) out.add(t);
      }
      return out;
    }
    case 'and':
      return smallest(n.children.map(anchorTerms));
    case 'near':
      return n.negated ? anchorTerms(n.left) : smallest([anchorTerms(n.left), anchorTerms(n.right)]);
    case 'atleast':
      return anchorTerms(n.child);
    case 'not':
      return undefined;
  }
}

function smallest(sets: (Set<number> | undefined)[]): Set<number> | undefined {
  let best: Set<number> | undefined;
  for (const s of sets) if (s && (!best || s.size < best.size)) best = s;
  return best;
}

export class TopicMatcher {
  readonly topics: readonly TopicDef[];
  readonly compiled: readonly CompiledTopic[];
  private readonly index = new TermIndex();
  /** Per term id: indexes of the topics that use it. */
  private readonly topicsByTerm: number[][] = [];
  /** Per topic: the number of the last scan that made it a candidate. */
  private readonly seen: Uint32Array;
  private scanStamp = 0;
  /** Per topic: the terms its query needs, checked before the query is walked. */
  private readonly prefilter: Prefilter;

  constructor(defs: readonly TopicDef[]) {
    const ids = new Set<string>();
    const compiled: CompiledTopic[] = [];
    defs.forEach((def, t) => {
      if (ids.has(def.id)) throw new RaqibError('TOPIC_DUPLICATE', `topic "${def.id}" is defined twice`);
      ids.add(def.id);
      const { root: ast, clauses } = topicAst(def);
      const termId = (leaf: Extract<QueryNode, { kind: 'term' }>) => this.index.addTerm(leaf.words, leaf.field);
      const root = compileNode(ast, termId);
      // The parser refuses queries that could hold without any term, so there are anchors.
      for (const id of anchorTerms(root) ?? []) {
        const users = (this.topicsByTerm[id] ??= []);
        if (users[users.length - 1] !== t) users.push(t);
      }
      compiled.push({ def, root, clauses: clauses.map(([name, node]) => ({ name, node: compileNode(node, termId) })) });
    });
    this.topics = defs;
    this.compiled = compiled;
    this.seen = new Uint32Array(defs.length);
    this.prefilter = new Prefilter(compiled.map((c) => c.root));
  }

  /** Text stage + index scan: tokens, term occurrences and candidate topics. */
  scan(doc: MatchInput): ScannedDoc {
    const tokens = { title: tokenise(doc.title ?? ''), text: tokenise(doc.text ?? '') };
    const occurrences = new Map<number, Occurrence[]>();
    for (const f of FIELDS) this.index.scan(f, tokens[f], occurrences);
    // Deduplicate candidates with a per-topic stamp instead of a Set: no allocation per topic.
    if (this.scanStamp === 0xffffffff) {
      this.seen.fill(0);
      this.scanStamp = 0;
    }
    const stamp = ++this.scanStamp;
    const candidates: number[] = [];
    for (const term of occurrences.keys()) {
      const users = this.topicsByTerm[term];
      if (users === undefined) continue;
      for (const t of users) {
        if (this.seen[t] === stamp) continue;
        this.seen[t] = stamp;
        candidates.push(t);
      }
    }
    return { doc, tokens, occurrences, candidates: candidates.sort((a, b) => a - b) };
  }

  match(doc: MatchInput): Match[] {
    return this.matchDetailed(doc).map(({ id, score, terms, spans }) => ({ id, score, terms, spans }));
  }

  /** As match(), plus where each clause of a structured topic held. */
  matchDetailed(doc: MatchInput): DetailedMatch[] {
    const scanned = this.scan(doc);
    const out: DetailedMatch[] = [];
    for (const t of scanned.candidates) {
      const topic = this.compiled[t]!;
      if (doc.feedId !== undefined && !readsFeed(topic.def, doc.feedId)) continue;
      if (!this.prefilter.mayHold(t, scanned.occurrences) || !holds(topic.root, scanned.occurrences)) continue;
      const r = evaluate(topic.root, scanned.occurrences);
      if (!r.ok) continue;
      const spans = toSpans(r.spans, scanned.tokens);
      const terms = [...new Set(spans.map((s) => s.term))];
      const clauses = clauseHits(topic, scanned);
      const spec = topic.def.spec;
      if (!spec) {
        out.push({ id: topic.def.id, score: scoreSpans(r.spans), terms, spans, clauses });
        continue;
      }
      // A structured topic is decided by where its clauses held, not only whether (relevance.ts).
      const rel = topicRelevance(spec, clauses, doc.text ?? '');
      if (!rel.relevant) continue;
      const relevance = { score: rel.score, threshold: rel.threshold, parts: { ...rel.parts } };
      out.push({ id: topic.def.id, score: rel.score, terms, spans, clauses, relevance });
    }
    return out;
  }
}

/** The query AST of a topic: its free query, or its compiled clauses and condition. */
function topicAst(def: TopicDef): { root: QueryNode; clauses: [string, QueryNode][] } {
  if (def.spec) {
    const r = compileSpec(def.spec);
    if (!r.ok) {
      const p = r.problems[0]!;
      const where = p.term ? `, term "${p.term.text}"${p.term.vocab ? ` (vocabulary ${p.term.vocab})` : ''}` : p.inQuery ? ', query' : '';
      throw new RaqibError('TOPIC_QUERY_INVALID', `topic "${def.id}": clause "${p.clause}"${where}: ${p.message} at position ${p.position}`);
    }
    return { root: r.compiled.root, clauses: [...r.compiled.clauses] };
  }
  const parsed = parseQuery(def.query);
  if (!parsed.ok) {
    const p = parsed.problem;
    throw new RaqibError('TOPIC_QUERY_INVALID', `topic "${def.id}": query error at position ${p.position}: ${p.message}`);
  }
  return { root: parsed.ast, clauses: [] };
}

/** Every place each clause held, in clause order, as offsets into the original fields. */
export function clauseHits(topic: CompiledTopic, scanned: ScannedDoc): ClauseHit[] {
  const out: ClauseHit[] = [];
  for (const c of topic.clauses) {
    const r = evaluate(c.node, scanned.occurrences);
    if (!r.ok) continue;
    // A combination (a query with AND/NOT) has no places of its own: report its terms' places.
    const places = r.occ.length > 0 ? r.occ : r.spans.map((s) => ({ ...s, spans: [s] }));
    for (const o of places) {
      const toks = scanned.tokens[o.field];
      if (o.e <= o.s) continue;
      out.push({ clause: c.name, field: o.field, start: toks[o.s]!.start, end: toks[o.e - 1]!.end, terms: [...new Set(o.spans.map((s) => s.term))] });
    }
  }
  return out;
}
