// One running Slack platform for tests: a command world over SQLite, the fake Slack Web API, the
// real Bolt app mounted on the real service server, and helpers that send signed slash commands
// and events to it and wait for the answers.
import { startSlack, type SlackPlatform } from '../../src/platforms/slack/slack-platform.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { sendSlackEvent, sendSlashCommand, startFakeSlack, type FakeSlack, type SlashCommandFields } from '../fakes/slack-web-api.ts';
import type { SlackUserSpec } from '../fakes/slack-world.ts';
import { NOW, openWorld, type World, type WorldOptions } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';

export const SECRET = 'test-signing-secret-0123456789';
export const EDITOR = 'U0EDITOR1';
export const WS_ADMIN = 'U0WSADMIN';
export const OPS = 'U0OPS0001';
export const ARAB = 'U0ARABIC1';

export const USERS: SlackUserSpec[] = [
  { id: EDITOR, name: 'editor', locale: 'en-US' },
  { id: WS_ADMIN, name: 'boss', is_admin: true, locale: 'en-GB' },
  { id: OPS, name: 'ops', locale: 'en-US' },
  { id: ARAB, name: 'layla', locale: 'ar-IQ' },
];

type Answers = () => ReturnType<FakeSlack['responses']>;

export interface SlackHarness {
  w: World;
  fake: FakeSlack;
  server: ServiceServer;
  eventsUrl: string;
  slack: SlackPlatform;
  log: ReturnType<typeof memoryLog>;
  command(
    fields: Omit<SlashCommandFields, 'response_url'>,
    opts?: { timestamp?: number; signature?: string },
  ): Promise<{ id: string; status: number; answers: Answers }>;
  /** The answers to one command, once there are `n`. */
  answered(c: { answers: Answers }, n?: number): Promise<ReturnType<FakeSlack['responses']>>;
  /** The text of the first answer to a slash command. */
  ask(fields: Omit<SlashCommandFields, 'response_url'>): Promise<string>;
  /** A signed Events API callback; resolves with the HTTP status Bolt answered. */
  event(e: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function openSlackHarness(
  seed: (w: World) => Promise<void> = async () => {},
  opts: { world?: WorldOptions; buttons?: boolean; channels?: { id: string; name: string }[] } = {},
): Promise<SlackHarness> {
  const w = await openWorld(opts.world);
  await seed(w);
  const fake = await startFakeSlack({ users: USERS, ...(opts.channels ? { channels: opts.channels } : {}) });
  const server = new ServiceServer({ port: 0, host: '127.0.0.1' });
  const port = await server.listen();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const log = memoryLog();
  const slack = await startSlack({
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, PORT: 0, admins: [{ platform: 'slack', user: OPS }] },
    services: w.services,
    log,
    ...(opts.buttons ? { buttons: w.buttons } : {}),
    mount: (p, h) => server.mount(p, h),
    now: () => NOW,
  });
  let nextId = 1;
  const command: SlackHarness['command'] = async (fields, opts = {}) => {
    const id = `r${nextId++}`;
    const res = await sendSlashCommand(eventsUrl, { user_id: EDITOR, ...fields, response_url: fake.responseUrl(id) }, { signingSecret: SECRET, ...opts });
    return { id, status: res.status, answers: () => fake.responses(id) };
  };
  const answered: SlackHarness['answered'] = async (c, n = 1) => waitFor(() => c.answers().length >= n && c.answers(), 'respond()');
  return {
    w,
    fake,
    server,
    eventsUrl,
    slack,
    log,
    command,
    answered,
    async ask(fields) {
      const [r] = await answered(await command(fields));
      return String(r!.body.text);
    },
    async event(e) {
      return (await sendSlackEvent(eventsUrl, e, { signingSecret: SECRET })).status;
    },
    async close() {
      await slack.stop();
      await server.close();
      await fake.close();
      await w.close();
    },
  };
}
