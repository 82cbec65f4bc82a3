// Every command through the real dispatcher, services and SQLite stores: what it answers, what it
// stores, and that a bad argument answers the usage line and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands, dispatch } from '../../commands/registry.ts';
import type { CommandContext } from '../../commands/types.ts';
import { HOUR, NOW, openWorld, type World } from './command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld({ queueDepth: async () => 7, deadLetters: async () => 2 });
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};
const chatSubs = () => w.subscriptions.all();

describe('/help, /topics, /topic', () => {
  it('/help lists every public command with its usage; admin commands only for admins (/watch also in private chats)', async () => {
    const r = await run(w.ctx({ kind: 'group', chatId: '-100200', userId: '7' }), '/help');
    expect(r.status).toBe('ok');
    for (const c of commands.filter((c) => !c.admin)) expect(r.text).toContain(`/${c.name}`);
    expect(r.text).not.toContain('/watch');
    expect((await run(w.ctx(), '/help')).text).toContain('/watch add|edit|remove|include|exclude|confirm [TOPIC] [QUERY]');
    expect((await run(w.ctx(), '/help')).text).not.toContain('/feeds');
    const admin = await run(w.ctx({ admin: true }), '/help');
    expect(admin.text).toContain('/watch add|edit|remove|include|exclude|confirm [TOPIC] [QUERY]');
    expect(admin.text).toContain('/feeds list|add|remove|preview|import|export [URL]');
    const one = await run(w.ctx(), '/help subscribe');
    expect(one.text).toContain('/subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [TIMEZONE] [images on|off] [chart weekly|off] [exclude WORDS]');
    // Each argument is explained from the command's spec.
    expect(one.text).toContain('  TOPIC — a watched topic (see /topics)');
    expect(one.text).toContain('  MODE (optional) — when digests come (default daily 08:00)');
    expect((await run(w.ctx(), '/help nosuch')).status).toBe('usage');
  });

  it('/topics lists the topics; an argument is a usage error', async () => {
    const r = await run(w.ctx(), '/topics');
    expect(r.text).toMatch(/Topics \(3\)/);
    expect(r.text).toContain('• militia-threats — Militia threats');
    expect((await run(w.ctx(), '/topics iraq')).text).toContain('Usage: /topics');
  });

  it('/topic of a free-query topic shows the query and recent hit counts', async () => {
    await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 2 });
    await w.seed({ id: 'a2', title: 'Iraq talks resume', hoursAgo: 72 });
    await w.seed({ id: 'a3', title: 'Weather in Oslo', hoursAgo: 1 });
    const r = await run(w.ctx(), '/topic IRAQ');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('Query: iraq OR العراق OR بغداد OR baghdad');
    expect(r.text).toContain('Matches: 1 in the last 24h, 2 in the last 7d');
    const bad = await run(w.ctx(), '/topic nosuch');
    expect(bad.status).toBe('usage');
    expect(bad.text).toContain('Unknown topic "nosuch"');
    expect((await run(w.ctx(), '/topic')).text).toContain('Usage: /topic TOPIC');
  });
});

describe('/digest', () => {
  it('builds the digest of the topic over the window, with a native digest attached', async () => {
    await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 2 });
    await w.seed({ id: 'a2', title: 'Iraq talks resume', hoursAgo: 40 });
    const r = await run(w.ctx(), '/digest iraq');
    expect(r.status).toBe('ok');
    expect(r.digest?.stories.map((s) => s.headline.text)).toEqual(['Rockets hit Baghdad airport']);
    expect(r.text).toContain('Rockets hit Baghdad airport');
    const wide = await run(w.ctx(), '/digest 48h iraq');
    expect(wide.digest?.totals.articles).toBe(2);
  });

  it('refuses unknown topics, over-long windows and extra arguments with the usage line', async () => {
    for (const line of ['/digest nosuch', '/digest iraq 31d', '/digest iraq 24h extra', '/digest 24h 48h', '/digest iraq iraq', '/digest "iraq']) {
      const r = await run(w.ctx(), line);
      expect(r.status, line).toBe('usage');
      expect(r.text, line).toContain('Usage: /digest [TOPIC] [SINCE]');
    }
  });

  it('answers in Arabic when the reader is Arabic', async () => {
    const r = await run(w.ctx({ lang: 'ar' }), '/digest nosuch');
    expect(r.text).toContain('الاستخدام');
    expect(r.text).toContain('موضوع غير معروف');
  });
});

