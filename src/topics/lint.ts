// The vocabulary lint: a term that another term of the same vocabulary already matches adds
// nothing but length (العراقية is matched by العراق, فصائل المقاومة by فصائل, "Iran-backed
// militia*" by "Iran-backed"). Decided with raqib's own analyser, by matching each term's text
// against the other terms exactly as an article would be matched.
import { tokenise } from '../text/tokenise.ts';
import { parseTerm } from './query-parser.ts';
import { TermIndex, type Occurrence } from './term-index.ts';
import type { RawVocab } from './topic-yaml.ts';

export interface LintFinding {
  vocab: string;
  term: string;
  /** The term of the same vocabulary that already matches it. */
  coveredBy: string;
  line?: number;
  message: string;
}

/** Terms of one vocabulary that another of its terms already matches (the later of two equivalents). */
export function redundantTerms(v: RawVocab): LintFinding[] {
  const index = new TermIndex();
  const parsed = v.terms.map((t) => {
    const r = parseTerm(t.text);
    return r.ok ? { raw: t, node: r.node, id: index.addTerm(r.node.words) } : undefined;
  });
  const out: LintFinding[] = [];
  const flagged = new Set<number>();
  parsed.forEach((t, i) => {
    // A prefix term matches more than its own letters; its text alone cannot show it redundant.
    if (!t || t.node.words.some((w) => w.prefix || w.exact)) return;
    const occ = new Map<number, Occurrence[]>();
    index.scan('text', tokenise(t.node.text), occ);
    for (const [id] of occ) {
      if (id === t.id && parsed.findIndex((p) => p?.id === id) === i) continue;
      const j = parsed.findIndex((p, k) => p?.id === id && k !== i && !flagged.has(k));
      if (j < 0) continue;
      const other = parsed[j]!;
      // Two terms that match each other: keep the first written.
      const mutual = !other.node.words.some((w) => w.prefix || w.exact) && matches(index, other.node.text, t.id);
      if (mutual && j > i) continue;
      flagged.add(i);
      out.push({
        vocab: v.name,
        term: t.raw.text,
        coveredBy: other.raw.text,
        ...(t.raw.line !== undefined ? { line: t.raw.line } : {}),
        message: `vocabulary ${v.name}: "${t.raw.text}" is already matched by "${other.raw.text}"`,
      });
      return;
    }
  });
  return out;
}

function matches(index: TermIndex, text: string, id: number): boolean {
  const occ = new Map<number, Occurrence[]>();
  index.scan('text', tokenise(text), occ);
  return occ.has(id);
}

/** Redundant terms of every vocabulary. */
export function lintVocabularies(vocabs: readonly RawVocab[]): LintFinding[] {
  return vocabs.flatMap(redundantTerms);
}
