// /digest [topic] [since] — the digest of stored articles for one topic (or all) over a window.
import { clip, parseSince, splitArgs } from './args.ts';
import { tr, usageReply, type CommandDef } from './types.ts';

const DEFAULT_SINCE_MS = 24 * 3_600_000;

export const digest: CommandDef = {
  name: 'digest',
  args: '[TOPIC] [SINCE]',
  description: { en: 'Digest of recent matching articles (SINCE e.g. 24h or 3d, default 24h; all topics without TOPIC)', ar: 'ملخص آخر المقالات المطابقة (المدة مثل 24h أو 3d، الافتراضي 24h؛ كل المواضيع دون TOPIC)' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const split = splitArgs(argText, lang);
    if (!split.ok) return usageReply(this, lang, split.error);
    if (split.tokens.length > 2) return usageReply(this, lang);
    const topics = await ctx.services.topics();
    let topic: string | undefined;
    let sinceMs: number | undefined;
    for (const a of split.tokens) {
      const since = parseSince(a, lang);
      if (since && !since.ok) return usageReply(this, lang, since.error);
      if (since && sinceMs === undefined) {
        sinceMs = since.ms;
        continue;
      }
      const id = a.toLowerCase();
      if (topic === undefined && !since && topics.some((t) => t.id === id)) {
        topic = id;
        continue;
      }
      const known = topics.map((t) => t.id).join(', ');
      return usageReply(this, lang, since
        ? tr(lang, 'Give the window once.', 'اذكر المدة مرة واحدة.')
        : tr(lang, `Unknown topic "${clip(a)}". Topics: ${known}.`, `موضوع غير معروف «${clip(a)}». المواضيع: ${known}.`));
    }
    const ids = topic ? [topic] : topics.map((t) => t.id);
    const now = ctx.now();
    return ctx.services.digest({ topics: ids, sinceMs: now - (sinceMs ?? DEFAULT_SINCE_MS), untilMs: now, lang });
  },
};
