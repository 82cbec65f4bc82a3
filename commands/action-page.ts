// "‹ Prev" / "Next ›" under a paged answer, and "Share in channel" under a private one. Nothing is
// kept between pages: the command is run again with its arguments for the page asked, in the
// presser's context (their permissions, the chat's language), so a page shows the current data.
import { t } from '../src/i18n/catalogue.ts';
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { PAGED_COMMANDS } from './paging.ts';
import { dispatch } from './registry.ts';
import type { CommandContext, Reply } from './types.ts';

/** A command that did not answer with its content: told to the presser, the message left as it is. */
function refused(reply: Reply): ActionResult {
  return { status: reply.status, notice: reply.text, reply: { ...reply, ephemeral: true } };
}

export async function pageAction(ctx: CommandContext, a: ActionOf<'page'>): Promise<ActionResult> {
  if (!PAGED_COMMANDS.has(a.command)) return { status: 'usage', notice: t(ctx.lang, 'paging.notPaged') };
  const reply = await dispatch({ ...ctx, page: Math.max(1, a.page) }, a.command, a.args);
  if (reply.status !== 'ok') return refused(reply);
  return { status: 'ok', notice: '', edit: reply };
}

/** Only digests are answered privately and shared. */
const SHAREABLE = new Set(['digest']);

export async function shareAction(ctx: CommandContext, a: ActionOf<'share'>): Promise<ActionResult> {
  if (!SHAREABLE.has(a.command)) return { status: 'usage', notice: t(ctx.lang, 'actions.unavailable') };
  const reply = await dispatch({ ...ctx, sharing: true }, a.command, a.args);
  if (reply.status !== 'ok') return refused(reply);
  return { status: 'ok', notice: t(ctx.lang, 'paging.shared'), post: reply };
}
