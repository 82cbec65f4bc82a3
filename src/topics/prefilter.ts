// A necessary condition for each topic's query, checked against which terms occur at all before
// the query itself is evaluated. A topic becomes a candidate when one of its anchor terms occurs,
// but most candidates then fail because another term the query needs is absent (the other side
// of a NEAR or an AND): this finds that from term presence alone, without walking the query's
// nodes or building positions. With many topics, candidates far outnumber matches, and walking
// their queries is the part of matching that grows with the number of topics.
//
// The condition is the query with positions ignored: NEAR holds only if both sides occur,
// NOT NEAR and ATLEAST only if their operand does, and NOT is taken as true (absence is for the
// full evaluation to decide). So it can only let through topics that then fail, never hold back
// one that matches. All topics' conditions share one flat Int32Array (a query's nodes, which are
// scattered objects, would each cost a memory access): a node is [op, size, ...], in prefix
// order, `size` counting the node's whole extent.
import type { CompiledNode } from './evaluate.ts';
import type { Occurrence } from './term-index.ts';

const TERM = 0;
const ALL = 1;
const ANY = 2;

/** A node of the condition before encoding; `true` when it holds whatever occurs. */
type Cond = true | { op: typeof TERM; term: number } | { op: typeof ALL | typeof ANY; children: Cond[] };

function condition(n: CompiledNode): Cond {
  switch (n.kind) {
    case 'term':
      return { op: TERM, term: n.termId };
    case 'and':
      return all(n.children.map(condition));
    case 'or': {
      const children = n.children.map(condition);
      return children.some((c) => c === true) ? true : { op: ANY, children: children as Exclude<Cond, true>[] };
    }
    case 'near':
      return n.negated ? condition(n.left) : all([condition(n.left), condition(n.right)]);
    case 'atleast':
      return condition(n.child);
    case 'not':
      return true;
  }
}

function all(children: Cond[]): Cond {
  const needed = children.filter((c): c is Exclude<Cond, true> => c !== true);
  if (needed.length === 0) return true;
  return needed.length === 1 ? needed[0]! : { op: ALL, children: needed };
}

function encode(c: Exclude<Cond, true>, out: number[]): void {
  const at = out.length;
  if (c.op === TERM) {
    out.push(TERM, 3, c.term);
    return;
  }
  out.push(c.op, 0);
  for (const child of c.children) encode(child as Exclude<Cond, true>, out);
  out[at + 1] = out.length - at;
}

/** The conditions of many queries in one array, each found by its offset. */
export class Prefilter {
  private readonly code: Int32Array;
  /** Per query: the offset of its condition, or -1 when it has none (it may hold on absences alone). */
  private readonly at: Int32Array;

  constructor(roots: readonly CompiledNode[]) {
    const out: number[] = [];
    this.at = new Int32Array(roots.length).fill(-1);
    roots.forEach((root, i) => {
      const c = condition(root);
      if (c === true) return;
      this.at[i] = out.length;
      encode(c, out);
    });
    this.code = Int32Array.from(out);
  }

  /** False only when query `i` cannot hold: a term it needs does not occur. */
  mayHold(i: number, occurrences: ReadonlyMap<number, Occurrence[]>): boolean {
    const at = this.at[i]!;
    return at < 0 || this.check(at, occurrences);
  }

  private check(pc: number, occurrences: ReadonlyMap<number, Occurrence[]>): boolean {
    const code = this.code;
    const op = code[pc]!;
    if (op === TERM) return occurrences.has(code[pc + 2]!);
    const end = pc + code[pc + 1]!;
    for (let c = pc + 2; c < end; c += code[c + 1]!) {
      const held = this.check(c, occurrences);
      if (op === ALL && !held) return false;
      if (op === ANY && held) return true;
    }
    return op === ALL;
  }
}
