// `raqib reset [--topics] [--feeds] [--articles] [--subscriptions] [--config FILE] [--yes]`:
// start clean. Without --yes it only prints what it would remove (a dry run); with --yes it
// removes it. No part named: all four. Config subscriptions come back at the next start (seeded).
import type Keyv from 'keyv';
import type { Store } from '../store/open-store.ts';
import { parseOrUsage, flagValue, write, type CliIO } from './io.ts';
import { openStoreOrReport, requireConfigContext } from './context.ts';

const USAGE = 'usage: raqib reset [--topics] [--feeds] [--articles] [--subscriptions] [--config FILE] [--yes]';

/** Which store namespaces each part owns (src/store, src/stories). */
export const RESET_PARTS = {
  // personal_topics: everyone's own topics (/watch in a private chat), each named with its chat.
  topics: ['runtime_topics', 'personal_topics'],
  feeds: ['runtime_feeds', 'feed_state'],
  articles: ['articles', 'seen', 'article_hours', 'article_days', 'stories', 'story_of', 'story_buckets'],
  subscriptions: ['subscriptions', 'subscriptions_by_chat', 'digest_cursors'],
} as const;

type Part = keyof typeof RESET_PARTS;

async function keysOf(kv: Keyv): Promise<string[]> {
  const keys: string[] = [];
  for await (const [k] of kv.iterator!(undefined)) keys.push(String(k));
  return keys;
}

/** One line per part: how many entries; then the ids of runtime topics and feeds. */
async function survey(store: Store, parts: readonly Part[]): Promise<{ lines: string[]; total: number }> {
  const lines: string[] = [];
  let total = 0;
  for (const part of parts) {
    const counts: string[] = [];
    const ids: string[] = [];
    for (const ns of RESET_PARTS[part]) {
      const keys = await keysOf(store.namespace(ns));
      total += keys.length;
      counts.push(`${ns} ${keys.length}`);
      if (ns === 'runtime_topics' || ns === 'personal_topics' || ns === 'runtime_feeds') ids.push(...keys.slice(0, 50).map((k) => `    ${k}`));
    }
    lines.push(`  ${part}: ${counts.join(', ')}`, ...ids);
  }
  return { lines, total };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], switches: ['topics', 'feeds', 'articles', 'subscriptions', 'yes'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const ctx = await requireConfigContext(io, flagValue(parsed.args, 'config'));
  if (!ctx) return 2;
  const named = (Object.keys(RESET_PARTS) as Part[]).filter((p) => parsed.args.flags.has(p));
  const parts = named.length > 0 ? named : (Object.keys(RESET_PARTS) as Part[]);
  const store = await openStoreOrReport(io, ctx.env);
  if (!store) return 1;
  try {
    const { lines, total } = await survey(store, parts);
    const yes = parsed.args.flags.has('yes');
    await write(io.stdout, `${yes ? 'removing' : 'would remove (dry run; add --yes to remove)'} from ${store.displayUrl}:\n${lines.join('\n')}\n`);
    if (!yes) return 0;
    for (const part of parts) for (const ns of RESET_PARTS[part]) await store.namespace(ns).clear();
    await write(io.stdout, `removed ${total} entr${total === 1 ? 'y' : 'ies'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
