// The matcher's shortcuts (shared term index, phrase pivots, anchor terms that pick candidate
// topics, the positions-only check before spans are built) must never change what matches. Over
// a generated corpus with ~1,900 topics of every operator shape, the matcher is compared with a
// reference that has none of them: each topic on its own, every term found by walking the tokens,
// the full evaluator run on every topic. A fingerprint of all results also pins them, so a speed
// change that moved a score or a span is caught even if the reference moved with it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { parseQuery } from '../../src/topics/query-parser.ts';
import { compileNode, evaluate } from '../../src/topics/evaluate.ts';
import { scoreSpans, toSpans } from '../../src/topics/matcher.ts';
import type { Occurrence } from '../../src/topics/term-index.ts';
import type { QueryWord } from '../../src/topics/query-ast.ts';
import { tokenise, type Token } from '../../src/text/tokenise.ts';
import type { Field, Match } from '../../src/core/types.ts';
import { topicCorpus, type Article } from '../helpers/topic-corpus.ts';

// A small vocabulary, so that topic terms are frequent in articles: many candidates, many matches.
const corpus = topicCorpus(7, 2_000);
const docs = Array.from({ length: 60 }, corpus.article);
const defs = [...corpus.topics(1_000, 1), ...corpus.variedTopics(900, 2)];

function wordMatches(w: QueryWord, tok: Token): boolean {
  if (w.prefix) return tok.forms.some((f) => f.startsWith(w.form));
  if (w.exact) return tok.forms.includes(w.form);
  return tok.keys.includes(w.key);
}

const lookupKey = (w: QueryWord) => (w.prefix ? `p:${w.form}` : w.exact ? `f:${w.form}` : `k:${w.key}`);

/** Where each key, form and prefix of a form (2 letters or more) occurs: built afresh for one article. */
function positionsOf(tokens: Record<Field, Token[]>): Map<string, Occurrence[]> {
  const where = new Map<string, Occurrence[]>();
  const add = (k: string, o: Occurrence) => {
    const list = where.get(k) ?? [];
    const last = list[list.length - 1];
    if (last?.field !== o.field || last.s !== o.s) list.push(o);
    where.set(k, list);
  };
  for (const field of ['title', 'text'] as const)
    tokens[field].forEach((tok, s) => {
      const o = { field, s, e: s + 1 };
      for (const k of tok.keys) add(`k:${k}`, o);
      for (const f of tok.forms) {
        add(`f:${f}`, o);
        for (let n = 2; n <= f.length; n++) add(`p:${f.slice(0, n)}`, o);
      }
    });
  return where;
}

/** Every place the words occur in a row: where the first word is, then the others checked one by one. */
function findAll(words: readonly QueryWord[], tokens: Record<Field, Token[]>, where: Map<string, Occurrence[]>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const { field, s } of where.get(lookupKey(words[0]!)) ?? []) {
    const toks = tokens[field];
    if (s + words.length <= toks.length && words.every((w, k) => wordMatches(w, toks[s + k]!))) out.push({ field, s, e: s + words.length });
  }
  return out;
}

const parsed = defs.map((def) => {
  const r = parseQuery(def.query);
  if (!r.ok) throw new Error(`${def.id}: ${r.problem.message}`);
  return { id: def.id, ast: r.ast };
});

function reference(doc: Article): Match[] {
  const tokens = { title: tokenise(doc.title), text: tokenise(doc.text) };
  const where = positionsOf(tokens);
  const out: Match[] = [];
  for (const { id, ast } of parsed) {
    const occurrences = new Map<number, Occurrence[]>();
    const root = compileNode(ast, (leaf) => {
      const termId = occurrences.size;
      occurrences.set(termId, findAll(leaf.words, tokens, where));
      return termId;
    });
    const r = evaluate(root, occurrences);
    if (!r.ok) continue;
    const spans = toSpans(r.spans, tokens);
    out.push({ id, score: scoreSpans(r.spans), terms: [...new Set(spans.map((s) => s.term))], spans });
  }
  return out;
}

describe('matcher on a generated corpus (results unchanged by its shortcuts)', () => {
  const matcher = compileTopics(defs);
  const results = docs.map((d) => matcher.match(d));

  it('matches what a topic-by-topic reference without index or candidates matches, with the same scores, terms and spans', () => {
    const total = results.reduce((n, r) => n + r.length, 0);
    // The corpus exercises the matcher: thousands of matches, and many candidates that fail.
    expect(total).toBeGreaterThan(3_000);
    docs.forEach((d, i) => expect(results[i], `article ${i}`).toEqual(reference(d)));
  });

  it('gives the same results as when this test was written (fingerprint)', () => {
    // If a deliberate change to the text analysis or the scoring moves this, check the first test
    // still passes and record the new value.
    const fingerprint = createHash('sha256').update(JSON.stringify(results)).digest('hex').slice(0, 16);
    expect(fingerprint).toBe('a85e5f0385a0ade9');
  });
});
