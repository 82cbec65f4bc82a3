// `raqib feeds …` in-process against a local site and a real SQLite store: discovery without
// prompts (exit 2 on a choice), settings flags, list with origin and health, export → import into
// an empty store, import reports, bad input refused whole, and the running bot's catalog seeing
// CLI changes from the store without a restart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FeedCatalog } from '../../src/app/feed-catalog.ts';
import { openStore } from '../../src/store/open-store.ts';
import { RegistryStore } from '../../src/store/registry-store.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

const HTML = 'text/html; charset=utf-8';
const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();
const rss = (title: string) =>
  `<rss version="2.0"><channel><title>${title}</title><item><title>Baghdad talks resume</title><link>https://n.example/${title}/1</link><pubDate>${recent(1)}</pubDate></item><item><title>Other</title><link>https://n.example/${title}/2</link><pubDate>${recent(7)}</pubDate></item></channel></rss>`;

// Real sockets, SQLite and many fetches per test: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
let site: FeedServer;
let t: ReturnType<typeof tempDir>;
let envFor: (store: string) => NodeJS.ProcessEnv;
let env: NodeJS.ProcessEnv;
let storeUrl: string;

beforeAll(async () => {
  site = await startFeedServer();
  t = tempDir();
  const config = join(t.dir, 'raqib.yaml');
  writeFileSync(
    config,
    `topics:\n  - id: iraq\n    query: Iraq OR Baghdad\nsettings:\n  allowPrivateNetworks: ["127.0.0.1"]\nfeeds:\n  - url: https://config.example/rss.xml\n    name: Config feed\n    interval: 10m\n`,
  );
  envFor = (store) => ({ LOG_LEVEL: 'silent', RAQIB_CONFIG: config, RAQIB_STORE: store });
  storeUrl = `sqlite://${join(t.dir, 'store.sqlite')}`;
  env = envFor(storeUrl);
  site.serve(
    '/',
    `<html><head><link rel="alternate" type="application/rss+xml" href="/main.xml"><link rel="alternate" type="application/rss+xml" href="/world.xml"></head></html>`,
    { contentType: HTML },
  );
  site.serve('/main.xml', rss('Main'));
  site.serve('/world.xml', rss('World'));
  site.serve('/single.html', `<html><head><link rel="alternate" type="application/atom+xml" href="/world.xml"></head></html>`, { contentType: HTML });
  site.serve('/empty.html', '<html><body>nothing</body></html>', { contentType: HTML });
});
afterAll(async () => {
  await site.close();
  t.remove();
});

