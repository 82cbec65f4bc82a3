// /digest [topic] [since] — the digest of stored articles for one topic (or all) over a window.
import { parseDuration } from '../src/core/duration.ts';
import { usageReply, type CommandDef } from './types.ts';

const DEFAULT_SINCE_MS = 24 * 3_600_000;
const MAX_SINCE_MS = 30 * 86_400_000;

export const digest: CommandDef = {
  name: 'digest',
  args: '[topic] [since, e.g. 24h]',
  description: { en: 'Digest of recent matching articles', ar: 'ملخص آخر المقالات المطابقة' },
  async run(ctx, argText) {
    const args = argText.trim().split(/\s+/).filter(Boolean);
    if (args.length > 2) return usageReply(this, ctx.lang);
    const topics = await ctx.services.topics();
    let topic: string | undefined;
    let sinceMs = DEFAULT_SINCE_MS;
    for (const a of args) {
      const d = parseDuration(a);
      if (d !== undefined && d <= MAX_SINCE_MS) sinceMs = d;
      else if (topic === undefined && topics.some((t) => t.id === a.toLowerCase())) topic = a.toLowerCase();
      else {
        const known = topics.map((t) => t.id).join(', ');
        const problem = d !== undefined ? `"${a}" is longer than 30d.` : `Unknown topic "${a}". Topics: ${known}.`;
        return usageReply(this, ctx.lang, problem);
      }
    }
    const ids = topic ? [topic] : topics.map((t) => t.id);
    const now = ctx.now();
    return ctx.services.digest({ topics: ids, sinceMs: now - sinceMs, untilMs: now, lang: ctx.lang });
  },
};
