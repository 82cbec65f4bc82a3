// /topics — the topics raqib watches.
import { ok, tr, usageReply, type CommandDef } from './types.ts';

export const topics: CommandDef = {
  name: 'topics',
  args: '',
  description: { en: 'List the watched topics', ar: 'قائمة المواضيع المتابعة' },
  async run(ctx, argText) {
    if (argText.trim() !== '') return usageReply(this, ctx.lang);
    const list = await ctx.services.topics();
    if (list.length === 0) return ok(tr(ctx.lang, 'No topics are configured.', 'لا توجد مواضيع.'), { ephemeral: true });
    const head = tr(ctx.lang, `Topics (${list.length}):`, `المواضيع (${list.length}):`);
    const hint = tr(ctx.lang, 'Details: /topic TOPIC', 'التفاصيل: /topic TOPIC');
    return ok([head, ...list.map((t) => `• ${t.id}${t.name ? ` — ${t.name}` : ''}`), hint].join('\n'), { ephemeral: true });
  },
};
