// The default topic pack (withdrawal, militia-threats, us-strikes, iraq), used when a config file
// has no `topics:` key. The queries live in default-pack.yaml next to this file so they can be
// read and tuned without touching code.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RaqibError, type TopicDef } from '../core/types.ts';

const PACK_URL = new URL('./default-pack.yaml', import.meta.url);

let cached: TopicDef[] | undefined;

function load(): TopicDef[] {
  const doc: unknown = parse(readFileSync(PACK_URL, 'utf8'));
  const topics = (doc as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(topics)) throw new RaqibError('DEFAULT_PACK_INVALID', 'default-pack.yaml has no topics list');
  return topics.map((t: unknown, i) => {
    const o = t as Partial<Record<'id' | 'name' | 'query', unknown>>;
    if (typeof o.id !== 'string' || typeof o.query !== 'string') {
      throw new RaqibError('DEFAULT_PACK_INVALID', `default-pack.yaml: topic ${i + 1} needs string id and query`);
    }
    return { id: o.id, query: o.query, ...(typeof o.name === 'string' ? { name: o.name } : {}) };
  });
}

/** The default topics (a fresh copy each call, so callers may not alter the pack). */
export function defaultTopics(): TopicDef[] {
  cached ??= load();
  return cached.map((t) => ({ ...t }));
}
