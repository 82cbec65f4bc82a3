// The fake Telegram's world: chats (configured or created on first use), who is a member or an
// administrator of what, and every message the bot has delivered, per chat, in order.
import type { TelegramEntity } from './telegram-html.ts';
import { documentOf, type HeldFile } from './telegram-files.ts';
import { defaultChat, defaultUser, type TgChat, type TgMessage, type TgUser } from './telegram-updates.ts';

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface FakeChatSpec extends Partial<TgChat> {
  id: number;
  /** user id → status; unknown users are 'left'. Admin checks (issue 6) read this. */
  members?: Record<number, ChatMemberStatus>;
  /** The bot's own status here (default: administrator in channels, member elsewhere). */
  botStatus?: ChatMemberStatus;
  /** Private chat whose user blocked the bot: sends answer 403. */
  blocked?: boolean;
}

export interface DeliveredPhoto {
  filename: string;
  width: number;
  height: number;
  /** The uploaded bytes (empty for a photo sent by URL). */
  data: Buffer;
  /** The HTTP URL Telegram fetched the photo from (sendPhoto with a URL string). */
  url?: string;
}

export interface DeliveredMessage {
  chat_id: number;
  message_id: number;
  /** Visible text after entity parsing (what the user reads). */
  text: string;
  /** The `text` argument exactly as sent (HTML source when parse_mode is HTML). */
  source: string;
  parse_mode?: string;
  entities: TelegramEntity[];
  message_thread_id?: number;
  /** The message this one replies to (reply_parameters.message_id), when it was found. */
  reply_to_message_id?: number;
  reply_markup?: unknown;
  link_preview_options?: unknown;
  date: number;
  /** ms since the fake started; for throughput and ordering assertions. */
  at: number;
  /** Earlier texts, oldest first, when the message was edited. */
  edits: string[];
  /** Earlier reply markups, oldest first, when editMessageReplyMarkup changed it. */
  markupEdits?: unknown[];
  /** A photo message (sendPhoto): `text` is its caption. */
  photo?: DeliveredPhoto;
  /** A document message (sendDocument): `text` is its caption. */
  document?: HeldFile;
  deleted: boolean;
}

interface ChatState {
  chat: TgChat;
  members: Map<number, ChatMemberStatus>;
  botStatus: ChatMemberStatus;
  blocked: boolean;
  nextMessageId: number;
  messages: Map<number, DeliveredMessage>;
}

const ADMIN_RIGHTS = {
  can_be_edited: false,
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
};
const RESTRICTED = {
  is_member: true,
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_change_info: false,
  can_invite_users: false,
  can_pin_messages: false,
  can_manage_topics: false,
  until_date: 0,
};

export class TelegramWorld {
  private readonly chats = new Map<number, ChatState>();
  private readonly users = new Map<number, TgUser>();
  private readonly log: DeliveredMessage[] = [];
  readonly knownChatsOnly: boolean;

  constructor(
    readonly bot: TgUser,
    chats: FakeChatSpec[] | undefined,
    users: Partial<TgUser>[] = [],
  ) {
    this.knownChatsOnly = chats !== undefined;
    for (const u of users) if (u.id !== undefined) this.users.set(u.id, defaultUser(u.id, u));
    for (const c of chats ?? []) this.addChat(c);
  }

  addChat(spec: FakeChatSpec): TgChat {
    const base = defaultChat(spec.id);
    const { members, botStatus, blocked, ...chatFields } = spec;
    const chat: TgChat = { ...base, ...chatFields };
    if (chat.type !== 'private') delete chat.first_name;
    else delete chat.title;
    this.chats.set(chat.id, {
      chat,
      members: new Map(Object.entries(members ?? {}).map(([k, v]) => [Number(k), v])),
      botStatus: botStatus ?? (chat.type === 'channel' ? 'administrator' : 'member'),
      blocked: blocked ?? false,
      nextMessageId: 1,
      messages: new Map(),
    });
    return chat;
  }

  setMember(chatId: number, userId: number, status: ChatMemberStatus): void {
    const state = this.state(chatId);
    if (!state) throw new Error(`fake telegram: no chat ${chatId}`);
    if (userId === this.bot.id) state.botStatus = status;
    else state.members.set(userId, status);
  }

  user(id: number): TgUser {
    if (id === this.bot.id) return this.bot;
    return this.users.get(id) ?? defaultUser(id);
  }

  /** chat_id as the API receives it: a number, or '@username'. Undefined = "chat not found". */
  resolve(chatId: unknown): ChatState | undefined {
    if (typeof chatId === 'string') {
      if (!chatId.startsWith('@')) return undefined;
      const name = chatId.slice(1).toLowerCase();
      return [...this.chats.values()].find((s) => s.chat.username?.toLowerCase() === name);
    }
    if (typeof chatId !== 'number' || !Number.isSafeInteger(chatId) || chatId === 0) return undefined;
    return this.state(chatId);
  }

  private state(id: number): ChatState | undefined {
    const existing = this.chats.get(id);
    if (existing || this.knownChatsOnly) return existing;
    this.addChat({ id });
    return this.chats.get(id);
  }

  /** Allocates the next message id of a chat (incoming user messages use them too). */
  nextMessageId(chatId: number): number {
    const s = this.state(chatId);
    if (!s) throw new Error(`fake telegram: no chat ${chatId}`);
    return s.nextMessageId++;
  }

