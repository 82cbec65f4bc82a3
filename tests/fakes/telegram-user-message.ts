// What the fake Telegram delivers to the bot when a user writes: a text message with the entities
// Telegram detects, or a file message (document) whose caption carries them, optionally a reply to
// an earlier message of the chat (as Telegram nests it, one level deep).
import { documentOf, type TelegramFiles } from './telegram-files.ts';
import type { TelegramWorld } from './telegram-state.ts';
import { defaultUser, detectEntities, type TgUpdate, type TgUser } from './telegram-updates.ts';

export interface UserMessageOptions {
  chatId: number;
  /** The text, or a document's caption. */
  text: string;
  from?: number | Partial<TgUser>;
  messageThreadId?: number;
  date?: number;
  /** A file sent with the message (held by the fake for getFile and the download). */
  document?: { data: Buffer; fileName: string; mime?: string };
  /** The message_id (in this chat) the message replies to. */
  replyTo?: number;
}

export function userMessage(world: TelegramWorld, files: TelegramFiles, opts: UserMessageOptions): TgUpdate {
  const s = world.resolve(opts.chatId);
  if (!s) throw new Error(`fake telegram: chat ${opts.chatId} is not configured`);
  const fromId = typeof opts.from === 'number' ? opts.from : (opts.from?.id ?? (s.chat.type === 'private' ? s.chat.id : 1000001));
  const from = typeof opts.from === 'object' ? defaultUser(fromId, opts.from) : world.user(fromId);
  const entities = detectEntities(opts.text);
  const doc = opts.document ? documentOf(files.add(opts.document.data, opts.document.fileName, opts.document.mime)) : undefined;
  const content = doc
    ? { document: doc, ...(opts.text ? { caption: opts.text } : {}), ...(entities.length > 0 ? { caption_entities: entities } : {}) }
    : { text: opts.text, ...(entities.length > 0 ? { entities } : {}) };
  const replied = opts.replyTo !== undefined ? world.message(s, opts.replyTo) : undefined;
  const message = {
    message_id: world.nextMessageId(s.chat.id),
    ...(opts.messageThreadId !== undefined ? { message_thread_id: opts.messageThreadId, is_topic_message: true } : {}),
    ...(s.chat.type === 'channel' ? { sender_chat: { ...s.chat } } : { from }),
    chat: { ...s.chat },
    date: opts.date ?? Math.floor(Date.now() / 1000),
    ...content,
    ...(replied ? { reply_to_message: world.toApiMessage(s, replied) } : {}),
  };
  return { update_id: 0, ...(s.chat.type === 'channel' ? { channel_post: message } : { message }) };
}
