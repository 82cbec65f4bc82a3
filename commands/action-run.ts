// A button that runs a command line ("Today's digest" under /start, a feed to add under /feeds
// add): the command goes through the same dispatch as a typed one, as the person who pressed, in
// the chat of the message, so the same permissions apply (an admin-only command pressed by anyone
// else is refused with who may run it) and the answer is the command's own reply.
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { dispatch } from './registry.ts';
import type { CommandContext } from './types.ts';

export async function runCommandAction(ctx: CommandContext, a: ActionOf<'run'>, onError?: (err: unknown) => void): Promise<ActionResult> {
  const reply = await dispatch(ctx, a.command, a.args, onError);
  // The reply is the answer; the short notice (a Telegram toast) only repeats a refusal's first line.
  const notice = reply.status === 'ok' ? '' : (reply.text.split('\n')[0] ?? '');
  return { status: reply.status, notice, command: reply };
}
