// Bot API methods of the fake that act on chats and messages. Parameters arrive already checked and
// coerced against api.json (telegram-spec.ts); what is checked here is what the real server checks
// beyond types: parse_mode HTML, text length after entity parsing, chats, members, message ids.
import { checkTelegramText, TELEGRAM_TEXT_LIMIT, type TelegramEntity } from './telegram-html.ts';
import type { UploadedFile } from './fake-http.ts';
import type { ChatState, TelegramWorld } from './telegram-state.ts';

export type ApiResult =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };

export interface BotCommand {
  command: string;
  description: string;
}

export interface MethodContext {
  world: TelegramWorld;
  params: Record<string, unknown>;
  /** ms since the fake started. */
  at: number;
  /** Flood control for a message to this chat: a 429 result, or undefined after counting it. */
  flood(s: ChatState): ApiResult | undefined;
  /** Uploaded files of a multipart request, by field name. */
  files: Record<string, UploadedFile>;
  /** setMyCommands storage, keyed by JSON of {scope, language_code}. */
  commands: Map<string, BotCommand[]>;
  callbackIds: Set<string>;
  /** Photo URLs the fake refuses to fetch, with the error description (FakeTelegram.rejectImage). */
  rejectedImages?: ReadonlyMap<string, string>;
}

export type MethodHandler = (ctx: MethodContext) => ApiResult;

export const ok = (result: unknown, description?: string): ApiResult => ({ ok: true, result, ...(description ? { description } : {}) });
export const bad = (description: string, error_code = 400): ApiResult => ({ ok: false, error_code, description });
const CHAT_NOT_FOUND = bad('Bad Request: chat not found');
const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const unixNow = (): number => Math.floor(Date.now() / 1000);

/** Entities passed explicitly instead of parse_mode: checked for range only. */
function explicitEntities(text: string, entities: unknown): TelegramEntity[] | string {
  if (!Array.isArray(entities)) return [];
  for (const e of entities as TelegramEntity[]) {
    if (e.offset < 0 || e.length <= 0 || e.offset + e.length > text.length) return 'Bad Request: entity begins after the end of the text or has a wrong length';
  }
  return entities as TelegramEntity[];
}

/** Parses text + parse_mode (or explicit entities); the length is checked by the caller. */
function messageText(p: Record<string, unknown>): { text: string; entities: TelegramEntity[]; length: number } | ApiResult {
  const raw = (p.text as string | undefined) ?? '';
  const useEntities = p.entities !== undefined;
  const check = checkTelegramText(raw, useEntities ? undefined : (p.parse_mode as string | undefined), { limit: Infinity });
  if (!check.ok) return bad(check.description);
  if (!useEntities) return { text: check.text, entities: check.entities, length: check.length };
  const entities = explicitEntities(raw, p.entities);
  return typeof entities === 'string' ? bad(entities) : { text: raw, entities, length: [...raw].length };
}

const isResult = (v: unknown): v is ApiResult => typeof v === 'object' && v !== null && 'ok' in v;

const sendMessage: MethodHandler = ({ world, params: p, at, flood }) => {
  // The real server's order: entity parsing, then the chat, then tdlib's length check.
  const parsed = messageText(p);
  if (isResult(parsed)) return parsed;
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  if (parsed.length > TELEGRAM_TEXT_LIMIT) return bad('Bad Request: message is too long');
  const refused = world.cannotPost(s);
  if (refused) return bad(refused.description, refused.code);
  // A reply to a message that is not there fails unless the sender allowed it (then no reply).
  const reply = p.reply_parameters as { message_id: number; allow_sending_without_reply?: boolean } | undefined;
  const replied = reply ? world.message(s, reply.message_id) : undefined;
  if (reply && !replied && !reply.allow_sending_without_reply) return bad('Bad Request: message to be replied not found');
  const limited = flood(s);
  if (limited) return limited;
  const m = world.deliver(s, {
    ...(replied ? { reply_to_message_id: replied.message_id } : {}),
    text: parsed.text,
    source: p.text as string,
    parse_mode: p.parse_mode as string | undefined,
    entities: parsed.entities,
    message_thread_id: p.message_thread_id as number | undefined,
    reply_markup: p.reply_markup,
    link_preview_options: p.link_preview_options,
    date: unixNow(),
    at,
  });
  return ok(world.toApiMessage(s, m));
};

