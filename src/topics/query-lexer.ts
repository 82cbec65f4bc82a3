// The lexer of the topic query language (see query-parser.ts for the grammar) and the analysis of
// one term or phrase into query words. Errors carry the 0-based position in the text being read.
import { analyseTerm } from '../text/tokenise.ts';
import { QUERY_LIMITS, type QueryWord } from './query-ast.ts';

export type Lexeme =
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'title' | 'eof'; pos: number; end: number }
  | { t: 'near'; pos: number; end: number; n: number; op: 'NEAR' | 'BEFORE' }
  | { t: 'atleast'; pos: number; end: number; n: number }
  | { t: 'word' | 'phrase'; pos: number; end: number; text: string };

export class QuerySyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

export function fail(position: number, message: string): never {
  throw new QuerySyntaxError(position, message);
}

const STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '"', '\u00a0', '\u3000']);

/** Reads a quoted phrase starting at `i` (the opening quote); returns it and the index after it. */
function lexPhrase(q: string, i: number): Lexeme & { t: 'phrase' } {
  const close = q.slice(i + 1).search(/["“”]/);
  if (close < 0) fail(i, 'unterminated phrase: expected a closing "');
  const text = q.slice(i + 1, i + 1 + close);
  if (text.trim() === '') fail(i, 'empty phrase: expected words between the quotes');
  return { t: 'phrase', pos: i, end: i + close + 2, text };
}

/** ATLEAST/n, NEAR/n or BEFORE/n written as one word; undefined for any other word. */
function lexCounted(word: string, start: number, end: number): Lexeme | undefined {
  if (word === 'ATLEAST' || word.startsWith('ATLEAST/')) {
    const m = /^ATLEAST\/(\d{1,3})$/.exec(word);
    if (!m || Number(m[1]) < 1) fail(start, 'expected ATLEAST/n with a whole number n ≥ 1, e.g. ATLEAST/2');
    return { t: 'atleast', pos: start, end, n: Number(m[1]) };
  }
  const proximity = /^(NEAR|BEFORE)(?:\/|$)/.exec(word);
  if (!proximity) return undefined;
  const op = proximity[1] as 'NEAR' | 'BEFORE';
  const m = /^[A-Z]+\/(\d{1,4})$/.exec(word);
  if (!m) fail(start, `expected ${op}/n with a whole number n, e.g. ${op}/5`);
  const n = Number(m[1]);
  if (n < 1 || n > QUERY_LIMITS.maxNear) fail(start + op.length + 1, `${op} distance must be between 1 and ${QUERY_LIMITS.maxNear}`);
  return { t: 'near', pos: start, end, n, op };
}

/**
 * One bare word (up to whitespace, a parenthesis or a quote) as the lexemes it stands for: an
 * operator, `title:` with or without the term glued to it, or a term. `countTerm` enforces the
 * term limit.
 */
function lexWord(q: string, start: number, end: number, countTerm: (pos: number) => void): Lexeme[] {
  const word = q.slice(start, end);
  if (word === 'AND' || word === 'OR' || word === 'NOT') {
    return [{ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', pos: start, end }];
  }
  const counted = lexCounted(word, start, end);
  if (counted) return [counted];
  const field = /^([A-Za-z]+):/.exec(word);
  if (field) {
    if (field[1] !== 'title') fail(start, `unknown field "${field[1]}:" (the only field is title:)`);
    const title: Lexeme = { t: 'title', pos: start, end: start + 6 };
    const rest = word.slice(6);
    if (rest === '') {
      const next = q[end];
      if (next === undefined || /\s/.test(next)) fail(start + 6, "expected a term, phrase or '(' right after title:");
      return [title];
    }
    countTerm(start + 6);
    return [title, { t: 'word', pos: start + 6, end, text: rest }];
  }
  countTerm(start);
  return [{ t: 'word', pos: start, end, text: word }];
}

export function lex(q: string): Lexeme[] {
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
    } else if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i, end: i + 1 });
      i++;
    } else if (c === '"' || c === '“' || c === '”') {
      const phrase = lexPhrase(q, i);
      countTerm(i);
      out.push(phrase);
      i = phrase.end;
    } else if (c === '-') {
      const next = q[i + 1];
      if (next === undefined || /\s/.test(next) || next === ')') fail(i, "expected a term, phrase or '(' right after '-'");
      out.push({ t: 'minus', pos: i, end: i + 1 });
      i++;
    } else {
      let j = i;
      while (j < q.length && !STOP.has(q[j]!) && !/\s/.test(q[j]!)) j++;
      out.push(...lexWord(q, i, j, countTerm));
      i = j;
    }
  }
  out.push({ t: 'eof', pos: q.length, end: q.length });
  return out;
}

export function describe(l: Lexeme): string {
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
export function termWords(text: string, pos: number): QueryWord[] {
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
