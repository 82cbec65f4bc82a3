// The default topic pack (withdrawal, militia-threats, us-strikes, iraq), used when a config file
// has no `topics:` key. The queries live in default-pack.yaml next to this file so they can be
// read and tuned without touching code.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RaqibError, type TopicDef } from '../core/types.ts';

const PACK_URL = new URL('./default-pack.yaml', import.meta.url);

let cached: TopicDef[] | undefined;

const REF = /\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * Expands `{NAME}` references to the pack's `define:` entries (which may refer to earlier ones).
 * The pack shares long vocabularies (who counts as a US actor, as an Iraqi faction) between
 * topics this way; the expanded text is an ordinary query.
 */
export function expandDefines(text: string, defines: Record<string, string>, where: string): string {
  return text.replace(REF, (_, name: string) => {
    const value = defines[name];
    if (value === undefined) throw new RaqibError('DEFAULT_PACK_INVALID', `${where}: unknown {${name}}`);
    return `(${value})`;
  });
}

function load(): TopicDef[] {
  const doc = parse(readFileSync(PACK_URL, 'utf8')) as { topics?: unknown; define?: unknown } | null;
  const topics = doc?.topics;
  if (!Array.isArray(topics)) throw new RaqibError('DEFAULT_PACK_INVALID', 'default-pack.yaml has no topics list');
  const defines: Record<string, string> = {};
  for (const [name, value] of Object.entries((doc?.define ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new RaqibError('DEFAULT_PACK_INVALID', `default-pack.yaml: define ${name} must be a string`);
    defines[name] = expandDefines(value, defines, `define ${name}`);
  }
  return topics.map((t: unknown, i) => {
    const o = t as Partial<Record<'id' | 'name' | 'query', unknown>>;
    if (typeof o.id !== 'string' || typeof o.query !== 'string') {
      throw new RaqibError('DEFAULT_PACK_INVALID', `default-pack.yaml: topic ${i + 1} needs string id and query`);
    }
    const query = expandDefines(o.query, defines, `topic ${o.id}`);
    return { id: o.id, query, ...(typeof o.name === 'string' ? { name: o.name } : {}) };
  });
}

/** The default topics (a fresh copy each call, so callers may not alter the pack). */
export function defaultTopics(): TopicDef[] {
  cached ??= load();
  return cached.map((t) => ({ ...t }));
}
