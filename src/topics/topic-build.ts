// Builds the topic list from layers of topic files (the default pack, then the user's config):
// later layers add topics, replace a topic by its id, or change one with `extends:`; vocabularies
// of all layers form one namespace (a later layer's vocabulary replaces an earlier one of the same
// name). Every name is resolved and every clause compiled here, so that all problems are found
// at load time, each with its file, line and clause or vocabulary.
import type { ClauseSpec, FeedScope, TermSource, TopicDef, TopicOrigin, TopicSpec } from '../core/types.ts';
import { compileSpec, type ClauseProblem } from './compile-spec.ts';
import type { FeedResolver } from './feed-scope.ts';
import { parseQuery, parseTerm } from './query-parser.ts';
import { renderSpec } from './topic-render.ts';
import type { RawClause, RawNames, RawTerm, RawTopic, RawTopicFile, RawVocab, TopicProblem } from './topic-yaml.ts';

export interface TopicLayer {
  file: string;
  origin: 'pack' | 'config';
  raw: RawTopicFile;
  /** False drops the layer's topics but keeps its vocabularies (`settings.defaultPack: false`). */
  useTopics?: boolean;
}

export interface LayerProblem extends TopicProblem {
  file: string;
}

interface Entry {
  raw: RawTopic;
  file: string;
  origin: TopicOrigin;
  patches: { raw: RawTopic; file: string }[];
}

interface Vocab {
  raw: RawVocab;
  file: string;
  origin: TopicLayer['origin'];
  used: boolean;
}

class Builder {
  readonly problems: LayerProblem[] = [];
  readonly vocabs = new Map<string, Vocab>();
  constructor(readonly feedRef?: FeedResolver) {}

  report(file: string, at: { path: string; line?: number }, message: string): void {
    this.problems.push({ file, path: at.path, ...(at.line !== undefined ? { line: at.line } : {}), message });
  }

  addVocabularies(layer: TopicLayer): void {
    for (const v of layer.raw.vocabularies) {
      this.vocabs.set(v.name, { raw: v, file: layer.file, origin: layer.origin, used: false });
      for (const t of v.terms) {
        const r = parseTerm(t.text);
        if (!r.ok) this.report(layer.file, t, `vocabulary ${v.name}, term "${t.text}": ${r.problem.message} (at position ${r.problem.position} of the term)`);
      }
    }
  }

  /** Vocabulary terms and clause names for the names listed under any:/with:. */
  resolve(t: RawTopic, file: string, where: { path: string; line?: number }, names: readonly string[]): { terms: TermSource[]; clauses: string[] } {
    const terms: TermSource[] = [];
    const clauses: string[] = [];
    const own = new Set(t.clauses.map((c) => c.name));
    for (const n of names) {
      const v = this.vocabs.get(n);
      if (v && own.has(n)) continue; // reported once, where the clause is defined
      if (v) {
        v.used = true;
        for (const term of v.raw.terms) terms.push({ text: term.text, vocab: n });
      } else if (own.has(n)) clauses.push(n);
      else this.report(file, where, `topic ${t.id}: unknown vocabulary or clause "${n}"`);
    }
    return { terms, clauses };
  }

  names(t: RawTopic, file: string, c: { path: string; line?: number }, n: RawNames): { terms: TermSource[]; clauses: string[] } {
    const r = this.resolve(t, file, c, n.names);
    return { terms: [...r.terms, ...n.terms.map((x) => ({ text: x.text }))], clauses: r.clauses };
  }

  clause(t: RawTopic, file: string, c: RawClause): ClauseSpec {
    const base = this.names(t, file, c, c);
    const spec: ClauseSpec = { ...base, notNear: c.notNear.map((nn) => ({ ...this.names(t, file, c, nn), within: nn.within })) };
    if (c.near) spec.near = { within: c.near.within, ordered: c.near.ordered, ...this.resolve(t, file, c, c.near.with) };
    if (c.min !== undefined) spec.min = c.min;
    if (c.in) spec.in = c.in;
    if (c.query) spec.query = c.query.text;
    return spec;
  }
}

function checkCondition(b: Builder, t: RawTopic, file: string): void {
  const own = new Set(t.clauses.map((c) => c.name));
  const named = [...t.require, ...t.any.flat(), ...t.exclude, ...(t.echo ?? []), ...(t.against ?? []), ...(t.background ?? []), ...(t.main ? [t.main] : [])];
  for (const n of new Set(named)) if (!own.has(n)) b.report(file, t, `topic ${t.id}: the condition names an unknown clause "${n}"`);
  if (t.require.length + t.any.length === 0 && t.clauses.length > 0) b.report(file, t, `topic ${t.id}: give require: or any: (which clauses must hold)`);
}

