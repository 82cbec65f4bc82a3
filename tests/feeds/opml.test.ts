// OPML in and out: raqib's settings survive a round trip in their own namespace; foreign OPML
// (nested folders, other namespaces) is read; malformed files and files over the stated limits
// are refused as a whole with a clear message.
import { describe, expect, it } from 'vitest';
import { OPML_LIMITS, RAQIB_OPML_NS, readOpml, writeOpml, type OpmlFeed } from '../../src/feeds/opml.ts';
import { parseStrictXml } from '../../src/feeds/strict-xml.ts';

const feeds: OpmlFeed[] = [
  { url: 'https://a.example/rss.xml', name: 'A & "B" <news>', intervalMs: 600_000, fullText: true, maxAgeMs: 2 * 86_400_000 },
  { url: 'https://b.example/feed?x=1&y=2' },
  { url: 'https://c.example/atom', name: 'سي', fullText: false },
];

describe('writeOpml → readOpml', () => {
  it('keeps every feed and setting, escaped, in the raqib namespace', () => {
    const text = writeOpml(feeds, { now: new Date('2026-01-02T03:04:05Z') });
    expect(text).toContain(`xmlns:raqib="${RAQIB_OPML_NS}"`);
    expect(text).toContain('raqib:interval="10m" raqib:fullText="true" raqib:maxAge="2d"');
    expect(text).toContain('xmlUrl="https://b.example/feed?x=1&amp;y=2"');
    const back = readOpml(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.title).toBe('raqib feeds');
    expect(back.entries.map((e) => e.feed)).toEqual(feeds);
    expect(back.entries.every((e) => e.problem === undefined)).toBe(true);
  });
});

describe('readOpml', () => {
  it('reads foreign OPML: nested folders, title/text names, another prefix bound to our namespace', () => {
    const r = readOpml(`<?xml version="1.0" encoding="utf-8"?>
<!-- exported by another reader -->
<opml version="1.0" xmlns:q="${RAQIB_OPML_NS}" xmlns:raqib="urn:someone-else">
  <head><title>My &amp; feeds</title></head>
  <body>
    <outline text="News">
      <outline type="rss" text="Al Example" title="Al Example" xmlUrl="https://x.example/feed" htmlUrl="https://x.example/"/>
      <outline text="Deeper"><outline type="rss" text="https://y.example/rss" xmlUrl="https://y.example/rss" q:interval="1h" raqib:interval="9s"/></outline>
    </outline>
    <outline text="a note without a feed"/>
  </body>
</opml>`);
    expect(r).toEqual({
      ok: true,
      title: 'My & feeds',
      entries: [
        { feed: { url: 'https://x.example/feed', name: 'Al Example' }, line: 7 },
        { feed: { url: 'https://y.example/rss', intervalMs: 3_600_000 }, line: 8 },
      ],
    });
  });

  it('refuses bad raqib settings per entry, with the reason and line', () => {
    const r = readOpml(`<opml version="2.0" xmlns:raqib="${RAQIB_OPML_NS}"><body>
<outline text="x" xmlUrl="https://ok.example/rss"/>
<outline text="y" xmlUrl="https://bad.example/rss" raqib:interval="soon" raqib:fullText="yes"/>
<outline text="z" xmlUrl=""/></body></opml>`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => [e.line, e.problem])).toEqual([
      [2, undefined],
      [3, 'raqib:interval="soon" is not a duration such as 5m or 3d; raqib:fullText="yes" is not true or false'],
      [4, 'empty xmlUrl'],
    ]);
  });

  it.each([
    [
      'an unclosed outline',
      '<opml><body><outline xmlUrl="https://a/x"></body></opml>',
      /not well-formed XML, nothing imported: line 1: <\/body> does not close <outline>/,
    ],
    ['an unquoted attribute', '<opml><body><outline xmlUrl=https://a/x /></body></opml>', /malformed attribute/],
    ['a repeated attribute', '<opml><body><outline xmlUrl="a" xmlUrl="b"/></body></opml>', /attribute "xmlUrl" given twice/],
    ['an unknown entity', '<opml><body><outline text="&nbsp;" xmlUrl="a"/></body></opml>', /unknown entity &nbsp;/],
    ['a bare ampersand', '<opml><body><outline xmlUrl="https://a/?x=1&y=2"/></body></opml>', /"&" must start an entity/],
    ['text after the root', '<opml><body/></opml>trailing', /text outside the root element/],
    ['a truncated file', '<opml><body><outline xmlUrl="https://a/x"/>', /<body> \(line 1\) is never closed/],
    ['an entity declaration', '<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', /DOCTYPE declarations with entities are not accepted/],
    ['an HTML page', '<html><body>hi</body></html>', /not OPML: the root element is <html>/],
    ['an OPML without body', '<opml version="2.0"><head/></opml>', /not OPML: there is no <body>/],
    ['an empty file', '', /no root element/],
  ])('refuses %s as a whole', (_what, text, message) => {
    const r = readOpml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it(`refuses a file over ${OPML_LIMITS.maxBytes / 1048576} MB before parsing it (a 50 MB "OPML")`, () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const t0 = performance.now();
    const r = readOpml(big);
    expect(r).toEqual({ ok: false, error: 'the file is 50 MB; OPML imports are limited to 1 MB' });
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it(`refuses a file with more than ${OPML_LIMITS.maxEntries} feeds (10,000 entries), stating the limit`, () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `<outline xmlUrl="https://f${i}.example/rss"/>`).join('');
    const r = readOpml(`<opml version="2.0"><body>${many}</body></opml>`);
    expect(r).toEqual({ ok: false, error: 'the file lists 10000 feeds; one import takes at most 1000' });
    const exact = Array.from({ length: 1_000 }, (_, i) => `<outline xmlUrl="https://f${i}.example/rss"/>`).join('');
    const ok = readOpml(`<opml version="2.0"><body>${exact}</body></opml>`);
    expect(ok.ok && ok.entries.length).toBe(1_000);
  });
});

describe('parseStrictXml', () => {
  it('keeps ">" inside attribute values, CDATA text and character references', () => {
    const r = parseStrictXml('<a x="1 > 0"><b><![CDATA[<raw> & ]]></b><c>&#x41;&#66;&amp;</c></a>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.attrs.get('x')).toBe('1 > 0');
    expect(r.root.children.map((c) => c.text)).toEqual(['<raw> & ', 'AB&']);
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const r = parseStrictXml(deep);
    expect(r).toEqual({ ok: false, error: 'line 1: nested deeper than 64 levels' });
  });
});
