// One Telegram message turned into a command and its answer: which messages are commands for this
// bot, who is asking (person, anonymous group administrator, channel), and the reply sent back into
// the same chat (and forum thread) as Telegram HTML.
import type { Telegram } from 'telegraf';
import { dispatch, parseCommandLine, pickLang } from '../../../commands/registry.ts';
import type { ChatInfo, CommandContext, CommandServices, Reply, UiLang } from '../../../commands/types.ts';
import type { Logger } from '../../log.ts';
import { t } from '../../i18n/catalogue.ts';
import type { ChatAdminCache } from './telegram-admins.ts';
import { replyToTelegramHtml, type TelegramDigestRenderer } from './telegram-html.ts';
import { documentCommandText, telegramAttachment, type DocumentMessage } from './telegram-files.ts';
import { inlineKeyboard, sealRows, telegramError } from './telegram-sender.ts';
import { sealAll, type ButtonCodec } from '../../core/button-codec.ts';
import type { SealedButton } from '../../core/buttons.ts';
import { digestActions } from '../../digest/story-buttons.ts';
import { renderTelegramMessages } from '../../digest/render-telegram.ts';

interface TgUser {
  id: number;
  is_bot?: boolean;
  username?: string;
  first_name?: string;
  language_code?: string;
}

export interface TgMessage extends DocumentMessage {
  message_id: number;
  text?: string;
  from?: TgUser;
  sender_chat?: { id: number; type: string };
  chat: { id: number; type: 'private' | 'group' | 'supergroup' | 'channel' };
  message_thread_id?: number;
  is_topic_message?: boolean;
}

/** What answering a message needs, built once at start. */
export interface ChatDeps {
  telegram: Telegram;
  services: CommandServices;
  log: Logger;
  adminIds: readonly string[];
  chatAdmins: ChatAdminCache;
  renderDigest?: TelegramDigestRenderer;
  /** Seals the buttons of replies and opens those pressed; without it replies carry none. */
  buttons?: ButtonCodec;
  now: () => number;
}

/** The message of an update that may carry a command: text, from a person or the chat itself. */
export function commandMessage(update: { message?: TgMessage; channel_post?: TgMessage }, botId?: number): TgMessage | undefined {
  const msg = update.message ?? update.channel_post;
  if (!msg || (typeof msg.text !== 'string' && documentCommandText(msg, botId) === undefined)) return undefined;
  // Other bots are ignored (no reply loops), except the stand-in Telegram uses for an anonymous
  // group administrator, whose message carries the group itself as sender_chat.
  if (msg.from?.is_bot && msg.sender_chat?.id !== msg.chat.id) return undefined;
  return msg;
}

export async function answerMessage(deps: ChatDeps, msg: TgMessage, botUsername: string | undefined, botId?: number): Promise<void> {
  const text = (msg.text ?? documentCommandText(msg, botId) ?? '').trim();
  const isPrivate = msg.chat.type === 'private';
  const parsed = text.startsWith('/') ? parseCommandLine(text) : undefined;
  // "/digest@other_bot" in a group is another bot's; a private chat has no other bot to ask.
  if (!isPrivate && parsed?.bot && botUsername && parsed.bot.toLowerCase() !== botUsername.toLowerCase()) return;
  const lang = pickLang(msg.from?.language_code, text);
  let reply: Reply;
  if (!parsed) {
    // In groups people talk to each other; only a private chat gets a hint for plain text.
    if (!isPrivate) return;
    reply = { status: 'usage', ephemeral: true, text: t(lang, 'platform.commandsStartWith') };
  } else {
    // Telegram clients send /start when someone opens the bot (deep-link payloads included): /start welcomes.
    const { name, args } = parsed;
    reply = await dispatch(commandContext(deps, msg, lang), name, args, (err) => deps.log.error({ err, command: name }, 'telegram: command failed'));
  }
  await sendReply(deps, msg, reply);
}

export function commandContext(deps: ChatDeps, msg: TgMessage, lang: UiLang): CommandContext {
  const kind: ChatInfo['kind'] = msg.chat.type === 'private' ? 'private' : msg.chat.type === 'channel' ? 'channel' : 'group';
  const chat: ChatInfo = { id: String(msg.chat.id), kind, ...(msg.is_topic_message && msg.message_thread_id ? { thread: String(msg.message_thread_id) } : {}) };
  // Channel posts carry no sender and anonymous admins post as a stand-in bot: the chat speaks.
  const person = msg.from && !msg.from.is_bot ? msg.from : undefined;
  const userId = person ? String(person.id) : String(msg.sender_chat?.id ?? msg.chat.id);
  const listed = person !== undefined && deps.adminIds.includes(userId);
  const isChatAdmin = async (): Promise<boolean> => {
    if (kind === 'private' || kind === 'channel' || listed) return true;
    // An anonymous group administrator posts as the group itself.
    if (msg.sender_chat && msg.sender_chat.id === msg.chat.id) return true;
    if (!person) return false;
    return deps.chatAdmins.isAdmin(msg.chat.id, person.id);
  };
  return {
    platform: 'telegram',
    chat,
    user: { id: userId, ...(person?.username ? { name: person.username } : {}) },
    lang,
    // Only RAQIB_ADMINS change what every chat sees: anyone can create a group and administer it.
    isAdmin: async () => listed,
    isChatAdmin,
    services: deps.services,
    now: deps.now,
    ...(msg.document ? { attachment: telegramAttachment(deps.telegram, msg.document) } : {}),
  };
}