/** Where a compile problem is: the inline term's line, the clause's query line, or the clause. */
function locate(t: RawTopic, p: ClauseProblem): { path: string; line?: number } {
  const c = t.clauses.find((x) => x.name === p.clause);
  if (!c) return t;
  if (p.inQuery && c.query) return c.query;
  const inline: RawTerm | undefined =
    p.term && !p.term.vocab ? [...c.terms, ...c.notNear.flatMap((n) => n.terms)].find((x) => x.text === p.term!.text) : undefined;
  return inline ?? c;
}

function describeProblem(t: RawTopic, p: ClauseProblem): string {
  const where = p.term ? `, term "${p.term.text}"` : p.inQuery ? ', query' : '';
  const pos = p.term || p.inQuery ? ` (at position ${p.position} of the ${p.term ? 'term' : 'query'})` : '';
  return `topic ${t.id}, clause ${p.clause}${where}: ${p.message}${pos}`;
}

/** extends: include: adds terms to the main clause, exclude: adds an excluding clause. */
function applyPatches(spec: TopicSpec, patches: readonly RawTopic[]): void {
  for (const p of patches) {
    if (p.include.length > 0) {
      const main = spec.main ?? spec.require[0] ?? (typeof spec.any[0] === 'string' ? spec.any[0] : undefined) ?? Object.keys(spec.clauses)[0]!;
      const c = spec.clauses[main]!;
      spec.clauses[main] = { ...c, terms: [...c.terms, ...p.include.map((x) => ({ text: x.text }))] };
    }
    if (p.excludeTerms.length > 0) {
      let name = 'excluded';
      for (let k = 2; spec.clauses[name]; k++) name = `excluded_${k}`;
      spec.clauses[name] = { terms: p.excludeTerms.map((x) => ({ text: x.text })), clauses: [], notNear: [] };
      spec.exclude = [...spec.exclude, name];
    }
  }
}

/** A free-query topic changed by extends: include ORs terms in, exclude subtracts them. */
function patchQuery(query: string, patches: readonly RawTopic[]): string {
  const q = (xs: readonly RawTerm[]) => xs.map((x) => `"${x.text.replace(/"/g, '')}"`).join(' OR ');
  let out = query;
  for (const p of patches) {
    if (p.include.length > 0) out = `(${out}) OR ${q(p.include)}`;
    if (p.excludeTerms.length > 0) out = `(${out}) -(${q(p.excludeTerms)})`;
  }
  return out;
}

function meta(e: Entry): Omit<TopicDef, 'query'> {
  const last = <K extends keyof RawTopic>(k: K): RawTopic[K] =>
    [e.raw, ...e.patches.map((p) => p.raw)].reduce<RawTopic[K]>((v, r) => r[k] ?? v, undefined as RawTopic[K]);
  const names = last('names');
  const aliases = last('aliases');
  const description = last('description');
  return {
    id: e.raw.id,
    ...(names?.en || names?.ar ? { name: names.en ?? names.ar } : {}),
    ...(names ? { names } : {}),
    ...(aliases ? { aliases } : {}),
    ...(description ? { description } : {}),
    origin: e.origin,
  };
}

/** The last layer's feeds:/except_feeds: (an extends: entry may set one), each feed resolved to its id. */
function feedScope(b: Builder, e: Entry): FeedScope | undefined {
  const layers = [{ raw: e.raw, file: e.file }, ...e.patches];
  const last = layers.reduce<(typeof layers)[number] | undefined>((v, l) => (l.raw.feedScope ? l : v), undefined);
  if (!last) return undefined;
  const scope = last.raw.feedScope!;
  const feeds: FeedScope['feeds'] = [];
  for (const r of scope.refs) {
    const id = b.feedRef?.(r.text.trim());
    if (id === undefined) b.report(last.file, r, `topic ${e.raw.id}: unknown feed "${r.text}" (name a feed of the config's feeds: by its name, id or URL)`);
    else if (!feeds.some((f) => f.id === id)) feeds.push({ id, ref: r.text });
  }
  return { kind: scope.kind, feeds };
}

function buildEntry(b: Builder, e: Entry): TopicDef | undefined {
  const before = b.problems.length;
  const scope = feedScope(b, e);
  const def = buildBody(b, e);
  if (!def || b.problems.length > before) return undefined;
  return scope ? { ...def, feedScope: scope } : def;
}

