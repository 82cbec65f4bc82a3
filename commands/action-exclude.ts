// "Exclude «term»" under /topic TOPIC suggestions: the same change as `/watch exclude TOPIC term`,
// for raqib's admins only, and through the same preview — the press shows what the exclude would
// remove over the last 7 days and stages it; nothing is saved until `/watch confirm`.
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { knownTopic } from './action-topic.ts';
import { say } from './chat-scope.ts';
import type { CommandContext } from './types.ts';
import { previewAndStage } from './watch.ts';
import { t } from '../src/i18n/catalogue.ts';

export async function excludeAction(ctx: CommandContext, a: ActionOf<'exclude'>): Promise<ActionResult> {
  if (!(await ctx.isAdmin())) return { status: 'denied', notice: say(ctx, 'actions.excludeDenied') };
  const topic = await knownTopic(ctx, a.topic);
  if (!topic) return { status: 'usage', notice: t(ctx.lang, 'actions.unknownTopic', { topic: a.topic }) };
  const reply = await previewAndStage(ctx, { kind: 'overlay', id: a.topic, include: [], exclude: [a.term] });
  return { status: 'ok', notice: t(ctx.lang, 'actions.excludePreviewed', { term: a.term }), reply };
}
