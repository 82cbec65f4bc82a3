// The parse_mode=HTML validator, case by case from ../shared/fixtures/telegram/parse_mode_html.md
// (tags, escaping, nesting, limits) and tdlib's parser that the Bot API runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTelegramLink, checkTelegramText, parseTelegramHtml, telegramHtmlLength } from '../fakes/telegram-html.ts';
import { HAS_SHARED, sharedPath } from '../helpers/shared.ts';

const okParse = (html: string): Extract<ReturnType<typeof parseTelegramHtml>, { ok: true }> => {
  const r = parseTelegramHtml(html);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(html)} to parse, got: ${r.error}`);
  return r;
};
const errorOf = (html: string): string => {
  const r = parseTelegramHtml(html);
  if (r.ok) throw new Error(`expected ${JSON.stringify(html)} to fail`);
  return r.error;
};

describe('accepted tags and their entities', () => {
  it('parses every documented tag into its entity type', () => {
    const cases: [string, string][] = [
      ['<b>x</b>', 'bold'],
      ['<strong>x</strong>', 'bold'],
      ['<i>x</i>', 'italic'],
      ['<em>x</em>', 'italic'],
      ['<u>x</u>', 'underline'],
      ['<ins>x</ins>', 'underline'],
      ['<s>x</s>', 'strikethrough'],
      ['<strike>x</strike>', 'strikethrough'],
      ['<del>x</del>', 'strikethrough'],
      ['<span class="tg-spoiler">x</span>', 'spoiler'],
      ['<tg-spoiler>x</tg-spoiler>', 'spoiler'],
      ['<a href="http://www.example.com/">x</a>', 'text_link'],
      ['<a href="tg://user?id=123456789">x</a>', 'text_mention'],
      ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', 'custom_emoji'],
      ['<tg-time unix="1647531900" format="wDT">x</tg-time>', 'date_time'],
      ['<code>x</code>', 'code'],
      ['<pre>x</pre>', 'pre'],
      ['<blockquote>x</blockquote>', 'blockquote'],
      ['<blockquote expandable>x</blockquote>', 'expandable_blockquote'],
    ];
    for (const [html, type] of cases)
      expect(
        okParse(html).entities.map((e) => e.type),
        html,
      ).toEqual([type]);
  });

  it('parses the nesting example of the docs with UTF-16 offsets', () => {
    const r = okParse(
      '<b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">italic bold strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>',
    );
    expect(r.text).toBe('bold italic bold italic bold strikethrough italic bold strikethrough spoiler underline italic bold bold');
    expect(r.entities).toEqual([
      { type: 'bold', offset: 0, length: 103 },
      { type: 'italic', offset: 5, length: 93 },
      { type: 'strikethrough', offset: 17, length: 59 },
      { type: 'spoiler', offset: 43, length: 33 },
      { type: 'underline', offset: 77, length: 21 },
    ]);
  });

  it('sets a language only on <pre><code class="language-…">', () => {
    expect(okParse('<pre><code class="language-python">print(1)</code></pre>').entities).toEqual([{ type: 'pre', offset: 0, length: 8, language: 'python' }]);
    expect(okParse('<code class="language-python">x</code>').entities).toEqual([{ type: 'code', offset: 0, length: 1 }]);
    expect(okParse('<pre>a<code class="language-js">b</code></pre>').entities.map((e) => e.type)).toEqual(['pre']);
  });

  it('treats tag names case-insensitively and allows spaces before >', () => {
    expect(okParse('<B>x</B >').entities).toEqual([{ type: 'bold', offset: 0, length: 1 }]);
    expect(okParse('<b>x</>').text).toBe('x'); // an empty end tag closes whatever is open
  });

  it('counts offsets in UTF-16 and length in code points, Arabic and emoji included', () => {
    const r = okParse('خبر 😀 <b>عاجل</b>');
    expect(r.entities).toEqual([{ type: 'bold', offset: 7, length: 4 }]);
    expect(r.length).toBe(10);
    expect(r.utf16Length).toBe(11);
  });
});

describe('escaping and entities', () => {
  it('decodes &lt; &gt; &amp; &quot; and numeric entities, keeps other named ones literally', () => {
    expect(okParse('&lt;b&gt; &amp; &quot;q&quot; &#1575;&#x627;').text).toBe('<b> & "q" اا');
    expect(okParse('a&nbsp;b &hellip; AT&T &#X41;').text).toBe('a&nbsp;b &hellip; AT&T &#X41;');
    expect(okParse('&amp without semicolon').text).toBe('& without semicolon');
  });

  it('accepts a bare > but not a bare <', () => {
    expect(okParse('5 > 4').text).toBe('5 > 4');
    expect(errorOf('5 < 6')).toBe('Unsupported start tag "" at byte offset 2');
    expect(errorOf('x <')).toBe('Unclosed start tag at byte offset 2');
  });

  it('rejects entities that decode to lone surrogates', () => {
    expect(errorOf('&#xD83D;')).toMatch(/^Text contains invalid Unicode characters/);
  });
});

describe('errors Telegram reports (byte offsets are UTF-8)', () => {
  it('rejects unknown tags, feed HTML included', () => {
    expect(errorOf('<p>x</p>')).toBe('Unsupported start tag "p" at byte offset 0');
    expect(errorOf('عربي <br/>')).toBe('Unsupported start tag "br/" at byte offset 9');
    expect(errorOf('<script>alert(1)</script>')).toBe('Unsupported start tag "script" at byte offset 0');
    expect(errorOf('<!-- c -->')).toBe('Unsupported start tag "!--" at byte offset 0');
  });

  it('rejects unclosed, unmatched and unexpected tags', () => {
    expect(errorOf('<b>bold')).toBe('Can\'t find end tag corresponding to start tag "b"');
    expect(errorOf('<b><i>x</b></i>')).toBe('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(errorOf('x</b>')).toBe('Unexpected end tag at byte offset 1');
    expect(errorOf('<b>x</b')).toBe('Unclosed end tag at byte offset 4');
  });

  it('checks attributes like tdlib: quoted values, name tokens, span class', () => {
    expect(errorOf('<a href=https://example.com>x</a>')).toBe('Unexpected end of name token at byte offset 8');
    expect(okParse('<a href=example.com>x</a>').entities[0]!.url).toBe('http://example.com/');
    expect(errorOf('<span class="other">x</span>')).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(errorOf('<a href="x>y</a>')).toBe('Unclosed start tag at byte offset 0');
    expect(errorOf('<b =x>y</b>')).toBe('Empty attribute name in the tag "b" at byte offset 0');
  });

  it('rejects a custom emoji without a valid id', () => {
    expect(errorOf('<tg-emoji emoji-id="abc">👍</tg-emoji>')).toBe('Invalid custom emoji identifier specified');
    expect(errorOf('<tg-emoji>👍</tg-emoji>')).toBe('Invalid custom emoji identifier specified');
    expect(okParse('<tg-emoji emoji-id="5368324170671202286">no emoji</tg-emoji>').warnings[0]).toMatch(/not an emoji/);
  });

  it('checks tg-time attributes against the documented format pattern', () => {
    expect(okParse('<tg-time unix="1647531900">x</tg-time>').entities[0]).toMatchObject({ unix_time: 1647531900 });
    expect(okParse('<tg-time unix="1" format="r">x</tg-time>').entities[0]).toMatchObject({ date_time_format: 'r' });
    expect(errorOf('<tg-time unix="1" format="rw">x</tg-time>')).toMatch(/format/);
    expect(errorOf('<tg-time>x</tg-time>')).toMatch(/Unix time/);
  });
});

describe('links and nesting rules: dropped silently, reported as warnings', () => {
  it('keeps http(s) and tg links, drops javascript: and user-info links', () => {
    expect(checkTelegramLink('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(checkTelegramLink('example.com')).toBe('http://example.com/');
    expect(checkTelegramLink('tg://resolve?domain=raqib')).toBe('tg://resolve?domain=raqib');
    expect(checkTelegramLink('javascript:alert(1)')).toBeUndefined();
    expect(checkTelegramLink('https://user:pw@example.com/')).toBeUndefined();
    const r = okParse('<a href="javascript:alert(1)">click</a>');
    expect(r.entities).toEqual([]);
    expect(r.warnings[0]).toMatch(/dropped/);
    expect(okParse('<a>https://example.com</a>').entities[0]!.url).toBe('https://example.com/');
  });

  it('drops formatting inside code/pre, nested blockquotes and links inside code', () => {
    const code = okParse('<code><b>x</b></code>');
    expect(code.entities.map((e) => e.type)).toEqual(['code']);
    expect(okParse('<blockquote>a<blockquote>b</blockquote></blockquote>').entities.map((e) => e.type)).toEqual(['blockquote']);
    expect(okParse('<code><a href="https://e.com">x</a></code>').entities.map((e) => e.type)).toEqual(['code']);
    expect(okParse('<blockquote><b>bold quote</b></blockquote>').entities.map((e) => e.type)).toEqual(['blockquote', 'bold']);
    expect(okParse('<a href="https://e.com"><b>x</b></a>').warnings).toEqual([]);
  });
});

describe('text checks of sendMessage', () => {
  it('trims spaces and newlines like Telegram and counts 1..4096 after parsing', () => {
    expect(okParse('\n  hi  \n').text).toBe('hi');
    expect(checkTelegramText(`<b>${'x'.repeat(4096)}</b>`, 'HTML')).toMatchObject({ ok: true, length: 4096 });
    expect(checkTelegramText('x'.repeat(4097), undefined)).toEqual({ ok: false, description: 'Bad Request: message is too long' });
    expect(checkTelegramText('😀'.repeat(4096), undefined).ok).toBe(true); // code points, not UTF-16 units
    expect(checkTelegramText('', 'HTML')).toEqual({ ok: false, description: 'Bad Request: message text is empty' });
    expect(checkTelegramText('<i> </i>\n', 'HTML')).toEqual({ ok: false, description: 'Bad Request: message text is empty' });
    expect(checkTelegramText('x', 'html5')).toEqual({ ok: false, description: 'Bad Request: unsupported parse_mode' });
    expect(checkTelegramText('<x>', 'HTML')).toEqual({
      ok: false,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0',
    });
    expect(telegramHtmlLength('<b>ab</b> &amp;')).toBe(4);
  });
});

describe.skipIf(!HAS_SHARED)('against ../shared/fixtures', () => {
  it('accepts exactly the tags listed in parse_mode_html.json', () => {
    const spec = JSON.parse(readFileSync(sharedPath('fixtures/telegram/parse_mode_html.json'), 'utf8')) as { tags: { tags: string[] }[] };
    const listed = new Set(spec.tags.flatMap((t) => t.tags));
    const attrs: Record<string, string> = { span: ' class="tg-spoiler"', 'tg-emoji': ' emoji-id="1"', 'tg-time': ' unix="1"', a: ' href="https://e.com"' };
    for (const tag of listed) expect(parseTelegramHtml(`<${tag}${attrs[tag] ?? ''}>x</${tag}>`).ok, tag).toBe(true);
    for (const tag of ['p', 'div', 'br', 'img', 'h1', 'ul', 'li', 'script', 'font', 'sup'])
      expect(errorOf(`<${tag}>x</${tag}>`)).toMatch(/^Unsupported start tag/);
  });

  it('rejects the raw HTML title of feeds/authored/rss_chat_injection.xml, accepts it escaped', () => {
    const xml = readFileSync(sharedPath('fixtures/feeds/authored/rss_chat_injection.xml'), 'utf8');
    const title = /<guid>injection-1<\/guid>[\s\S]*?<title><!\[CDATA\[([\s\S]*?)\]\]><\/title>/.exec(xml)?.[1];
    expect(title).toBeDefined();
    expect(parseTelegramHtml(title!).ok).toBe(false);
    const escaped = title!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(okParse(escaped).text).toBe(title!.trim());
  });
});
