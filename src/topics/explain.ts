// Explanations for people tuning a topic: for every topic with at least one term in the article,
// which top-level clauses held or failed, where, and the text around the matched terms.
import type { Field, Span } from '../core/types.ts';
import type { TopicSpec } from '../core/types.ts';
import { evaluate, type CompiledNode } from './evaluate.ts';
import { clauseHits, scoreSpans, toSpans, type CompiledTopic, type MatchInput, type ScannedDoc, type TopicMatcher } from './matcher.ts';
import { topicRelevance } from './relevance.ts';
import { renderClause } from './topic-render.ts';

/**
 * What the condition of a structured topic does with a clause; `echo` and `against` are its roles in
 * the relevance score; `part` = used inside other clauses or only informative.
 */
export type ClauseRole = 'require' | 'any' | 'exclude' | 'echo' | 'against' | 'background' | 'part';

export interface ClauseExplanation {
  /** The clause's name (structured topics). */
  name?: string;
  role?: ClauseRole;
  /** The clause as written in the query, or a short rendering of a named clause. */
  clause: string;
  /** The clause is an exclusion (NOT / -term). */
  negated: boolean;
  /** Whether the clause held (for an exclusion: the excluded terms were absent). */
  held: boolean;
  /** Fields where its terms matched. */
  fields: Field[];
  /** Text around the first matched terms, with the terms marked «like this». */
  snippets: string[];
  spans: Span[];
}

export interface TopicExplanation {
  id: string;
  matched: boolean;
  score: number;
  terms: string[];
  clauses: ClauseExplanation[];
  /** A structured topic with a threshold: the relevance score, its parts, and whether it was enough. */
  relevance?: { score: number; threshold: number; relevant: boolean; parts: Record<string, number> };
}

const CONTEXT = 50;
const MAX_SNIPPETS = 2;

