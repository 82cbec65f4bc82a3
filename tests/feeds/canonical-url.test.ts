import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/feeds/canonical-url.ts';
import { feedIdFor, feedSpec } from '../../src/feeds/feed-spec.ts';

describe('canonicalUrl', () => {
  it.each([
    ['https://Example.COM/news/1?utm_source=tw&utm_medium=social&id=7#comments', 'https://example.com/news/1?id=7'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com/a?fbclid=XYZ', 'https://example.com/a'],
    ['https://example.com/a?gclid=1&b=2&UTM_CAMPAIGN=x', 'https://example.com/a?b=2'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    // An untouched query keeps its exact encoding: some servers treat + and %20 differently.
    ['https://example.com/s?q=a%20b&x=1', 'https://example.com/s?q=a%20b&x=1'],
    ['https://العربية.example/خبر', 'https://xn--mgbcd4a2b0d2b.example/%D8%AE%D8%A8%D8%B1'],
  ])('%s → %s', (input, want) => {
    expect(canonicalUrl(input)).toBe(want);
  });

  it('resolves relative links against a base', () => {
    expect(canonicalUrl('../b?utm_term=x#top', 'https://example.com/dir/sub/feed.xml')).toBe('https://example.com/dir/b');
  });

  it('refuses non-web schemes and garbage', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('mailto:a@b.c')).toBeUndefined();
    expect(canonicalUrl('file:///etc/passwd')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl('   ')).toBeUndefined();
  });
});

describe('feed ids and specs', () => {
  it('derives a stable id from the location, ignoring tracking and case of the host', () => {
    expect(feedIdFor('https://Example.com/rss?utm_source=x')).toBe(feedIdFor('https://example.com/rss'));
    expect(feedIdFor('https://example.com/rss')).toMatch(/^f[0-9a-f]{12}$/);
    expect(feedIdFor('https://example.com/rss')).not.toBe(feedIdFor('https://example.com/atom'));
  });

  it('clamps intervals: 1 min for the web, 1 s for files and loopback', () => {
    expect(feedSpec({ url: 'https://example.com/rss', intervalMs: 5_000 }).intervalMs).toBe(60_000);
    expect(feedSpec({ url: 'http://127.0.0.1:8080/rss', intervalMs: 5_000 }).intervalMs).toBe(5_000);
    expect(feedSpec({ url: 'file:///tmp/x.xml', intervalMs: 10 }).intervalMs).toBe(1_000);
    const d = feedSpec({ url: 'https://example.com/rss' });
    expect(d).toMatchObject({ intervalMs: 300_000, fullText: false, alertOnFirstPoll: false, maxAgeMs: 3 * 86_400_000 });
  });
});
