// /unsubscribe TOPIC — this chat stops receiving the topic.
import { clip, splitArgs } from './args.ts';
import { chatAddress, configOwned, requireChatAdmin } from './chat-scope.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

export const unsubscribe: CommandDef = {
  name: 'unsubscribe',
  args: 'TOPIC',
  description: { en: 'Stop sending a topic to this chat', ar: 'إيقاف إرسال موضوع إلى هذه المحادثة' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const split = splitArgs(argText, lang);
    if (!split.ok) return usageReply(this, lang, split.error);
    if (split.tokens.length !== 1) return usageReply(this, lang);
    const topicId = split.tokens[0]!.toLowerCase();
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const existing = (await ctx.services.subscriptions.list(where)).find((s) => s.topic === topicId);
    if (!existing) {
      return { status: 'usage', ephemeral: true, text: tr(lang, `This chat is not subscribed to "${clip(topicId)}". See /subscriptions.`, `هذه المحادثة غير مشتركة في «${clip(topicId)}». راجع /subscriptions.`) };
    }
    if (existing.source === 'config') return configOwned(ctx, topicId);
    await ctx.services.subscriptions.remove(where, topicId);
    return ok(tr(lang, `Unsubscribed: this chat no longer gets "${topicId}".`, `تم إلغاء الاشتراك: لن تصل هذه المحادثة ملخصات «${topicId}».`));
  },
};
