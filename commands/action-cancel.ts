// Cancel under a preview that waits for a confirmation (/feeds add): nothing was saved before the
// press and nothing is after it; the person is told so.
import type { ActionOf } from '../src/core/buttons.ts';
import { t } from '../src/i18n/catalogue.ts';
import type { ActionResult } from './actions.ts';
import type { CommandContext } from './types.ts';

const ANSWERS = { 'feed-add': 'actions.cancelledFeedAdd' } as const;

export async function cancelAction(ctx: CommandContext, a: ActionOf<'cancel'>): Promise<ActionResult> {
  return { status: 'ok', notice: t(ctx.lang, ANSWERS[a.what]) };
}
