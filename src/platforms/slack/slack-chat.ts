// One slash command turned into a command and its answer: who is asking (RAQIB_ADMINS, workspace
// admins), in which language, and the reply sent with respond() (or the Web API when the
// response_url no longer works).
import type { SlashCommand } from '@slack/bolt';
import { dispatch, pickLang } from '../../../commands/registry.ts';
import type { ChatInfo, CommandContext, CommandServices, Reply } from '../../../commands/types.ts';
import type { Logger } from '../../log.ts';
import { resolveSlackCommand } from './slack-names.ts';
import { slackError, type createSlackWebClient } from './slack-sender.ts';
import { slackCommandText, type SlackDigestRenderer } from './slack-text.ts';
import { slackReplyParts } from './slack-buttons-render.ts';
import type { ButtonCodec } from '../../core/button-codec.ts';
import type { SlackUserCache } from './slack-users.ts';

export type Respond = (m: Record<string, unknown>) => Promise<unknown>;

/** What answering a command needs, built once at start. */
export interface SlackChatDeps {
  services: CommandServices;
  log: Logger;
  web: ReturnType<typeof createSlackWebClient>;
  users: SlackUserCache;
  adminIds: ReadonlySet<string>;
  /** Look up locale and admin role with users.info. */
  lookupUsers: boolean;
  renderDigest?: SlackDigestRenderer;
  /** Seals reply buttons and opens pressed ones; without it replies carry none. */
  buttons?: ButtonCodec;
  now: () => number;
}

export async function answerCommand(deps: SlackChatDeps, command: SlashCommand, respond: Respond): Promise<void> {
  const { name, args: rawArgs } = resolveSlackCommand(command.command, command.text ?? '');
  const args = slackCommandText(rawArgs);
  const ctx = await commandContext(deps, command, args);
  const reply = await dispatch(ctx, name, args, (err) => deps.log.error({ err, command: name }, 'slack: command failed'));
  await sendReply(deps, reply, command, respond);
}

/** Who is asking, where: the parts of a slash command (or of a button press) a context needs. */
export type Asker = Pick<SlashCommand, 'user_id' | 'user_name' | 'channel_id' | 'channel_name'>;

export async function commandContext(deps: SlackChatDeps, command: Asker, args: string): Promise<CommandContext> {
  return contextFor(deps, { id: command.user_id, ...(command.user_name ? { name: command.user_name } : {}) }, chatOf(command), args);
}

/** Who is asking where, for a command, a button or an event (App Home, a channel joined): language and roles. */
export async function contextFor(deps: SlackChatDeps, user: { id: string; name?: string }, chat: ChatInfo, text: string): Promise<CommandContext> {
  const listed = deps.adminIds.has(user.id);
  const facts = deps.lookupUsers ? await deps.users.get(user.id) : undefined;
  // Slack has no Arabic UI locale today; the script people type in is the better hint then.
  const locale = facts?.locale?.toLowerCase().startsWith('ar') ? facts.locale : undefined;
  const isAdmin = async () => listed || (facts?.admin ?? false);
  return {
    platform: 'slack',
    chat,
    user,
    lang: pickLang(locale, text),
    isAdmin,
    // Slack's API does not say who administers a channel; workspace admins and RAQIB_ADMINS do.
    isChatAdmin: async () => chat.kind === 'private' || (await isAdmin()),
    services: deps.services,
    now: deps.now,
  };
}

/** Direct messages are the person's own: they are stored under the user id, where the bot's DM goes. */
function chatOf(c: Asker): ChatInfo {
  if (c.channel_id.startsWith('D') || c.channel_name === 'directmessage') return { id: c.user_id, kind: 'private' };
  return { id: c.channel_id, kind: 'group' };
}

/**
 * A picture or a file goes through Slack's external upload flow (files.getUploadURLExternal, the
 * upload, files.completeUploadExternal) into the channel, with its comment; when that fails the
 * reply is answered as text, so the person still gets the numbers (or the OPML itself).
 */
async function uploadReply(deps: SlackChatDeps, up: Upload, command: Asker): Promise<boolean> {
  const chat = chatOf(command);
  try {
    await deps.web.filesUploadV2({
      channel_id: command.channel_id,
      file: up.bytes,
      filename: up.filename,
      title: up.filename,
      ...(up.alt ? { alt_text: up.alt.slice(0, 1000) } : {}),
      ...(up.comment ? { initial_comment: up.comment } : {}),
      ...(chat.thread ? { thread_ts: chat.thread } : {}),
    } as never);
    return true;
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'files.completeUploadExternal') }, 'slack: upload failed; answering with text');
    return false;
  }
}

/** What one upload sends: a chart (with alt text) or a file (the OPML export). */
interface Upload {
  bytes: Buffer;
  filename: string;
  alt?: string;
  comment?: string;
}

const imageUpload = (image: NonNullable<Reply['image']>): Upload => ({
  bytes: Buffer.from(image.png),
  filename: image.filename,
  alt: image.alt,
  comment: image.caption,
});
const fileUpload = (file: NonNullable<Reply['file']>): Upload => ({
  bytes: Buffer.from(file.text, 'utf8'),
  filename: file.name,
  ...(file.caption ? { comment: file.caption } : {}),
});

/**
 * A command's reply where it was asked: in the channel, or to the asker alone when ephemeral (or
 * not ok). A button's command answers the same way, beside the message with the button.
 */
export async function sendReply(deps: SlackChatDeps, reply: Reply, command: Asker, respond: Respond, opts: { pressed?: boolean } = {}): Promise<void> {
  if (reply.image && (await uploadReply(deps, imageUpload(reply.image), command))) return;
  if (reply.file && (await uploadReply(deps, fileUpload(reply.file), command))) return;
  const visibleToAll = !reply.ephemeral && reply.status === 'ok';
  for (const part of await slackReplyParts(deps, reply)) {
    const content = {
      text: part.text,
      ...(part.blocks ? { blocks: part.blocks } : {}),
      // Plain replies are plain text: a "*" or "_" in a query must not turn into formatting.
      ...(part.blocks || reply.digest !== undefined ? {} : { mrkdwn: false }),
    };
    try {
      await respond({ response_type: visibleToAll ? 'in_channel' : 'ephemeral', ...(opts.pressed ? { replace_original: false } : {}), ...content });
    } catch (err) {
      // An expired or used-up response_url: post through the Web API instead, so that the answer
      // (or the error) still reaches the person.
      deps.log.warn({ err: slackError(err, 'response_url') }, 'slack: respond() failed; posting with the Web API');
      if (!(await postInstead(deps, command, content, visibleToAll))) return;
    }
  }
}

async function postInstead(deps: SlackChatDeps, command: Asker, content: Record<string, unknown>, visibleToAll: boolean): Promise<boolean> {
  try {
    if (visibleToAll) await deps.web.chat.postMessage({ channel: command.channel_id, ...content, unfurl_links: false, unfurl_media: false } as never);
    else await deps.web.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, ...content } as never);
    return true;
  } catch (err) {
    deps.log.warn({ err: slackError(err, visibleToAll ? 'chat.postMessage' : 'chat.postEphemeral') }, 'slack: answer not delivered');
    return false;
  }
}
