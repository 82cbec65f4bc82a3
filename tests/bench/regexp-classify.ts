// The baseline of the end-to-end matching bench: a classifier built the simple way, one RegExp per
// term, doing what `raqib classify` does over the same files. It reads the same JSON Lines articles
// on stdin and writes one line {id, topics: [{id}]} per article.
//
//   node --import tsx tests/bench/regexp-classify.ts TOPICS.json [--lazy] < articles.jsonl
//
// TOPICS.json is [{id, query}] (the same topics as the config given to raqib). Queries are parsed
// with raqib's own parser and every distinct term (word, phrase or prefix, with its field) is
// compiled once into a case-insensitive RegExp with letter look-arounds for word edges. Per article,
// by default every distinct term is tested once (as the in-process baseline does); with --lazy a
// term is tested only when a topic's condition needs it (AND and OR stop early), memoised per
// article: the strongest simple form. It is kinder to itself than raqib in two ways, both in its
// favour: NEAR is read as AND (no positions), and there is no Arabic-aware analysis.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseQuery, type QueryNode } from '../../src/topics/index.ts';

interface Term {
  re: RegExp;
  titleOnly: boolean;
}

type Node = { kind: 'term'; id: number } | { kind: 'and' | 'or'; children: Node[] } | { kind: 'not'; child: Node };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(queries: readonly { id: string; query: string }[]): { terms: Term[]; topics: { id: string; root: Node }[] } {
  const terms: Term[] = [];
  const ids = new Map<string, number>();
  const build = (n: QueryNode): Node => {
    switch (n.kind) {
      case 'term': {
        const prefix = n.text.endsWith('*');
        const text = prefix ? n.text.slice(0, -1) : n.text;
        const key = `${n.field ?? ''}|${n.text}`;
        let id = ids.get(key);
        if (id === undefined) {
          ids.set(key, (id = terms.length));
          terms.push({ re: new RegExp(`(?<!\\p{L})${escape(text)}${prefix ? '' : '(?!\\p{L})'}`, 'iu'), titleOnly: n.field === 'title' });
        }
        return { kind: 'term', id };
      }
      case 'and':
      case 'or':
        return { kind: n.kind, children: n.children.map(build) };
      case 'not':
        return { kind: 'not', child: build(n.child) };
      case 'near':
        return n.negated ? build(n.left) : { kind: 'and', children: [build(n.left), build(n.right)] };
      case 'atleast':
        return build(n.child);
    }
  };
  const topics = queries.map((q) => {
    const r = parseQuery(q.query);
    if (!r.ok) throw new Error(`topic ${q.id}: ${r.problem.message}`);
    return { id: q.id, root: build(r.ast) };
  });
  return { terms, topics };
}

function holds(n: Node, hit: (id: number) => boolean): boolean {
  switch (n.kind) {
    case 'term':
      return hit(n.id);
    case 'and':
      return n.children.every((c) => holds(c, hit));
    case 'or':
      return n.children.some((c) => holds(c, hit));
    case 'not':
      return !holds(n.child, hit);
  }
}

async function main(): Promise<void> {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) throw new Error('usage: regexp-classify.ts TOPICS.json [--lazy] < articles.jsonl');
  const lazy = flags.includes('--lazy');
  const { terms, topics } = compile(JSON.parse(readFileSync(file, 'utf8')) as { id: string; query: string }[]);
  // Per article: 0 = not tested yet, 1 = absent, 2 = present.
  const state = new Uint8Array(terms.length);
  let out = '';
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as { id: string | number; title?: string; text?: string };
    const title = doc.title ?? '';
    const text = doc.text ?? '';
    const test = (id: number): boolean => {
      const t = terms[id]!;
      return t.re.test(title) || (!t.titleOnly && t.re.test(text));
    };
    state.fill(0);
    if (!lazy) for (let id = 0; id < terms.length; id++) state[id] = test(id) ? 2 : 1;
    const hit = (id: number): boolean => {
      if (state[id] === 0) state[id] = test(id) ? 2 : 1;
      return state[id] === 2;
    };
    const matched = topics.filter((t) => holds(t.root, hit)).map((t) => ({ id: t.id }));
    out += `${JSON.stringify({ id: doc.id, topics: matched })}\n`;
    if (out.length > 64_000) {
      process.stdout.write(out);
      out = '';
    }
  }
  process.stdout.write(out);
}

await main();
