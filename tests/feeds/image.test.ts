// The article's picture from each way feeds name one (through both parsers), og:image from a
// page, and only http(s) URLs kept.
import { describe, expect, it } from 'vitest';
import { extractReadable } from '../../src/feeds/full-text.ts';
import { pickImage, safeImageUrl } from '../../src/feeds/image.ts';
import { parseLenientXmlFeed } from '../../src/feeds/lenient-feed.ts';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedText } from '../../src/feeds/parse.ts';
import type { RawFeed } from '../../src/feeds/raw-feed.ts';

const RSS = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title><link>https://site.example/</link>
<item><title>content and thumbnail</title><link>https://x.example/1</link><media:thumbnail url="https://img.example/1-t.jpg"/><media:content url="https://img.example/1-small.jpg" medium="image" width="300"/><media:content url="https://img.example/1-big.jpg" medium="image" width="1200"/></item>
<item><title>image enclosure</title><link>https://x.example/2</link><enclosure url="/img/2.png" type="image/png" length="10"/></item>
<item><title>audio enclosure only</title><link>https://x.example/3</link><enclosure url="https://x.example/3.mp3" type="audio/mpeg" length="10"/></item>
<item><title>grouped</title><link>https://x.example/4</link><media:group><media:content url="https://img.example/4.mp4" medium="video"/><media:thumbnail url="https://img.example/4.jpg"/></media:group></item>
<item><title>unsafe</title><link>https://x.example/5</link><media:content url="javascript:alert(1)" medium="image"/><media:thumbnail url="data:image/png;base64,AAAA"/></item>
</channel></rss>`;

const images = (feed: RawFeed) =>
  normaliseFeed(feed, { feedId: 'f1', feedUrl: 'https://site.example/rss', fetchedAt: Date.parse('2026-01-01T00:00:00Z') }).map((i) => i.article.image);
const EXPECTED = ['https://img.example/1-big.jpg', 'https://site.example/img/2.png', undefined, 'https://img.example/4.jpg', undefined];

describe('item images', () => {
  it('feedsmith path: media:content (widest) over thumbnails, image enclosures, media:group, unsafe schemes dropped', () => {
    const r = parseFeedText(RSS);
    expect(r.ok && r.parser).toBe('feedsmith');
    if (r.ok) expect(images(r.feed)).toEqual(EXPECTED);
  });

  it('the lenient reader finds the same pictures', () => {
    const feed = parseLenientXmlFeed(RSS);
    expect(feed).toBeDefined();
    expect(images(feed!)).toEqual(EXPECTED);
  });

  it('Atom rel="enclosure" links and media thumbnails; JSON Feed image then banner_image', () => {
    const atom = parseFeedText(
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>t</title><id>x</id><updated>2026-01-01T00:00:00Z</updated><entry><title>a</title><id>1</id><link href="https://x.example/a"/><link rel="enclosure" type="image/jpeg" href="https://img.example/a.jpg"/><updated>2026-01-01T00:00:00Z</updated></entry><entry><title>b</title><id>2</id><link href="https://x.example/b"/><media:thumbnail url="https://img.example/b.jpg"/><updated>2026-01-01T00:00:00Z</updated></entry></feed>`,
    );
    if (!atom.ok) throw new Error(atom.error);
    expect(images(atom.feed)).toEqual(['https://img.example/a.jpg', 'https://img.example/b.jpg']);
    const json = parseFeedText(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 't',
        items: [
          { id: '1', url: 'https://x.example/j', content_text: 'x', image: 'https://img.example/j.jpg', banner_image: 'https://img.example/k.jpg' },
          { id: '2', url: 'https://x.example/k', content_text: 'y', banner_image: 'ftp://img.example/k.jpg' },
        ],
      }),
    );
    if (!json.ok) throw new Error(json.error);
    expect(images(json.feed)).toEqual(['https://img.example/j.jpg', undefined]);
  });
});

describe('page images and URL safety', () => {
  it('takes og:image from a full-text page, resolved against the page', () => {
    const body = '<p>' + 'A long paragraph of article text that Readability will keep as the body. '.repeat(12) + '</p>';
    const html = `<html><head><meta property="og:image" content="/pics/lead.jpg"><title>T</title></head><body><article><h1>T</h1>${body}${body}</article></body></html>`;
    expect(extractReadable(html, 'https://news.example/a/story')?.image).toBe('https://news.example/pics/lead.jpg');
    const none = `<html><head><meta property="og:image" content="javascript:x"></head><body><article>${body}${body}</article></body></html>`;
    expect(extractReadable(none, 'https://news.example/a/story')?.image).toBeUndefined();
  });

  it('keeps only http(s) URLs without credentials and of sane length', () => {
    expect(safeImageUrl('https://a.example/x.jpg')).toBe('https://a.example/x.jpg');
    expect(safeImageUrl('//cdn.example/x.jpg', 'https://a.example/')).toBe('https://cdn.example/x.jpg');
    for (const bad of [
      'file:///etc/passwd',
      'data:image/png;base64,AA',
      'https://u:p@a.example/x.jpg',
      `https://a.example/${'x'.repeat(2100)}`,
      'not a url',
      '',
    ])
      expect(safeImageUrl(bad)).toBeUndefined();
    expect(pickImage([{ url: 'https://a.example/v.mp4', kind: 'content', medium: 'video' }])).toBeUndefined();
    expect(pickImage([{ url: 'https://a.example/pic', kind: 'content', type: 'image/webp' }])).toBe('https://a.example/pic');
  });
});
