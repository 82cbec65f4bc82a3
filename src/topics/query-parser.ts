// The topic query language: a hand-written lexer and recursive-descent parser with precise errors
// (position + what was expected) and hard limits checked before any work grows with the input.
//
//   query    := or
//   or       := and ("OR" and)*
//   and      := near (["AND"] near)*          adjacent operands are ANDed
//   near     := unary (["NOT"] ("NEAR/n" | "BEFORE/n") unary)*
//                                          operands: terms, phrases, OR-groups of those
//   unary    := ("NOT" | "-") unary | "ATLEAST/n" unary | primary
//   primary  := "title:" primary | "(" or ")" | "\"phrase\"" | ["="]term | term["*"]
//
// Operators are written in capitals; lower-case and/or/not/near are ordinary words.
import { QUERY_LIMITS, isPositional, leaves, type QueryNode, type QueryProblem, type TermNode } from './query-ast.ts';
import { QuerySyntaxError, describe, fail, lex, termWords, type Lexeme } from './query-lexer.ts';

class Parser {
  private i = 0;
  constructor(private readonly lx: Lexeme[]) {}

  private peek(): Lexeme {
    return this.lx[this.i]!;
  }

  private next(): Lexeme {
    return this.lx[this.i++]!;
  }

  parse(): QueryNode {
    const node = this.or(0);
    const l = this.peek();
    if (l.t === 'rparen') fail(l.pos, "unexpected ')' with no matching '('");
    if (l.t !== 'eof') fail(l.pos, `expected an operator or end of query, found ${describe(l)}`);
    return node;
  }

  private startsOperand(l: Lexeme): boolean {
    return l.t === 'word' || l.t === 'phrase' || l.t === 'lparen' || l.t === 'not' || l.t === 'minus' || l.t === 'title' || l.t === 'atleast';
  }

  private or(depth: number): QueryNode {
    const first = this.and(depth);
    const children = [first];
    while (this.peek().t === 'or') {
      const op = this.next();
      if (!this.startsOperand(this.peek())) fail(this.peek().pos, `expected a term, phrase or '(' after OR, found ${describe(this.peek())}`);
      void op;
      children.push(this.and(depth));
    }
    if (children.length === 1) return first;
    return { kind: 'or', children, start: first.start, end: children[children.length - 1]!.end };
  }

  private and(depth: number): QueryNode {
    const first = this.near(depth);
    const children = [first];
    for (;;) {
      const l = this.peek();
      if (l.t === 'and') {
        this.next();
        if (!this.startsOperand(this.peek())) fail(this.peek().pos, `expected a term, phrase or '(' after AND, found ${describe(this.peek())}`);
        children.push(this.near(depth));
      } else if (this.startsOperand(l)) {
        children.push(this.near(depth));
      } else break;
    }
    if (children.length === 1) return first;
    return { kind: 'and', children, start: first.start, end: children[children.length - 1]!.end };
  }

