// "Mute 6h" under an alert: the same change as /mute TOPIC 6h in the chat where it was pressed,
// with the same rule (chat administrators only in groups).
import { t } from '../src/i18n/catalogue.ts';
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { knownTopic } from './action-topic.ts';
import { chatAddress } from './chat-scope.ts';
import type { CommandContext } from './types.ts';

const HOUR_MS = 3_600_000;

export async function muteAction(ctx: CommandContext, a: ActionOf<'mute'>): Promise<ActionResult> {
  if (!(await ctx.isChatAdmin())) return { status: 'denied', notice: t(ctx.lang, 'actions.muteDenied') };
  const topic = await knownTopic(ctx, a.topic);
  if (!topic) return { status: 'usage', notice: t(ctx.lang, 'actions.unknownTopic', { topic: a.topic }) };
  const hours = Math.min(Math.max(a.hours, 1), 24 * 365);
  const until = new Date(ctx.now() + hours * HOUR_MS).toISOString();
  const muted = await ctx.services.subscriptions.mute(chatAddress(ctx), a.topic, until);
  if (!muted) return { status: 'usage', notice: t(ctx.lang, 'mute.thisChatIs', { topicId: a.topic }) };
  return { status: 'ok', notice: t(ctx.lang, 'actions.mutedShort', { topic: topic.name }) };
}
