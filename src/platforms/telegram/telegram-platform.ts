// Telegram: slash commands from private chats, groups ("/digest@raqib_bot") and channel posts,
// answered with the commands in commands/. Long polling by default; a webhook (verified with its
// secret token) when TELEGRAM_WEBHOOK_URL is set. startTelegram only assembles the steps below.
import { Telegraf } from 'telegraf';
import type { CommandServices } from '../../../commands/types.ts';
import type { AdminRef } from '../../config/env.ts';
import { KeyedMutex } from '../../core/keyed-mutex.ts';
import type { Sender } from '../../core/outbound.ts';
import type { PlatformStateReport } from '../../core/platform-state.ts';
import type { Logger } from '../../log.ts';
import type { HttpMount } from '../http-mount.ts';
import { InFlight } from '../in-flight.ts';
import { watchAuth, type AuthWatchOptions } from '../auth-watch.ts';
import { ChatAdminCache } from './telegram-admins.ts';
import { answerMessage, commandMessage, type ChatDeps } from './telegram-chat.ts';
import { answerCallback, type TgCallbackQuery } from './telegram-buttons.ts';
import type { ButtonCodec } from '../../core/button-codec.ts';
import type { TelegramDigestRenderer } from './telegram-html.ts';
import { publishMenus } from './telegram-menu.ts';
import { createTelegramSender, telegramError } from './telegram-sender.ts';

export type { HttpMount };

