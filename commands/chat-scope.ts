// Helpers for the commands that act on "this chat's" subscriptions.
import { type ChatAddress, type CommandContext, type Reply } from './types.ts';
import { CATALOGUES, t, type MsgKey, type Params } from '../src/i18n/catalogue.ts';

/**
 * The message `key` as this platform words it: Slack calls a chat a channel and names its own
 * admins, so a "KEY@slack" entry, where the catalogue has one, replaces the common wording.
 */
export function say(ctx: Pick<CommandContext, 'lang' | 'platform'>, key: MsgKey, params?: Params): string {
  const variant = `${key}@${ctx.platform}`;
  return t(ctx.lang, (variant in CATALOGUES.en ? variant : key) as MsgKey, params);
}

export function chatAddress(ctx: CommandContext): ChatAddress {
  return { platform: ctx.platform, chat: ctx.chat.id, ...(ctx.chat.thread ? { thread: ctx.chat.thread } : {}) };
}

/** In groups and channels only chat administrators (or admins) change what the chat receives. */
export async function requireChatAdmin(ctx: CommandContext): Promise<Reply | undefined> {
  if (await ctx.isChatAdmin()) return undefined;
  return {
    status: 'denied',
    ephemeral: true,
    text: say(ctx, 'chat-scope.onlyThisChat'),
  };
}

export function configOwned(ctx: CommandContext, topic: string): Reply {
  return {
    status: 'denied',
    ephemeral: true,
    text: say(ctx, 'chat-scope.thisChatS', { topic }),
  };
}
