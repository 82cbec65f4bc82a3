// What Telegram itself adds to an incoming message before a bot sees it: the entities it detects in
// plain text (bot_command, mention, hashtag, url), with UTF-16 offsets. telegraf's bot.command()
// only fires when the first entity is a bot_command at offset 0, so the fake must produce them.
import type { TelegramEntity } from './telegram-html.ts';

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  is_forum?: boolean;
}

export interface TgMessage {
  message_id: number;
  message_thread_id?: number;
  reply_to_message?: TgMessage;
  from?: TgUser;
  sender_chat?: TgChat;
  chat: TgChat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: TelegramEntity[];
  photo?: unknown[];
  document?: Record<string, unknown>;
  caption?: string;
  caption_entities?: TelegramEntity[];
  link_preview_options?: unknown;
  reply_markup?: unknown;
  is_topic_message?: boolean;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  callback_query?: { id: string; from: TgUser; chat_instance: string; data?: string; message?: TgMessage };
  my_chat_member?: unknown;
  chat_member?: unknown;
  [other: string]: unknown;
}

const WORD = /[\p{L}\p{Nd}\p{N}_]/u;
const ASCII_WORD = /[A-Za-z0-9_]/;

/** tdlib match_bot_commands: `/cmd` or `/cmd@botname`, not glued to a word or to `/ < >`. */
function botCommands(text: string): TelegramEntity[] {
  const found: TelegramEntity[] = [];
  for (let i = text.indexOf('/'); i !== -1; i = text.indexOf('/', i + 1)) {
    const prev = i > 0 ? String.fromCodePoint(text.codePointAt(i - 1)!) : '';
    if (prev && (WORD.test(prev) || '/<>'.includes(prev))) continue;
    let j = i + 1;
    while (j < text.length && ASCII_WORD.test(text[j]!)) j++;
    if (j - i - 1 < 1 || j - i - 1 > 64) continue;
    let end = j;
    if (text[j] === '@') {
      let k = j + 1;
      while (k < text.length && ASCII_WORD.test(text[k]!)) k++;
      if (k - j - 1 < 3 || k - j - 1 > 32) continue;
      end = k;
    }
    const next = end < text.length ? String.fromCodePoint(text.codePointAt(end)!) : '';
    if (next && (WORD.test(next) || '/<>'.includes(next))) continue;
    found.push({ type: 'bot_command', offset: i, length: end - i });
  }
  return found;
}

/** Entities Telegram detects in a plain-text message (a useful subset of tdlib's find_entities). */
export function detectEntities(text: string): TelegramEntity[] {
  const entities = botCommands(text);
  const add = (re: RegExp, type: string, group = 0): void => {
    for (const m of text.matchAll(re)) {
      const offset = m.index + (group ? m[0].indexOf(m[group]!) : 0);
      const length = m[group]!.length;
      if (!entities.some((e) => offset < e.offset + e.length && e.offset < offset + length)) entities.push({ type, offset, length });
    }
  };
  add(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]/giu, 'url');
  add(/(?:^|[^\p{L}\p{Nd}_])(@[A-Za-z0-9_]{2,32})(?![\p{L}\p{Nd}_])/gu, 'mention', 1);
  add(/(?:^|[^\p{L}\p{Nd}_])(#[\p{L}\p{Nd}_]*\p{L}[\p{L}\p{Nd}_]*)/gu, 'hashtag', 1);
  return entities.sort((a, b) => a.offset - b.offset);
}

export function defaultUser(id: number, overrides: Partial<TgUser> = {}): TgUser {
  return { id, is_bot: false, first_name: `User ${id}`, ...overrides };
}

/** A chat as Telegram would describe an id nobody configured: >0 private, -100… supergroup, <0 group. */
export function defaultChat(id: number): TgChat {
  if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
  if (String(id).startsWith('-100')) return { id, type: 'supergroup', title: `Supergroup ${id}` };
  return { id, type: 'group', title: `Group ${id}` };
}