function buildBody(b: Builder, e: Entry): TopicDef | undefined {
  const t = e.raw;
  const patches = e.patches.map((p) => p.raw);
  if (t.query !== undefined) {
    const r = parseQuery(t.query);
    if (!r.ok) {
      b.report(e.file, { path: `${t.path}.query`, line: t.line }, `topic ${t.id}: ${r.problem.message} (at position ${r.problem.position} of the query)`);
      return undefined;
    }
    return { ...meta(e), query: patchQuery(t.query, patches) };
  }
  const before = b.problems.length;
  const clauses: Record<string, ClauseSpec> = {};
  for (const c of t.clauses) {
    if (b.vocabs.has(c.name)) b.report(e.file, c, `topic ${t.id}: clause ${c.name} has the name of a vocabulary; rename the clause`);
    clauses[c.name] = b.clause(t, e.file, c);
  }
  checkCondition(b, t, e.file);
  if (b.problems.length > before) return undefined;
  const threshold = [t, ...patches].reduce<number | undefined>((v, r) => r.threshold ?? v, undefined);
  const spec: TopicSpec = {
    clauses,
    require: t.require,
    any: t.any,
    exclude: t.exclude,
    ...(t.main ? { main: t.main } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(t.echo ? { echo: t.echo } : {}),
    ...(t.against ? { against: t.against } : {}),
    ...(t.background ? { background: t.background } : {}),
  };
  applyPatches(spec, patches);
  const compiled = compileSpec(spec);
  if (!compiled.ok) {
    for (const p of compiled.problems) b.report(e.file, locate(t, p), describeProblem(t, p));
    return undefined;
  }
  return { ...meta(e), query: renderSpec(spec), spec };
}

function placeTopics(b: Builder, layers: readonly TopicLayer[]): Entry[] {
  const entries: Entry[] = [];
  for (const layer of layers) {
    if (layer.useTopics === false) continue;
    const seen = new Set<string>();
    for (const t of layer.raw.topics) {
      const inPlace = t.extends !== undefined && t.extends === t.id;
      if (!inPlace && seen.has(t.id)) {
        b.report(layer.file, { path: `${t.path}.id`, line: t.line }, `duplicate topic id "${t.id}"`);
        continue;
      }
      seen.add(t.id);
      const at = entries.findIndex((x) => x.raw.id === (t.extends ?? t.id));
      if (t.extends !== undefined) {
        if (at < 0) b.report(layer.file, { path: `${t.path}.extends`, line: t.line }, `extends: unknown topic "${t.extends}"`);
        else if (t.id === t.extends) entries[at] = { ...entries[at]!, origin: 'extends', patches: [...entries[at]!.patches, { raw: t, file: layer.file }] };
        else if (entries.some((x) => x.raw.id === t.id)) b.report(layer.file, { path: `${t.path}.id`, line: t.line }, `topic id "${t.id}" is already taken`);
        else
          entries.push({
            ...entries[at]!,
            raw: { ...entries[at]!.raw, id: t.id },
            origin: 'extends',
            patches: [...entries[at]!.patches, { raw: t, file: layer.file }],
          });
      } else if (at >= 0) entries[at] = { raw: t, file: layer.file, origin: layer.origin, patches: [] };
      else entries.push({ raw: t, file: layer.file, origin: layer.origin, patches: [] });
    }
  }
  return entries;
}

/** The topics of all layers, composed, or every problem found. */
export function buildTopics(
  layers: readonly TopicLayer[],
  opts: { reportUnused?: readonly TopicLayer['origin'][]; feedRef?: FeedResolver } = {},
): { topics: TopicDef[]; problems: LayerProblem[] } {
  const b = new Builder(opts.feedRef);
  for (const layer of layers) {
    for (const p of layer.raw.problems) b.problems.push({ file: layer.file, ...p });
    b.addVocabularies(layer);
  }
  const topics: TopicDef[] = [];
  for (const e of placeTopics(b, layers)) {
    const def = buildEntry(b, e);
    if (def) topics.push(def);
  }
  const unusedFrom = new Set(opts.reportUnused ?? ['config']);
  for (const [name, v] of b.vocabs) {
    if (!v.used && unusedFrom.has(v.origin))
      b.report(v.file, { path: `vocabularies.${name}`, line: v.raw.line }, `vocabulary ${name} is not used by any topic`);
  }
  return { topics, problems: b.problems };
}
