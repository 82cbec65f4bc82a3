// Reads the `vocabularies:` and `topics:` of a topic file (the default pack or a user's config)
// into plain shapes, checking each key's type and remembering each item's YAML line, so that
// every later problem can name the file, the line and the clause or vocabulary. Names are not
// resolved here (see topic-build.ts): a config may refer to the pack's vocabularies.
import type { Document, LineCounter } from 'yaml';
import type { Field } from '../core/types.ts';

export interface TopicProblem {
  /** Where in the document, e.g. `topics[1].clauses.pullout.any`. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

/** A term as written, with its line. */
export interface RawTerm {
  text: string;
  line?: number;
  path: string;
}

export interface RawVocab {
  name: string;
  line?: number;
  terms: RawTerm[];
}

export interface RawNames {
  /** Vocabulary or clause names. */
  names: string[];
  terms: RawTerm[];
}

export interface RawClause extends RawNames {
  name: string;
  line?: number;
  path: string;
  near?: { within: number; ordered: boolean; with: string[] };
  notNear: (RawNames & { within: number })[];
  min?: number;
  in?: Field;
  query?: RawTerm;
}

export interface RawTopic {
  path: string;
  line?: number;
  id: string;
  extends?: string;
  include: RawTerm[];
  excludeTerms: RawTerm[];
  names?: { en?: string; ar?: string };
  aliases?: string[];
  description?: { en?: string; ar?: string };
  query?: string;
  clauses: RawClause[];
  require: string[];
  any: (string | string[])[];
  exclude: string[];
  main?: string;
  threshold?: number;
  echo?: string[];
  against?: string[];
  background?: string[];
  /** `feeds:` (read only these) or `except_feeds:` (all but these): names, ids or URLs as written. */
  feedScope?: { kind: 'only' | 'except'; refs: RawTerm[] };
}

export interface RawTopicFile {
  vocabularies: RawVocab[];
  topics: RawTopic[];
  problems: TopicProblem[];
}

type Key = string | number;

export const TOPIC_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** Reads values out of a parsed YAML document and reports problems with their line. */
export class YamlReader {
  readonly problems: TopicProblem[] = [];
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  line(path: readonly Key[]): number | undefined {
    const node = this.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const at = node?.range?.[0];
    return at === undefined ? undefined : this.lines.linePos(at).line;
  }

  /** The line of a mapping's key (where a clause or vocabulary is named). */
  keyLine(path: readonly Key[], key: string): number | undefined {
    const map = this.doc.getIn(path, true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
    const item = map?.items?.find((p) => p.key?.value === key);
    const at = item?.key?.range?.[0];
    return at === undefined ? this.line([...path, key]) : this.lines.linePos(at).line;
  }

  problem(path: readonly Key[], message: string, line = this.line(path)): void {
    this.problems.push({ path: formatPath(path), ...(line !== undefined ? { line } : {}), message });
  }

  string(v: unknown, path: readonly Key[], what: string): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.problem(path, `${what} must be a non-empty string`);
    return undefined;
  }

  int(v: unknown, path: readonly Key[], what: string, min: number, max: number): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.problem(path, `${what} must be a whole number from ${min} to ${max}`);
    return undefined;
  }

  list(v: unknown, path: readonly Key[], what: string): unknown[] {
    if (Array.isArray(v)) return v;
    this.problem(path, `${what} must be a list`);
    return [];
  }

  names(v: unknown, path: readonly Key[], what: string): string[] {
    const out: string[] = [];
    this.list(v, path, what).forEach((n, i) => {
      if (typeof n === 'string' && NAME.test(n)) out.push(n);
      else this.problem([...path, i], `${what}: "${String(n)}" is not a name (lower-case letters, digits and _, e.g. us_forces)`);
    });
    return out;
  }

  terms(v: unknown, path: readonly Key[], what: string): RawTerm[] {
    const out: RawTerm[] = [];
    // The list's node once, not a walk from the root per term: the pack has hundreds of terms.
    const items = (this.doc.getIn(path, true) as { items?: { range?: [number, number, number] }[] } | undefined)?.items;
    this.list(v, path, what).forEach((t, i) => {
      const at = [...path, i];
      const start = items?.[i]?.range?.[0];
      const line = start === undefined ? undefined : this.lines.linePos(start).line;
      if (typeof t === 'string' || typeof t === 'number') out.push({ text: String(t), line, path: formatPath(at) });
      else this.problem(at, `${what}: each term must be a string`);
    });
    return out;
  }

  mapping(v: unknown, path: readonly Key[], what: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.problem(path, `${what} must be a mapping`);
      return undefined;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) this.problem([...path, k], `unknown key "${k}" in ${what} (allowed: ${allowed.join(', ')})`, this.keyLine(path, k));
    return o;
  }

  bilingual(v: unknown, path: readonly Key[], what: string): { en?: string; ar?: string } | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'string') return { en: v };
    const o = this.mapping(v, path, what, ['en', 'ar']);
    if (!o) return undefined;
    const out: { en?: string; ar?: string } = {};
    for (const k of ['en', 'ar'] as const) if (o[k] !== undefined) out[k] = this.string(o[k], [...path, k], `${what}.${k}`);
    return out;
  }
}

export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(root)';
}

/** `vocabularies:` → named term lists. */
export function readVocabularies(r: YamlReader, v: unknown): RawVocab[] {
  if (v === undefined) return [];
  const o = r.mapping(v, ['vocabularies'], 'vocabularies', Object.keys((v ?? {}) as object));
  if (!o) return [];
  const out: RawVocab[] = [];
  for (const [name, terms] of Object.entries(o)) {
    const path = ['vocabularies', name];
    const line = r.keyLine(['vocabularies'], name);
    if (!NAME.test(name)) {
      r.problem(path, `vocabulary "${name}": a name is lower-case letters, digits and _ (e.g. us_forces)`, line);
      continue;
    }
    const list = r.terms(terms, path, `vocabulary ${name}`);
    if (list.length === 0) r.problem(path, `vocabulary ${name} is empty`, line);
    out.push({ name, line, terms: list });
  }
  return out;
}
