// Bot API parameters as the server checks them, driven by the machine-readable spec
// ../shared/fixtures/telegram/api.json (Bot API 10.1). Without ../shared (a user's laptop) a small
// built-in table covers the methods raqib uses, so the fake still works.
//
// Like the real server, every argument arrives as a string (query, form, multipart) or as a JSON
// value; scalars are coerced, JSON-serialised types are parsed, unknown parameters are ignored and
// an empty string counts as absent.
import { existsSync, readFileSync } from 'node:fs';
import { sharedPath } from '../helpers/shared.ts';

export interface FieldSpec {
  name: string;
  types: string[];
  required: boolean;
}
export interface MethodSpec {
  name: string;
  fields: FieldSpec[];
}
export interface TypeSpec {
  name: string;
  fields?: FieldSpec[];
  subtypes?: string[];
}
export interface TelegramSpec {
  version: string;
  source: 'api.json' | 'builtin';
  /** Keyed by lower-case method name: the Bot API matches method names case-insensitively. */
  methods: Map<string, MethodSpec>;
  types: Map<string, TypeSpec>;
}

const f = (name: string, types: string[], required = false): FieldSpec => ({ name, types, required });
const CHAT_ID = ['Integer', 'String'];
const BUILTIN: MethodSpec[] = [
  { name: 'getMe', fields: [] },
  { name: 'logOut', fields: [] },
  { name: 'close', fields: [] },
  { name: 'getWebhookInfo', fields: [] },
  { name: 'getUpdates', fields: [f('offset', ['Integer']), f('limit', ['Integer']), f('timeout', ['Integer']), f('allowed_updates', ['Array of String'])] },
  {
    name: 'setWebhook',
    fields: [
      f('url', ['String'], true),
      f('certificate', ['InputFile']),
      f('ip_address', ['String']),
      f('max_connections', ['Integer']),
      f('allowed_updates', ['Array of String']),
      f('drop_pending_updates', ['Boolean']),
      f('secret_token', ['String']),
    ],
  },
  { name: 'deleteWebhook', fields: [f('drop_pending_updates', ['Boolean'])] },
  {
    name: 'sendMessage',
    fields: [
      f('chat_id', CHAT_ID, true),
      f('message_thread_id', ['Integer']),
      f('text', ['String'], true),
      f('parse_mode', ['String']),
      f('entities', ['Array of MessageEntity']),
      f('link_preview_options', ['LinkPreviewOptions']),
      f('disable_notification', ['Boolean']),
      f('protect_content', ['Boolean']),
      f('reply_parameters', ['ReplyParameters']),
      f('reply_markup', ['InlineKeyboardMarkup', 'ReplyKeyboardMarkup', 'ReplyKeyboardRemove', 'ForceReply']),
    ],
  },
  {
    name: 'editMessageText',
    fields: [
      f('chat_id', CHAT_ID),
      f('message_id', ['Integer']),
      f('inline_message_id', ['String']),
      f('text', ['String']),
      f('parse_mode', ['String']),
      f('entities', ['Array of MessageEntity']),
      f('link_preview_options', ['LinkPreviewOptions']),
      f('reply_markup', ['InlineKeyboardMarkup']),
    ],
  },
  { name: 'deleteMessage', fields: [f('chat_id', CHAT_ID, true), f('message_id', ['Integer'], true)] },
  { name: 'sendChatAction', fields: [f('chat_id', CHAT_ID, true), f('message_thread_id', ['Integer']), f('action', ['String'], true)] },
  { name: 'setMyCommands', fields: [f('commands', ['Array of BotCommand'], true), f('scope', ['BotCommandScope']), f('language_code', ['String'])] },
  { name: 'getMyCommands', fields: [f('scope', ['BotCommandScope']), f('language_code', ['String'])] },
  { name: 'deleteMyCommands', fields: [f('scope', ['BotCommandScope']), f('language_code', ['String'])] },
  { name: 'getChat', fields: [f('chat_id', CHAT_ID, true)] },
  { name: 'getChatMember', fields: [f('chat_id', CHAT_ID, true), f('user_id', ['Integer'], true)] },
  { name: 'getChatAdministrators', fields: [f('chat_id', CHAT_ID, true)] },
  {
    name: 'answerCallbackQuery',
    fields: [f('callback_query_id', ['String'], true), f('text', ['String']), f('show_alert', ['Boolean']), f('url', ['String']), f('cache_time', ['Integer'])],
  },
];
const BUILTIN_TYPES: TypeSpec[] = [
  { name: 'BotCommand', fields: [f('command', ['String'], true), f('description', ['String'], true)] },
  { name: 'LinkPreviewOptions', fields: [f('is_disabled', ['Boolean']), f('url', ['String'])] },
  { name: 'ReplyParameters', fields: [f('message_id', ['Integer'], true), f('chat_id', CHAT_ID), f('allow_sending_without_reply', ['Boolean'])] },
];

let cached: TelegramSpec | undefined;

