// Compiles a structured topic (named clauses + require/any/exclude) to the query AST the matcher
// already evaluates: each clause becomes one positional node, the topic an AND/OR/NOT of them. The
// clause nodes are kept by name so the matcher can report, per clause, whether and where it held.
import type { ClauseSpec, Field, TermSource, TopicSpec } from '../core/types.ts';
import { isPositional, type QueryNode, type QueryProblem, type TermNode } from './query-ast.ts';
import { parseQuery, parseTerm } from './query-parser.ts';

/** A problem in one clause; `term` names the term (or the clause's query) the position is in. */
export interface ClauseProblem extends QueryProblem {
  clause: string;
  term?: TermSource;
  inQuery?: boolean;
}

export interface CompiledSpec {
  /** Clause name → its node, in the order written. */
  clauses: Map<string, QueryNode>;
  root: QueryNode;
}

class ClauseError extends Error {
  constructor(readonly problem: ClauseProblem) {
    super(problem.message);
  }
}

const or = (children: QueryNode[]): QueryNode => (children.length === 1 ? children[0]! : { kind: 'or', children, start: 0, end: 0 });
const and = (children: QueryNode[]): QueryNode => (children.length === 1 ? children[0]! : { kind: 'and', children, start: 0, end: 0 });

/** A copy of `n` whose terms match only in `field` (what `title:( … )` does in a query). */
function inField(n: QueryNode, field: Field): QueryNode {
  switch (n.kind) {
    case 'term':
      return { ...n, field };
    case 'and':
    case 'or':
      return { ...n, children: n.children.map((c) => inField(c, field)) };
    case 'not':
    case 'atleast':
      return { ...n, child: inField(n.child, field) };
    case 'near':
      return { ...n, left: inField(n.left, field), right: inField(n.right, field) };
  }
}

class SpecCompiler {
  private readonly built = new Map<string, QueryNode>();
  private readonly building = new Set<string>();
  private readonly parsed = new Map<string, ReturnType<typeof parseTerm>>();

  constructor(private readonly spec: TopicSpec) {}

  clause(name: string, from: string): QueryNode {
    const known = this.built.get(name);
    if (known) return known;
    const spec = this.spec.clauses[name];
    if (!spec) throw new ClauseError({ clause: from, position: 0, message: `unknown clause "${name}"` });
    if (this.building.has(name))
      throw new ClauseError({ clause: name, position: 0, message: `clause "${name}" refers to itself (through ${[...this.building].join(' → ')})` });
    this.building.add(name);
    try {
      const node = this.body(name, spec);
      this.built.set(name, node);
      return node;
    } finally {
      this.building.delete(name);
    }
  }

  private term(clause: string, t: TermSource): TermNode {
    // Vocabularies are shared by clauses; analyse each term once (nodes are never mutated).
    let r = this.parsed.get(t.text);
    if (!r) this.parsed.set(t.text, (r = parseTerm(t.text)));
    if (!r.ok) throw new ClauseError({ clause, term: t, ...r.problem });
    return r.node;
  }

  /** Any of these terms or clauses, which must all give positions (NEAR and ATLEAST need them). */
  private alternatives(clause: string, terms: readonly TermSource[], clauses: readonly string[]): QueryNode {
    const nodes: QueryNode[] = terms.map((t) => this.term(clause, t));
    for (const c of clauses) {
      const n = this.clause(c, clause);
      if (!isPositional(n))
        throw new ClauseError({ clause, position: 0, message: `clause "${c}" is a combination (AND/NOT), so "${clause}" cannot use it as a term list` });
      nodes.push(n);
    }
    if (nodes.length === 0) throw new ClauseError({ clause, position: 0, message: 'empty clause: give terms, vocabularies or clauses under any:' });
    return or(nodes);
  }

  private base(name: string, spec: ClauseSpec): QueryNode {
    if (spec.query === undefined) return this.alternatives(name, spec.terms, spec.clauses);
    const r = parseQuery(spec.query);
    if (!r.ok) throw new ClauseError({ clause: name, inQuery: true, ...r.problem });
    // Terms beside a query come from `extends … include:`: they are alternatives to it.
    if (spec.terms.length + spec.clauses.length === 0) return r.ast;
    return or([r.ast, this.alternatives(name, spec.terms, spec.clauses)]);
  }

  private body(name: string, spec: ClauseSpec): QueryNode {
    let node = this.base(name, spec);
    const positional = isPositional(node);
    const needsPositions = (what: string) => {
      if (!positional)
        throw new ClauseError({ clause: name, position: 0, message: `${what} needs a query that gives positions (terms, phrases, NEAR, OR of them)` });
    };
    if (spec.near) {
      needsPositions(spec.near.ordered ? 'before:' : 'near:');
      const right = this.alternatives(name, spec.near.terms, spec.near.clauses);
      node = { kind: 'near', distance: spec.near.within, ordered: spec.near.ordered, negated: false, left: node, right, start: 0, end: 0 };
    }
    for (const nn of spec.notNear) {
      needsPositions('not_near:');
      const right = this.alternatives(name, nn.terms, nn.clauses);
      node = { kind: 'near', distance: nn.within, ordered: false, negated: true, left: node, right, start: 0, end: 0 };
    }
    if (spec.min !== undefined && spec.min > 1) {
      needsPositions('min:');
      node = { kind: 'atleast', count: spec.min, child: node, start: 0, end: 0 };
    }
    return spec.in ? inField(node, spec.in) : node;
  }
}

/** The condition as one node: all of `require`, one of `any`, none of `exclude`. */
function condition(spec: TopicSpec, c: SpecCompiler): QueryNode {
  const parts: QueryNode[] = spec.require.map((n) => c.clause(n, n));
  if (spec.any.length > 0) parts.push(or(spec.any.map((e) => (typeof e === 'string' ? c.clause(e, e) : and(e.map((n) => c.clause(n, n)))))));
  if (parts.length === 0)
    throw new ClauseError({ clause: '(condition)', position: 0, message: 'a topic needs require: or any: (exclusions alone would match every article)' });
  for (const n of spec.exclude) parts.push({ kind: 'not', child: c.clause(n, n), start: 0, end: 0 });
  return and(parts);
}

export type SpecResult = { ok: true; compiled: CompiledSpec } | { ok: false; problems: ClauseProblem[] };

/**
 * Compiles every clause (reporting each broken one, not only the first) and the condition.
 * Never throws on bad input.
 */
export function compileSpec(spec: TopicSpec): SpecResult {
  const c = new SpecCompiler(spec);
  const problems: ClauseProblem[] = [];
  const clauses = new Map<string, QueryNode>();
  for (const name of Object.keys(spec.clauses)) {
    try {
      clauses.set(name, c.clause(name, name));
    } catch (e) {
      if (!(e instanceof ClauseError)) throw e;
      // A broken clause is reported once, not again by each clause that uses it.
      const p = e.problem;
      if (!problems.some((q) => q.clause === p.clause && q.message === p.message && q.term === p.term)) problems.push(p);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, compiled: { clauses, root: condition(spec, c) } };
  } catch (e) {
    if (!(e instanceof ClauseError)) throw e;
    return { ok: false, problems: [e.problem] };
  }
}
