// /topics — the topics raqib watches.
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, tr, type CommandDef } from './types.ts';

export const topics: CommandDef = {
  name: 'topics',
  spec: NO_ARGS,
  description: { en: 'List the watched topics', ar: 'قائمة المواضيع المتابعة' },
  async run(ctx, argText) {
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const list = await ctx.services.topics();
    if (list.length === 0) return ok(tr(ctx.lang, 'No topics are configured.', 'لا توجد مواضيع.'), { ephemeral: true });
    const head = tr(ctx.lang, `Topics (${list.length}):`, `المواضيع (${list.length}):`);
    const hint = tr(ctx.lang, 'Details: /topic TOPIC', 'التفاصيل: /topic TOPIC');
    return ok([head, ...list.map((t) => `• ${t.id}${t.name ? ` — ${t.name}` : ''}`), hint].join('\n'), { ephemeral: true });
  },
};
