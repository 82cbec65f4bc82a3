// The chat side of sources: discovery views from a local site, phrased in English and Arabic
// (choices with the exact /feeds command, the preview block, the import report).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { choicesText, importReportText, previewText } from '../../commands/feeds-text.ts';
import { discoverForChat } from '../../src/app/feed-discovery.ts';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch.ts';
import { compileTopics } from '../../src/topics/index.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const matcher = compileTopics([{ id: 'iraq', query: 'Iraq OR Baghdad' }]);
const rss = (title: string) =>
  `<rss version="2.0"><channel><title>${title}</title><language>en</language><item><title>Baghdad talks</title><link>https://n.example/${title}/1</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item><item><title>Weather</title><link>https://n.example/${title}/2</link><pubDate>Mon, 02 Mar 2026 04:00:00 GMT</pubDate></item></channel></rss>`;

let site: FeedServer;
let fetcher: Fetcher;
beforeAll(async () => {
  site = await startFeedServer();
  fetcher = createFetcher({ allowPrivateNetworks: ['127.0.0.1'] });
  site.serve(
    '/',
    `<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"><link rel="alternate" type="application/rss+xml" href="/b.xml"></head></html>`,
    { contentType: 'text/html' },
  );
  site.serve('/one.html', `<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"></head></html>`, { contentType: 'text/html' });
  site.serve('/a.xml', rss('Alpha'));
  site.serve('/b.xml', rss('Beta'));
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
});

describe('discoverForChat + phrasing', () => {
  it('a page with two feeds: one line each with the exact /feeds add command', async () => {
    const v = await discoverForChat(site.url('/'), fetcher, () => matcher);
    expect(v.kind).toBe('page');
    if (v.kind !== 'page') return;
    const en = choicesText(v.pageUrl, v.feeds, 'en', 'add');
    expect(en).toBe(
      `${site.url('/')} is a page with 2 feeds. Choose one:\n1. Alpha (rss, 2)\n   /feeds add ${site.url('/a.xml')}\n2. Beta (rss, 2)\n   /feeds add ${site.url('/b.xml')}`,
    );
    expect(choicesText(v.pageUrl, v.feeds, 'ar', 'add')).toContain('صفحة فيها ٢ مصادر');
  });

  it('a page with one feed gives its preview, with topics and clauses', async () => {
    const v = await discoverForChat(site.url('/one.html'), fetcher, () => matcher, Date.parse('2026-03-02T12:00:00Z'));
    expect(v.kind).toBe('feed');
    if (v.kind !== 'feed') return;
    const text = previewText(v.preview, 'en');
    expect(text).toContain(`Alpha — ${site.url('/a.xml')}`);
    expect(text).toContain('Language: en · 2 items · publishes about 4 a day');
    expect(text).toContain('Matching a watched topic: 1 of 2');
    expect(text).toContain(`• Baghdad talks\n  https://n.example/Alpha/1\n  topics: iraq (Iraq OR Baghdad)`);
    expect(text).toContain('• Weather\n  https://n.example/Alpha/2\n  topics: —');
    expect(previewText(v.preview, 'ar')).toContain('ينشر نحو ٤ في اليوم');
  });

  it('an unreachable private address fails with the reason', async () => {
    expect(await discoverForChat('http://10.9.9.9/rss', fetcher, () => matcher)).toEqual({ kind: 'failed', reason: 'refused: 10.9.9.9 is a private address' });
  });

  it('phrases an import report', () => {
    const text = importReportText(
      {
        added: ['https://a.example/rss'],
        present: [{ url: 'https://b.example/rss?utm_source=x', existing: 'https://b.example/rss' }],
        refused: [{ url: 'http://10.0.0.1/rss', line: 4, reason: '10.0.0.1 is a private address' }],
      },
      'en',
    );
    expect(text).toBe(
      'Added 1, already present 1, refused 1.\n+ https://a.example/rss\n= https://b.example/rss?utm_source=x\n✗ http://10.0.0.1/rss (line 4): 10.0.0.1 is a private address',
    );
  });
});
