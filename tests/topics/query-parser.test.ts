import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS, parseQuery, validateQuery } from '../../src/topics/index.ts';

function problem(q: string) {
  const p = validateQuery(q);
  expect(p, `expected "${q}" to be refused`).toBeDefined();
  return p!;
}

describe('query parser: valid queries', () => {
  it('accepts the whole language', () => {
    for (const q of [
      'withdrawal',
      '"exact phrase" AND term',
      'a b c',
      'a OR b',
      'a -b',
      'a NOT b',
      '(a OR b) NEAR/5 "c d"',
      'a BEFORE/3 b',
      'a NOT NEAR/4 b',
      'title:a',
      'title:(a OR b) text',
      'withdraw* OR انسحاب',
      '=forces OR "=exact phrase"',
      'lower or and not near are plain words',
    ]) {
      expect(validateQuery(q), q).toBeUndefined();
    }
  });

  it('binds NEAR tighter than AND and AND tighter than OR', () => {
    const r = parseQuery('a OR b c NEAR/2 d');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ast.kind).toBe('or');
    if (r.ast.kind !== 'or') return;
    expect(r.ast.children[1]!.kind).toBe('and');
  });
});

describe('query parser: precise errors', () => {
  it('points at a dangling operator and says what was expected', () => {
    expect(problem('a OR')).toEqual({ position: 4, message: "expected a term, phrase or '(' after OR, found end of query" });
    expect(problem('a AND )').position).toBe(6);
  });

  it('points at an unclosed parenthesis and an unmatched one', () => {
    expect(problem('(a b')).toMatchObject({ position: 4, message: expect.stringContaining("expected ')' to close the '(' at position 0") });
    expect(problem('a b)')).toMatchObject({ position: 3, message: expect.stringContaining("unexpected ')'") });
    expect(problem('()').message).toContain('inside the parentheses');
  });

  it('reports an unterminated phrase at its opening quote', () => {
    expect(problem('a "open phrase')).toMatchObject({ position: 2, message: expect.stringContaining('closing "') });
    expect(problem('""').message).toContain('empty phrase');
  });

  it('requires a distance after NEAR and BEFORE', () => {
    expect(problem('a NEAR b')).toMatchObject({ position: 2, message: expect.stringContaining('NEAR/n') });
    expect(problem('a BEFORE/x b').message).toContain('BEFORE/n');
    expect(problem('a NEAR/0 b').message).toContain('between 1 and');
  });

  it('only allows terms, phrases and OR-groups around NEAR', () => {
    expect(problem('(a AND b) NEAR/3 c')).toMatchObject({ position: 0, message: expect.stringContaining('on its left') });
    expect(problem('a NEAR/3 -b').message).toContain('on its right');
  });

  it('checks title: and unknown fields', () => {
    expect(problem('title: a')).toMatchObject({ position: 6 });
    expect(problem('body:a')).toMatchObject({ position: 0, message: expect.stringContaining('unknown field') });
  });

  it('checks prefixes', () => {
    expect(problem('a*b').message).toContain("'*'");
    expect(problem('x*').message).toContain('at least 2 letters');
    expect(problem('=forc*').message).toContain('cannot be combined');
  });

  it('refuses queries that only exclude', () => {
    expect(problem('-a').message).toContain('at least one term');
    expect(problem('NOT (a OR b)').message).toContain('at least one term');
    expect(problem('   ').message).toContain('empty query');
  });

  it('refuses a term with nothing to match', () => {
    expect(problem('a ...').message).toContain('no letters or digits');
  });
});

describe('query parser: limits', () => {
  it('refuses thousands of ORs by the term limit, quickly', () => {
    const q = Array.from({ length: 2500 }, (_, i) => `t${i % 10}`).join(' OR ');
    expect(q.length).toBeLessThan(QUERY_LIMITS.maxLength);
    const t0 = performance.now();
    expect(problem(q).message).toContain(`at most ${QUERY_LIMITS.maxTerms}`);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses deep nesting by the depth limit, not the stack', () => {
    const q = `${'('.repeat(5_000)}a${')'.repeat(5_000)}`;
    expect(problem(q).message).toContain('nested too deeply');
    expect(problem(`${'NOT '.repeat(100)}a b`).message).toContain('nested too deeply');
  });

  it('refuses a huge query by its length before reading it', () => {
    expect(problem('a '.repeat(QUERY_LIMITS.maxLength)).message).toContain('too long');
  });

  it('refuses very long phrases', () => {
    expect(problem(`"${'w '.repeat(QUERY_LIMITS.maxPhraseWords + 1)}"`).message).toContain('phrase too long');
  });
});
