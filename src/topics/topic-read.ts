// Reads the `topics:` list of a topic file (see topic-yaml.ts for the reader and the shapes):
// free-query topics, structured topics with named clauses, and `extends` entries.
import { parseDocument, LineCounter } from 'yaml';
import { formatPath, readVocabularies, TOPIC_ID, YamlReader, type RawClause, type RawNames, type RawTopic, type RawTopicFile } from './topic-yaml.ts';

type Key = string | number;

const CLAUSE_KEYS = ['any', 'terms', 'near', 'before', 'with', 'not_near', 'min', 'in', 'query'] as const;
const NOT_NEAR_KEYS = ['any', 'terms', 'within'] as const;
const TOPIC_KEYS = [
  'id',
  'name',
  'names',
  'aliases',
  'description',
  'query',
  'clauses',
  'require',
  'any',
  'exclude',
  'main',
  'threshold',
  'echo',
  'against',
  'background',
  'extends',
  'include',
  'feeds',
  'except_feeds',
] as const;
/** Largest distance in near:, before:, not_near.within (as NEAR/n in a query). */
const MAX_DISTANCE = 1_000;

function readNames(r: YamlReader, o: Record<string, unknown>, path: readonly Key[]): RawNames {
  return {
    names: o.any === undefined ? [] : r.names(o.any, [...path, 'any'], 'any'),
    terms: o.terms === undefined ? [] : r.terms(o.terms, [...path, 'terms'], 'terms'),
  };
}

function readNotNear(r: YamlReader, v: unknown, path: readonly Key[]): RawClause['notNear'] {
  const items = Array.isArray(v) ? v.map((x, i) => [x, [...path, i]] as const) : [[v, path] as const];
  const out: RawClause['notNear'] = [];
  for (const [x, at] of items) {
    const o = r.mapping(x, at, 'not_near', NOT_NEAR_KEYS);
    if (!o) continue;
    const within = r.int(o.within, [...at, 'within'], 'not_near.within', 1, MAX_DISTANCE);
    const names = readNames(r, o, at);
    if (names.names.length + names.terms.length === 0) r.problem(at, 'not_near needs any: (vocabularies or clauses) or terms:');
    if (within !== undefined) out.push({ ...names, within });
  }
  return out;
}

function readProximity(r: YamlReader, o: Record<string, unknown>, path: readonly Key[]): RawClause['near'] {
  if (o.near !== undefined && o.before !== undefined) r.problem(path, 'give near: or before:, not both');
  const key = o.near !== undefined ? 'near' : o.before !== undefined ? 'before' : undefined;
  if (key === undefined) {
    if (o.with !== undefined) r.problem([...path, 'with'], 'with: needs near: N or before: N');
    return undefined;
  }
  const within = r.int(o[key], [...path, key], key, 1, MAX_DISTANCE);
  if (o.with === undefined) {
    r.problem([...path, key], `${key}: needs with: (the vocabularies or clauses to be near)`);
    return undefined;
  }
  const withNames = r.names(o.with, [...path, 'with'], 'with');
  return within === undefined ? undefined : { within, ordered: key === 'before', with: withNames };
}

function readClause(r: YamlReader, name: string, v: unknown, path: readonly Key[]): RawClause | undefined {
  const line = r.keyLine(path.slice(0, -1), name);
  const o = r.mapping(v, path, `clause ${name}`, CLAUSE_KEYS);
  if (!o) return undefined;
  const clause: RawClause = { name, line, path: formatPath(path), ...readNames(r, o, path), notNear: [] };
  if (o.query !== undefined) {
    const text = r.string(o.query, [...path, 'query'], 'query');
    if (text !== undefined) clause.query = { text, line: r.line([...path, 'query']), path: formatPath([...path, 'query']) };
    if (o.any !== undefined || o.terms !== undefined || o.near !== undefined || o.before !== undefined) {
      r.problem(path, `clause ${name}: query: stands alone (no any:, terms:, near: or before: beside it)`, line);
    }
  } else if (clause.names.length + clause.terms.length === 0) {
    r.problem(path, `clause ${name} is empty: give any: (vocabularies or clauses), terms: or query:`, line);
  }
  clause.near = readProximity(r, o, path);
  if (o.not_near !== undefined) clause.notNear = readNotNear(r, o.not_near, [...path, 'not_near']);
  if (o.min !== undefined) clause.min = r.int(o.min, [...path, 'min'], 'min', 1, 100);
  if (o.in !== undefined) {
    if (o.in === 'title' || o.in === 'text') clause.in = o.in;
    else r.problem([...path, 'in'], 'in: is title or text');
  }
  return clause;
}

