// /feeds with discovery wired (as the running bot has it): a page offers its feeds with the exact
// commands and a button each, a feed URL is previewed with a confirm button and added once confirmed, /feeds preview saves nothing, /feeds export
// gives OPML as a file and as text, and failures say why without storing anything.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import type { CommandContext } from '../../commands/types.ts';
import { FeedSources } from '../../src/app/feed-sources.ts';
import { readOpml, writeOpml } from '../../src/feeds/opml.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import { startFeedSite, type FeedSite } from '../helpers/feed-site.ts';
import { openWorld, type World } from './command-world.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let feedSite: FeedSite;
let site: FeedServer;
let w: World;
let admin: CommandContext;

beforeAll(async () => {
  feedSite = await startFeedSite();
  site = feedSite.site;
});
afterAll(async () => {
  await feedSite.close();
});
beforeEach(async () => {
  // The world's stores exist only once it is open; export reads them through this holder.
  const late: { sources?: FeedSources } = {};
  w = await openWorld(feedSite.worldOptions({ exportOpml: async () => writeOpml(await late.sources!.exportable()) }));
  late.sources = new FeedSources({ registry: w.registry, feedStates: w.feedStates });
  admin = w.ctx({ admin: true });
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, text: string) => dispatch(ctx, 'feeds', text);
const stored = async () => (await w.services.feeds.list()).map((f) => f.url);

describe('/feeds add and preview with discovery', () => {
  it('a page with two feeds: lists them with the exact /feeds add commands and a button each, stores nothing', async () => {
    const r = await run(admin, `add ${site.url('/')}`);
    expect(r.status).toBe('ok');
    expect(r.text).toContain(
      `is a page with 2 feeds. Choose one:\n1. Alpha (rss, 2)\n   /feeds add ${site.url('/a.xml')}\n2. Beta (rss, 2)\n   /feeds add ${site.url('/b.xml')}`,
    );
    expect(r.buttons).toEqual([
      [{ label: 'Alpha', action: { kind: 'run', command: 'feeds', args: `add ${site.url('/a.xml')}` } }],
      [{ label: 'Beta', action: { kind: 'run', command: 'feeds', args: `add ${site.url('/b.xml')}` } }],
    ]);
    expect(await stored()).toEqual([]);
  });

  it('a feed URL is previewed with Add this feed and Cancel, saved only with confirm (typed or pressed)', async () => {
    const previewed = await run(admin, `add ${site.url('/a.xml')}`);
    expect(previewed.status).toBe('ok');
    expect(previewed.text).toContain(`Not added yet. What ${site.url('/a.xml')} brings:\nAlpha — ${site.url('/a.xml')}`);
    expect(previewed.text).toContain(`Add it with: /feeds add ${site.url('/a.xml')} confirm`);
    expect(previewed.buttons).toEqual([
      [
        { label: 'Add this feed', action: { kind: 'run', command: 'feeds', args: `add ${site.url('/a.xml')} confirm` } },
        { label: 'Cancel', action: { kind: 'cancel', what: 'feed-add' } },
      ],
    ]);
    expect(await stored()).toEqual([]);
    const ar = await run(w.ctx({ admin: true, lang: 'ar' }), `add ${site.url('/a.xml')}`);
    expect(ar.buttons?.[0]?.map((b) => b.label)).toEqual(['أضف هذا المصدر', 'إلغاء']);
    expect((await run(admin, `preview ${site.url('/a.xml')} confirm`)).status).toBe('usage');
    expect((await run(admin, `add ${site.url('/a.xml')} yes`)).text).toContain('Added feed');
    expect(await stored()).toEqual([site.url('/a.xml')]);
  });

  it('a page with one feed shows its preview and how to add it; confirm adds that feed with the preview', async () => {
    const page = await run(admin, `add ${site.url('/one.html')}`);
    expect(page.text).toContain(`${site.url('/one.html')} is a page; its feed is:\nAlpha — ${site.url('/a.xml')}`);
    expect(page.text).toContain(`Add it with: /feeds add ${site.url('/a.xml')} confirm`);
    expect(await stored()).toEqual([]);
    const added = await run(admin, `add ${site.url('/one.html')} confirm`);
    expect(added.status).toBe('ok');
    expect(added.text).toContain(`Added feed ${site.url('/a.xml')}; it is polled from the next round. What it brings:`);
    expect(added.text).toContain('• Baghdad talks resume\n  https://n.example/Alpha/1\n  topics: iraq (iraq OR العراق OR بغداد OR baghdad)');
    expect(await stored()).toEqual([site.url('/a.xml')]);
    expect((await run(admin, `add ${site.url('/a.xml')}`)).text).toContain('Already polled');
    expect((await run(admin, `add ${site.url('/one.html')}`)).text).toContain('Already polled');
  });

  it('/feeds preview shows the summary in Arabic too and saves nothing', async () => {
    const r = await run(w.ctx({ admin: true, lang: 'ar' }), `preview ${site.url('/b.xml')}`);
    expect(r.status).toBe('ok');
    expect(r.ephemeral).toBe(true);
    expect(r.text).toContain('ينشر نحو ٤ في اليوم');
    expect(await stored()).toEqual([]);
  });

  it('a page without feeds and a private address are refused with the reason, nothing stored', async () => {
    const none = await run(admin, `add ${site.url('/nothing.html')}`);
    expect(none.status).toBe('error');
    expect(none.text).toMatch(/is a web page, not a feed, and no feed found/);
    const priv = await run(admin, 'add https://intranet.example/rss');
    expect(priv.status).toBe('usage');
    expect(priv.text).toContain('intranet.example resolves to 10.1.2.3, a private address');
    expect(await stored()).toEqual([]);
  });
});

describe('/feeds export', () => {
  it('sends OPML as a file (and as text for platforms without files) that reads back to the same feeds', async () => {
    await run(admin, `add ${site.url('/a.xml')} confirm`);
    const r = await run(admin, 'export');
    expect(r.status).toBe('ok');
    expect(r.file?.name).toBe('raqib-feeds.opml');
    expect(r.text).toContain('1 feeds as OPML (raqib-feeds.opml):');
    const back = readOpml(r.file!.text);
    expect(back.ok && back.entries.map((e) => e.feed.url)).toEqual([site.url('/a.xml')]);
    expect((await run(w.ctx(), 'export')).status).toBe('denied');
  });
});
