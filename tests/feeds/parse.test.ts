// Parsing and normalisation: formats, HTML to clean text, relative links, dates, language,
// the lenient fallback on documents feedsmith rejects, and ids that dedupe correctly.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/feeds/html-text.ts';
import { detectLang } from '../../src/feeds/lang.ts';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedText } from '../../src/feeds/parse.ts';

const FETCHED = Date.parse('2026-03-01T12:00:00Z');

function articles(doc: string, feedUrl = 'https://news.example/feeds/main.xml') {
  const r = parseFeedText(doc);
  if (!r.ok) throw new Error(r.error);
  return { parser: r.parser, items: normaliseFeed(r.feed, { feedId: 'f1', feedUrl, fetchedAt: FETCHED }) };
}

describe('htmlToText', () => {
  it('removes tags, scripts and styles, decodes entities and folds whitespace', () => {
    const html =
      '<div><style>p{color:red}</style><p>Hello&nbsp;&amp; <b>world</b></p>\n\n<script>alert("x")</script><p>Second&#x20;para &eacute;&#233;</p></div>';
    expect(htmlToText(html)).toBe('Hello & world Second para éé');
    expect(htmlToText(html, { keepLines: true })).toBe('Hello & world\nSecond para éé');
  });

  it('keeps text that only looks like markup, for the renderer to escape', () => {
    expect(htmlToText('5 < 6 and <!channel> <@U1> <https://a.example|b>')).toBe('5 < 6 and <!channel> <@U1> <https://a.example|b>');
  });

  it('strips bidi overrides and zero-width characters but keeps ZWNJ inside words', () => {
    expect(htmlToText('\u202egnp.exe\u202c invoice \u200b\u200d\u2060 عاجل')).toBe('gnp.exe invoice عاجل');
    expect(htmlToText('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('uses image alt text and survives an unterminated comment', () => {
    expect(htmlToText('<img src="x.png" alt="Map of Iraq"> caption <!-- never closed')).toBe('Map of Iraq caption');
  });
});

describe('detectLang', () => {
  it.each([
    ['الفصائل تهدد باستئناف الهجمات على القوات الأمريكية', 'ar'],
    ['Militias threaten to resume attacks on US forces if withdrawal talks fail', 'en'],
    ['Le gouvernement et les syndicats se sont retrouvés pour la négociation', 'other'],
    ['Die Regierung hat die Pläne für das neue Gesetz vorgestellt und die Kritik zurückgewiesen', 'other'],
    ['پاکستان میں بارش سے ہلاکتوں کی تعداد بڑھ گئی ہے', 'other'],
    ['Взрыв в центре города', 'other'],
  ])('%s → %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });

  it('short headlines without function words follow the feed hint', () => {
    expect(detectLang('Biden Netanyahu Call', 'fr')).toBe('other');
    expect(detectLang('Biden Netanyahu Call')).toBe('en');
  });
});

describe('formats', () => {
  it('RSS 2.0: clean text, resolved relative links, guid, author, dates', () => {
    const { parser, items } = articles(`<?xml version="1.0"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title><link>https://news.example/</link>
      <item><title>Strike &amp;amp; response</title><link>/world/1?utm_source=rss#top</link><guid isPermaLink="false">n-1</guid>
        <description>&lt;p&gt;Officials &lt;b&gt;said&lt;/b&gt;…&lt;/p&gt;</description><dc:creator>A. Writer</dc:creator>
        <pubDate>Sat, 28 Feb 2026 09:30:00 +0300</pubDate></item>
      <item><title>No date</title><link>https://news.example/world/2</link></item>
      <item><title>From the future</title><link>https://news.example/world/3</link><pubDate>Sat, 28 Feb 2099 09:30:00 GMT</pubDate></item>
      </channel></rss>`);
    expect(parser).toBe('feedsmith');
    const [a, b, c] = items.map((i) => i.article);
    expect(a).toMatchObject({
      feedId: 'f1',
      url: 'https://news.example/world/1',
      title: 'Strike & response',
      summary: 'Officials said…',
      author: 'A. Writer',
      guid: 'n-1',
      lang: 'en',
      published: '2026-02-28T06:30:00.000Z',
      fetchedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(items[1]!.dateMissing).toBe(true);
    expect(b!.published).toBe('2026-03-01T12:00:00.000Z');
    // A date after the fetch is impossible: it becomes the fetch time.
    expect(c!.published).toBe('2026-03-01T12:00:00.000Z');
    expect(items[0]!.dedupeKeys).toEqual(['u:https://news.example/world/1', 'g:f1:n-1']);
  });

  it('Atom: xml:base, xhtml content, entry author', () => {
    const { items } = articles(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/posts/" xml:lang="en">
      <title>Blog</title><author><name>Feed Author</name></author>
      <entry><title type="html">&lt;em&gt;Hello&lt;/em&gt; there</title><link rel="alternate" href="hello.html"/><id>tag:blog,1</id>
      <updated>2026-02-27T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First paragraph.</p><p>Second one.</p></div></content></entry>
      </feed>`);
    expect(items[0]!.article).toMatchObject({
      url: 'https://blog.example/posts/hello.html',
      title: 'Hello there',
      text: 'First paragraph.\nSecond one.',
      author: 'Feed Author',
      published: '2026-02-27T10:00:00.000Z',
    });
  });

  it('JSON Feed, including the 1.0 "version" spelling feedsmith does not detect', () => {
    const doc = JSON.stringify({
      version: '1.0',
      title: 'J',
      home_page_url: 'https://j.example/',
      items: [{ id: '1', url: '/p/1', title: 'T1', content_text: 'a <b> is literal', date_published: '2026-02-28T00:00:00Z' }],
    });
    const { parser, items } = articles(doc);
    expect(parser).toBe('lenient');
    expect(items[0]!.article).toMatchObject({ url: 'https://j.example/p/1', title: 'T1', text: 'a <b> is literal' });
  });

  it('RDF / RSS 1.0', () => {
    const { items } =
      articles(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link><description>d</description></channel>
      <item rdf:about="https://r.example/1"><title>RDF item</title><link>https://r.example/1</link><dc:date>2026-02-28T08:00:00+01:00</dc:date></item></rdf:RDF>`);
    expect(items[0]!.article).toMatchObject({ url: 'https://r.example/1', title: 'RDF item', published: '2026-02-28T07:00:00.000Z' });
  });
});

describe('lenient fallback', () => {
  it('reads a feed with a bare &, an undefined entity, naked HTML and an unclosed CDATA', () => {
    const doc = `<rss version="2.0"><channel><title>Broken & proud</title>
      <item><title>Q&A &nbsp;session</title><link>https://x.example/1?a=1&b=2</link><description><p>Naked <b>html</b><br>here</p></description></item>
      <item><title>Two</title><link>https://x.example/2</link><description><![CDATA[<p>cut off</description></item>
      </channel></rss>`;
    const { parser, items } = articles(doc);
    expect(parser).toBe('lenient');
    expect(items.map((i) => i.article.title)).toEqual(['Q&A session', 'Two']);
    expect(items[0]!.article.url).toBe('https://x.example/1?a=1&b=2');
    expect(items[0]!.article.summary).toBe('Naked html here');
    expect(items[1]!.article.summary).toBe('cut off');
  });

  it('recovers the complete items of a truncated JSON Feed', () => {
    const full = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      items: [
        { id: 'a', url: 'https://t.example/a', title: 'A' },
        { id: 'b', url: 'https://t.example/b', title: 'B', content_html: '<p>long body' },
      ],
    });
    const { items } = articles(full.slice(0, full.length - 20));
    expect(items.map((i) => i.article.title)).toContain('A');
  });

  it('finds an Atom feed wrapped in an HTML page', () => {
    const { items } = articles(
      '<html><body><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><entry><title>Wrapped</title><link href="https://w.example/1"/><id>1</id></entry></feed></body></html>',
    );
    expect(items[0]!.article.title).toBe('Wrapped');
  });

  it('explains what is not a feed', () => {
    expect(parseFeedText('')).toMatchObject({ ok: false, error: 'empty document' });
    expect(parseFeedText('<!DOCTYPE html><html><body>hi</body></html>')).toMatchObject({ ok: false, error: 'an HTML page, not a feed' });
    expect(parseFeedText('<note><to>x</to></note>')).toMatchObject({
      ok: false,
      error: 'not a feed: the root element is <note>, not <rss>, <feed> or <rdf:RDF>',
    });
    expect(parseFeedText('{"a":1}')).toMatchObject({ ok: false, error: 'JSON, but not a JSON Feed (no "items" array)' });
  });
});

describe('identity', () => {
  it('items sharing one page URL with distinct guids get distinct ids (glossary-style feeds)', () => {
    const { items } = articles(`<feed xmlns="http://www.w3.org/2005/Atom"><title>G</title>
      <entry><title>a</title><link href="https://g.example/#a"/><id>tag:g,1:a</id><updated>2026-02-28T00:00:00Z</updated></entry>
      <entry><title>b</title><link href="https://g.example/#b"/><id>tag:g,1:b</id><updated>2026-02-28T00:00:00Z</updated></entry></feed>`);
    const [a, b] = items;
    expect(a!.article.url).toBe('https://g.example/');
    expect(a!.article.id).not.toBe(b!.article.id);
    expect(a!.dedupeKeys).toEqual(['g:f1:tag:g,1:a']);
  });

  it('the same canonical URL in two feeds gives the same id and key', () => {
    const doc = (u: string) => `<rss version="2.0"><channel><title>x</title><item><title>t</title><link>${u}</link></item></channel></rss>`;
    const a = articles(doc('https://news.example/a?utm_source=feed1')).items[0]!;
    const b = articles(doc('https://NEWS.example:443/a#x'), 'https://other.example/rss').items[0]!;
    expect(a.article.id).toBe(b.article.id);
    expect(a.dedupeKeys[0]).toBe(b.dedupeKeys[0]);
  });

  it('a javascript: link is no URL', () => {
    const { items } = articles(
      '<rss version="2.0"><channel><title>x</title><item><title>t</title><link>javascript:alert(1)</link><guid>j1</guid></item></channel></rss>',
    );
    expect(items[0]!.article.url).toBe('');
    expect(items[0]!.dedupeKeys).toEqual(['g:f1:j1']);
  });
});
