// A fake Telegram Bot API server on 127.0.0.1 for tests: the REAL telegraf talks to it through
// `new Telegraf(token, { telegram: { apiRoot: fake.url } })`. It routes /bot<token>/<method>
// (method names case-insensitive, like the real server), reads JSON, url-encoded and multipart
// bodies, checks parameters against api.json, answers in the Bot API envelope, long-polls
// getUpdates (a newer poll ends the older one with 409), delivers to a webhook with the secret
// header, and can inject 429/5xx/timeouts or enforce Telegram's flood limits.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, parseBody, readRaw, sendJson, sleep, type ParsedBody, type UploadedFile } from './fake-http.ts';
import { FaultInjector, latencySource, RateWindows, type FaultRateOptions, type LatencyOption, type WindowRule } from './faults.ts';
import { bad, METHODS as BASE_METHODS, type ApiResult, type BotCommand, type MethodHandler } from './telegram-methods.ts';
import { checkReplyMarkup, editMessageReplyMarkup } from './telegram-keyboards.ts';

const METHODS: Record<string, MethodHandler | undefined> = { ...BASE_METHODS, editmessagereplymarkup: editMessageReplyMarkup };
import { sendPhoto } from './telegram-media.ts';
import { TelegramFiles } from './telegram-files.ts';
import { userMessage, type UserMessageOptions } from './telegram-user-message.ts';
import { checkParams, loadTelegramSpec } from './telegram-spec.ts';
import { TelegramWorld, type ChatMemberStatus, type ChatState, type DeliveredMessage, type FakeChatSpec } from './telegram-state.ts';
import { UpdateQueue, type WebhookDelivery, type WebhookState } from './telegram-update-queue.ts';
import type { TgUpdate, TgUser } from './telegram-updates.ts';

export type { ChatMemberStatus, DeliveredMessage, FakeChatSpec, TgUpdate, TgUser, ApiResult, BotCommand, WebhookDelivery, WebhookState };

export interface TelegramLimits {
  /** Messages per second over all chats (Telegram: 30). */
  perSecond: number;
  /** Messages per second to one chat (Telegram: 1). */
  perChatPerSecond: number;
  /** Messages per minute to one group or supergroup (Telegram: 20). */
  groupPerMinute: number;
  /** Each window is shortened by this much to forgive network jitter (default 20 ms). */
  toleranceMs: number;
}
export const TELEGRAM_LIMITS: TelegramLimits = { perSecond: 30, perChatPerSecond: 1, groupPerMinute: 20, toleranceMs: 20 };

/** A scripted failure: an error envelope, or a dropped connection. */
export type TelegramFault = { code: number; description?: string; retry_after?: number } | { kind: 'timeout' | 'lost-response'; hangMs?: number };

export interface FakeTelegramOptions {
  token?: string;
  /** The bot's own User (default id from the token, username raqib_bot). */
  bot?: Partial<TgUser>;
  /** Known chats. When given, any other chat_id is "chat not found"; when omitted, every chat exists. */
  chats?: FakeChatSpec[];
  users?: Partial<TgUser>[];
  limits?: boolean | Partial<TelegramLimits>;
  latency?: LatencyOption;
  /** Defaults to ../shared/fixtures/telegram/api.json, with a built-in subset when it is absent. */
  specPath?: string;
  /** Like `telegram-bot-api --local`: http:// webhooks on any port are accepted (default true). */
  local?: boolean;
}

export interface RecordedCall {
  seq: number;
  /** As requested (case preserved). */
  method: string;
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  bodyKind: ParsedBody['kind'];
  /** ms since the fake started. */
  at: number;
  httpStatus?: number;
  response?: unknown;
  /** Set when a fault was injected ('429', '500', 'timeout', 'lost-response', 'queued'). */
  fault?: string;
  via: 'http' | 'webhook-reply';
}

export interface FakeTelegramStats {
  calls: number;
  delivered: number;
  /** 429s produced by enforced limits (not injected faults). */
  rateLimited: number;
  injectedFaults: number;
}

