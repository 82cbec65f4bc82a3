// The topic a button names, if it still exists (a /watch remove may have taken it since).
import type { CommandContext } from './types.ts';

/** The topic of an action when it still exists, with its display name for the answer. */
export async function knownTopic(ctx: CommandContext, id: string): Promise<{ id: string; name: string } | undefined> {
  const def = (await ctx.services.topics()).find((x) => x.id === id);
  return def ? { id, name: def.names?.[ctx.lang] ?? def.name ?? id } : undefined;
}
