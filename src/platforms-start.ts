// Starts the chat platforms this process runs, from the environment: the console when no token is
// set (the set-up contract), Slack and Telegram when theirs are. Each one's sender is attached to
// delivery as it starts. Kept beside main.ts: only the top level may import every platform.
import type { Store } from './store/open-store.ts';
import type { ButtonCodec } from './core/button-codec.ts';
import type { PlatformName, Sender } from './core/outbound.ts';
import type { CommandServices } from '../commands/types.ts';
import type { ServiceServer } from './service/server.ts';
import type { Readable, Writable } from 'node:stream';
import type { Env } from './config/env.ts';
import type { Logger } from './log.ts';
import type { PlatformStateReport } from './core/platform-state.ts';
import type { Digest } from './digest/index.ts';
import { renderText } from './digest/index.ts';
import { LeaderLock } from './schedule/leader-lock.ts';
import { startConsole, type ConsolePlatform } from './platforms/console/console-platform.ts';
import { startSlack, type SlackPlatform } from './platforms/slack/slack-platform.ts';
import { startTelegram, type TelegramPlatform } from './platforms/telegram/telegram-platform.ts';

export interface PlatformsInput {
  o: { env: Env; log: Logger; stdin: Readable; stdout: Writable };
  services: CommandServices;
  store: Store;
  http: ServiceServer | undefined;
  /** Seals and opens the payloads of the buttons under messages (src/core/button-codec.ts). */
  buttons?: ButtonCodec;
  attach: (platform: PlatformName, sender: Sender) => void;
  /** The report function for one platform's state (src/service/platform-health.ts). */
  reporter?: (platform: PlatformName) => PlatformStateReport;
}

export interface RunningPlatforms {
  names: PlatformName[];
  /** Starts what waits for the rest of the app (the Telegram poller's leader lock). */
  start(): Promise<void>;
  /** Stops reading commands (the console). */
  stopInput(): void;
  stop(): Promise<void>;
  /** Resolves once the console has written its last answer. */
  idle(): Promise<void>;
}

export async function startPlatforms({ o, services, store, http, buttons, attach, reporter }: PlatformsInput): Promise<RunningPlatforms> {
  const { env, log } = o;
  const names: PlatformName[] = [];
  const mount = {
    ...(http ? { mount: (p: string, h: Parameters<ServiceServer['mount']>[1]) => http.mount(p, h) } : {}),
    ...(buttons ? { buttons } : {}),
  };
  let consolePlatform: ConsolePlatform | undefined;
  let slack: SlackPlatform | undefined;
  let telegram: TelegramPlatform | undefined;
  let pollerLock: LeaderLock | undefined;
  const add = (name: PlatformName, sender: Sender) => {
    attach(name, sender);
    names.push(name);
  };
  if (!env.SLACK_BOT_TOKEN && !env.TELEGRAM_BOT_TOKEN) {
    consolePlatform = startConsole({ input: o.stdin, output: o.stdout, services, renderDigest: (d) => renderText(d as Digest) });
    add('console', consolePlatform.sender);
  }
  if (env.SLACK_BOT_TOKEN) {
    slack = await startSlack({ env, services, log: log.child({ part: 'slack' }), ...mount, ...(reporter ? { report: reporter('slack') } : {}) });
    add('slack', slack.sender);
  }
  if (env.TELEGRAM_BOT_TOKEN) {
    // Several instances on one Redis: only the lock holder long-polls (two pollers get 409).
    const manualPolling = !env.TELEGRAM_WEBHOOK_URL && store.kind === 'redis';
    const report = reporter ? { report: reporter('telegram') } : {};
    const t = startTelegram({ env, services, log: log.child({ part: 'telegram' }), ...mount, manualPolling, ...report });
    telegram = t;
    add('telegram', t.sender);
    if (manualPolling)
      pollerLock = new LeaderLock({ store, name: 'telegram-poller', onElected: () => t.startPolling(), onDeposed: () => t.stopPolling(), log });
  }
  return {
    names,
    start: async () => pollerLock?.start(),
    stopInput: () => consolePlatform?.stop(),
    async stop() {
      await pollerLock?.stop();
      await Promise.allSettled([slack?.stop(), telegram?.stop()]);
    },
    idle: async () => consolePlatform?.idle(),
  };
}
