// The default topic pack (withdrawal, militia-threats, us-strikes, iraq), in default-pack.yaml next
// to this file so it can be read and tuned without touching code. A config's `topics:` add to it
// (see src/config/load.ts); `settings.defaultPack: false` drops its topics.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RaqibError, type TopicDef } from '../core/types.ts';
import { readTopicText } from './topic-read.ts';
import { buildTopics, type TopicLayer } from './topic-build.ts';

export const DEFAULT_PACK_PATH = fileURLToPath(new URL('./default-pack.yaml', import.meta.url));

let layer: TopicLayer | undefined;
let cached: TopicDef[] | undefined;

/** The pack as a layer for composing with a config (read once). */
export function defaultPackLayer(): TopicLayer {
  layer ??= { file: DEFAULT_PACK_PATH, origin: 'pack', raw: readTopicText(readFileSync(DEFAULT_PACK_PATH, 'utf8')) };
  return layer;
}

function load(): TopicDef[] {
  const r = buildTopics([defaultPackLayer()], { reportUnused: ['pack'] });
  if (r.problems.length > 0) {
    const list = r.problems.map((p) => `  ${p.path}${p.line !== undefined ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n');
    throw new RaqibError('DEFAULT_PACK_INVALID', `${DEFAULT_PACK_PATH} has ${r.problems.length} problem(s):\n${list}`);
  }
  return r.topics;
}

/** The default topics (a fresh copy each call, so callers may not alter the pack). */
export function defaultTopics(): TopicDef[] {
  cached ??= load();
  return cached.map((t) => structuredClone(t));
}
