// /feeds export and /feeds import as files, end to end: the real telegraf against the fake Bot
// API (sendDocument, getFile and the download through TELEGRAM_API_ROOT, all validated by the fake)
// and the real Bolt against the fake Slack (the external upload flow). Import reports added,
// already present and refused feeds; a malformed or oversized file, or a non-admin, changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { importOpml } from '../../src/app/feed-discovery.ts';
import { FeedSources } from '../../src/app/feed-sources.ts';
import { writeOpml, readOpml } from '../../src/feeds/opml.ts';
import { startTelegram } from '../../src/platforms/telegram/telegram-platform.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { sendSlashCommand } from '../fakes/slack-web-api.ts';
import { fakeLookup, NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, SLACK_SECRET, startSlackOnFake, waitFor } from './platform-helpers.ts';

const ADMIN = 4242;
const USER = 42;

let w: World;
let sources: FeedSources;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  const late: { sources?: FeedSources } = {};
  w = await openWorld({
    feedTools: {
      exportOpml: async () => writeOpml(await late.sources!.exportable()),
      importOpml: (bytes, by) => importOpml(late.sources!, bytes, by),
    },
  });
  sources = late.sources = new FeedSources({ registry: w.registry, feedStates: w.feedStates, lookup: fakeLookup });
  await sources.add({ url: 'https://wire.example/rss', name: 'Wire' }, 'test');
});
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  await w.close();
});

const OPML = `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
<outline type="rss" text="Blog" xmlUrl="https://blog.example/feed.xml"/>
<outline type="rss" text="Wire again" xmlUrl="https://wire.example/rss?utm_source=x"/>
<outline type="rss" text="Inside" xmlUrl="http://intranet.example/rss"/>
</body></opml>`;

async function telegram(): Promise<FakeTelegram> {
  const fake = await startFakeTelegram({
    chats: [
      { id: ADMIN, type: 'private' },
      { id: USER, type: 'private' },
    ],
  });
  stops.push(() => fake.close());
  const tg = startTelegram({
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, admins: [{ platform: 'telegram', user: String(ADMIN) }] },
    services: w.services,
    log: memoryLog(),
    now: () => NOW,
  });
  stops.push(() => tg.stop());
  return fake;
}
const urls = async () => (await w.services.feeds.list()).map((f) => f.url).sort();

