// The term index shared by all topics: query words → word ids (exact keys in a hash map, prefixes
// in a hash map probed only at the prefix lengths that exist), and word ids → the terms (words or
// phrases) that start with them. Matching an article costs a few hash lookups per token, whatever
// the number of topics; only terms that actually occur lead to topic evaluation.
import type { Field } from '../core/types.ts';
import type { Token } from '../text/tokenise.ts';
import type { QueryWord } from './query-ast.ts';

/** One occurrence of a term: token positions [s, e) within one field. */
export interface Occurrence {
  field: Field;
  s: number;
  e: number;
}

export class TermIndex {
  private readonly keyWords = new Map<string, number>();
  private readonly prefixWords = new Map<string, number>();
  private prefixLengths: number[] = [];
  private wordCount = 0;
  private readonly termIds = new Map<string, number>();
  /** Per term: its word ids in order. */
  private readonly termWords: number[][] = [];
  /**
   * Per word id: the one-word terms it is, and the phrases it starts, keyed by their second word
   * so that a common first word (the start of many phrases) costs one lookup, not a scan.
   */
  private readonly firstWordTerms: { single: number[]; next: Map<number, number[]> }[] = [];

  /** Registers a term (one word or a phrase) and returns its id; identical terms share an id. */
  addTerm(words: readonly QueryWord[]): number {
    const ids = words.map((w) => this.wordId(w));
    const sig = ids.join(',');
    const known = this.termIds.get(sig);
    if (known !== undefined) return known;
    const id = this.termWords.length;
    this.termWords.push(ids);
    this.termIds.set(sig, id);
    const first = this.firstWordTerms[ids[0]!]!;
    if (ids.length === 1) first.single.push(id);
    else {
      const list = first.next.get(ids[1]!);
      if (list) list.push(id);
      else first.next.set(ids[1]!, [id]);
    }
    return id;
  }

  get termCount(): number {
    return this.termWords.length;
  }

  private wordId(w: QueryWord): number {
    const map = w.prefix ? this.prefixWords : this.keyWords;
    const value = w.prefix ? w.form : w.key;
    let id = map.get(value);
    if (id === undefined) {
      id = this.wordCount++;
      map.set(value, id);
      this.firstWordTerms[id] = { single: [], next: new Map() };
      if (w.prefix && !this.prefixLengths.includes(value.length)) {
        this.prefixLengths = [...this.prefixLengths, value.length].sort((a, b) => a - b);
      }
    }
    return id;
  }

  /**
   * Word ids a token matches. The text stage shares one analysis object per distinct word, and
   * the answer is kept on it (for this index), so it is computed once per distinct word and an
   * article's cost stays flat as topics are added.
   */
  private wordsOf(tok: Token): number[] {
    const memo = tok.info.memo;
    if (memo !== undefined && memo.owner === this) return memo.ids;
    const ids = this.lookup(tok);
    tok.info.memo = { owner: this, ids };
    return ids;
  }

  private lookup(tok: Token): number[] {
    let out: number[] | undefined;
    for (const k of tok.keys) {
      const id = this.keyWords.get(k);
      if (id !== undefined) (out ??= []).push(id);
    }
    if (this.prefixLengths.length > 0) {
      for (const form of tok.forms) {
        for (const len of this.prefixLengths) {
          if (len > form.length) break;
          const id = this.prefixWords.get(form.slice(0, len));
          if (id !== undefined && !(out ??= []).includes(id)) out.push(id);
        }
      }
    }
    return out ?? EMPTY;
  }

  /** All term occurrences in one field's tokens, added to `into` (term id → occurrences). */
  scan(field: Field, tokens: readonly Token[], into: Map<number, Occurrence[]>): void {
    const hits: (number[] | undefined)[] = new Array(tokens.length);
    const at = (i: number): number[] => (hits[i] ??= this.wordsOf(tokens[i]!));
    const record = (term: number, s: number, e: number) => {
      let list = into.get(term);
      if (!list) into.set(term, (list = []));
      // Cap per term: enough for any real article, bounded for adversarial ones.
      if (list.length < MAX_OCCURRENCES) list.push({ field, s, e });
    };
    for (let i = 0; i < tokens.length; i++) {
      for (const w of at(i)) {
        const first = this.firstWordTerms[w]!;
        for (const term of first.single) record(term, i, i + 1);
        if (first.next.size === 0 || i + 1 >= tokens.length) continue;
        for (const w2 of at(i + 1)) {
          const phrases = first.next.get(w2);
          if (!phrases) continue;
          for (const term of phrases) {
            const seq = this.termWords[term]!;
            let ok = i + seq.length <= tokens.length;
            for (let k = 2; ok && k < seq.length; k++) ok = at(i + k).includes(seq[k]!);
            if (ok) record(term, i, i + seq.length);
          }
        }
      }
    }
  }
}

const EMPTY: number[] = [];
export const MAX_OCCURRENCES = 2_000;