const NOT_FOUND: ApiResult = { ok: false, error_code: 404, description: 'Not Found' };
const UNAUTHORIZED: ApiResult = { ok: false, error_code: 401, description: 'Unauthorized' };
const tooMany = (retry: number): ApiResult => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${retry}`,
  parameters: { retry_after: retry },
});

export class FakeTelegram {
  readonly token: string;
  /** While true, every call is refused with 401 (a revoked token); set false to accept it again. */
  refusing = false;
  /** How many calls were refused for their token. */
  refused = 0;
  readonly bot: TgUser;
  readonly calls: RecordedCall[] = [];
  readonly world: TelegramWorld;
  /** Documents users sent and the bot sent (sendDocument, getFile, /file/bot<token>/…). */
  readonly files = new TelegramFiles();
  url = '';
  private readonly spec;
  private readonly started = Date.now();
  private readonly faults = new FaultInjector<TelegramFault>((m) => m.toLowerCase());
  private readonly windows = new RateWindows();
  private readonly latency: () => number;
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly callbackIds = new Set<string>();
  private readonly rejectedImages = new Map<string, string>();
  private readonly held = new Set<{ finish(): void }>();
  private readonly queue: UpdateQueue;
  private limits: TelegramLimits | undefined;
  private counters = { delivered: 0, rateLimited: 0, injectedFaults: 0 };
  private closeServer: (() => Promise<void>) | undefined;

  constructor(opts: FakeTelegramOptions = {}) {
    this.token = opts.token ?? '123456789:AAHfakeTokenForRaqibTests_abcdefghij';
    const botId = Number(this.token.split(':')[0]) || 123456789;
    this.bot = { id: botId, is_bot: true, first_name: 'raqib', username: 'raqib_bot', ...opts.bot };
    this.world = new TelegramWorld(this.bot, opts.chats, opts.users);
    this.spec = loadTelegramSpec(opts.specPath);
    this.latency = latencySource(opts.latency);
    this.queue = new UpdateQueue(opts.local ?? true, (payload) => this.webhookReply(payload));
    this.enforceLimits(opts.limits ?? false);
  }

  async start(): Promise<this> {
    const running = await listen((req, res) => void this.handle(req, res));
    this.url = running.origin;
    this.closeServer = running.close;
    return this;
  }

  /** Delivered messages (not deleted), in delivery order, optionally for one chat. */
  sent(chatId?: number | string): DeliveredMessage[] {
    return this.world.sent(chatId);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  /**
   * sendPhoto with this URL fails as Telegram answers for an image it cannot use: by default
   * "failed to get HTTP URL content" (unreachable); also seen: "wrong type of the web page content".
   */
  rejectImage(url: string, description = 'Bad Request: failed to get HTTP URL content'): void {
    this.rejectedImages.set(url, description);
  }

  failNext(method: string, fault: TelegramFault, count = 1): void {
    this.faults.failNext(method, fault, count);
  }

  /** Random faults on a share of calls (getUpdates excluded unless listed in `methods`). */
  setFaultRate(options: FaultRateOptions | null): void {
    this.faults.setRate(options);
  }

  /** Flood control like Telegram's: 30 msg/s overall, 1 msg/s per chat, 20 msg/min per group. */
  enforceLimits(on: boolean | Partial<TelegramLimits> = true): void {
    this.limits = on === false ? undefined : { ...TELEGRAM_LIMITS, ...(on === true ? {} : on) };
    this.windows.toleranceMs = this.limits?.toleranceMs ?? 20;
    this.windows.reset();
  }

  stats(): FakeTelegramStats {
    return { calls: this.calls.length, ...this.counters };
  }

  addChat(chat: FakeChatSpec): void {
    this.world.addChat(chat);
  }

  setMember(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.world.setMember(chatId, userId, status);
  }

  /** Commands registered with setMyCommands for the default scope (or the given one). */
  myCommands(scope: unknown = { type: 'default' }, languageCode = ''): BotCommand[] | undefined {
    return this.commands.get(JSON.stringify([scope, languageCode]));
  }

  webhook(): Readonly<WebhookState> | undefined {
    return this.queue.hook;
  }

  /** Webhook POSTs made for queued updates in webhook mode. */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.queue.deliveries;
  }

  /** Unconfirmed updates (what the next getUpdates would see). */
  pendingUpdates(): TgUpdate[] {
    return [...this.queue.pending];
  }

  /** A user's message as Telegram would send it to the bot (telegram-user-message.ts). */
  makeMessage(opts: UserMessageOptions): TgUpdate {
    return userMessage(this.world, this.files, opts);
  }

  pushMessage(opts: UserMessageOptions): Promise<TgUpdate> {
    return this.pushUpdate(this.makeMessage(opts));
  }

  pushCallbackQuery(opts: { chatId: number; messageId?: number; data: string; from?: number }): Promise<TgUpdate> {
    const id = `${this.bot.id}${this.queue.peekNextId()}${this.callbackIds.size}`;
    this.callbackIds.add(id);
    const s = this.world.resolve(opts.chatId);
    const from = this.world.user(opts.from ?? (opts.chatId > 0 ? opts.chatId : 1000001));
    const m = s && opts.messageId !== undefined ? this.world.message(s, opts.messageId) : undefined;
    const message = s && m ? this.world.toApiMessage(s, m) : undefined;
    return this.pushUpdate({
      update_id: 0,
      callback_query: { id, from, chat_instance: String(opts.chatId), data: opts.data, ...(message ? { message } : {}) },
    });
  }

  /** Queues an update (update_id assigned when 0/absent): a held getUpdates returns at once; in webhook mode it is POSTed. */
  pushUpdate(update: Partial<TgUpdate>): Promise<TgUpdate> {
    return this.queue.push(update);
  }

  /** One raw POST to the registered webhook, e.g. with a wrong (string) or missing (null) secret. */
  postToWebhook(update: TgUpdate, opts: { secretToken?: string | null } = {}): Promise<{ status: number; body: string }> {
    return this.queue.post(update, opts.secretToken);
  }

  async close(): Promise<void> {
    for (const h of [...this.held]) h.finish();
    this.queue.close();
    await this.closeServer?.();
  }

  private now(): number {
    return Date.now() - this.started;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.files.serve(req, res, this.token)) return;
    const route = /^\/bot([^/]*)\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
    const raw = await readRaw(req);
    if (!route) return this.reply(res, NOT_FOUND);
    if (this.refusing || decodeURIComponent(route[1]!) !== this.token) {
      this.refused++;
      return this.reply(res, UNAUTHORIZED);
    }
    const body = await parseBody(req, raw);
    const call: RecordedCall = {
      seq: this.calls.length + 1,
      method: route[2]!,
      params: body.params,
      files: body.files,
      bodyKind: body.kind,
      at: this.now(),
      via: 'http',
    };
    this.calls.push(call);
    const delay = this.latency();
    if (delay > 0) await sleep(delay);
    const key = call.method.toLowerCase();
    if (!this.knows(key)) return this.reply(res, NOT_FOUND, call);
    if (body.error) return this.reply(res, bad(`Bad Request: can't parse request body: ${body.error}`), call);
    const injected = this.faults.take(key);
    let loseResponse = false;
    if (injected) {
      this.counters.injectedFaults++;
      const fault: TelegramFault =
        injected.source === 'queued'
          ? injected.fault
          : injected.kind === '429'
            ? { code: 429, retry_after: injected.retryAfter }
            : injected.kind === '500'
              ? { code: 500 }
              : { kind: injected.kind, hangMs: injected.hangMs };
      call.fault = injected.source === 'queued' ? 'queued' : injected.kind;
      if ('code' in fault) {
        const retry = fault.retry_after ?? (fault.code === 429 ? 1 : undefined);
        const description =
          fault.description ?? (fault.code === 429 ? `Too Many Requests: retry after ${retry}` : fault.code >= 500 ? 'Internal Server Error' : 'Bad Request');
        return this.reply(
          res,
          { ok: false, error_code: fault.code, description, ...(retry !== undefined ? { parameters: { retry_after: retry } } : {}) },
          call,
        );
      }
      if (fault.kind === 'timeout') return this.hang(res, fault.hangMs ?? 3000);
      loseResponse = true;
    }
    const result = await this.invoke(key, body.params, body.files, call, res);
    if (loseResponse) {
      call.response = result;
      res.socket?.destroy();
      return;
    }
    this.reply(res, result, call);
  }

  private knows(key: string): boolean {
    return this.spec.methods.has(key) || key in METHODS || ['getupdates', 'setwebhook', 'deletewebhook', 'getwebhookinfo'].includes(key);
  }

  private async invoke(
    key: string,
    rawParams: Record<string, unknown>,
    files: Record<string, UploadedFile>,
    call: RecordedCall,
    res?: ServerResponse,
  ): Promise<ApiResult> {
    const checked = checkParams(this.spec, key, rawParams, files);
    if (!checked.ok) return bad(checked.description);
    const params = checked.params;
    call.params = params;
    switch (key) {
      case 'getupdates':
        return this.queue.getUpdates(params, res);
      case 'setwebhook':
        return this.queue.setWebhook(params);
      case 'deletewebhook':
        return this.queue.deleteWebhook(params);
      case 'getwebhookinfo':
        return this.queue.webhookInfo();
    }
    const handler = key === 'sendphoto' ? sendPhoto : key === 'senddocument' ? this.files.sendDocument : key === 'getfile' ? this.files.getFile : METHODS[key];
    // Every method that takes a reply_markup gets it checked as the server does (inline keyboards).
    const badMarkup = checkReplyMarkup(params.reply_markup);
    if (badMarkup) return badMarkup;
    if (!handler) return bad(`Bad Request: the fake Bot API server does not implement ${call.method}`);
    const result = handler({
      world: this.world,
      params,
      files,
      at: this.now(),
      flood: (s) => this.flood(s),
      commands: this.commands,
      callbackIds: this.callbackIds,
      rejectedImages: this.rejectedImages,
    });
    if (result.ok && ['sendmessage', 'sendphoto', 'senddocument'].includes(key)) this.counters.delivered++;
    return result;
  }

  private flood(s: ChatState): ApiResult | undefined {
    const l = this.limits;
    if (!l) return undefined;
    const rules: WindowRule[] = [
      { key: '*', limit: l.perSecond, windowMs: 1000 },
      { key: `chat:${s.chat.id}`, limit: l.perChatPerSecond, windowMs: 1000 },
    ];
    if (s.chat.type === 'group' || s.chat.type === 'supergroup') rules.push({ key: `group:${s.chat.id}`, limit: l.groupPerMinute, windowMs: 60_000 });
    const now = Date.now();
    const wait = this.windows.waitMs(rules, now);
    if (wait > 0) {
      this.counters.rateLimited++;
      return tooMany(Math.max(1, Math.ceil(wait / 1000)));
    }
    this.windows.record(rules, now);
    return undefined;
  }

  // A webhook answered with a method call in its body; Telegram executes it.
  private async webhookReply(payload: Record<string, unknown>): Promise<void> {
    const { method, ...params } = payload as { method: string };
    const call: RecordedCall = { seq: this.calls.length + 1, method, params, files: {}, bodyKind: 'json', at: this.now(), via: 'webhook-reply' };
    this.calls.push(call);
    const key = method.toLowerCase();
    const result = this.knows(key) ? await this.invoke(key, params, {}, call) : NOT_FOUND;
    call.response = result;
    call.httpStatus = result.ok ? 200 : result.error_code;
  }

  private hang(res: ServerResponse, ms: number): void {
    const entry = {
      finish: (): void => {
        clearTimeout(timer);
        this.held.delete(entry);
        res.socket?.destroy();
      },
    };
    const timer = setTimeout(() => entry.finish(), ms);
    res.on('close', () => entry.finish());
    this.held.add(entry);
  }

  private reply(res: ServerResponse, result: ApiResult, call?: RecordedCall): void {
    const status = result.ok ? 200 : result.error_code;
    if (call) {
      call.httpStatus = res.destroyed ? 0 : status;
      call.response = result;
    }
    sendJson(res, status, result);
  }
}

/** Starts a fake Bot API server; `url` is the apiRoot for telegraf. */
export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return new FakeTelegram(opts).start();
}