describe('/feeds export and import on Telegram', () => {
  it('export sends the OPML as a document (sendDocument, multipart) that reads back to the feeds', async () => {
    const fake = await telegram();
    await fake.pushMessage({ chatId: ADMIN, text: '/feeds export', from: { id: ADMIN, language_code: 'en' } });
    const [m] = await waitFor(() => fake.sent(ADMIN).length > 0 && fake.sent(ADMIN), 'the document', 10_000);
    expect(fake.callsTo('sendDocument')).toHaveLength(1);
    expect(fake.callsTo('sendDocument')[0]!.bodyKind).toBe('multipart');
    expect(m!.document?.file_name).toBe('raqib-feeds.opml');
    expect(m!.text).toBe('1 feeds as OPML (raqib-feeds.opml):');
    const back = readOpml(m!.document!.data);
    expect(back.ok && back.entries.map((e) => e.feed.url)).toEqual(['https://wire.example/rss']);
  });

  it('an admin’s document captioned /feeds import is downloaded through the API root and imported, with a report', async () => {
    const fake = await telegram();
    await fake.pushMessage({
      chatId: ADMIN,
      text: '/feeds import',
      from: { id: ADMIN, language_code: 'en' },
      document: { data: Buffer.from(OPML), fileName: 'mine.opml', mime: 'text/x-opml' },
    });
    const [m] = await waitFor(() => fake.sent(ADMIN).length > 0 && fake.sent(ADMIN), 'the report', 10_000);
    expect(fake.callsTo('getFile')).toHaveLength(1);
    expect(fake.files.downloads).toHaveLength(1);
    expect(m!.text).toContain('Import: 1 added, 1 already present, 1 refused.');
    expect(m!.text).toContain('+ https://blog.example/feed.xml');
    expect(m!.text).toContain('= https://wire.example/rss (already polled)');
    expect(m!.text).toMatch(/✗ http:\/\/intranet\.example\/rss \(line 4\): .*private address/);
    expect(await urls()).toEqual(['https://blog.example/feed.xml', 'https://wire.example/rss']);
  });

  it('a file sent as a reply to the prompt is imported; a malformed, an oversized file or a non-admin changes nothing', async () => {
    const fake = await telegram();
    const from = { id: ADMIN, language_code: 'en' };
    await fake.pushMessage({ chatId: ADMIN, text: '/feeds import', from });
    const [prompt] = await waitFor(() => fake.sent(ADMIN).length > 0 && fake.sent(ADMIN), 'the prompt', 10_000);
    expect(prompt!.text).toContain('as a reply to this message');
    await fake.pushMessage({
      chatId: ADMIN,
      text: '',
      from,
      replyTo: prompt!.message_id,
      document: { data: Buffer.from('<opml><body><outline'), fileName: 'broken.opml' },
    });
    await fake.pushMessage({ chatId: ADMIN, text: '/feeds import', from, document: { data: Buffer.alloc(1024 * 1024 + 1, 32), fileName: 'huge.opml' } });
    await fake.pushMessage({
      chatId: USER,
      text: '/feeds import',
      from: { id: USER, language_code: 'en' },
      document: { data: Buffer.from(OPML), fileName: 'mine.opml' },
    });
    await waitFor(() => fake.sent(ADMIN).length >= 3 && fake.sent(USER).length >= 1, 'three answers', 10_000);
    const [, broken, huge] = fake.sent(ADMIN);
    expect(broken!.text).toMatch(/^broken\.opml is not an OPML file raqib can import: .*Nothing was imported\.$/);
    expect(huge!.text).toBe('huge.opml is larger than 1 MB: OPML imports are limited to 1 MB. Nothing was imported.');
    expect(fake.sent(USER)[0]!.text).toMatch(/admin/i);
    expect(fake.files.downloads).toHaveLength(1);
    await fake.pushMessage({ chatId: ADMIN, text: '', from, replyTo: prompt!.message_id, document: { data: Buffer.from(OPML), fileName: 'mine.opml' } });
    await waitFor(() => fake.sent(ADMIN).length >= 4, 'the report', 10_000);
    expect(fake.sent(ADMIN)[3]!.text).toContain('Import: 1 added');
    expect(await urls()).toEqual(['https://blog.example/feed.xml', 'https://wire.example/rss']);
  });
});

describe('/feeds export on Slack', () => {
  it('uploads the OPML into the channel through the external upload flow', async () => {
    const { fake, eventsUrl, stop } = await startSlackOnFake(w.services, {
      users: [{ id: 'U0ADMIN01', name: 'ops', locale: 'en-US', is_admin: true }],
      now: () => NOW,
    });
    stops.push(stop);
    const res = await sendSlashCommand(
      eventsUrl,
      { command: '/feeds', text: 'export', user_id: 'U0ADMIN01', channel_id: 'C0NEWS001', response_url: fake.responseUrl('e1') },
      { signingSecret: SLACK_SECRET },
    );
    expect(res.status).toBe(200);
    const [f] = await waitFor(() => fake.files.shared.length > 0 && fake.files.shared, 'the upload', 10_000);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(f).toMatchObject({ channel: 'C0NEWS001', initial_comment: '1 feeds as OPML (raqib-feeds.opml):' });
    const back = readOpml(f!.data);
    expect(back.ok && back.entries.map((e) => e.feed.url)).toEqual(['https://wire.example/rss']);
  });
});

describe('/feeds import elsewhere', () => {
  it('without Telegram’s files, says where importing works and changes nothing', async () => {
    const r = await dispatch(w.ctx({ platform: 'slack', admin: true }), 'feeds', 'import');
    expect(r).toMatchObject({ status: 'error', ephemeral: true });
    expect(r.text).toContain('raqib feeds import FILE.opml');
    expect(await urls()).toEqual(['https://wire.example/rss']);
  });
});