export function loadTelegramSpec(path = sharedPath('fixtures/telegram/api.json')): TelegramSpec {
  if (cached && path === sharedPath('fixtures/telegram/api.json')) return cached;
  let spec: TelegramSpec;
  if (existsSync(path)) {
    const json = JSON.parse(readFileSync(path, 'utf8')) as {
      version: string;
      methods: Record<string, MethodSpec & { fields?: FieldSpec[] }>;
      types: Record<string, TypeSpec>;
    };
    spec = {
      version: json.version,
      source: 'api.json',
      methods: new Map(Object.values(json.methods).map((m) => [m.name.toLowerCase(), { name: m.name, fields: m.fields ?? [] }])),
      types: new Map(Object.values(json.types).map((t) => [t.name, t])),
    };
  } else {
    spec = {
      version: 'builtin subset',
      source: 'builtin',
      methods: new Map(BUILTIN.map((m) => [m.name.toLowerCase(), m])),
      types: new Map(BUILTIN_TYPES.map((t) => [t.name, t])),
    };
  }
  if (path === sharedPath('fixtures/telegram/api.json')) cached = spec;
  return spec;
}

export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; description: string };

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

// The server's own wording where it is known; the generic form for the rest.
function missingMessage(method: string, field: string): string {
  if (field === 'chat_id') return 'Bad Request: chat_id is empty';
  if (field === 'text' && /^(sendmessage|editmessagetext)$/.test(method)) return 'Bad Request: message text is empty';
  if (field === 'user_id') return 'Bad Request: invalid user_id specified';
  return `Bad Request: parameter "${field}" is required`;
}

function coerceScalar(type: string, value: unknown): { ok: true; value: unknown } | { ok: false } {
  switch (type) {
    case 'Integer':
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
      if (typeof value === 'string' && /^-?\d{1,19}$/.test(value.trim())) return { ok: true, value: Number(value.trim()) };
      return { ok: false };
    case 'Float':
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return { ok: true, value: Number(value) };
      return { ok: false };
    case 'Boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === '1' || value === 1) return { ok: true, value: true };
      if (value === 'false' || value === '0' || value === 0) return { ok: true, value: false };
      return { ok: false };
    case 'String':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false };
    case 'InputFile':
      return { ok: true, value };
    default:
      return { ok: false };
  }
}

const SCALARS = new Set(['Integer', 'Float', 'Boolean', 'String', 'InputFile']);

/** Checks one value against a list of alternative types; objects are checked one level deep. */
function checkValue(
  spec: TelegramSpec,
  types: string[],
  value: unknown,
  path: string,
  depth: number,
): { ok: true; value: unknown } | { ok: false; description: string } {
  const scalarTypes = types.filter((t) => SCALARS.has(t));
  const complex = types.filter((t) => !SCALARS.has(t));
  if (scalarTypes.length > 0 && (typeof value !== 'object' || value === null)) {
    // "Integer or String" (chat_id): a numeric string is an Integer.
    for (const t of scalarTypes) {
      const r = coerceScalar(t, value);
      if (r.ok) return r;
    }
    if (complex.length === 0) return { ok: false, description: `Bad Request: field "${path}" must be of type ${types.join(' or ')}` };
  }
  if (complex.length === 0) return { ok: true, value };
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { ok: false, description: `Bad Request: can't parse ${path} JSON object` };
    }
  }
  const t = complex[0]!;
  const arrayOf = /^Array of (.+)$/.exec(t)?.[1];
  if (arrayOf !== undefined) {
    if (!Array.isArray(parsed)) return { ok: false, description: `Bad Request: field "${path}" must be an Array` };
    const out: unknown[] = [];
    for (let i = 0; i < parsed.length; i++) {
      const r = checkValue(spec, [arrayOf], parsed[i], `${path}[${i}]`, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, description: `Bad Request: can't parse ${path} JSON object` };
  }
  const typeSpec = complex.length === 1 ? spec.types.get(t) : undefined;
  if (!typeSpec?.fields || typeSpec.subtypes?.length || depth > 2) return { ok: true, value: parsed };
  const obj = { ...(parsed as Record<string, unknown>) };
  for (const field of typeSpec.fields) {
    const v = obj[field.name];
    if (isBlank(v)) {
      if (field.required) return { ok: false, description: `Bad Request: field "${field.name}" must be specified in ${path}` };
      continue;
    }
    const r = checkValue(spec, field.types, v, `${path}.${field.name}`, depth + 1);
    if (!r.ok) return r;
    obj[field.name] = r.value;
  }
  return { ok: true, value: obj };
}

/** Required parameters and basic types of `method`'s arguments, per the spec. */
export function checkParams(spec: TelegramSpec, methodKey: string, params: Record<string, unknown>, files: Record<string, unknown> = {}): ParamCheck {
  const method = spec.methods.get(methodKey);
  if (!method) return { ok: true, params };
  const out: Record<string, unknown> = { ...params };
  for (const field of method.fields) {
    const value = params[field.name];
    if (isBlank(value)) {
      if (field.required && !(field.name in files)) return { ok: false, description: missingMessage(methodKey, field.name) };
      delete out[field.name];
      continue;
    }
    const r = checkValue(spec, field.types, value, field.name, 0);
    if (!r.ok) return r;
    out[field.name] = r.value;
  }
  return { ok: true, params: out };
}