  private near(depth: number): QueryNode {
    let left = this.unary(depth);
    for (;;) {
      const negated = this.peek().t === 'not' && this.lx[this.i + 1]?.t === 'near';
      if (!negated && this.peek().t !== 'near') break;
      if (negated) this.next();
      const op = this.next() as Extract<Lexeme, { t: 'near' }>;
      const name = `${negated ? 'NOT ' : ''}${op.op}/${op.n}`;
      if (!isPositional(left)) fail(left.start, `${name} needs a term, phrase or an OR-group of them on its left`);
      if (!this.startsOperand(this.peek())) fail(this.peek().pos, `expected a term, phrase or '(' after ${name}, found ${describe(this.peek())}`);
      const right = this.unary(depth);
      if (!isPositional(right)) fail(right.start, `${name} needs a term, phrase or an OR-group of them on its right`);
      left = { kind: 'near', distance: op.n, ordered: op.op === 'BEFORE', negated, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(depth: number): QueryNode {
    const l = this.peek();
    if (l.t === 'not' || l.t === 'minus') {
      if (depth + 1 > QUERY_LIMITS.maxDepth) fail(l.pos, `nested too deeply: at most ${QUERY_LIMITS.maxDepth} levels`);
      this.next();
      if (!this.startsOperand(this.peek())) fail(this.peek().pos, `expected a term, phrase or '(' after ${describe(l)}, found ${describe(this.peek())}`);
      const child = this.unary(depth + 1);
      return { kind: 'not', child, start: l.pos, end: child.end };
    }
    if (l.t === 'atleast') {
      if (depth + 1 > QUERY_LIMITS.maxDepth) fail(l.pos, `nested too deeply: at most ${QUERY_LIMITS.maxDepth} levels`);
      this.next();
      if (!this.startsOperand(this.peek())) fail(this.peek().pos, `expected a term, phrase or '(' after ATLEAST/${l.n}, found ${describe(this.peek())}`);
      const child = this.unary(depth + 1);
      if (!isPositional(child)) fail(child.start, `ATLEAST/${l.n} needs a term, phrase, NEAR or an OR-group of them`);
      return { kind: 'atleast', count: l.n, child, start: l.pos, end: child.end };
    }
    return this.primary(depth);
  }

  private primary(depth: number): QueryNode {
    const l = this.next();
    switch (l.t) {
      case 'title': {
        const target = this.peek();
        if (target.pos !== l.end || !(target.t === 'word' || target.t === 'phrase' || target.t === 'lparen')) {
          fail(l.end, `expected a term, phrase or '(' right after title:, found ${describe(target)}`);
        }
        const inner = this.primary(depth);
        for (const leaf of leaves(inner)) leaf.field = 'title';
        return { ...inner, start: l.pos };
      }
      case 'lparen': {
        if (depth + 1 > QUERY_LIMITS.maxDepth) fail(l.pos, `nested too deeply: at most ${QUERY_LIMITS.maxDepth} levels`);
        if (this.peek().t === 'rparen') fail(this.peek().pos, "expected a term, phrase or '(' inside the parentheses, found ')'");
        const inner = this.or(depth + 1);
        const close = this.next();
        if (close.t !== 'rparen') fail(close.pos, `expected ')' to close the '(' at position ${l.pos}, found ${describe(close)}`);
        return { ...inner, start: l.pos, end: close.end };
      }
      case 'word':
      case 'phrase': {
        const words = termWords(l.text, l.t === 'phrase' ? l.pos + 1 : l.pos);
        const node: TermNode = { kind: 'term', text: l.text, words, start: l.pos, end: l.end };
        return node;
      }
      case 'rparen':
        return fail(l.pos, "unexpected ')': expected a term, phrase or '('");
      default:
        return fail(l.pos, `expected a term, phrase or '(', found ${describe(l)}`);
    }
  }
}

/** Would the query match an article in which none of its terms occur? */
function matchesNothing(n: QueryNode): boolean {
  switch (n.kind) {
    case 'term':
      return false;
    case 'and':
      return n.children.every(matchesNothing);
    case 'or':
      return n.children.some(matchesNothing);
    case 'not':
      return !matchesNothing(n.child);
    case 'near':
    case 'atleast':
      return false;
  }
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; problem: QueryProblem };

/** Parses a query; never throws on bad input. */
export function parseQuery(query: string): ParseResult {
  try {
    if (query.length > QUERY_LIMITS.maxLength) fail(QUERY_LIMITS.maxLength, `query too long: at most ${QUERY_LIMITS.maxLength} characters`);
    const lexemes = lex(query);
    if (lexemes.length === 1) fail(0, 'empty query: expected at least one term');
    const ast = new Parser(lexemes).parse();
    if (matchesNothing(ast)) {
      fail(ast.start, 'the query needs at least one term that must be present; exclusions alone would match every article');
    }
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { ok: false, problem: { position: e.position, message: e.message } };
    throw e;
  }
}

export type TermResult = { ok: true; node: TermNode } | { ok: false; problem: QueryProblem };

/**
 * Parses one vocabulary term: a word, several words (a phrase; surrounding quotes are optional),
 * `word*` (prefix) or `=word` (exact). Positions in a problem are offsets into `term`.
 */
export function parseTerm(term: string): TermResult {
  try {
    const quoted = /^\s*["“](.*)["”]\s*$/s.exec(term);
    const body = quoted ? quoted[1]! : term;
    const offset = quoted ? term.indexOf(body) : 0;
    const stray = body.search(/["“”]/);
    if (stray >= 0) fail(offset + stray, 'a term may not contain a quote inside it');
    if (body.trim() === '') fail(0, 'empty term');
    const words = termWords(body, offset);
    return { ok: true, node: { kind: 'term', text: body.trim(), words, start: 0, end: term.length } };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { ok: false, problem: { position: e.position, message: e.message } };
    throw e;
  }
}