describe('/subscribe, /unsubscribe, /subscriptions, /mute', () => {
  it('subscribes this chat with the default schedule, then updates it in place', async () => {
    const r = await run(w.ctx(), '/subscribe iraq');
    expect(r.status).toBe('ok');
    let subs = await chatSubs();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ platform: 'telegram', chat: '42', topic: 'iraq', timezone: 'Asia/Baghdad', source: 'command', createdBy: 'telegram:42' });
    expect(subs[0]!.mode).toEqual({ kind: 'cron', cron: '0 8 * * *', label: 'daily 08:00' });
    const again = await run(w.ctx(), '/subscribe iraq cron “0 */6 * * *” europe/london');
    expect(again.text).toContain('Updated');
    subs = await chatSubs();
    expect(subs).toHaveLength(1);
    expect(subs[0]!.mode).toEqual({ kind: 'cron', cron: '0 */6 * * *', label: 'cron "0 */6 * * *"' });
    expect(subs[0]!.timezone).toBe('Europe/London');
    expect(subs[0]!.lang).toBe('en');
    // An Arabic speaker's subscription keeps their language for the digests' own words.
    await run(w.ctx({ lang: 'ar' }), '/subscribe iraq daily 09:00');
    expect((await chatSubs()).find((s) => s.topic === 'iraq')!.lang).toBe('ar');
    await run(w.ctx(), '/subscribe us-strikes instant');
    await run(w.ctx(), '/subscribe militia-threats daily 7:30 UTC');
    const list = await run(w.ctx(), '/subscriptions');
    expect(list.text).toContain('• us-strikes: as soon as articles match');
    expect(list.text).toContain('• militia-threats: every day at 07:30 (UTC)');
  });

  it('a bad mode, time, time zone or topic changes nothing', async () => {
    for (const line of [
      '/subscribe iraq daily 25:00',
      '/subscribe iraq weekly',
      '/subscribe iraq hourly Mars/Olympus',
      '/subscribe nosuch',
      '/subscribe iraq cron 0 * * * *',
      '/subscribe iraq cron "61 * * * *"',
      '/subscribe',
      '/subscribe iraq hourly UTC extra',
    ]) {
      const r = await run(w.ctx(), line);
      expect(r.status, line).toBe('usage');
      expect(r.text, line).toContain('Usage: /subscribe');
    }
    expect(await chatSubs()).toEqual([]);
  });

  it('in a group only chat administrators subscribe the chat', async () => {
    const member = await run(w.ctx({ kind: 'group', chatId: '-100200', userId: '7' }), '/subscribe iraq');
    expect(member.status).toBe('denied');
    expect(await chatSubs()).toEqual([]);
    const admin = await run(w.ctx({ kind: 'group', chatId: '-100200', userId: '8', chatAdmin: true }), '/subscribe iraq hourly');
    expect(admin.status).toBe('ok');
    expect((await chatSubs()).map((s) => s.chat)).toEqual(['-100200']);
    expect((await run(w.ctx({ kind: 'group', chatId: '-100200', userId: '7' }), '/unsubscribe iraq')).status).toBe('denied');
    expect(await chatSubs()).toHaveLength(1);
  });

  it('keeps forum threads apart', async () => {
    await run(w.ctx({ kind: 'group', chatId: '-100300', thread: '5', chatAdmin: true }), '/subscribe iraq');
    expect((await run(w.ctx({ kind: 'group', chatId: '-100300', thread: '6' }), '/subscriptions')).text).toContain('no subscriptions');
    expect((await run(w.ctx({ kind: 'group', chatId: '-100300', thread: '5' }), '/subscriptions')).text).toContain('• iraq');
  });

  it('/unsubscribe removes; an unknown one and config routes are refused', async () => {
    await run(w.ctx(), '/subscribe iraq');
    expect((await run(w.ctx(), '/unsubscribe nosuch')).status).toBe('usage');
    expect((await run(w.ctx(), '/unsubscribe iraq')).status).toBe('ok');
    expect(await chatSubs()).toEqual([]);
    await w.subscriptions.upsert({
      platform: 'telegram',
      chat: '42',
      topic: 'iraq',
      mode: { kind: 'instant' },
      timezone: 'UTC',
      createdAt: '',
      source: 'config',
    });
    const r = await run(w.ctx(), '/unsubscribe iraq');
    expect(r.status).toBe('denied');
    expect(r.text).toContain('config file');
    expect(await chatSubs()).toHaveLength(1);
  });

  it('/mute holds a subscription back until a time; off lifts it; bad durations change nothing', async () => {
    await run(w.ctx(), '/subscribe iraq');
    await run(w.ctx(), '/subscribe us-strikes instant');
    const r = await run(w.ctx(), '/mute iraq 6h');
    expect(r.status).toBe('ok');
    const muted = (await chatSubs()).find((s) => s.topic === 'iraq')!;
    expect(muted.mutedUntil).toBe(new Date(NOW + 6 * HOUR).toISOString());
    expect(muted.mode).toEqual({ kind: 'cron', cron: '0 8 * * *', label: 'daily 08:00' });
    // 18:00 UTC, shown in the subscription's zone (Baghdad, UTC+3).
    expect((await run(w.ctx(), '/subscriptions')).text).toContain('muted until Mar 10, 21:00 (Asia/Baghdad)');
    expect((await run(w.ctx({ lang: 'ar' }), '/subscriptions')).text).toContain('مكتوم حتى ١٠ مارس، ٢١:٠٠ (Asia/Baghdad)');
    expect((await run(w.ctx(), '/mute iraq')).text).toContain('For how long? e.g. /mute iraq 1h');
    for (const line of ['/mute iraq forever', '/mute iraq', '/mute iraq 400d', '/mute nosuch 1h']) {
      expect((await run(w.ctx(), line)).status, line).toBe('usage');
    }
    expect((await chatSubs()).find((s) => s.topic === 'iraq')!.mutedUntil).toBe(muted.mutedUntil);
    await run(w.ctx(), '/mute all 1d');
    expect((await chatSubs()).every((s) => s.mutedUntil === new Date(NOW + 24 * HOUR).toISOString())).toBe(true);
    await run(w.ctx(), '/mute iraq off');
    expect((await chatSubs()).find((s) => s.topic === 'iraq')!.mutedUntil).toBeUndefined();
    expect((await chatSubs()).find((s) => s.topic === 'us-strikes')!.mutedUntil).toBeDefined();
    expect((await run(w.ctx(), '/mute off')).status).toBe('ok');
    expect((await chatSubs()).every((s) => s.mutedUntil === undefined)).toBe(true);
  });
});

