// One Telegram set-up for tests: a command world over SQLite, the fake Bot API with a private
// chat per person, a group with a member and an administrator, and a channel; start() runs the
// real telegraf platform against it (stopped by close()).
import { startTelegram, type TelegramPlatform } from '../../src/platforms/telegram/telegram-platform.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { NOW, openWorld, type World, type WorldOptions } from '../commands/command-world.ts';
import { memoryLog } from './platform-helpers.ts';

export const USER = 42;
export const ADMIN = 4242;
export const GROUP = -100500;
export const MEMBER = 7;
export const GROUP_ADMIN = 8;
export const CHANNEL = -100900;

export interface TelegramHarness {
  w: World;
  fake: FakeTelegram;
  log: ReturnType<typeof memoryLog>;
  start(extra?: Partial<Parameters<typeof startTelegram>[0]>, env?: Record<string, string>): TelegramPlatform;
  /** Stopped by close(), in order: platforms started, and whatever a test adds (a server). */
  running: { stop(): Promise<void> }[];
  close(): Promise<void>;
}

export async function openTelegramHarness(seed: (w: World) => Promise<void> = async () => {}, world: WorldOptions = {}): Promise<TelegramHarness> {
  const w = await openWorld(world);
  await seed(w);
  const fake = await startFakeTelegram({
    chats: [
      { id: USER, type: 'private' },
      { id: ADMIN, type: 'private' },
      { id: GROUP, type: 'supergroup', title: 'Newsroom', members: { [MEMBER]: 'member', [GROUP_ADMIN]: 'administrator' } },
      { id: CHANNEL, type: 'channel', title: 'Alerts' },
    ],
  });
  const log = memoryLog();
  const running: { stop(): Promise<void> }[] = [];
  return {
    w,
    fake,
    log,
    running,
    start(extra = {}, env = {}) {
      const tg = startTelegram({
        env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [{ platform: 'telegram', user: String(ADMIN) }], ...env },
        services: w.services,
        log,
        now: () => NOW,
        ...extra,
      });
      running.push(tg);
      return tg;
    },
    async close() {
      for (const r of running.splice(0)) await r.stop();
      await fake.close();
      await w.close();
    },
  };
}
