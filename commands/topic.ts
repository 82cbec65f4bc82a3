// /topic TOPIC — one topic's query and how often it matched lately.
import { clip, splitArgs } from './args.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

const DAY_MS = 86_400_000;

export const topic: CommandDef = {
  name: 'topic',
  args: 'TOPIC',
  description: { en: "A topic's query and its recent hit count", ar: 'استعلام الموضوع وعدد المقالات المطابقة مؤخراً' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const split = splitArgs(argText, lang);
    if (!split.ok) return usageReply(this, lang, split.error);
    if (split.tokens.length !== 1) return usageReply(this, lang);
    const id = split.tokens[0]!.toLowerCase();
    const all = await ctx.services.topics();
    const def = all.find((t) => t.id === id);
    if (!def) {
      const known = all.map((t) => t.id).join(', ');
      return usageReply(this, lang, tr(lang, `Unknown topic "${clip(id)}". Topics: ${known}.`, `موضوع غير معروف «${clip(id)}». المواضيع: ${known}.`));
    }
    const now = ctx.now();
    const [day, week] = await Promise.all([
      ctx.services.topicHits(id, now - DAY_MS, now),
      ctx.services.topicHits(id, now - 7 * DAY_MS, now),
    ]);
    const lines = [
      `${def.id}${def.name ? ` — ${def.name}` : ''}`,
      `${tr(lang, 'Query', 'الاستعلام')}: ${def.query}`,
      tr(lang, `Matches: ${day} in the last 24h, ${week} in the last 7d`, `المطابقات: ${day} خلال 24 ساعة، ${week} خلال 7 أيام`),
    ];
    return ok(lines.join('\n'), { ephemeral: true });
  },
};
