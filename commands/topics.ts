// /topics — the topics raqib watches.
import { usageReply, type CommandDef } from './types.ts';

export const topics: CommandDef = {
  name: 'topics',
  args: '',
  description: { en: 'List the watched topics', ar: 'قائمة المواضيع المتابعة' },
  async run(ctx, argText) {
    if (argText.trim() !== '') return usageReply(this, ctx.lang);
    const list = await ctx.services.topics();
    if (list.length === 0) return { status: 'ok', text: ctx.lang === 'ar' ? 'لا توجد مواضيع.' : 'No topics are configured.' };
    const head = ctx.lang === 'ar' ? `المواضيع (${list.length}):` : `Topics (${list.length}):`;
    return { status: 'ok', text: [head, ...list.map((t) => `• ${t.id}${t.name ? ` — ${t.name}` : ''}`)].join('\n') };
  },
};