  /** Why the bot may not post here, in the Bot API's words; undefined = it may. */
  cannotPost(s: ChatState): { code: number; description: string } | undefined {
    if (s.chat.type === 'private' && s.blocked) return { code: 403, description: 'Forbidden: bot was blocked by the user' };
    if (s.botStatus === 'kicked') {
      return {
        code: 403,
        description: `Forbidden: bot was kicked from the ${s.chat.type === 'channel' ? 'channel' : s.chat.type === 'group' ? 'group' : 'supergroup'} chat`,
      };
    }
    if (s.botStatus === 'left')
      return {
        code: 403,
        description: `Forbidden: bot is not a member of the ${s.chat.type === 'channel' ? 'channel' : s.chat.type === 'group' ? 'group' : 'supergroup'} chat`,
      };
    if (s.chat.type === 'channel' && s.botStatus !== 'administrator' && s.botStatus !== 'creator') {
      return { code: 400, description: 'Bad Request: need administrator rights in the channel chat' };
    }
    if (s.botStatus === 'restricted') return { code: 400, description: 'Bad Request: not enough rights to send text messages to the chat' };
    return undefined;
  }

  deliver(s: ChatState, m: Omit<DeliveredMessage, 'chat_id' | 'message_id' | 'edits' | 'deleted'>): DeliveredMessage {
    const message: DeliveredMessage = { ...m, chat_id: s.chat.id, message_id: s.nextMessageId++, edits: [], deleted: false };
    s.messages.set(message.message_id, message);
    this.log.push(message);
    return message;
  }

  message(s: ChatState, messageId: number): DeliveredMessage | undefined {
    const m = s.messages.get(messageId);
    return m && !m.deleted ? m : undefined;
  }

  /** The Message object the API returns for a delivered message. */
  toApiMessage(s: ChatState, m: DeliveredMessage, editDate?: number): TgMessage {
    // Key order as the Bot API writes it.
    const out: TgMessage = {
      message_id: m.message_id,
      ...(m.message_thread_id !== undefined && s.chat.is_forum ? { message_thread_id: m.message_thread_id } : {}),
      ...(s.chat.type === 'channel' ? { sender_chat: { ...s.chat } } : { from: this.bot }),
      chat: { ...s.chat },
      date: m.date,
      ...(m.message_thread_id !== undefined && s.chat.is_forum ? { is_topic_message: true } : {}),
      ...(m.photo ? { photo: photoSizes(m) } : m.document ? { document: documentOf(m.document) } : { text: m.text }),
      ...((m.photo || m.document) && m.text ? { caption: m.text } : {}),
    };
    const replied = m.reply_to_message_id !== undefined ? this.message(s, m.reply_to_message_id) : undefined;
    if (replied) out.reply_to_message = this.toApiMessage(s, replied);
    if (m.entities.length > 0) out[m.photo || m.document ? 'caption_entities' : 'entities'] = m.entities;
    if (m.link_preview_options !== undefined) out.link_preview_options = m.link_preview_options;
    if (m.reply_markup !== undefined) out.reply_markup = m.reply_markup;
    if (editDate !== undefined) out.edit_date = editDate;
    return out;
  }

  sent(chatId?: number | string): DeliveredMessage[] {
    const id = chatId === undefined ? undefined : Number(chatId);
    return this.log.filter((m) => !m.deleted && (id === undefined || m.chat_id === id));
  }

  status(s: ChatState, userId: number): ChatMemberStatus {
    if (userId === this.bot.id) return s.botStatus;
    if (s.chat.type === 'private') return userId === s.chat.id ? 'member' : 'left';
    return s.members.get(userId) ?? 'left';
  }

  /** A ChatMember object (ChatMemberOwner, ChatMemberAdministrator, …) as the Bot API returns it. */
  member(s: ChatState, userId: number): Record<string, unknown> {
    const status = this.status(s, userId);
    const user = this.user(userId);
    switch (status) {
      case 'creator':
        return { status, user, is_anonymous: false };
      case 'administrator':
        return {
          status,
          user,
          ...ADMIN_RIGHTS,
          ...(s.chat.type === 'channel' ? { can_post_messages: true, can_edit_messages: true } : { can_pin_messages: true }),
          ...(s.chat.is_forum ? { can_manage_topics: true } : {}),
        };
      case 'restricted':
        return { status, user, ...RESTRICTED };
      case 'kicked':
        return { status, user, until_date: 0 };
      default:
        return { status, user };
    }
  }

  administrators(s: ChatState): Record<string, unknown>[] {
    const ids = [...s.members.entries()].filter(([, st]) => st === 'creator' || st === 'administrator').map(([id]) => id);
    if (s.botStatus === 'administrator' || s.botStatus === 'creator') ids.push(this.bot.id);
    return ids.map((id) => this.member(s, id));
  }

  fullInfo(s: ChatState): Record<string, unknown> {
    return {
      ...s.chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false, gifts_from_channels: false },
      ...(s.chat.type === 'group' || s.chat.type === 'supergroup'
        ? {
            permissions: {
              can_send_messages: true,
              can_send_polls: true,
              can_send_other_messages: true,
              can_add_web_page_previews: true,
              can_change_info: false,
              can_invite_users: true,
              can_pin_messages: false,
            },
          }
        : {}),
    };
  }
}

export type { ChatState };

/** PhotoSize objects as the Bot API lists them: a thumbnail and the full size. */
function photoSizes(m: DeliveredMessage): unknown[] {
  const p = m.photo!;
  const id = `AgAC-fake-${m.chat_id}-${m.message_id}`;
  const scale = Math.min(1, 320 / Math.max(p.width, p.height));
  return [
    {
      file_id: `${id}-s`,
      file_unique_id: `${m.message_id}s`,
      width: Math.round(p.width * scale),
      height: Math.round(p.height * scale),
      file_size: Math.round(p.data.length * scale * scale),
    },
    { file_id: `${id}-x`, file_unique_id: `${m.message_id}x`, width: p.width, height: p.height, file_size: p.data.length },
  ];
}