function readCondition(r: YamlReader, o: Record<string, unknown>, path: readonly Key[], t: RawTopic): void {
  if (o.require !== undefined) t.require = r.names(o.require, [...path, 'require'], 'require');
  if (o.any !== undefined) {
    r.list(o.any, [...path, 'any'], 'any').forEach((e, i) => {
      const at = [...path, 'any', i];
      if (Array.isArray(e)) t.any.push(r.names(e, at, 'any (all of)'));
      else t.any.push(...r.names([e], at, 'any').map(String));
    });
  }
  if (o.exclude !== undefined) t.exclude = r.names(o.exclude, [...path, 'exclude'], 'exclude');
  if (o.echo !== undefined) t.echo = r.names(o.echo, [...path, 'echo'], 'echo');
  if (o.against !== undefined) t.against = r.names(o.against, [...path, 'against'], 'against');
  if (o.background !== undefined) t.background = r.names(o.background, [...path, 'background'], 'background');
}

function readExtends(r: YamlReader, o: Record<string, unknown>, path: readonly Key[], t: RawTopic): void {
  for (const k of ['query', 'clauses', 'require', 'any', 'main', 'echo', 'against', 'background'] as const) {
    if (o[k] !== undefined)
      r.problem(
        [...path, k],
        `an extends: entry changes a topic with include: and exclude: terms; ${k}: is not allowed here (replace the topic by its id instead)`,
      );
  }
  if (o.include !== undefined) t.include = r.terms(o.include, [...path, 'include'], 'include');
  if (o.exclude !== undefined) t.excludeTerms = r.terms(o.exclude, [...path, 'exclude'], 'exclude');
  if (
    t.include.length + t.excludeTerms.length === 0 &&
    o.names === undefined &&
    o.aliases === undefined &&
    o.description === undefined &&
    o.threshold === undefined &&
    t.feedScope === undefined
  ) {
    r.problem(path, 'this extends: entry changes nothing: give include: or exclude: terms');
  }
}

function readStructured(r: YamlReader, o: Record<string, unknown>, path: readonly Key[], t: RawTopic): void {
  if (o.include !== undefined) r.problem([...path, 'include'], 'include: is for extends: entries');
  if (o.query !== undefined) {
    t.query = r.string(o.query, [...path, 'query'], 'query');
    for (const k of ['clauses', 'require', 'any', 'exclude', 'main', 'echo', 'against', 'background'] as const) {
      if (o[k] !== undefined) r.problem([...path, k], `a topic has either query: or clauses:, not both (${k}: given)`);
    }
    return;
  }
  if (o.clauses === undefined) {
    r.problem([...path, 'query'], `topic ${t.id} needs query: or clauses: (or extends:)`, r.line(path));
    return;
  }
  const clauses = r.mapping(o.clauses, [...path, 'clauses'], 'clauses', Object.keys((o.clauses ?? {}) as object));
  for (const [name, v] of Object.entries(clauses ?? {})) {
    const c = readClause(r, name, v, [...path, 'clauses', name]);
    if (c) t.clauses.push(c);
  }
  readCondition(r, o, path, t);
  if (o.main !== undefined) t.main = r.names([o.main], [...path, 'main'], 'main')[0];
}

