// 👍 / 👎 on a story: the person's verdict for that story and topic, stored (a second tap changes
// it); the pressed button shows ✓, its twin loses it.
import { t } from '../src/i18n/catalogue.ts';
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { knownTopic } from './action-topic.ts';
import type { CommandContext } from './types.ts';

const MARK = ' ✓';
const isFeedbackLabel = (label: string) => /👍|👎/u.test(label);

/** The pressed feedback button gets the mark, the other feedback buttons of the row lose theirs. */
function relabel(label: string, pressed: boolean): string {
  if (!isFeedbackLabel(label)) return label;
  const bare = label.endsWith(MARK) ? label.slice(0, -MARK.length) : label;
  return pressed ? `${bare}${MARK}` : bare;
}

export async function feedbackAction(ctx: CommandContext, a: ActionOf<'feedback'>): Promise<ActionResult> {
  const feedback = ctx.services.feedback;
  if (!feedback) return { status: 'usage', notice: t(ctx.lang, 'actions.unavailable') };
  const topic = await knownTopic(ctx, a.topic);
  if (!topic) return { status: 'usage', notice: t(ctx.lang, 'actions.unknownTopic', { topic: a.topic }) };
  const outcome = await feedback.record({
    topic: a.topic,
    story: a.story,
    verdict: a.verdict,
    platform: ctx.platform,
    chat: ctx.chat.id,
    user: ctx.user.id,
    atMs: ctx.now(),
  });
  if (outcome === 'same') return { status: 'ok', notice: t(ctx.lang, 'actions.alreadyNoted'), relabel };
  const key = a.verdict === 'relevant' ? 'actions.notedRelevant' : 'actions.notedNotRelevant';
  return { status: 'ok', notice: t(ctx.lang, key, { topic: topic.name }), relabel };
}
