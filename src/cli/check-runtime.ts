// The runtime part of `raqib check`: topics and feeds changed at run time (/watch, /feeds,
// `raqib feeds`), with who and when, and how to undo each kind. Read from this config's store
// when it exists (a SQLite file is never created by check) or, for Redis, with --online.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TopicDef } from '../core/types.ts';
import { UNDO_HINTS, type RuntimeChange } from '../core/runtime-change.ts';
import { openStore } from '../store/open-store.ts';
import { RegistryStore, runtimeChanges } from '../store/registry-store.ts';

/** One line per change: kind, id, what changed, by whom and when. */
export function runtimeChangeLines(changes: readonly RuntimeChange[]): string[] {
  const width = Math.max(0, ...changes.map((c) => c.id.length));
  const lines = changes.map((c) => {
    const who = [c.by ? `by ${c.by}` : '', c.at ? `at ${c.at}` : ''].filter(Boolean).join(' ');
    return `  ${c.kind.padEnd(5)}  ${c.id.padEnd(width)}  ${c.change.padEnd(8)}  ${who}`.trimEnd();
  });
  for (const kind of ['topic', 'feed'] as const) if (changes.some((c) => c.kind === kind)) lines.push(`  remove a ${kind}: ${UNDO_HINTS[kind]}`);
  return lines;
}

export interface RuntimeSectionInput {
  storeUrl: string;
  cwd: string;
  online: boolean;
  topics: readonly TopicDef[];
  feedUrls: readonly string[];
}

/** The "changed at run time" section of check, or a line saying why it could not be read. */
export async function runtimeSection(i: RuntimeSectionInput): Promise<string> {
  const head = 'changed at run time (kind, id, change: added | replaces | overlay | removed, by, at):';
  if (i.storeUrl.startsWith('sqlite://') && !existsSync(resolve(i.cwd, i.storeUrl.slice('sqlite://'.length)))) return `${head}\n  none (no store yet)\n`;
  if (!i.storeUrl.startsWith('sqlite://') && !i.online) return `${head}\n  not read: the store is Redis; add --online to read it\n`;
  try {
    const store = await openStore(i.storeUrl, { cwd: i.cwd });
    try {
      const changes = await runtimeChanges(new RegistryStore(store), { topics: new Set(i.topics.map((t) => t.id)), feeds: new Set(i.feedUrls) });
      return `${head}\n${changes.length > 0 ? runtimeChangeLines(changes).join('\n') : '  none'}\n`;
    } finally {
      await store.close();
    }
  } catch (e) {
    return `${head}\n  not read: ${(e as Error).message}\n`;
  }
}