const editMessageText: MethodHandler = ({ world, params: p }) => {
  if (p.inline_message_id !== undefined) return bad('Bad Request: MESSAGE_ID_INVALID');
  if (p.chat_id === undefined) return bad('Bad Request: chat_id is empty');
  if (p.message_id === undefined) return bad('Bad Request: message identifier is not specified');
  if (p.text === undefined) return bad('Bad Request: message text is empty');
  const parsed = messageText(p);
  if (isResult(parsed)) return parsed;
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  // Edits skip tdlib's check and get the raw server error.
  if (parsed.length > TELEGRAM_TEXT_LIMIT) return bad('Bad Request: MESSAGE_TOO_LONG');
  const m = world.message(s, p.message_id as number);
  if (!m || m.deleted) return bad('Bad Request: message to edit not found');
  const sameMarkup = JSON.stringify(m.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null);
  if (m.text === parsed.text && JSON.stringify(m.entities) === JSON.stringify(parsed.entities) && sameMarkup) return bad(NOT_MODIFIED);
  m.edits.push(m.source);
  m.text = parsed.text;
  m.source = p.text as string;
  m.entities = parsed.entities;
  m.parse_mode = p.parse_mode as string | undefined;
  // An edit without reply_markup removes the message's inline keyboard (as the real server does).
  if (!sameMarkup) m.markupEdits = [...(m.markupEdits ?? []), m.reply_markup];
  m.reply_markup = p.reply_markup;
  return ok(world.toApiMessage(s, m, unixNow()));
};

const deleteMessage: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  const m = world.message(s, p.message_id as number);
  if (!m) return bad('Bad Request: message to delete not found');
  m.deleted = true;
  return ok(true);
};

const sendChatAction: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  if (!CHAT_ACTIONS.has(p.action as string)) return bad('Bad Request: wrong parameter action in request');
  const refused = world.cannotPost(s);
  return refused ? bad(refused.description, refused.code) : ok(true);
};

const commandsKey = (p: Record<string, unknown>): string => JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']);

// BotCommand rules from api.json: 1-32 chars of a-z 0-9 _, description 1-256 chars. The error
// names are the server's MTProto ones as users report them.
const setMyCommands: MethodHandler = ({ params: p, commands }) => {
  const list = p.commands as BotCommand[];
  if (list.length > 100) return bad('Bad Request: too many commands specified');
  for (const c of list) {
    const command = String(c.command).replace(/^\//, '');
    if (!/^[a-z0-9_]{1,32}$/.test(command)) return bad('Bad Request: BOT_COMMAND_INVALID');
    const d = String(c.description).trim();
    if (d.length < 1 || [...d].length > 256) return bad('Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
  }
  commands.set(
    commandsKey(p),
    list.map((c) => ({ command: String(c.command).replace(/^\//, ''), description: String(c.description) })),
  );
  return ok(true);
};

const getMyCommands: MethodHandler = ({ params: p, commands }) => ok(commands.get(commandsKey(p)) ?? []);
const deleteMyCommands: MethodHandler = ({ params: p, commands }) => {
  commands.delete(commandsKey(p));
  return ok(true);
};

const getChat: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  return s ? ok(world.fullInfo(s)) : CHAT_NOT_FOUND;
};

const getChatMember: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  const userId = p.user_id as number;
  if (!Number.isSafeInteger(userId) || userId <= 0) return bad('Bad Request: invalid user_id specified');
  return ok(world.member(s, userId));
};

const getChatAdministrators: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  if (s.chat.type === 'private') return bad('Bad Request: there are no administrators in the private chat');
  return ok(world.administrators(s));
};

const getChatMemberCount: MethodHandler = ({ world, params: p }) => {
  const s = world.resolve(p.chat_id);
  if (!s) return CHAT_NOT_FOUND;
  return ok(s.chat.type === 'private' ? 2 : 1 + [...s.members.values()].filter((st) => st !== 'left' && st !== 'kicked').length);
};

const answerCallbackQuery: MethodHandler = ({ params: p, callbackIds }) => {
  if (!callbackIds.has(p.callback_query_id as string)) {
    return bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
  }
  callbackIds.delete(p.callback_query_id as string);
  return ok(true);
};

export const METHODS: Record<string, MethodHandler> = {
  getme: ({ world }) =>
    ok({
      ...world.bot,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    }),
  logout: () => ok(true),
  close: () => ok(true),
  sendmessage: sendMessage,
  editmessagetext: editMessageText,
  deletemessage: deleteMessage,
  sendchataction: sendChatAction,
  setmycommands: setMyCommands,
  getmycommands: getMyCommands,
  deletemycommands: deleteMyCommands,
  getchat: getChat,
  getchatmember: getChatMember,
  getchatadministrators: getChatAdministrators,
  getchatmembercount: getChatMemberCount,
  answercallbackquery: answerCallbackQuery,
};
