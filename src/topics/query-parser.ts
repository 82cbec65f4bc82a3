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
import { analyseTerm } from '../text/tokenise.ts';
import { QUERY_LIMITS, isPositional, leaves, type QueryNode, type QueryProblem, type QueryWord, type TermNode } from './query-ast.ts';

type Lexeme =
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'title' | 'eof'; pos: number; end: number }
  | { t: 'near'; pos: number; end: number; n: number; op: 'NEAR' | 'BEFORE' }
  | { t: 'atleast'; pos: number; end: number; n: number }
  | { t: 'word' | 'phrase'; pos: number; end: number; text: string };

class QuerySyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

function fail(position: number, message: string): never {
  throw new QuerySyntaxError(position, message);
}

const STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '"', '\u00a0', '\u3000']);

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  let terms = 0;
  let i = 0;
  const countTerm = (pos: number) => {
    if (++terms > QUERY_LIMITS.maxTerms) fail(pos, `too many terms: a query may have at most ${QUERY_LIMITS.maxTerms}`);
  };
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      const close = q.slice(i + 1).search(/["“”]/);
      if (close < 0) fail(i, 'unterminated phrase: expected a closing "');
      const text = q.slice(i + 1, i + 1 + close);
      if (text.trim() === '') fail(i, 'empty phrase: expected words between the quotes');
      countTerm(i);
      out.push({ t: 'phrase', pos: i, end: i + close + 2, text });
      i += close + 2;
      continue;
    }
    if (c === '-') {
      const next = q[i + 1];
      if (next === undefined || /\s/.test(next) || next === ')') fail(i, "expected a term, phrase or '(' right after '-'");
      out.push({ t: 'minus', pos: i, end: i + 1 });
      i++;
      continue;
    }
    let j = i;
    while (j < q.length && !STOP.has(q[j]!) && !/\s/.test(q[j]!)) j++;
    const word = q.slice(i, j);
    const start = i;
    i = j;
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      out.push({ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', pos: start, end: j });
      continue;
    }
    if (word === 'ATLEAST' || word.startsWith('ATLEAST/')) {
      const m = /^ATLEAST\/(\d{1,3})$/.exec(word);
      if (!m || Number(m[1]) < 1) fail(start, 'expected ATLEAST/n with a whole number n ≥ 1, e.g. ATLEAST/2');
      out.push({ t: 'atleast', pos: start, end: j, n: Number(m[1]) });
      continue;
    }
    const proximity = /^(NEAR|BEFORE)(?:\/|$)/.exec(word);
    if (proximity) {
      const op = proximity[1] as 'NEAR' | 'BEFORE';
      const m = /^[A-Z]+\/(\d{1,4})$/.exec(word);
      if (!m) fail(start, `expected ${op}/n with a whole number n, e.g. ${op}/5`);
      const n = Number(m[1]);
      if (n < 1 || n > QUERY_LIMITS.maxNear) fail(start + op.length + 1, `${op} distance must be between 1 and ${QUERY_LIMITS.maxNear}`);
      out.push({ t: 'near', pos: start, end: j, n, op });
      continue;
    }
    const field = /^([A-Za-z]+):/.exec(word);
    if (field) {
      if (field[1] !== 'title') fail(start, `unknown field "${field[1]}:" (the only field is title:)`);
      out.push({ t: 'title', pos: start, end: start + 6 });
      const rest = word.slice(6);
      if (rest === '') {
        const next = q[j];
        if (next === undefined || /\s/.test(next)) fail(start + 6, "expected a term, phrase or '(' right after title:");
        continue;
      }
      countTerm(start + 6);
      out.push({ t: 'word', pos: start + 6, end: j, text: rest });
      continue;
    }
    countTerm(start);
    out.push({ t: 'word', pos: start, end: j, text: word });
  }
  out.push({ t: 'eof', pos: q.length, end: q.length });
  return out;
}

function describe(l: Lexeme): string {
  switch (l.t) {
    case 'eof':
      return 'end of query';
    case 'word':
      return `"${l.text}"`;
    case 'phrase':
      return `"${l.text}" (a phrase)`;
    case 'near':
      return `${l.op}/${l.n}`;
    case 'atleast':
      return `ATLEAST/${l.n}`;
    case 'lparen':
      return "'('";
    case 'rparen':
      return "')'";
    case 'minus':
      return "'-'";
    case 'title':
      return 'title:';
    default:
      return l.t.toUpperCase();
  }
}

/** Turns one term or phrase into query words; `*` at the end of a word makes it a prefix. */
function termWords(text: string, pos: number): QueryWord[] {
  const words: QueryWord[] = [];
  let offset = 0;
  for (const chunk of text.split(/(\s+)/)) {
    const at = pos + offset;
    offset += chunk.length;
    if (chunk === '' || /^\s+$/.test(chunk)) continue;
    const exact = chunk.startsWith('=');
    const body = exact ? chunk.slice(1) : chunk;
    const star = body.indexOf('*');
    if (star >= 0 && star !== body.length - 1) fail(at + star + (exact ? 1 : 0), "'*' is only allowed at the end of a word");
    if (exact && star >= 0) fail(at, `'=' (exact word) and '*' (prefix) cannot be combined ("${chunk}")`);
    const bare = star >= 0 ? body.slice(0, -1) : body;
    const analysed = analyseTerm(bare);
    if (analysed.length === 0) fail(at, `"${chunk}" has no letters or digits to match`);
    analysed.forEach((w, k) => {
      const prefix = star >= 0 && k === analysed.length - 1;
      if (prefix && w.prefix.length < 2) fail(at, `a prefix needs at least 2 letters before '*' ("${chunk}")`);
      words.push(exact ? { key: w.key, form: w.prefix, prefix: false, exact: true } : { key: w.key, form: w.prefix, prefix });
    });
  }
  if (words.length > QUERY_LIMITS.maxPhraseWords) fail(pos, `phrase too long: at most ${QUERY_LIMITS.maxPhraseWords} words`);
  return words;
}

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