/** A one-line excerpt around a span, whitespace collapsed, the span marked «…». */
export function snippet(text: string, span: Span): string {
  const from = Math.max(0, span.start - CONTEXT);
  const to = Math.min(text.length, span.end + CONTEXT);
  const body = `${text.slice(from, span.start)}«${text.slice(span.start, span.end)}»${text.slice(span.end, to)}`;
  return `${from > 0 ? '…' : ''}${body.replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function clausesOf(root: CompiledNode): CompiledNode[] {
  return root.kind === 'and' ? root.children : [root];
}

function roleOf(spec: TopicSpec, name: string): ClauseRole {
  if (spec.require.includes(name)) return 'require';
  if (spec.exclude.includes(name)) return 'exclude';
  if (spec.any.some((e) => (typeof e === 'string' ? e === name : e.includes(name)))) return 'any';
  if (spec.echo?.includes(name)) return 'echo';
  if (spec.against?.includes(name)) return 'against';
  if (spec.background?.includes(name)) return 'background';
  return 'part';
}

function explainClause(node: CompiledNode, negated: boolean, scanned: ScannedDoc, doc: MatchInput): Omit<ClauseExplanation, 'clause'> {
  const r = evaluate(node, scanned.occurrences);
  // For an exclusion, show what was found (the reason it failed), if anything.
  const spans = toSpans(r.spans, scanned.tokens);
  return {
    negated,
    held: negated ? !r.ok : r.ok,
    fields: [...new Set(spans.map((s) => s.field))],
    snippets: spans.slice(0, MAX_SNIPPETS).map((s) => snippet(doc[s.field] ?? '', s)),
    spans,
  };
}

function clauseExplanations(topic: CompiledTopic, scanned: ScannedDoc, doc: MatchInput): ClauseExplanation[] {
  const spec = topic.def.spec;
  if (spec && topic.clauses.length > 0) {
    return topic.clauses.map((c) => {
      const role = roleOf(spec, c.name);
      const clause = renderClause(c.name, spec.clauses[c.name]!).slice(c.name.length + 2);
      return { name: c.name, role, clause, ...explainClause(c.node, role === 'exclude', scanned, doc) };
    });
  }
  return clausesOf(topic.root).map((c) => {
    const negated = c.kind === 'not';
    return { clause: topic.def.query.slice(c.start, c.end), ...explainClause(negated ? c.child : c, negated, scanned, doc) };
  });
}

/** The relevance of a structured topic with a threshold whose condition held (as the matcher decides it). */
function relevanceOf(topic: CompiledTopic, scanned: ScannedDoc, doc: MatchInput, held: boolean): TopicExplanation['relevance'] {
  const spec = topic.def.spec;
  if (!held || spec?.threshold === undefined) return undefined;
  const r = topicRelevance(spec, clauseHits(topic, scanned), doc.text ?? '');
  return { score: r.score, threshold: r.threshold, relevant: r.relevant, parts: { ...r.parts } };
}

export function explainMatch(m: TopicMatcher, doc: MatchInput): TopicExplanation[] {
  const scanned = m.scan(doc);
  const out: TopicExplanation[] = [];
  for (const t of scanned.candidates) {
    const topic = m.compiled[t]!;
    const whole = evaluate(topic.root, scanned.occurrences);
    const spans = whole.ok ? toSpans(whole.spans, scanned.tokens) : [];
    const relevance = relevanceOf(topic, scanned, doc, whole.ok);
    out.push({
      id: topic.def.id,
      matched: whole.ok && (relevance?.relevant ?? true),
      score: !whole.ok ? 0 : relevance ? relevance.score : scoreSpans(whole.spans),
      terms: [...new Set(spans.map((s) => s.term))],
      clauses: clauseExplanations(topic, scanned, doc),
      ...(relevance ? { relevance } : {}),
    });
  }
  return out;
}

const MAX_CLAUSE = 160;

/** A clause on one line: whitespace collapsed, long clauses cut in the middle of nowhere important. */
function oneLine(clause: string): string {
  const flat = clause.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CLAUSE ? `${flat.slice(0, MAX_CLAUSE - 1)}…` : flat;
}

/** "title 3 + lead 2 + body 0 + spread 1.5 + against 0": the parts of a relevance score. */
function formatParts(parts: Record<string, number>): string {
  return Object.entries(parts)
    .map(([k, v]) => `${k} ${v}`)
    .join(' + ');
}

/** Human-readable explanation block for one article (used by `raqib classify --explain`). */
export function formatExplanation(id: string, explanations: readonly TopicExplanation[]): string {
  const lines = [`${id}`];
  if (explanations.length === 0) lines.push('  (no topic has any of its key terms in this article)');
  for (const e of explanations) {
    lines.push(
      e.matched
        ? `  ✔ ${e.id}  score ${e.score}  terms: ${e.terms.join(', ')}`
        : e.relevance
          ? `  ✘ ${e.id}  (condition held, but the article is not about it: score ${e.relevance.score} < ${e.relevance.threshold})`
          : `  ✘ ${e.id}  (some terms found, query not satisfied)`,
    );
    if (e.relevance) lines.push(`      relevance ${e.relevance.score} (needs ${e.relevance.threshold}) = ${formatParts(e.relevance.parts)}`);
    // Building blocks that did not hold are noise here; the clauses the condition names always show.
    for (const c of e.clauses.filter((x) => x.role !== 'part' || x.held)) {
      const mark = c.held ? '✔' : '✘';
      const where = c.fields.length > 0 ? ` in the ${c.fields.join(' and ')}` : '';
      const status = c.negated ? (c.held ? 'absent' : `present${where}`) : c.held ? `matched${where}` : 'not found';
      if (c.name !== undefined) lines.push(`      ${mark} ${c.name} [${c.role}]  — ${status}: ${oneLine(c.clause)}`);
      else lines.push(`      ${mark} ${oneLine(c.clause)}  — ${status}`);
      for (const s of c.snippets) lines.push(`          ${s}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
