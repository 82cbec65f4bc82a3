// A short, readable rendering of a structured topic (clauses by name with their first terms), used
// where a topic's `query` is shown. It is for people, not for parsing back.
import type { ClauseSpec, TermSource, TopicSpec } from '../core/types.ts';

const FIRST = 2;

/** Terms grouped by vocabulary: `withdrawal_words[withdraw*, pullout +21]`, inline terms quoted. */
export function renderTerms(terms: readonly TermSource[], clauses: readonly string[] = []): string {
  const groups = new Map<string, string[]>();
  for (const t of terms) {
    const key = t.vocab ?? '';
    const list = groups.get(key) ?? [];
    list.push(t.text);
    groups.set(key, list);
  }
  const parts: string[] = [];
  for (const [vocab, list] of groups) {
    const shown = list.slice(0, FIRST).join(', ') + (list.length > FIRST ? ` +${list.length - FIRST}` : '');
    parts.push(vocab === '' ? `"${shown}"` : `${vocab}[${shown}]`);
  }
  parts.push(...clauses.map((c) => `<${c}>`));
  return parts.join(' | ');
}

export function renderClause(name: string, c: ClauseSpec): string {
  let out = c.query !== undefined ? `query(${c.query.length > 60 ? `${c.query.slice(0, 59)}…` : c.query})` : renderTerms(c.terms, c.clauses);
  if (c.near) out += ` ${c.near.ordered ? 'BEFORE' : 'NEAR'}/${c.near.within} ${renderTerms(c.near.terms, c.near.clauses)}`;
  for (const n of c.notNear) out += ` NOT NEAR/${n.within} ${renderTerms(n.terms, n.clauses)}`;
  if (c.min !== undefined && c.min > 1) out += ` at least ${c.min}×`;
  if (c.in) out += ` in ${c.in}`;
  return `${name}: ${out}`;
}

/** All clauses, then the condition: `require a, b; any of c, d+e; none of f`. */
export function renderSpec(spec: TopicSpec): string {
  const lines = Object.entries(spec.clauses).map(([n, c]) => renderClause(n, c));
  const cond: string[] = [];
  if (spec.require.length > 0) cond.push(`require ${spec.require.join(', ')}`);
  if (spec.any.length > 0) cond.push(`any of ${spec.any.map((e) => (typeof e === 'string' ? e : e.join('+'))).join(', ')}`);
  if (spec.exclude.length > 0) cond.push(`none of ${spec.exclude.join(', ')}`);
  lines.push(cond.join('; '));
  return lines.join('\n');
}