describe('/search', () => {
  it('runs the query language over stored articles in the window', async () => {
    await w.seed({ id: 'a1', title: 'Militia threatens US forces', hoursAgo: 5 });
    await w.seed({ id: 'a2', title: 'Militia parade in Basra', hoursAgo: 30 });
    await w.seed({ id: 'a3', title: 'Militia threat grows', hoursAgo: 24 * 10 });
    const r = await run(w.ctx(), '/search militia AND threat* 7d');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('1 articles match');
    expect(r.text).toContain('Militia threatens US forces');
    expect(r.text).not.toContain('Basra');
    expect((await run(w.ctx(), '/search militia 30d')).text).toContain('3 articles match');
  });

  it('a bad query is refused with where and why', async () => {
    const r = await run(w.ctx(), '/search (militia OR threat))');
    expect(r.status).toBe('usage');
    expect(r.text).toMatch(/Invalid query at character 20: unexpected .\). .*near "a OR threat\)\)"/);
    expect((await run(w.ctx(), '/search')).text).toContain('Usage: /search QUERY [SINCE]');
    expect((await run(w.ctx(), '/search x 90d')).text).toContain('longer than 30d');
  });
});

describe('/watch', () => {
  it('a non-admin in a group is refused and nothing changes', async () => {
    const before = await w.services.topics();
    const r = await run(w.ctx({ admin: false, kind: 'group', chatId: '-100200', userId: '7' }), '/watch add oil oil OR نفط');
    expect(r.status).toBe('denied');
    expect(await w.services.topics()).toEqual(before);
  });

  it('admins add, edit and remove topics; the catalog and matcher follow', async () => {
    const admin = w.ctx({ admin: true });
    expect((await run(admin, '/watch add oil oil OR نفط OR “crude price” confirm')).status).toBe('ok');
    expect(w.catalog.get('oil')?.query).toBe('oil OR نفط OR "crude price"');
    expect(
      w.catalog
        .matcher()
        .match({ title: 'ارتفاع أسعار النفط', text: '' })
        .map((m) => m.id),
    ).toContain('oil');
    expect((await run(admin, '/watch add oil oil')).status).toBe('usage');
    expect((await run(admin, '/watch edit oil petroleum yes')).status).toBe('ok');
    expect(w.catalog.get('oil')?.query).toBe('petroleum');
    const preview = await run(admin, '/watch remove oil');
    expect(preview.text).toContain('Preview — nothing is saved yet.');
    expect(w.catalog.get('oil')).toBeDefined();
    expect((await run(admin, '/watch confirm')).text).toContain('Removed topic "oil"');
    expect(w.catalog.get('oil')).toBeUndefined();
    expect((await run(admin, '/watch remove oil')).status).toBe('usage');
  });

  it('an invalid query or id is refused with position and reason, nothing saved', async () => {
    const admin = w.ctx({ admin: true });
    const r = await run(admin, '/watch add gas (gas OR غاز');
    expect(r.status).toBe('usage');
    expect(r.text).toMatch(/Invalid query at the end: .+/);
    const r2 = await run(admin, '/watch add gas gas AND');
    expect(r2.text).toContain('Invalid query');
    expect((await run(admin, '/watch add Bad_Id x')).text).toContain('is not a topic id');
    expect((await run(admin, '/watch add gas')).text).toContain('A query is needed');
    expect((await run(admin, '/watch rename gas x')).status).toBe('usage');
    expect(w.catalog.get('gas')).toBeUndefined();
    expect((await w.services.topics()).map((t) => t.id)).toEqual(['iraq', 'militia-threats', 'us-strikes']);
  });
});

