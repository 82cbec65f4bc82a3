// Slack (Bolt): slash commands over the Events API HTTP endpoint (/slack/events, signature
// verified) or Socket Mode when SLACK_APP_TOKEN is set. Every command is acknowledged at once and
// answered through respond(); nothing touches the network at start-up in HTTP mode (no auth.test).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Logger as BoltLogger, SlashCommand } from '@slack/bolt';
import { dispatch, pickLang } from '../../../commands/registry.ts';
import type { ChatInfo, CommandContext, CommandServices, Reply } from '../../../commands/types.ts';
import type { AdminRef } from '../../config/env.ts';
import type { Sender } from '../../core/outbound.ts';
import { resolveSlackCommand, SLACK_EVENTS_PATH } from './slack-names.ts';
import { createSlackSender, createSlackWebClient } from './slack-sender.ts';
import { replyToSlack, slackCommandText, type SlackDigestRenderer } from './slack-text.ts';
import type { Logger } from '../../log.ts';
import { SlackUserCache } from './slack-users.ts';

export { SLACK_EVENTS_PATH };

/** Mounts a request handler under a path prefix of the one HTTP server on PORT (src/service). */
export type HttpMount = (pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;

export interface SlackDeps {
  env: {
    SLACK_BOT_TOKEN?: string;
    SLACK_SIGNING_SECRET?: string;
    SLACK_APP_TOKEN?: string;
    SLACK_API_URL: string;
    PORT: number;
    admins: readonly AdminRef[];
  };
  services: CommandServices;
  log: Logger;
  /** HTTP mode: /slack/events is mounted here; without it the receiver listens on PORT itself. */
  mount?: HttpMount;
  /** Digest renderer; src/digest's renderSlack by default. */
  renderDigest?: SlackDigestRenderer;
  now?: () => number;
  /** Look up locale and admin role with users.info (scope users:read; default true). */
  lookupUsers?: boolean;
}

export interface SlackPlatform {
  sender: Sender;
  /** Settles once Socket Mode is connected (or failed), at once in HTTP mode; never rejects. */
  ready: Promise<void>;
  /** The port the receiver listens on when it runs its own server (no mount given). */
  port?: number;
  stop(): Promise<void>;
}

export async function startSlack(deps: SlackDeps): Promise<SlackPlatform> {
  const { env, log } = deps;
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new Error('startSlack needs SLACK_BOT_TOKEN');
  const now = deps.now ?? Date.now;
  const logger = boltLogger(log);
  const socketMode = !!env.SLACK_APP_TOKEN;
  const clientOptions = { slackApiUrl: env.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000 };

  let receiver: InstanceType<typeof HTTPReceiver> | InstanceType<typeof SocketModeReceiver>;
  if (socketMode) {
    receiver = new SocketModeReceiver({ appToken: env.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } });
  } else {
    if (!env.SLACK_SIGNING_SECRET) throw new Error('startSlack: SLACK_SIGNING_SECRET is required without SLACK_APP_TOKEN');
    receiver = new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
  }
  const app = new App({
    receiver,
    // A fixed authorization instead of `token`: Bolt would otherwise call auth.test (a network
    // call that crashes the process when Slack is unreachable, STACK.md).
    authorize: async () => ({ botToken: token }),
    clientOptions,
    logger,
    ignoreSelf: false,
  });
  const web = createSlackWebClient(token, env.SLACK_API_URL, 10_000);
  const users = new SlackUserCache(web, log, now);
  const adminIds = new Set(env.admins.filter((a) => a.platform === 'slack').map((a) => a.user));
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  app.error(async (err) => {
    log.error({ err }, 'slack: handler failed');
  });

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    // Acknowledge first: Slack shows an error after 3 s without one, whatever happens next.
    await ack();
    const work = answer(command, respond);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  async function answer(command: SlashCommand, respond: (m: Record<string, unknown>) => Promise<unknown>): Promise<void> {
    const { name, args: rawArgs } = resolveSlackCommand(command.command, command.text ?? '');
    const args = slackCommandText(rawArgs);
    const userId = command.user_id;
    const listed = adminIds.has(userId);
    const facts = deps.lookupUsers === false ? undefined : await users.get(userId);
    // Slack has no Arabic UI locale today; the script people type in is the better hint then.
    const locale = facts?.locale?.toLowerCase().startsWith('ar') ? facts.locale : undefined;
    const lang = pickLang(locale, args);
    const isAdmin = async () => listed || (facts?.admin ?? false);
    const ctx: CommandContext = {
      platform: 'slack',
      chat: chatOf(command),
      user: { id: userId, ...(command.user_name ? { name: command.user_name } : {}) },
      lang,
      isAdmin,
      // Slack's API does not say who administers a channel; workspace admins and RAQIB_ADMINS do.
      isChatAdmin: async () => chatOf(command).kind === 'private' || (await isAdmin()),
      services: deps.services,
      now,
    };
    const reply = await dispatch(ctx, name, args, (err) => log.error({ err, command: name }, 'slack: command failed'));
    await sendReply(reply, command, respond);
  }

  async function sendReply(reply: Reply, command: SlashCommand, respond: (m: Record<string, unknown>) => Promise<unknown>): Promise<void> {
    const visibleToAll = !reply.ephemeral && reply.status === 'ok';
    for (const part of replyToSlack(reply, deps.renderDigest)) {
      const content = {
        text: part.text,
        ...(part.blocks ? { blocks: part.blocks } : {}),
        // Plain replies are plain text: a "*" or "_" in a query must not turn into formatting.
        ...(part.blocks || reply.digest !== undefined ? {} : { mrkdwn: false }),
      };
      try {
        await respond({ response_type: visibleToAll ? 'in_channel' : 'ephemeral', ...content });
      } catch (err) {
        // An expired or used-up response_url: post through the Web API instead, so that the answer
        // (or the error) still reaches the person.
        log.warn({ err }, 'slack: respond() failed; posting with the Web API');
        try {
          if (visibleToAll) await web.chat.postMessage({ channel: command.channel_id, ...content, unfurl_links: false, unfurl_media: false } as never);
          else await web.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, ...content } as never);
        } catch (err2) {
          log.warn({ err: err2 }, 'slack: answer not delivered');
          return;
        }
      }
    }
  }

  let port: number | undefined;
  let ready: Promise<void> = Promise.resolve();
  if (socketMode) {
    ready = app
      .start()
      .then(() => log.info({}, 'slack: socket mode connected'))
      .catch((err: unknown) => {
        if (!stopped) log.error({ err }, 'slack: socket mode failed to connect');
      });
  } else if (deps.mount) {
    const listener = (receiver as InstanceType<typeof HTTPReceiver>).requestListener;
    deps.mount(SLACK_EVENTS_PATH, (req, res) => {
      if (stopped) return void res.writeHead(503).end();
      try {
        listener(req, res);
      } catch {
        // HTTPReceiver throws for paths and methods it does not serve.
        if (!res.headersSent) res.writeHead(404).end();
      }
    });
    log.info({ path: SLACK_EVENTS_PATH }, 'slack: events endpoint mounted');
  } else {
    const server = await (receiver as InstanceType<typeof HTTPReceiver>).start(env.PORT);
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : env.PORT;
    log.info({ port, path: SLACK_EVENTS_PATH }, 'slack: listening');
  }

  return {
    sender: createSlackSender(createSlackWebClient(token, env.SLACK_API_URL)),
    ready,
    ...(port !== undefined ? { port } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (socketMode || !deps.mount) {
        try {
          await app.stop();
        } catch (err) {
          log.debug({ err }, 'slack: stop');
        }
      }
    },
  };
}

/** Direct messages are the person's own: they are stored under the user id, where the bot's DM goes. */
function chatOf(c: SlashCommand): ChatInfo {
  if (c.channel_id.startsWith('D') || c.channel_name === 'directmessage') return { id: c.user_id, kind: 'private' };
  return { id: c.channel_id, kind: 'group' };
}

/** Bolt's logger interface over ours, so that Bolt's lines are structured and secret-scrubbed. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug({ src: 'bolt' }, text(m)),
    info: (...m: unknown[]) => log.info({ src: 'bolt' }, text(m)),
    warn: (...m: unknown[]) => log.warn({ src: 'bolt' }, text(m)),
    error: (...m: unknown[]) => log.error({ src: 'bolt' }, text(m)),
    setLevel: (l: typeof level) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
