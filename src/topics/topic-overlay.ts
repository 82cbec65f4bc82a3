// Runtime edits of a topic kept as an overlay (include / exclude terms) over the topic they change,
// like a config's `extends:` entry: the pack can be updated underneath and the edit still applies.
// include adds terms to the topic's main clause; exclude adds a clause the article must not hold.
import type { TopicDef, TopicSpec } from '../core/types.ts';

export interface TopicOverlay {
  include: string[];
  exclude: string[];
}

/** The clause include: adds to, as `extends` chooses it (topic-build.ts). */
export function mainClause(spec: TopicSpec): string {
  return spec.main ?? spec.require[0] ?? (typeof spec.any[0] === 'string' ? spec.any[0] : undefined) ?? Object.keys(spec.clauses)[0]!;
}

/** The clause name the overlay's exclude terms are kept under. */
export const EXCLUDED_CLAUSE = 'excluded_by_watch';

function overlaySpec(spec: TopicSpec, o: TopicOverlay): TopicSpec {
  const out: TopicSpec = { ...spec, clauses: { ...spec.clauses } };
  if (o.include.length > 0) {
    const main = mainClause(spec);
    const c = out.clauses[main]!;
    out.clauses[main] = { ...c, terms: [...c.terms, ...o.include.map((text) => ({ text }))] };
  }
  if (o.exclude.length > 0) {
    out.clauses[EXCLUDED_CLAUSE] = { terms: o.exclude.map((text) => ({ text })), clauses: [], notNear: [] };
    out.exclude = [...spec.exclude.filter((n) => n !== EXCLUDED_CLAUSE), EXCLUDED_CLAUSE];
  }
  return out;
}

function overlayQuery(query: string, o: TopicOverlay): string {
  const q = (xs: readonly string[]) => xs.map((x) => `"${x.replace(/"/g, '')}"`).join(' OR ');
  let out = query;
  if (o.include.length > 0) out = `(${out}) OR ${q(o.include)}`;
  if (o.exclude.length > 0) out = `(${out}) -(${q(o.exclude)})`;
  return out;
}

/** The topic with the overlay applied (a new object; `def` is not changed). */
export function applyOverlay(def: TopicDef, o: TopicOverlay): TopicDef {
  if (def.spec) return { ...def, spec: overlaySpec(def.spec, o) };
  return { ...def, query: overlayQuery(def.query, o) };
}

/** Two overlays as one: terms of both, each once. */
export function mergeOverlays(a: TopicOverlay | undefined, b: TopicOverlay): TopicOverlay {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return { include: uniq([...(a?.include ?? []), ...b.include]), exclude: uniq([...(a?.exclude ?? []), ...b.exclude]) };
}

/** Terms as a person types them: words, or "quoted phrases", separated by spaces or commas. */
export function termsFromText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["“”«]([^"“”»]+)["“”»]|([^\s,،"“”«»]+)/g)) {
    const t = (m[1] ?? m[2]!).trim();
    if (t !== '' && t !== 'OR') out.push(t);
  }
  return out;
}