describe('/feeds', () => {
  it('admins add and remove public feeds; private, local and malformed URLs are refused', async () => {
    const admin = w.ctx({ admin: true });
    expect((await run(admin, '/feeds list')).text).toContain('No feeds');
    const added = await run(admin, '/feeds add https://news.example.com/rss.xml');
    expect(added.status).toBe('ok');
    expect((await run(admin, '/feeds add https://news.example.com/rss.xml')).text).toContain('Already polled');
    for (const [url, why] of [
      ['http://intranet.example/feed', 'private address'],
      ['http://127.0.0.1:8080/feed', 'loopback'],
      ['http://169.254.169.254/latest', 'metadata'],
      ['file:///etc/passwd', 'only http and https'],
      ['https://user:pw@news.example.com/x', 'user name or password'],
      ['not a url', 'Usage'],
      ['https://nowhere.invalid/rss', 'did not resolve'],
    ] as const) {
      const r = await run(admin, `/feeds add ${url}`);
      expect(r.status, url).toBe('usage');
      expect(r.text, url).toContain(why);
    }
    const list = await run(admin, '/feeds list');
    expect(list.text).toContain('Feeds (1)');
    expect(list.text).toContain('not polled yet');
    expect((await run(admin, '/feeds remove https://news.example.com/rss.xml')).status).toBe('ok');
    expect((await w.services.feeds.list()).length).toBe(0);
    expect((await run(w.ctx(), '/feeds list')).status).toBe('denied');
  });

  it('config feeds are listed with their health and cannot be removed from chat', async () => {
    const w2 = await openWorld({ configFeeds: [{ url: 'https://Feeds.example.org/a.xml', name: 'A' }] });
    try {
      await w2.feedStates.set({
        feedId: 'a',
        url: 'https://Feeds.example.org/a.xml',
        failures: 3,
        lastError: 'HTTP 503',
        primed: true,
        itemsSeen: 1,
        lastPollAt: '2026-03-10T11:55:00Z',
      });
      const admin = w2.ctx({ admin: true });
      expect((await run(admin, '/feeds list')).text).toContain('failing ×3: HTTP 503');
      const r = await run(admin, '/feeds remove https://feeds.example.org/a.xml');
      expect(r.status).toBe('denied');
      expect((await w2.services.feeds.list()).map((f) => f.url)).toEqual(['https://Feeds.example.org/a.xml']);
    } finally {
      await w2.close();
    }
  });
});

