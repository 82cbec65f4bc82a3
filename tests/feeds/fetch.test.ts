// The fetcher against a real local HTTP server: validators and 304, redirects, limits, timeouts,
// compression and dropped connections. Loopback is reachable only through the allowlist.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { tempDir } from '../helpers/stores.ts';

const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://example.com/1</link></item></channel></rss>';

let server: FeedServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createFetcher({
    allowPrivateNetworks: ['127.0.0.1'],
    userAgent: 'raqib-test/1 (+https://example.org/bot)',
    maxBytes: 256 * 1024,
    totalTimeoutMs: 1_500,
  });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('conditional GET', () => {
  it('sends If-None-Match after an ETag and treats 304 as not modified', async () => {
    server.serve('/etag.xml', RSS, { etag: '"v1"' });
    const first = await fetcher.fetch(server.url('/etag.xml'));
    expect(first.kind).toBe('fetched');
    if (first.kind !== 'fetched') return;
    expect(first.etag).toBe('"v1"');
    expect(first.body.toString()).toBe(RSS);
    const second = await fetcher.fetch(server.url('/etag.xml'), { etag: first.etag });
    expect(second.kind).toBe('notModified');
    const sent = server.hits('/etag.xml');
    expect(sent[0]!.headers['if-none-match']).toBeUndefined();
    expect(sent[1]!.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since after Last-Modified', async () => {
    const lm = 'Tue, 01 Jul 2025 10:00:00 GMT';
    server.serve('/lm.xml', RSS, { lastModified: lm });
    const first = await fetcher.fetch(server.url('/lm.xml'));
    expect(first.kind === 'fetched' && first.lastModified).toBe(lm);
    const second = await fetcher.fetch(server.url('/lm.xml'), { lastModified: lm });
    expect(second.kind).toBe('notModified');
    expect(server.hits('/lm.xml')[1]!.headers['if-modified-since']).toBe(lm);
  });

  it('identifies itself and asks for compression', async () => {
    server.serve('/ua.xml', RSS);
    await fetcher.fetch(server.url('/ua.xml'));
    const h = server.hits('/ua.xml')[0]!.headers;
    expect(h['user-agent']).toBe('raqib-test/1 (+https://example.org/bot)');
    expect(h['accept-encoding']).toMatch(/gzip/);
    expect(h['accept-encoding']).toMatch(/br/);
  });
});

describe('compression', () => {
  it.each(['gzip', 'deflate', 'br'] as const)('decodes %s bodies', async (encoding) => {
    server.serve(`/c-${encoding}.xml`, RSS, { encoding });
    const r = await fetcher.fetch(server.url(`/c-${encoding}.xml`));
    expect(r.kind).toBe('fetched');
    expect(r.kind === 'fetched' && r.body.toString()).toBe(RSS);
  });

  it('caps the decompressed size: a small gzip bomb is refused, not inflated', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(256 * 1024);
    server.route('/bomb.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb));
    const r = await fetcher.fetch(server.url('/bomb.xml'));
    expect(r.kind).toBe('tooLarge');
    expect(r.kind === 'tooLarge' && r.message).toMatch(/after decompression/);
  });
});

describe('redirects', () => {
  it('follows up to 5 redirects and reports the final URL', async () => {
    server.serve('/final.xml', RSS);
    for (let i = 1; i <= 5; i++) server.redirect(`/r5-${i}`, i === 5 ? '/final.xml' : `/r5-${i + 1}`, i % 2 ? 301 : 307);
    const r = await fetcher.fetch(server.url('/r5-1'));
    expect(r.kind).toBe('fetched');
    expect(r.finalUrl).toBe(server.url('/final.xml'));
  });

  it('stops after the 5th redirect', async () => {
    server.serve('/never.xml', RSS);
    for (let i = 1; i <= 6; i++) server.redirect(`/r6-${i}`, i === 6 ? '/never.xml' : `/r6-${i + 1}`);
    const r = await fetcher.fetch(server.url('/r6-1'));
    expect(r.kind).toBe('httpError');
    expect(r.kind === 'httpError' && r.message).toBe('more than 5 redirects');
    // The 6th redirect was received but not followed.
    expect(server.hits('/r6-6')).toHaveLength(1);
    expect(server.hits('/never.xml')).toHaveLength(0);
  });

  it('refuses a redirect to a non-web scheme', async () => {
    server.redirect('/to-file', 'file:///etc/passwd');
    const r = await fetcher.fetch(server.url('/to-file'));
    expect(r.kind).toBe('refused');
    expect(r.kind === 'refused' && r.message).toMatch(/redirect to file: URL refused/);
  });
});

describe('limits and failures', () => {
  it('refuses a body larger than the cap by Content-Length without reading it', async () => {
    server.huge('/huge-declared', 50 * 1024 * 1024, true);
    const r = await fetcher.fetch(server.url('/huge-declared'));
    expect(r.kind).toBe('tooLarge');
    expect(r.kind === 'tooLarge' && r.message).toMatch(/50 MB, over the 0.3 MB limit/);
  });

  it('stops reading a streamed body at the cap', async () => {
    server.huge('/huge-stream', 50 * 1024 * 1024, false);
    const t0 = performance.now();
    const r = await fetcher.fetch(server.url('/huge-stream'));
    expect(r.kind).toBe('tooLarge');
    expect(performance.now() - t0).toBeLessThan(1_500);
  });

  it('times out a response that stalls', async () => {
    server.slow('/slow', 5_000, '</channel></rss>', '<rss version="2.0"><channel>');
    const t0 = performance.now();
    const r = await fetcher.fetch(server.url('/slow'));
    expect(r.kind).toBe('timeout');
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it('reports a connection dropped mid-body as a network error', async () => {
    server.drop('/drop', '<rss version="2.0"><channel><title>cut');
    const r = await fetcher.fetch(server.url('/drop'));
    expect(r.kind).toBe('networkError');
    expect(r.kind === 'networkError' && r.message).toMatch(/closed|reset|terminated|socket/i);
  });

  it('reports HTTP errors with Retry-After', async () => {
    server.serve('/busy', 'slow down', { status: 503, headers: { 'retry-after': '120' } });
    const r = await fetcher.fetch(server.url('/busy'));
    expect(r).toMatchObject({ kind: 'httpError', status: 503, message: 'HTTP 503', retryAfterMs: 120_000 });
  });

  it('reports a refused connection', async () => {
    const other = await startFeedServer();
    const url = other.url('/gone');
    await other.close();
    const r = await fetcher.fetch(url);
    expect(r.kind).toBe('networkError');
    expect(r.kind === 'networkError' && r.message).toBe('connection refused');
  });
});

describe('local files', () => {
  it('reads paths and file:// URLs, and reports missing files', async () => {
    const t = tempDir();
    try {
      const p = join(t.dir, 'feed.xml');
      writeFileSync(p, RSS);
      const a = await fetcher.fetch(p);
      const b = await fetcher.fetch(pathToFileURL(p).toString());
      expect(a.kind === 'fetched' && a.body.toString()).toBe(RSS);
      expect(b.kind === 'fetched' && b.body.toString()).toBe(RSS);
      const missing = await fetcher.fetch(join(t.dir, 'nope.xml'));
      expect(missing).toMatchObject({ kind: 'httpError', message: 'no such file' });
      const ftp = await fetcher.fetch('ftp://example.com/feed.xml');
      expect(ftp.kind).toBe('refused');
    } finally {
      t.remove();
    }
  });
});
