// Slack (Bolt): slash commands over the Events API HTTP endpoint (/slack/events, signature
// verified) or Socket Mode when SLACK_APP_TOKEN is set. Every command is acknowledged at once and
// answered through respond(). Start-up never waits on the network: the token is checked with
// auth.test by an auth watch (retried with backoff), whose outcome is reported as the state.
// startSlack only assembles the steps below.
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { CommandServices } from '../../../commands/types.ts';
import type { AdminRef } from '../../config/env.ts';
import type { Sender } from '../../core/outbound.ts';
import type { PlatformStateReport } from '../../core/platform-state.ts';
import type { Logger } from '../../log.ts';
import type { HttpMount } from '../http-mount.ts';
import { InFlight } from '../in-flight.ts';
import { watchAuth, type AuthWatchOptions } from '../auth-watch.ts';
import { answerCommand, type Respond, type SlackChatDeps } from './slack-chat.ts';
import { answerPress, type SlackButtonAction, type SlackPress } from './slack-buttons.ts';
import type { ButtonCodec } from '../../core/button-codec.ts';
import { SLACK_EVENTS_PATH } from './slack-names.ts';
import { registerWelcomes } from './slack-welcome.ts';
import { createSlackSender, createSlackWebClient, slackError } from './slack-sender.ts';
import type { SlackDigestRenderer } from './slack-text.ts';
import { SlackUserCache } from './slack-users.ts';

export { SLACK_EVENTS_PATH };
export type { HttpMount };

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
  /** Seals reply buttons and opens pressed ones (src/core/button-codec.ts); without it, no buttons. */
  buttons?: ButtonCodec;
  now?: () => number;
  /** Look up locale and admin role with users.info (scope users:read; default true). */
  lookupUsers?: boolean;
  /** Where the platform's state goes (connected, auth failed, rate-limited). */
  report?: PlatformStateReport;
  /** The token check's retry timing (tests shorten it). */
  authRetry?: Pick<AuthWatchOptions, 'minMs' | 'maxMs' | 'healthyMs'>;
}

export interface SlackPlatform {
  sender: Sender;
  /** Settles once Socket Mode is connected (or failed), at once in HTTP mode; never rejects. */
  ready: Promise<void>;
  /** The port the receiver listens on when it runs its own server (no mount given). */
  port?: number;
  stop(): Promise<void>;
}

type Receiver = InstanceType<typeof HTTPReceiver> | InstanceType<typeof SocketModeReceiver>;

/** Shared by the steps: the app, its receiver, and whether stop() was called. */
interface Running {
  app: App;
  receiver: Receiver;
  socketMode: boolean;
  log: Logger;
  stopped: boolean;
}

export async function startSlack(deps: SlackDeps): Promise<SlackPlatform> {
  const token = deps.env.SLACK_BOT_TOKEN;
  if (!token) throw new Error('startSlack needs SLACK_BOT_TOKEN');
  const run = buildApp(token, deps);
  const web = createSlackWebClient(token, deps.env.SLACK_API_URL, 10_000);
  const answering = chatDeps(token, deps);
  const inFlight = registerCommands(run, answering);
  registerWelcomes(run.app, answering, inFlight, botUserOf(web, deps.log));
  const { ready, port } = await startReceiving(run, deps);
  const auth = watchAuth({
    probe: async () => {
      try {
        await web.auth.test();
      } catch (err) {
        throw slackError(err, 'auth.test');
      }
    },
    report: deps.report ?? (() => {}),
    ...deps.authRetry,
  });
  return {
    sender: createSlackSender(createSlackWebClient(token, deps.env.SLACK_API_URL), deps.log),
    ready,
    ...(port !== undefined ? { port } : {}),
    async stop() {
      if (run.stopped) return;
      run.stopped = true;
      auth.stop();
      await inFlight.drain();
      await stopApp(run, deps);
    },
  };
}

