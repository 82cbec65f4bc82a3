// Button presses on Slack (block_actions), on the same signed endpoint as slash commands: Bolt
// checks the signature (forged or stale → 401), the press is acknowledged at once, then opened,
// run through commands/actions.ts and answered: feedback marks the pressed button in the message
// (chat.update), everything else answers the presser alone (an ephemeral through response_url).
import { refusedAction, runAction, type ActionResult } from '../../../commands/actions.ts';
import { pressedMessageScript } from '../../../commands/registry.ts';
import type { Reply } from '../../../commands/types.ts';
import { t } from '../../i18n/catalogue.ts';
import { commandContext, sendReply, type Respond, type SlackChatDeps } from './slack-chat.ts';
import { slackError } from './slack-sender.ts';
import { replaceMessage, shareMessage } from './slack-buttons-edit.ts';
import { escapeSlackText } from './slack-text.ts';

/** The parts of a block_actions payload raqib reads. */
export interface SlackPress {
  user: { id: string; username?: string; name?: string };
  channel?: { id: string; name?: string };
  /** Absent when the pressed message is an ephemeral one (then `container.is_ephemeral`). */
  message?: { ts: string; thread_ts?: string; text?: string; blocks?: SlackBlock[] };
  container?: { is_ephemeral?: boolean; message_ts?: string; thread_ts?: string };
}

export interface SlackButtonAction {
  action_id: string;
  block_id?: string;
  value?: string;
}

interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; text?: { type: string; text: string; emoji?: boolean } }[];
}

export async function answerPress(deps: SlackChatDeps, body: SlackPress, action: SlackButtonAction, respond: Respond): Promise<void> {
  const channel = body.channel;
  const asker = {
    user_id: body.user.id,
    user_name: body.user.username ?? body.user.name ?? '',
    channel_id: channel?.id ?? '',
    channel_name: channel?.name ?? '',
  };
  const ctx = await commandContext(deps, asker, pressedMessageScript(body.message?.text ?? ''));
  if (body.message?.thread_ts && body.message.thread_ts !== body.message.ts) ctx.chat.thread = body.message.thread_ts;
  let result: ActionResult;
  if (!deps.buttons || !channel) result = { status: 'usage', notice: t(ctx.lang, 'actions.unavailable') };
  else {
    const opened = await deps.buttons.open(action.value ?? '');
    result = opened.ok
      ? await runAction(ctx, opened.action, (err) => deps.log.error({ err, action: opened.action.kind }, 'slack: button failed'))
      : refusedAction(ctx.lang, opened);
  }
  // A pressed command answers as the typed command would: in the channel, or to the presser alone.
  if (result.command) return sendReply(deps, result.command, asker, respond, { pressed: true });
  const marked = result.relabel && channel && body.message ? await relabel(deps, channel.id, body.message, action, result.relabel) : false;
  const where = { channel: channel?.id ?? '', ...(ctx.chat.thread ? { thread: ctx.chat.thread } : {}) };
  const edited = result.edit !== undefined && (await replaceMessage(deps, body, where.channel, respond, result.edit));
  const shared = result.post !== undefined && (await shareMessage(deps, where, respond, result.post));
  if (result.post && !shared) return tell(deps, respond, { status: 'error', text: t(ctx.lang, 'paging.shareFailed') });
  // A marked button, a replaced page or a shared digest says enough; anything else is told to the presser alone.
  if (!(marked && result.status === 'ok') && !edited && !shared) await tell(deps, respond, result.reply ?? { status: result.status, text: result.notice });
}

async function tell(deps: SlackChatDeps, respond: Respond, reply: Reply): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: escapeSlackText(reply.text), mrkdwn: false });
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'response_url') }, 'slack: answer to a button press not delivered');
  }
}

/** The pressed button's actions block with new labels, written back with chat.update; false when nothing changed or Slack refused. */
async function relabel(
  deps: SlackChatDeps,
  channel: string,
  message: NonNullable<SlackPress['message']>,
  action: SlackButtonAction,
  fn: NonNullable<ActionResult['relabel']>,
): Promise<boolean> {
  let changed = false;
  const blocks = (message.blocks ?? []).map((b) => {
    if (b.type !== 'actions' || b.block_id !== action.block_id || !b.elements) return b;
    return {
      ...b,
      elements: b.elements.map((e) => {
        if (!e.text) return e;
        const text = fn(e.text.text, e.action_id === action.action_id);
        if (text !== e.text.text) changed = true;
        return { ...e, text: { ...e.text, text } };
      }),
    };
  });
  if (!changed) return true;
  try {
    await deps.web.chat.update({ channel, ts: message.ts, text: message.text ?? '', blocks } as never);
    return true;
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'chat.update') }, 'slack: could not mark the pressed button');
    return false;
  }
}
