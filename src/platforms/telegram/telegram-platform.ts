// Telegram: slash commands from private chats, groups ("/digest@raqib_bot") and channel posts,
// answered with the commands in commands/. Long polling by default; a webhook (verified with its
// secret token) when TELEGRAM_WEBHOOK_URL is set. The only module besides telegram-sender.ts that
// imports telegraf.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Telegraf } from 'telegraf';
import { dispatch, parseCommandLine, pickLang } from '../../../commands/registry.ts';
import type { ChatInfo, CommandContext, CommandServices, Reply } from '../../../commands/types.ts';
import type { AdminRef } from '../../config/env.ts';
import type { Sender } from '../../core/outbound.ts';
import { publishMenus } from './telegram-menu.ts';
import { replyToTelegramHtml, type TelegramDigestRenderer } from './telegram-html.ts';
import { createTelegramSender } from './telegram-sender.ts';
import { ChatAdminCache, type TelegramLogger } from './telegram-admins.ts';

/** Mounts a request handler under a path prefix of the one HTTP server on PORT (src/service). */
export type HttpMount = (pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;

export interface TelegramDeps {
  env: {
    TELEGRAM_BOT_TOKEN?: string;
    TELEGRAM_API_ROOT: string;
    TELEGRAM_WEBHOOK_URL?: string;
    TELEGRAM_WEBHOOK_SECRET?: string;
    admins: readonly AdminRef[];
  };
  services: CommandServices;
  log: TelegramLogger;
  /** Needed in webhook mode: the webhook's path is mounted on the shared HTTP server. */
  mount?: HttpMount;
  /** Digest renderer; src/digest's renderTelegram by default. */
  renderDigest?: TelegramDigestRenderer;
  now?: () => number;
  /**
   * Also let Telegram group administrators run /watch and /feeds. Off by default: anyone can
   * create a group and administer it, so the role says nothing about who may change what every
   * chat receives. Group administrators always manage their own group's subscriptions.
   */
  groupAdminsAreAdmins?: boolean;
  /** Skips getMe (tests); the username is what "/digest@name" must name. */
  botInfo?: { id: number; username: string; first_name?: string; is_bot?: true };
  /**
   * Do not long-poll at start; the caller calls startPolling() when this process is elected the
   * only poller (several instances on one token would get 409 from getUpdates).
   */
  manualPolling?: boolean;
  /** Publish the command menus at start (default true). */
  setCommands?: boolean;
}

export interface TelegramPlatform {
  sender: Sender;
  /** Settles when the start-up calls (setMyCommands, setWebhook) are done; never rejects. */
  ready: Promise<void>;
  /** With manualPolling: begin or end long polling (the leader lock decides, src/schedule). */
  startPolling(): void;
  stopPolling(): void;
  /** The webhook path when in webhook mode. */
  webhookPath?: string;
  stop(): Promise<void>;
}

interface TgUser {
  id: number;
  is_bot?: boolean;
  username?: string;
  first_name?: string;
  language_code?: string;
}
interface TgMessage {
  message_id: number;
  text?: string;
  from?: TgUser;
  sender_chat?: { id: number; type: string };
  chat: { id: number; type: 'private' | 'group' | 'supergroup' | 'channel' };
  message_thread_id?: number;
  is_topic_message?: boolean;
}

const WEBHOOK_BODY_MAX = 1_000_000;
const ALLOWED_UPDATES = ['message', 'channel_post'] as const;

export function startTelegram(deps: TelegramDeps): TelegramPlatform {
  const { env, log } = deps;
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('startTelegram needs TELEGRAM_BOT_TOKEN');
  const now = deps.now ?? Date.now;
  // webhookReply off: every answer is a real sendMessage whose failures we see and log.
  const bot = new Telegraf(token, { telegram: { apiRoot: env.TELEGRAM_API_ROOT, webhookReply: false }, handlerTimeout: 60_000 });
  if (deps.botInfo) bot.botInfo = { is_bot: true, first_name: deps.botInfo.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, ...deps.botInfo } as never;
  const adminIds = env.admins.filter((a) => a.platform === 'telegram').map((a) => a.user);
  const chatAdmins = new ChatAdminCache(bot.telegram, log, now);
  const inFlight = new Set<Promise<unknown>>();
  const chatQueues = new Map<string, Promise<void>>();
  let stopped = false;

  bot.catch((err) => {
    // One bad update never stops the bot.
    log.error({ err }, 'telegram: update failed');
  });

  bot.use(async (tctx) => {
    const update = tctx.update as { message?: TgMessage; channel_post?: TgMessage };
    const msg = update.message ?? update.channel_post;
    if (!msg || typeof msg.text !== 'string') return;
    // Other bots are ignored (no reply loops), except the stand-in Telegram uses for an anonymous
    // group administrator, whose message carries the group itself as sender_chat.
    if (msg.from?.is_bot && msg.sender_chat?.id !== msg.chat.id) return;
    // telegraf handles a batch of updates concurrently; one chat's answers keep the order of its
    // commands (a slow /digest must not be overtaken by the /topics sent after it).
    const key = String(msg.chat.id);
    const prev = chatQueues.get(key) ?? Promise.resolve();
    const work = prev.then(() => handleMessage(msg, tctx.botInfo?.username));
    const settled = work.catch(() => {});
    chatQueues.set(key, settled);
    inFlight.add(settled);
    try {
      await work;
    } finally {
      inFlight.delete(settled);
      if (chatQueues.get(key) === settled) chatQueues.delete(key);
    }
  });

  async function handleMessage(msg: TgMessage, botUsername: string | undefined): Promise<void> {
    const text = msg.text!.trim();
    const isPrivate = msg.chat.type === 'private';
    const parsed = text.startsWith('/') ? parseCommandLine(text) : undefined;
    // "/digest@other_bot" in a group is another bot's; a private chat has no other bot to ask.
    if (!isPrivate && parsed?.bot && botUsername && parsed.bot.toLowerCase() !== botUsername.toLowerCase()) return;
    let reply: Reply;
    const lang = pickLang(msg.from?.language_code, text);
    if (!parsed) {
      // In groups people talk to each other; only a private chat gets a hint for plain text.
      if (!isPrivate) return;
      reply = { status: 'usage', ephemeral: true, text: lang === 'ar' ? 'الأوامر تبدأ بـ /؛ جرّب /help' : 'Commands start with "/": try /help' };
    } else {
      const ctx = commandContext(msg, lang);
      // Telegram clients send /start when someone opens the bot (deep-link payloads included): greet with /help.
      const [name, args] = parsed.name === 'start' ? ['help', ''] : [parsed.name, parsed.args];
      reply = await dispatch(ctx, name, args, (err) => log.error({ err, command: name }, 'telegram: command failed'));
    }
    await sendReply(msg, reply);
  }

  function commandContext(msg: TgMessage, lang: 'ar' | 'en'): CommandContext {
    const kind: ChatInfo['kind'] = msg.chat.type === 'private' ? 'private' : msg.chat.type === 'channel' ? 'channel' : 'group';
    const chat: ChatInfo = { id: String(msg.chat.id), kind, ...(msg.is_topic_message && msg.message_thread_id ? { thread: String(msg.message_thread_id) } : {}) };
    // Channel posts carry no sender and anonymous admins post as a stand-in bot: the chat speaks.
    const person = msg.from && !msg.from.is_bot ? msg.from : undefined;
    const userId = person ? String(person.id) : String(msg.sender_chat?.id ?? msg.chat.id);
    const listed = person !== undefined && adminIds.includes(userId);
    const isChatAdmin = async (): Promise<boolean> => {
      if (kind === 'private' || kind === 'channel' || listed) return true;
      // An anonymous group administrator posts as the group itself.
      if (msg.sender_chat && msg.sender_chat.id === msg.chat.id) return true;
      if (!person) return false;
      return chatAdmins.isAdmin(msg.chat.id, person.id);
    };
    return {
      platform: 'telegram',
      chat,
      user: { id: userId, ...(person?.username ? { name: person.username } : {}) },
      lang,
      isAdmin: async () => listed || (deps.groupAdminsAreAdmins === true && kind !== 'private' && (await isChatAdmin())),
      isChatAdmin,
      services: deps.services,
      now,
    };
  }

  async function sendReply(msg: TgMessage, reply: Reply): Promise<void> {
    const parts = replyToTelegramHtml(reply, deps.renderDigest);
    for (const [i, html] of parts.entries()) {
      const payload: Record<string, unknown> = { chat_id: msg.chat.id, text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
      if (msg.is_topic_message && msg.message_thread_id) payload.message_thread_id = msg.message_thread_id;
      // In groups the answer quotes the command, so people see whom it answers.
      if (i === 0 && msg.chat.type !== 'private' && msg.chat.type !== 'channel') {
        payload.reply_parameters = { message_id: msg.message_id, allow_sending_without_reply: true };
      }
      try {
        await bot.telegram.callApi('sendMessage', payload as never);
      } catch (err) {
        log.warn({ err, chat: msg.chat.id }, 'telegram: reply not sent');
        return;
      }
    }
  }

  const sender = createTelegramSender(bot.telegram);
  const startup: Promise<unknown>[] = [];
  if (deps.setCommands !== false) startup.push(publishMenus(bot.telegram, adminIds, log));

  let webhookPath: string | undefined;
  let polling = false;
  if (env.TELEGRAM_WEBHOOK_URL) {
    if (!deps.mount) throw new Error('startTelegram: webhook mode (TELEGRAM_WEBHOOK_URL) needs an HTTP mount');
    const secret = env.TELEGRAM_WEBHOOK_SECRET;
    if (!secret) throw new Error('startTelegram: TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL');
    webhookPath = new URL(env.TELEGRAM_WEBHOOK_URL).pathname.replace(/\/+$/, '');
    if (webhookPath === '') throw new Error('startTelegram: TELEGRAM_WEBHOOK_URL needs a path of its own, e.g. https://bot.example.com/telegram/webhook');
    const path = webhookPath;
    deps.mount(path, (req, res) => {
      webhookHandler(req, res, path, secret).catch((err: unknown) => {
        log.error({ err }, 'telegram: webhook request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    startup.push(
      bot.telegram
        .setWebhook(env.TELEGRAM_WEBHOOK_URL, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] })
        .then(() => log.info({ path }, 'telegram: webhook set'))
        .catch((err: unknown) => log.error({ err }, 'telegram: setWebhook failed; updates will not arrive until it succeeds')),
    );
  } else if (deps.manualPolling !== true) {
    startPolling();
  }

  function startPolling(): void {
    if (polling || stopped || webhookPath) return;
    polling = true;
    // launch() never resolves while polling (STACK.md): start it and watch for a fatal end.
    bot
      .launch({ allowedUpdates: [...ALLOWED_UPDATES] })
      .then(() => log.info('telegram: polling ended'))
      .catch((err: unknown) => {
        polling = false;
        if (!stopped) log.error({ err }, 'telegram: polling stopped with an error (another instance polling the same token gets 409)');
      });
    log.info('telegram: long polling');
  }

  function stopPolling(): void {
    if (!polling) return;
    polling = false;
    try {
      bot.stop('deposed');
    } catch {
      // launch() had not got as far as polling (getMe failed): nothing to stop.
    }
  }

  async function webhookHandler(req: IncomingMessage, res: ServerResponse, path: string, secret: string): Promise<void> {
    if (new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '') !== path) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !safeEqual(given, secret)) {
      req.resume();
      return void res.writeHead(403).end();
    }
    if (stopped) return void res.writeHead(503).end();
    const body = await readBody(req, WEBHOOK_BODY_MAX);
    if (body === undefined) return void res.writeHead(413).end();
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return void res.writeHead(400).end();
    }
    if (!update || typeof update !== 'object' || typeof (update as { update_id?: unknown }).update_id !== 'number') return void res.writeHead(400).end();
    // Answered after handling: Telegram redelivers an update whose webhook call failed.
    await bot.handleUpdate(update as never);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  return {
    sender,
    ready: Promise.allSettled(startup).then(() => undefined),
    ...(webhookPath ? { webhookPath } : {}),
    startPolling,
    stopPolling,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopPolling();
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