function buildApp(token: string, deps: SlackDeps): Running {
  const { env, log } = deps;
  const logger = boltLogger(log);
  const socketMode = !!env.SLACK_APP_TOKEN;
  const clientOptions = { slackApiUrl: env.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000 };
  let receiver: Receiver;
  if (socketMode) {
    receiver = new SocketModeReceiver({ appToken: env.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } });
  } else {
    if (!env.SLACK_SIGNING_SECRET) throw new Error('startSlack: SLACK_SIGNING_SECRET is required without SLACK_APP_TOKEN');
    receiver = new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
  }
  const app = new App({
    receiver,
    // A fixed authorization instead of `token`: Bolt would otherwise call auth.test, a network
    // call whose failure at start-up (Slack unreachable) crashes the process.
    authorize: async () => ({ botToken: token }),
    clientOptions,
    logger,
    ignoreSelf: false,
  });
  app.error(async (err) => {
    log.error({ err }, 'slack: handler failed');
  });
  return { app, receiver, socketMode, log, stopped: false };
}

function chatDeps(token: string, deps: SlackDeps): SlackChatDeps {
  const now = deps.now ?? Date.now;
  const web = createSlackWebClient(token, deps.env.SLACK_API_URL, 10_000);
  return {
    services: deps.services,
    log: deps.log,
    web,
    users: new SlackUserCache(web, deps.log, now),
    adminIds: new Set(deps.env.admins.filter((a) => a.platform === 'slack').map((a) => a.user)),
    lookupUsers: deps.lookupUsers !== false,
    ...(deps.renderDigest ? { renderDigest: deps.renderDigest } : {}),
    ...(deps.buttons ? { buttons: deps.buttons } : {}),
    now,
  };
}

/** The bot's own user id (auth.test, asked once; asked again after a failure). */
function botUserOf(web: ReturnType<typeof createSlackWebClient>, log: Logger): () => Promise<string | undefined> {
  let known: Promise<string | undefined> | undefined;
  return () =>
    (known ??= web.auth.test().then(
      (r) => (typeof r.user_id === 'string' ? r.user_id : undefined),
      (err: unknown) => {
        known = undefined;
        log.warn({ err: slackError(err, 'auth.test') }, 'slack: bot user unknown; channel welcome skipped');
        return undefined;
      },
    ));
}

/** Every slash command and button press: acknowledged first, then answered. */
function registerCommands(run: Running, deps: SlackChatDeps): InFlight {
  const inFlight = new InFlight();
  run.app.command(/^\/.+/, async ({ command, ack, respond }) => {
    // Acknowledge first: Slack shows an error after 3 s without one, whatever happens next.
    await ack();
    await inFlight.track(answerCommand(deps, command, respond));
  });
  // Button presses (block_actions) arrive on the same signed endpoint; every raqib button's
  // action_id starts with "raqib:" (src/digest/render-slack.ts slackActions).
  run.app.action(/^raqib:/, async ({ body, action, ack, respond }) => {
    await ack();
    await inFlight.track(answerPress(deps, body as unknown as SlackPress, action as SlackButtonAction, respond as Respond));
  });
  return inFlight;
}

/** Socket Mode connects out; HTTP mode mounts /slack/events on the shared server or listens on PORT. */
async function startReceiving(run: Running, deps: SlackDeps): Promise<{ ready: Promise<void>; port?: number }> {
  const { log } = run;
  if (run.socketMode) {
    const ready = run.app
      .start()
      .then(() => log.info({}, 'slack: socket mode connected'))
      .catch((err: unknown) => {
        if (!run.stopped) log.error({ err }, 'slack: socket mode failed to connect');
      });
    return { ready };
  }
  const receiver = run.receiver as InstanceType<typeof HTTPReceiver>;
  if (deps.mount) {
    const listener = receiver.requestListener;
    deps.mount(SLACK_EVENTS_PATH, (req, res) => {
      if (run.stopped) return void res.writeHead(503).end();
      try {
        listener(req, res);
      } catch {
        // HTTPReceiver throws for paths and methods it does not serve.
        if (!res.headersSent) res.writeHead(404).end();
      }
    });
    log.info({ path: SLACK_EVENTS_PATH }, 'slack: events endpoint mounted');
    return { ready: Promise.resolve() };
  }
  const server = await receiver.start(deps.env.PORT);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : deps.env.PORT;
  log.info({ port, path: SLACK_EVENTS_PATH }, 'slack: listening');
  return { ready: Promise.resolve(), port };
}

async function stopApp(run: Running, deps: SlackDeps): Promise<void> {
  // A mounted endpoint belongs to the shared server, which closes itself.
  if (!run.socketMode && deps.mount) return;
  try {
    await run.app.stop();
  } catch (err) {
    run.log.debug({ err }, 'slack: stop');
  }
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
