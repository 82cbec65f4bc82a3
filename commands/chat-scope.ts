// Helpers for the commands that act on "this chat's" subscriptions.
import { type ChatAddress, type CommandContext, type Reply } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

export function chatAddress(ctx: CommandContext): ChatAddress {
  return { platform: ctx.platform, chat: ctx.chat.id, ...(ctx.chat.thread ? { thread: ctx.chat.thread } : {}) };
}

/** In groups and channels only chat administrators (or admins) change what the chat receives. */
export async function requireChatAdmin(ctx: CommandContext): Promise<Reply | undefined> {
  if (await ctx.isChatAdmin()) return undefined;
  return {
    status: 'denied',
    ephemeral: true,
    text: t(ctx.lang, 'chat-scope.onlyThisChat'),
  };
}

export function configOwned(ctx: CommandContext, topic: string): Reply {
  return {
    status: 'denied',
    ephemeral: true,
    text: t(ctx.lang, 'chat-scope.thisChatS', { topic }),
  };
}
