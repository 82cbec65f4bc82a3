// Helpers for the commands that act on "this chat's" subscriptions.
import { tr, type ChatAddress, type CommandContext, type Reply } from './types.ts';

export function chatAddress(ctx: CommandContext): ChatAddress {
  return { platform: ctx.platform, chat: ctx.chat.id, ...(ctx.chat.thread ? { thread: ctx.chat.thread } : {}) };
}

/** In groups and channels only chat administrators (or admins) change what the chat receives. */
export async function requireChatAdmin(ctx: CommandContext): Promise<Reply | undefined> {
  if (await ctx.isChatAdmin()) return undefined;
  return {
    status: 'denied',
    ephemeral: true,
    text: tr(
      ctx.lang,
      "Only this chat's administrators can change its subscriptions. You can subscribe in a private chat with me.",
      'تغيير اشتراكات هذه المحادثة لمشرفيها فقط. يمكنك الاشتراك في محادثة خاصة معي.',
    ),
  };
}

export function configOwned(ctx: CommandContext, topic: string): Reply {
  return {
    status: 'denied',
    ephemeral: true,
    text: tr(
      ctx.lang,
      `This chat's "${topic}" subscription comes from the config file; change it there.`,
      `اشتراك هذه المحادثة في «${topic}» معرّف في ملف الإعدادات؛ عدّله هناك.`,
    ),
  };
}
