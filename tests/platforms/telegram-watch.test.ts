// /topic and /watch's preview-then-confirm end to end on Telegram: the real telegraf against the
// fake Bot API server, the real services over SQLite and the default pack.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTelegram } from '../../src/platforms/telegram/telegram-platform.ts';
import { defaultTopics } from '../../src/topics/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';

const ADMIN = 4242;
let w: World;
let fake: FakeTelegram;
const running: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  w = await openWorld({ baseTopics: defaultTopics() });
  await w.seed({
    id: 'k1',
    title: 'US troops withdrawal from Iraq recalls Kuwait',
    text: 'The withdrawal of US troops from Iraq is compared with Kuwait by officials.',
    hoursAgo: 5,
  });
  fake = await startFakeTelegram({ chats: [{ id: ADMIN, type: 'private' }] });
});

afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  await fake.close();
  await w.close();
});

it('an admin reads /topic in one message, previews an exclude, and /watch confirm saves it', async () => {
  running.push(
    startTelegram({
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [{ platform: 'telegram', user: String(ADMIN) }] },
      services: w.services,
      log: memoryLog(),
      now: () => NOW,
    }),
  );
  const from = { id: ADMIN, language_code: 'en' };
  await fake.pushMessage({ chatId: ADMIN, from, text: '/topic withdrawal' });
  const [topic] = await waitFor(() => fake.sent(ADMIN).length > 0 && fake.sent(ADMIN), '/topic answer');
  expect(topic!.text).toContain('• pullout — ');
  expect(topic!.text).toContain('Matches: 1 in the last 24h, 1 in the last 7d');
  await fake.pushMessage({ chatId: ADMIN, from, text: '/watch exclude withdrawal Kuwait' });
  const sent = await waitFor(() => fake.sent(ADMIN).length > 1 && fake.sent(ADMIN), 'preview');
  expect(sent.length).toBe(2);
  expect(sent[1]!.text).toContain('− 1 would no longer match');
  const packExclude = defaultTopics().find((t) => t.id === 'withdrawal')!.spec?.exclude ?? [];
  expect(w.catalog.get('withdrawal')!.spec!.exclude).toEqual(packExclude);
  await fake.pushMessage({ chatId: ADMIN, from, text: '/watch confirm' });
  const after = await waitFor(() => fake.sent(ADMIN).length > 2 && fake.sent(ADMIN), 'saved');
  expect(after[2]!.text).toContain('Saved: Topic "withdrawal"');
  expect(w.catalog.get('withdrawal')!.spec!.exclude).toEqual([...packExclude, 'excluded_by_watch']);
});
