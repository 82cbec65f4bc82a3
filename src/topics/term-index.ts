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
  private readonly exactWords = new Map<string, number>();
  private prefixLengths: number[] = [];
  private wordCount = 0;
  private readonly termIds = new Map<string, number>();
  /** Per term: its word ids in order. */
  private readonly termWords: number[][] = [];
  /**
   * Per word id: the terms (words or phrases) indexed under it. A phrase is indexed under its
   * longest word — usually its rarest — so that common words ("the", "US", القوات) starting
   * many phrases do not make every article token check them.
   */
  private readonly pivotTerms: number[][] = [];
  /** Per term: the position of its pivot word within the phrase. */
  private readonly pivotPos: number[] = [];
  /**
   * Per term: the fields it is looked for in (TITLE and/or TEXT bits). A term that every query
   * scopes to `title:` is not recorded in the body, where no query would read it, so it neither
   * costs an occurrence nor makes its topics candidates there.
   */
  private readonly termFields: number[] = [];
  /** Bumped by addTerm so that memos computed before it are not trusted. */
  private generation = 0;

  /**
   * Registers a term (one word or a phrase) and returns its id; identical terms share an id.
   * `field` is the query's scope for it (`title:`); undefined: looked for in every field.
   */
  addTerm(words: readonly QueryWord[], field?: Field): number {
    const ids = words.map((w) => this.wordId(w));
    const sig = ids.join(',');
    const fields = field === 'title' ? TITLE : field === 'text' ? TEXT : TITLE | TEXT;
    const known = this.termIds.get(sig);
    if (known !== undefined) {
      // Memos list a term per field: one made before this widening must be made again.
      if ((this.termFields[known]! | fields) !== this.termFields[known]) this.generation++;
      this.termFields[known]! |= fields;
      return known;
    }
    const id = this.termWords.length;
    this.generation++;
    this.termWords.push(ids);
    this.termIds.set(sig, id);
    this.termFields[id] = fields;
    let pivot = 0;
    words.forEach((w, k) => {
      const len = (x: QueryWord) => (x.prefix ? x.form.length - 1 : x.exact ? x.form.length : x.key.length);
      if (len(w) > len(words[pivot]!)) pivot = k;
    });
    this.pivotPos[id] = pivot;
    this.pivotTerms[ids[pivot]!]!.push(id);
    return id;
  }

  get termCount(): number {
    return this.termWords.length;
  }

  private wordId(w: QueryWord): number {
    const map = w.prefix ? this.prefixWords : w.exact ? this.exactWords : this.keyWords;
    const value = w.prefix || w.exact ? w.form : w.key;
    let id = map.get(value);
    if (id === undefined) {
      id = this.wordCount++;
      map.set(value, id);
      this.pivotTerms[id] = [];
      if (w.prefix && !this.prefixLengths.includes(value.length)) {
        this.prefixLengths = [...this.prefixLengths, value.length].sort((a, b) => a - b);
      }
    }
    return id;
  }

  /**
   * What a token is for this index: the word ids it matches (for checking the other words of a
   * phrase) and, per field, the terms indexed under those words (the only ones whose occurrence
   * it can start), one-word terms apart from phrases, so that the scan records a one-word term
   * without looking anything else up. The text stage shares one analysis object per distinct
   * word, and the answer is kept on it (for this index), so it is computed once per distinct
   * word; a word that starts no term gets shared empty lists and costs the scan nothing more.
   */
  private memoOf(tok: Token): Memo {
    const memo = tok.info.memo as Memo | undefined;
    if (memo !== undefined && memo.owner === this && memo.generation === this.generation) return memo;
    const ids = this.lookup(tok);
    const fresh: Memo = { owner: this, generation: this.generation, ids, singles: NONE_PER_FIELD, phrases: NONE_PER_FIELD };
    const terms = new Set<number>();
    for (const id of ids) for (const t of this.pivotTerms[id]!) terms.add(t);
    if (terms.size > 0) {
      const per = (bit: number, phrase: boolean) => [...terms].filter((t) => (this.termFields[t]! & bit) !== 0 && this.termWords[t]!.length > 1 === phrase);
      fresh.singles = [per(TITLE, false), per(TEXT, false)];
      fresh.phrases = [per(TITLE, true), per(TEXT, true)];
    }
    tok.info.memo = fresh;
    return fresh;
  }

  private lookup(tok: Token): number[] {
    let out: number[] | undefined;
    for (const k of tok.keys) {
      const id = this.keyWords.get(k);
      if (id !== undefined) (out ??= []).push(id);
    }
    if (this.exactWords.size > 0) {
      for (const form of tok.forms) {
        const id = this.exactWords.get(form);
        if (id !== undefined && !(out ??= []).includes(id)) out.push(id);
      }
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
    const n = tokens.length;
    const f = field === 'title' ? 0 : 1;
    const memos = new Array<Memo>(n);
    for (let i = 0; i < n; i++) memos[i] = this.memoOf(tokens[i]!);
    for (let i = 0; i < n; i++) {
      const { singles, phrases } = memos[i]!;
      for (const term of singles[f]!) record(into, term, field, i, i + 1);
      for (const term of phrases[f]!) {
        const seq = this.termWords[term]!;
        const start = i - this.pivotPos[term]!;
        let ok = start >= 0 && start + seq.length <= n;
        for (let q = 0; ok && q < seq.length; q++) ok = start + q === i || memos[start + q]!.ids.includes(seq[q]!);
        if (ok) record(into, term, field, start, start + seq.length);
      }
    }
  }
}

function record(into: Map<number, Occurrence[]>, term: number, field: Field, s: number, e: number): void {
  let list = into.get(term);
  if (list === undefined) into.set(term, (list = []));
  // Cap per term: enough for any real article, bounded for adversarial ones.
  if (list.length < MAX_OCCURRENCES) list.push({ field, s, e });
}

/** A token's answer from one index (see memoOf); per field: [title, text]. */
interface Memo {
  owner: object;
  generation: number;
  ids: number[];
  singles: readonly number[][];
  phrases: readonly number[][];
}

const EMPTY: number[] = [];
const NONE_PER_FIELD: readonly number[][] = [EMPTY, EMPTY];
const TITLE = 1;
const TEXT = 2;
export const MAX_OCCURRENCES = 2_000;