describe('/status', () => {
  it('reports feed health, last poll, queue depth and dead letters; failures in detail for admins', async () => {
    const w2 = await openWorld({
      configFeeds: [{ url: 'https://a.example/rss' }, { url: 'https://b.example/rss', name: 'B' }, { url: 'https://c.example/rss' }],
      queueDepth: async () => 4,
      deadLetters: async () => 2,
    });
    try {
      await w2.feedStates.set({ feedId: 'a', url: 'https://a.example/rss', failures: 0, primed: true, itemsSeen: 3, lastPollAt: '2026-03-10T11:58:00Z' });
      await w2.feedStates.set({
        feedId: 'b',
        url: 'https://b.example/rss',
        failures: 5,
        lastError: 'timeout',
        primed: true,
        itemsSeen: 0,
        lastPollAt: '2026-03-10T11:50:00Z',
      });
      const r = await run(w2.ctx(), '/status');
      expect(r.text).toContain('Feeds: 3 (1 ok, 1 failing, 0 disabled, 1 not polled yet)');
      expect(r.text).toContain('Last poll: 2026-03-10 11:58 UTC');
      expect(r.text).toContain('Delivery queue: 4');
      expect(r.text).toContain('Dead letters: 2');
      expect(r.text).not.toContain('timeout');
      expect((await run(w2.ctx({ admin: true }), '/status')).text).toContain('• B: ×5 timeout');
    } finally {
      await w2.close();
    }
  });

  it('lists topics and feeds changed at run time to admins, with who, when and how to remove them', async () => {
    const w2 = await openWorld({ configFeeds: [{ url: 'https://a.example/rss' }] });
    try {
      const admin = w2.ctx({ admin: true, userId: '77' });
      expect((await run(admin, '/watch add oil oil OR نفط confirm')).status).toBe('ok');
      expect((await run(admin, '/feeds add https://news.example.com/rss.xml')).status).toBe('ok');
      // A config feed removed at run time (a tombstone in the registry; /feeds refuses config feeds).
      await w2.registry.feeds.remove('https://a.example/rss');
      const text = (await run(admin, '/status')).text;
      expect(text).toContain('Changed at run time:');
      expect(text).toMatch(/• topic oil: added \(by telegram:77, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
      expect(text).toMatch(/• feed https:\/\/news\.example\.com\/rss\.xml: added \(by telegram:77, /);
      expect(text).toContain("• feed https://a.example/rss: removed from the config's");
      expect(text).toContain('Remove a topic: /watch remove ID (all of them: raqib reset --topics)');
      expect(text).toContain('Remove a feed: /feeds remove URL or raqib feeds remove URL (all of them: raqib reset --feeds)');
      expect((await run(w2.ctx(), '/status')).text).not.toContain('Changed at run time');
      const ar = (await run(w2.ctx({ admin: true, lang: 'ar' }), '/status')).text;
      expect(ar).toContain('تغييرات أثناء التشغيل:');
      expect(ar).toContain('• موضوع oil: أُضيف');
    } finally {
      await w2.close();
    }
  });

  it('says n/a when the delivery queue is not wired', async () => {
    const w2 = await openWorld();
    try {
      expect((await run(w2.ctx(), '/status')).text).toContain('Delivery queue: n/a');
    } finally {
      await w2.close();
    }
  });
});

describe('dispatch', () => {
  it('an unknown command, or a service that throws, is answered and never thrown', async () => {
    expect((await run(w.ctx(), '/nosuch x')).text).toContain('Unknown command /nosuch');
    const broken = {
      ...w.ctx(),
      services: {
        ...w.services,
        topics: async () => {
          throw new Error('store down');
        },
      },
    };
    const errors: unknown[] = [];
    const r = await dispatch(broken, 'topics', '', (e) => errors.push(e));
    expect(r.status).toBe('error');
    expect(r.text).toContain('Something went wrong');
    expect(errors).toHaveLength(1);
  });
});

describe('arguments typed with control characters', () => {
  it('never echoes control or bidi-override characters back in a reply', async () => {
    const r = await dispatch(w.ctx(), 'digest', 'nos\u202Euch\u0000\u0007');
    expect(r.status).toBe('usage');
    expect(r.text).toContain('"nosuch"');
    expect(r.text).not.toMatch(/[\u0000-\u0008\u202A-\u202E]/);
  });
});