function readTopic(r: YamlReader, v: unknown, i: number): RawTopic | undefined {
  const path = ['topics', i];
  const o = r.mapping(v, path, `topics[${i}]`, TOPIC_KEYS);
  if (!o) return undefined;
  const ext = o.extends === undefined ? undefined : r.string(o.extends, [...path, 'extends'], 'extends');
  const rawId = o.id ?? ext;
  const id = typeof rawId === 'string' && TOPIC_ID.test(rawId) ? rawId : undefined;
  if (id === undefined)
    r.problem(
      [...path, o.id === undefined && ext === undefined ? '' : 'id'].filter((k) => k !== ''),
      o.id === undefined && ext === undefined ? 'a topic needs an id' : 'a topic id is lower-case letters, digits and dashes (e.g. us-strikes)',
    );
  const t: RawTopic = {
    path: formatPath(path),
    line: r.line(path),
    id: id ?? `#${i}`,
    include: [],
    excludeTerms: [],
    clauses: [],
    require: [],
    any: [],
    exclude: [],
  };
  if (ext !== undefined) t.extends = ext;
  const names = r.bilingual(o.names, [...path, 'names'], 'names');
  const name = o.name === undefined ? undefined : r.string(o.name, [...path, 'name'], 'name');
  if (names || name) t.names = { ...(name ? { en: name } : {}), ...names };
  if (o.aliases !== undefined) t.aliases = r.terms(o.aliases, [...path, 'aliases'], 'aliases').map((a) => a.text);
  t.description = r.bilingual(o.description, [...path, 'description'], 'description');
  if (o.threshold !== undefined) {
    if (typeof o.threshold === 'number' && o.threshold >= 0) t.threshold = o.threshold;
    else r.problem([...path, 'threshold'], 'threshold must be a number ≥ 0');
  }
  readFeedScope(r, o, path, t);
  if (ext !== undefined) readExtends(r, o, path, t);
  else readStructured(r, o, path, t);
  return t;
}

/** `feeds:` or `except_feeds:`: which feeds the topic reads (resolved against the config's feeds later). */
function readFeedScope(r: YamlReader, o: Record<string, unknown>, path: readonly Key[], t: RawTopic): void {
  if (o.feeds !== undefined && o.except_feeds !== undefined) {
    r.problem([...path, 'except_feeds'], 'give feeds: (read only these) or except_feeds: (all but these), not both');
    return;
  }
  const key = o.feeds !== undefined ? 'feeds' : o.except_feeds !== undefined ? 'except_feeds' : undefined;
  if (key === undefined) return;
  const refs = r.terms(o[key], [...path, key], key);
  if (refs.length === 0 && Array.isArray(o[key])) r.problem([...path, key], `${key}: is empty: name at least one feed (its name, id or URL)`);
  if (refs.length > 0) t.feedScope = { kind: key === 'feeds' ? 'only' : 'except', refs };
}

/** Reads vocabularies and topics from an already parsed document (a config file shares its parse). */
export function readTopicDocument(doc: ReturnType<typeof parseDocument>, lines: LineCounter): RawTopicFile {
  const r = new YamlReader(doc, lines);
  const data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  const vocabularies = readVocabularies(r, data.vocabularies);
  const topics: RawTopic[] = [];
  if (data.topics !== undefined) {
    r.list(data.topics, ['topics'], 'topics').forEach((v, i) => {
      const t = readTopic(r, v, i);
      if (t) topics.push(t);
    });
  }
  return { vocabularies, topics, problems: r.problems };
}

/** Parses a topic file's text (the default pack). YAML syntax errors are reported with their line. */
export function readTopicText(text: string): RawTopicFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { vocabularies: [], topics: [], problems: [{ path: '(yaml)', line: e.linePos?.[0].line, message: `not valid YAML: ${e.message.split('\n')[0]}` }] };
  }
  return readTopicDocument(doc, lines);
}