export interface TelegramDeps {
  env: {
    TELEGRAM_BOT_TOKEN?: string;
    TELEGRAM_API_ROOT: string;
    TELEGRAM_WEBHOOK_URL?: string;
    TELEGRAM_WEBHOOK_SECRET?: string;
    admins: readonly AdminRef[];
  };
  services: CommandServices;
  log: Logger;
  /** Needed in webhook mode: the webhook's path is mounted on the shared HTTP server. */
  mount?: HttpMount;
  /** Digest renderer; src/digest's renderTelegram by default. */
  renderDigest?: TelegramDigestRenderer;
  /** Seals reply buttons and opens pressed ones (src/core/button-codec.ts); without it, no buttons. */
  buttons?: ButtonCodec;
  now?: () => number;
  /**
   * Do not long-poll at start; the caller calls startPolling() when this process is elected the
   * only poller (several instances on one token would get 409 from getUpdates).
   */
  manualPolling?: boolean;
  /** Where the platform's state goes (connected, auth failed, polling stalled, webhook failing). */
  report?: PlatformStateReport;
  /** The token check's retry timing (tests shorten it). */
  authRetry?: Pick<AuthWatchOptions, 'minMs' | 'maxMs' | 'healthyMs'>;
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

const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query'] as const;

/** Shared by the steps: the bot, and whether stop() was called. */
interface Running {
  bot: Telegraf;
  log: Logger;
  report: PlatformStateReport;
  stopped: boolean;
}

export function startTelegram(deps: TelegramDeps): TelegramPlatform {
  const token = deps.env.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('startTelegram needs TELEGRAM_BOT_TOKEN');
  const report: PlatformStateReport = deps.report ?? (() => {});
  const run: Running = { bot: buildBot(token, deps.env.TELEGRAM_API_ROOT, deps.log), log: deps.log, report, stopped: false };
  const adminIds = deps.env.admins.filter((a) => a.platform === 'telegram').map((a) => a.user);
  const inFlight = registerCommands(run.bot, chatDeps(run.bot, deps, adminIds));
  const startup: Promise<unknown>[] = [publishMenus(run.bot.telegram, adminIds, deps.log)];
  const polling = pollingControl(run);
  const webhook = deps.env.TELEGRAM_WEBHOOK_URL ? webhookMode(run, deps) : undefined;
  if (webhook) startup.push(webhook.registered);
  else if (deps.manualPolling !== true) polling.start();
  // getMe until the token is accepted; then restart what a refused token stopped.
  const auth = watchAuth({
    probe: async () => {
      try {
        await run.bot.telegram.getMe();
      } catch (err) {
        throw telegramError(err, 'getMe');
      }
    },
    report,
    onRecovered: () => (webhook ? void webhook.register() : polling.resume()),
    ...deps.authRetry,
  });
  startup.push(auth.first);
  return {
    sender: createTelegramSender(run.bot.telegram, undefined, deps.log),
    ready: Promise.allSettled(startup).then(() => undefined),
    ...(webhook ? { webhookPath: webhook.path } : {}),
    startPolling: () => (webhook ? undefined : polling.start()),
    stopPolling: polling.stop,
    async stop() {
      if (run.stopped) return;
      run.stopped = true;
      auth.stop();
      polling.stop();
      await inFlight.drain();
    },
  };
}

function buildBot(token: string, apiRoot: string, log: Logger): Telegraf {
  // webhookReply off: every answer is a real sendMessage whose failures we see and log.
  const bot = new Telegraf(token, { telegram: { apiRoot, webhookReply: false }, handlerTimeout: 60_000 });
  bot.catch((err) => {
    // One bad update never stops the bot.
    log.error({ err }, 'telegram: update failed');
  });
  return bot;
}

function chatDeps(bot: Telegraf, deps: TelegramDeps, adminIds: readonly string[]): ChatDeps {
  const now = deps.now ?? Date.now;
  return {
    telegram: bot.telegram,
    services: deps.services,
    log: deps.log,
    adminIds,
    chatAdmins: new ChatAdminCache(bot.telegram, deps.log, now),
    ...(deps.renderDigest ? { renderDigest: deps.renderDigest } : {}),
    ...(deps.buttons ? { buttons: deps.buttons } : {}),
    now,
  };
}

/** Every message that may be a command is answered (one chat's answers keep their order), every button press too. */
function registerCommands(bot: Telegraf, deps: ChatDeps): InFlight {
  const inFlight = new InFlight();
  // telegraf handles a batch of updates concurrently; one chat's answers keep the order of its
  // commands (a slow /digest must not be overtaken by the /topics sent after it).
  const perChat = new KeyedMutex();
  bot.use(async (tctx) => {
    const cq = (tctx.update as { callback_query?: TgCallbackQuery }).callback_query;
    // A press is answered at once, outside the chat's command order (Telegram wants an answer soon).
    if (cq) return void (await inFlight.track(answerCallback(deps, cq)));
    const msg = commandMessage(tctx.update as never, tctx.botInfo?.id);
    if (!msg) return;
    await inFlight.track(perChat.run(String(msg.chat.id), () => answerMessage(deps, msg, tctx.botInfo?.username, tctx.botInfo?.id)));
  });
  return inFlight;
}

/** Long polling, started and stopped by the caller (at start, or by the leader lock). */
function pollingControl(run: Running): { start(): void; stop(): void; resume(): void } {
  let polling = false;
  // Polling was asked for (and not stopped since): a recovered token resumes it.
  let wanted = false;
  const start = () => {
    wanted = true;
    if (polling || run.stopped) return;
    polling = true;
    // launch() never resolves while polling: start it and watch for a fatal end.
    run.bot
      .launch({ allowedUpdates: [...ALLOWED_UPDATES] })
      .then(() => run.log.info('telegram: polling ended'))
      .catch((err: unknown) => {
        polling = false;
        if (run.stopped) return;
        const e = telegramError(err, 'getUpdates');
        // A refused token is the auth watch's to report and retry; anything else stalls polling.
        if (e.code === 'PLATFORM_AUTH') run.report('auth_failed', e.message);
        else run.report('polling_stalled', `${e.message}${e.code === 'PLATFORM_REFUSED' ? ' (another instance polling the same token gets 409)' : ''}`);
      });
    run.log.info('telegram: long polling');
  };
  const stop = () => {
    wanted = false;
    if (!polling) return;
    polling = false;
    try {
      run.bot.stop('deposed');
    } catch (err) {
      // launch() had not got as far as polling (getMe failed): nothing to stop.
      run.log.debug({ err }, 'telegram: stop before polling began');
    }
  };
  return { start, stop, resume: () => (wanted ? start() : undefined) };
}

/**
 * Webhook mode: telegraf's own webhookCallback checks the method, the path and the secret token
 * (anything else gets 403) before it reads a body, so only Telegram can make us read one; it
 * answers after the update was handled, so that Telegram redelivers an update whose handling
 * failed. setWebhook registers the URL with the same secret.
 */
function webhookMode(run: Running, deps: TelegramDeps): { path: string; registered: Promise<void>; register(): Promise<void> } {
  const { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: secret } = deps.env;
  if (!deps.mount) throw new Error('startTelegram: webhook mode (TELEGRAM_WEBHOOK_URL) needs an HTTP mount');
  if (!secret) throw new Error('startTelegram: TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL');
  const path = new URL(url!).pathname.replace(/\/+$/, '');
  if (path === '') throw new Error('startTelegram: TELEGRAM_WEBHOOK_URL needs a path of its own, e.g. https://bot.example.com/telegram/webhook');
  const callback = run.bot.webhookCallback(path, { secretToken: secret });
  deps.mount(path, (req, res) => {
    if (run.stopped) return void res.writeHead(503).end();
    callback(req, res).catch((err: unknown) => {
      run.log.error({ err }, 'telegram: webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const register = () =>
    run.bot.telegram
      .setWebhook(url!, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] })
      .then(() => run.log.info({ path }, 'telegram: webhook set'))
      .catch((err: unknown) => {
        const e = telegramError(err, 'setWebhook');
        run.report(e.code === 'PLATFORM_AUTH' ? 'auth_failed' : 'webhook_failing', `${e.message}; updates will not arrive until setWebhook succeeds`);
      });
  return { path, registered: register(), register };
}
