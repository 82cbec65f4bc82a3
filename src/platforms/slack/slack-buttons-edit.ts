// What a press does to messages on Slack: a page replaces the pressed message (chat.update for a
// message in the channel; the response_url with replace_original for an ephemeral one, which the
// Web API cannot edit), and "Share in channel" posts the answer for everyone and removes the
// private copy. Failures are logged and reported as false, so the presser is told instead.
import type { Reply } from '../../../commands/types.ts';
import type { Respond, SlackChatDeps } from './slack-chat.ts';
import { slackReplyParts } from './slack-buttons-render.ts';
import { slackError } from './slack-sender.ts';
import type { SlackPress } from './slack-buttons.ts';

/** The pressed message replaced by `reply` (its first part: a page fits one message); false when Slack refused. */
export async function replaceMessage(deps: SlackChatDeps, body: SlackPress, channel: string, respond: Respond, reply: Reply): Promise<boolean> {
  const [part] = await slackReplyParts(deps, reply);
  if (!part) return false;
  const content = { text: part.text, ...(part.blocks ? { blocks: part.blocks } : {}) };
  const ephemeral = body.container?.is_ephemeral === true || !body.message;
  try {
    if (ephemeral) await respond({ response_type: 'ephemeral', replace_original: true, ...content });
    else await deps.web.chat.update({ channel, ts: body.message!.ts, ...content } as never);
    return true;
  } catch (err) {
    deps.log.warn({ err: slackError(err, ephemeral ? 'response_url' : 'chat.update') }, 'slack: could not replace the message');
    return false;
  }
}

/** `reply` posted to the channel (and thread) for everyone; the private copy is then deleted. */
export async function shareMessage(deps: SlackChatDeps, where: { channel: string; thread?: string }, respond: Respond, reply: Reply): Promise<boolean> {
  try {
    for (const part of await slackReplyParts(deps, reply)) {
      await deps.web.chat.postMessage({
        channel: where.channel,
        text: part.text,
        ...(part.blocks ? { blocks: part.blocks } : {}),
        ...(where.thread ? { thread_ts: where.thread } : {}),
        unfurl_links: false,
        unfurl_media: false,
      } as never);
    }
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'chat.postMessage') }, 'slack: could not share the answer in the channel');
    return false;
  }
  try {
    await respond({ delete_original: true });
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'response_url') }, 'slack: the private copy of a shared answer was not removed');
  }
  return true;
}