describe('raqib feeds add', () => {
  it('lists the feeds of a page with several and exits 2 without --pick or --all', async () => {
    const r = await runCli(['feeds', 'add', site.url('/')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found 2 feeds; choose with --pick N or --all:');
    expect(r.stderr).toContain(`1. Main — ${site.url('/main.xml')} (rss, 2 items)`);
    expect(r.stderr).toContain(`2. World — ${site.url('/world.xml')}`);
    expect((await runCli(['feeds', 'list', '--format', 'json'], { env })).stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('adds the picked feed with its settings; a page with one feed adds that one', async () => {
    const r = await runCli(['feeds', 'add', site.url('/'), '--pick', '2', '--name', 'World desk', '--interval', '15m', '--full-text', '--max-age', '2d'], {
      env,
    });
    expect(r.stdout).toBe(`added ${site.url('/world.xml')} (World)\n`);
    expect(r.code).toBe(0);
    const again = await runCli(['feeds', 'add', site.url('/single.html')], { env });
    expect(again.stdout).toBe(`already present: ${site.url('/world.xml')}\n`);
    expect(again.code).toBe(0);
    const list = await runCli(['feeds', 'list'], { env });
    expect(list.stdout).toBe(
      `https://config.example/rss.xml\tConfig feed\tconfig\tnot polled yet\tevery 10m\n${site.url('/world.xml')}\tWorld desk\truntime\tnot polled yet\tevery 15m, full text, max age 2d\n`,
    );
  });

  it('reports a page with no feed and a private address (exit 1), bad flags (exit 2)', async () => {
    const none = await runCli(['feeds', 'add', site.url('/empty.html')], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/is an HTML page, not a feed, and no feed found/);
    const priv = await runCli(['feeds', 'add', 'http://10.1.2.3/rss'], { env });
    expect(priv.code).toBe(1);
    expect(priv.stderr).toBe('raqib feeds add: cannot use http://10.1.2.3/rss: refused: 10.1.2.3 is a private address\n');
    const bad = await runCli(['feeds', 'add', site.url('/main.xml'), '--interval', 'often'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--interval "often" is not a duration/);
    expect((await runCli(['feeds', 'add'], { env })).code).toBe(2);
    expect((await runCli(['feeds', 'frobnicate'], { env })).code).toBe(2);
    expect((await runCli(['feeds', 'add', 'x', '--pick', '1', '--all'], { env })).code).toBe(2);
  });
});

describe('raqib feeds preview', () => {
  it('prints title, cadence, items and matching topics; asks for --pick on a page with several', async () => {
    const r = await runCli(['feeds', 'preview', site.url('/main.xml')], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Main — ${site.url('/main.xml')}`);
    expect(r.stdout).toContain('publishes: about 4 items a day');
    expect(r.stdout).toMatch(/Baghdad talks resume\n.*\n {4}topics: iraq \(Iraq OR Baghdad\)/);
    const several = await runCli(['feeds', 'preview', site.url('/')], { env });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('choose with --pick N:');
  });
});

describe('raqib feeds export / import', () => {
  it('round-trips: export → import into an empty store gives the same feeds and settings', async () => {
    const exported = await runCli(['feeds', 'export'], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('raqib:interval="15m" raqib:fullText="true" raqib:maxAge="2d"');
    const file = join(t.dir, 'out.opml');
    writeFileSync(file, exported.stdout);
    // An empty store with a config that has no feeds: everything comes from the file.
    const bare = join(t.dir, 'bare.yaml');
    writeFileSync(bare, 'topics:\n  - id: iraq\n    query: Iraq\nsettings:\n  allowPrivateNetworks: ["127.0.0.1"]\n');
    const other = { ...envFor(`sqlite://${join(t.dir, 'empty.sqlite')}`), RAQIB_CONFIG: bare };
    const imported = await runCli(['feeds', 'import', file], { env: other });
    expect(imported.stdout).toMatch(/^added 2, already present 0, refused 0\n/);
    expect(imported.code).toBe(0);
    const strip = (s: string) => s.replace(/config\b/g, 'runtime');
    const before = (await runCli(['feeds', 'list', '--format', 'json'], { env })).stdout;
    const after = (await runCli(['feeds', 'list', '--format', 'json'], { env: other })).stdout;
    const parse = (s: string) =>
      s
        .trim()
        .split('\n')
        .map((l) => JSON.parse(strip(l)) as object)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(parse(after)).toEqual(parse(before));
    const twice = await runCli(['feeds', 'import', file], { env: other });
    expect(twice.stdout).toMatch(/^added 0, already present 2, refused 0\n/);
  });

  it('reports added / present / refused with reasons: private address, bad scheme, tracking duplicate, bad setting', async () => {
    const file = join(t.dir, 'mixed.opml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><opml version="2.0" xmlns:raqib="https://raqib.invalid/opml"><body>
<outline text="new" xmlUrl="http://93.184.216.34/news.xml?utm_source=opml&amp;id=7"/>
<outline text="dup" xmlUrl="http://93.184.216.34/news.xml?id=7&amp;utm_medium=x#top"/>
<outline text="present" xmlUrl="${site.url('/world.xml')}?fbclid=abc"/>
<outline text="private" xmlUrl="http://192.168.1.10/rss"/>
<outline text="scheme" xmlUrl="ftp://files.example/rss"/>
<outline text="setting" xmlUrl="http://93.184.216.35/rss" raqib:maxAge="forever"/>
</body></opml>`,
    );
    const r = await runCli(['feeds', 'import', file], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'added 1, already present 2, refused 3',
        '  added    http://93.184.216.34/news.xml?id=7',
        '  present  http://93.184.216.34/news.xml?id=7&utm_medium=x#top (as http://93.184.216.34/news.xml?id=7)',
        `  present  ${site.url('/world.xml')}?fbclid=abc (as ${site.url('/world.xml')})`,
        '  refused  http://192.168.1.10/rss (line 5): 192.168.1.10 is a private address',
        '  refused  ftp://files.example/rss (line 6): only http and https feeds can be added (not ftp:)',
        '  refused  http://93.184.216.35/rss (line 7): raqib:maxAge="forever" is not a duration such as 5m or 3d',
        '',
      ].join('\n'),
    );
    expect((await runCli(['feeds', 'remove', 'http://93.184.216.34/news.xml?id=7&utm_source=z'], { env })).stdout).toBe(
      'removed http://93.184.216.34/news.xml?id=7&utm_source=z\n',
    );
  });

  it('refuses a malformed, 50 MB or 10,000-entry file whole: nothing saved', async () => {
    const before = (await runCli(['feeds', 'list'], { env })).stdout;
    const broken = join(t.dir, 'broken.opml');
    writeFileSync(broken, '<opml version="2.0"><body><outline xmlUrl="http://93.184.216.40/a"/><outline xmlUrl="http://93.184.216.41/b"></body></opml>');
    const b = await runCli(['feeds', 'import', broken], { env });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/not well-formed XML, nothing imported: line 1: <\/body> does not close <outline>/);
    const huge = join(t.dir, 'huge.opml');
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const h = await runCli(['feeds', 'import', huge], { env });
    expect(h.stderr).toBe(`raqib feeds import: ${huge} is 50 MB; OPML imports are limited to 1 MB; nothing imported\n`);
    expect(h.code).toBe(1);
    const many = join(t.dir, 'many.opml');
    writeFileSync(
      many,
      `<opml version="2.0"><body>${Array.from({ length: 10_000 }, (_, i) => `<outline xmlUrl="http://93.184.${i % 200}.${i % 250}/f${i}"/>`).join('')}</body></opml>`,
    );
    const m = await runCli(['feeds', 'import', many], { env });
    expect(m.stderr).toMatch(/the file lists 10000 feeds; one import takes at most 1000/);
    expect(m.code).toBe(1);
    expect((await runCli(['feeds', 'list'], { env })).stdout).toBe(before);
  });
});

describe('the running bot and the CLI share the store', () => {
  it("a feed added or removed by the CLI shows in the bot's catalog on its next refresh, no restart", async () => {
    const store = await openStore(storeUrl);
    try {
      const catalog = new FeedCatalog([], new RegistryStore(store));
      const urls = async () => (await catalog.list()).map((f) => f.url);
      expect(await urls()).not.toContain(site.url('/main.xml'));
      expect((await runCli(['feeds', 'add', site.url('/main.xml'), '--interval', '2m'], { env })).code).toBe(0);
      expect(await urls()).toContain(site.url('/main.xml'));
      expect((await catalog.list()).find((f) => f.url === site.url('/main.xml'))!.intervalMs).toBe(120_000);
      expect((await runCli(['feeds', 'remove', site.url('/main.xml')], { env })).code).toBe(0);
      expect(await urls()).not.toContain(site.url('/main.xml'));
      const cfg = await runCli(['feeds', 'remove', 'https://config.example/rss.xml'], { env });
      expect(cfg.code).toBe(1);
      expect(cfg.stderr).toMatch(/comes from the config file; remove it there/);
    } finally {
      await store.close();
    }
  });
});
