// Character sets before parsing: windows-1256 Arabic built byte by byte from a hand-written
// table (independent of the decoder under test), UTF-16/32, lying and bogus declarations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBytes } from '../../src/feeds/charset.ts';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedBytes } from '../../src/feeds/parse.ts';
import { corpusPresent, FEEDS_DIR } from './corpus-expected.ts';
import { cp1256 } from './cp1256.ts';

const TITLE = 'الفصائل تهدد باستئناف الهجمات على القوات الأمريكية';
const BODY = 'قالت فصائل عراقية إنها ستستأنف هجماتها إذا فشلت محادثات الانسحاب، فهل تنجح المفاوضات؟';

const arabicFeed = (decl: string, lang = 'ar') =>
  `${decl}<rss version="2.0"><channel><title>أخبار</title><language>${lang}</language>` +
  `<item><title>${TITLE}</title><link>https://news.example/a/1</link><description>${BODY}</description></item></channel></rss>`;

function articleOf(bytes: Buffer, contentType?: string) {
  const r = parseFeedBytes(bytes, contentType);
  if (!r.ok) throw new Error(r.error);
  const [item] = normaliseFeed(r.feed, { feedId: 'f1', feedUrl: 'https://news.example/rss', fetchedAt: Date.parse('2026-01-01T00:00:00Z') });
  return { article: item!.article, charset: r.charset! };
}

describe('windows-1256 Arabic', () => {
  it('decodes by the XML declaration', () => {
    const { article, charset } = articleOf(cp1256(arabicFeed('<?xml version="1.0" encoding="windows-1256"?>')));
    expect(charset).toMatchObject({ encoding: 'windows-1256', source: 'xml' });
    expect(article.title).toBe(TITLE);
    expect(article.summary).toBe(BODY);
    expect(article.lang).toBe('ar');
  });

  it('decodes by the HTTP charset when the document declares nothing', () => {
    const { article, charset } = articleOf(cp1256(arabicFeed('')), 'application/rss+xml; charset="Windows-1256"');
    expect(charset).toMatchObject({ encoding: 'windows-1256', source: 'http' });
    expect(article.title).toBe(TITLE);
  });

  it('falls back to windows-1256 for an Arabic feed that claims UTF-8 but is not', () => {
    const { article, charset } = articleOf(cp1256(arabicFeed('<?xml version="1.0" encoding="utf-8"?>')));
    expect(charset).toMatchObject({ encoding: 'windows-1256', source: 'fallback' });
    expect(article.title).toBe(TITLE);
  });

  it('a bogus label is ignored and reported', () => {
    const d = decodeBytes(cp1256(arabicFeed('<?xml version="1.0" encoding="arabic-please"?>')));
    expect(d.unknownLabels).toEqual(['arabic-please']);
    expect(d.encoding).toBe('windows-1256');
    expect(d.text).toContain(TITLE);
  });
});

describe('other encodings', () => {
  const feed = (t: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>${t}</title></item></channel></rss>`;

  it('UTF-8 wins over a wrong legacy declaration (miniflux utf8-incorrect-prolog)', () => {
    const bytes = Buffer.from(feed('Café – €5').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'));
    expect(decodeBytes(bytes)).toMatchObject({ encoding: 'utf-8', source: 'utf8' });
    expect(articleOf(bytes).article.title).toBe('Café – €5');
  });

  it('Latin-1 bytes without a declaration become windows-1252 text, not U+FFFD', () => {
    const bytes = Buffer.from(feed('Mãe de utente é a nova presidente'), 'latin1');
    const { article, charset } = articleOf(bytes);
    expect(charset.source).toBe('fallback');
    expect(article.title).toBe('Mãe de utente é a nova presidente');
  });

  it('UTF-16 with and without BOM, UTF-32 without a decoder in TextDecoder', () => {
    const text = feed('مرحبا hello');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const beNoBom = Buffer.from(text, 'utf16le').swap16();
    const u32 = Buffer.alloc(text.length * 4);
    [...text].forEach((ch, i) => u32.writeUInt32BE(ch.codePointAt(0)!, i * 4));
    expect(decodeBytes(le)).toMatchObject({ encoding: 'utf-16le', source: 'bom', text });
    expect(decodeBytes(beNoBom)).toMatchObject({ encoding: 'utf-16be', source: 'sniff', text });
    expect(decodeBytes(u32)).toMatchObject({ encoding: 'utf-32be', source: 'sniff', text });
    expect(articleOf(le).article.title).toBe('مرحبا hello');
  });

  it('a UTF-8 BOM is honoured and removed', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss/>')]));
    expect(d).toMatchObject({ text: '<rss/>', source: 'bom' });
  });

  it('reads the charset parameter of Content-Type', () => {
    expect(charsetFromContentType('text/xml; charset=ISO-8859-7')).toBe('ISO-8859-7');
    expect(charsetFromContentType('text/xml;charset = "koi8-r"')).toBe('koi8-r');
    expect(charsetFromContentType('application/rss+xml')).toBeUndefined();
  });

  it.skipIf(!corpusPresent)('corpus: KOI8-R and UTF-32 feeds decode (../shared)', () => {
    const koi = articleOf(readFileSync(join(FEEDS_DIR, 'miniflux/encoding/koi8r.xml')));
    expect(koi.charset.encoding).toBe('koi8-r');
    expect(koi.article.title).toBe('Первая новость');
    const u32 = decodeBytes(readFileSync(join(FEEDS_DIR, 'feedparser/encoding/utf-32le-bom.xml')));
    expect(u32).toMatchObject({ encoding: 'utf-32le', source: 'bom' });
    expect(u32.text).toContain('<rss');
  });
});