/** Thread and (in groups, for the first part) the quoted command, shared by text and photo replies. */
function placement(msg: TgMessage, first: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (msg.is_topic_message && msg.message_thread_id) out.message_thread_id = msg.message_thread_id;
  // In groups the answer quotes the command, so people see whom it answers.
  if (first && msg.chat.type !== 'private' && msg.chat.type !== 'channel') {
    out.reply_parameters = { message_id: msg.message_id, allow_sending_without_reply: true };
  }
  return out;
}

/** Telegram's caption limit (characters after entity parsing; captions here are plain text). */
const CAPTION_LIMIT = 1024;

async function sendPhotoReply(deps: ChatDeps, msg: TgMessage, image: NonNullable<Reply['image']>): Promise<void> {
  const caption = [...image.caption].length > CAPTION_LIMIT ? `${[...image.caption].slice(0, CAPTION_LIMIT - 1).join('')}…` : image.caption;
  try {
    await deps.telegram.sendPhoto(msg.chat.id, { source: Buffer.from(image.png), filename: image.filename }, { caption, ...placement(msg, true) } as never);
  } catch (err) {
    deps.log.warn({ err: telegramError(err), chat: msg.chat.id }, 'telegram: photo reply not sent');
  }
}

/** A file (the OPML export) as a document with its caption; false when Telegram refused it. */
async function sendDocumentReply(deps: ChatDeps, msg: TgMessage, file: NonNullable<Reply['file']>): Promise<boolean> {
  const text = file.caption ?? '';
  const caption = [...text].length > CAPTION_LIMIT ? `${[...text].slice(0, CAPTION_LIMIT - 1).join('')}…` : text;
  try {
    const document = { source: Buffer.from(file.text, 'utf8'), filename: file.name };
    await deps.telegram.sendDocument(msg.chat.id, document, { ...(caption ? { caption } : {}), ...placement(msg, true) } as never);
    return true;
  } catch (err) {
    deps.log.warn({ err: telegramError(err), chat: msg.chat.id }, 'telegram: document reply not sent; answering with text');
    return false;
  }
}

/** One Telegram message of a reply: its HTML and inline keyboard. */
export interface TelegramPart {
  html: string;
  keyboard?: SealedButton[][];
}

/** The reply's HTML parts, each with its keyboard: a digest's stories carry theirs, the reply's own rows go under the last part. */
export async function replyParts(deps: ChatDeps, reply: Reply): Promise<TelegramPart[]> {
  let parts: TelegramPart[];
  if (reply.digest !== undefined && !deps.renderDigest && deps.buttons && !reply.digest.empty) {
    parts = renderTelegramMessages(reply.digest, await sealAll(deps.buttons, digestActions(reply.digest)));
  } else parts = replyToTelegramHtml(reply, deps.renderDigest).map((html) => ({ html }));
  const own = await sealRows(deps.buttons, reply.buttons);
  if (own) {
    const last = parts[parts.length - 1]!;
    last.keyboard = [...(last.keyboard ?? []), ...own];
  }
  return parts;
}

/** A reply into the chat of `msg` (a command, or the message whose button was pressed); `parts` when already rendered. */
export async function sendReply(deps: ChatDeps, msg: TgMessage, reply: Reply, rendered?: TelegramPart[]): Promise<void> {
  if (reply.image) return sendPhotoReply(deps, msg, reply.image);
  if (reply.file && (await sendDocumentReply(deps, msg, reply.file))) return;
  const parts = rendered ?? (await replyParts(deps, reply));
  for (const [i, part] of parts.entries()) {
    const payload: Record<string, unknown> = {
      chat_id: msg.chat.id,
      text: part.html,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...placement(msg, i === 0),
      ...(part.keyboard && part.keyboard.length > 0 ? { reply_markup: inlineKeyboard(part.keyboard) } : {}),
    };
    try {
      await deps.telegram.callApi('sendMessage', payload as never);
    } catch (err) {
      deps.log.warn({ err: telegramError(err), chat: msg.chat.id }, 'telegram: reply not sent');
      return;
    }
  }
}
