// Cleaning, highlights, sentence choice, cutting and escaping: the pieces every renderer uses.
import { describe, expect, it } from 'vitest';
import { cleanRich, normaliseMarks, truncateRich } from '../../src/digest/rich-text.ts';
import { splitSentences, summaryOf } from '../../src/digest/summarise.ts';
import { escapeSlackText, escapeTelegramHtml, hostLabel, safeHttpUrl, slackLink, telegramLink } from '../../src/digest/escape.ts';
import { article, matchOf } from './fixtures/samples.ts';

describe('cleanRich', () => {
  it('drops bidi overrides, invisible and control characters and keeps highlights on the right words', () => {
    const raw = '\u202Egnp.exe\u202C invoice \u200B\u200D\u2060 عاجل:\u0007 خبر\u001b[2J';
    const at = raw.indexOf('عاجل');
    const r = cleanRich(raw, [[at, at + 4]]);
    expect(r.text).toBe('gnp.exe invoice عاجل: خبر[2J');
    expect(r.text.slice(r.marks[0]![0], r.marks[0]![1])).toBe('عاجل');
  });

  it('keeps a zero-width joiner inside an emoji sequence only', () => {
    expect(cleanRich('family 👨\u200D👩\u200D👧 a\u200Db').text).toBe('family 👨\u200D👩\u200D👧 ab');
  });

  it('collapses white space and maps highlights through it', () => {
    const raw = '  US   forces\n\n leave  ';
    const r = cleanRich(raw, [[raw.indexOf('forces'), raw.indexOf('forces') + 6]]);
    expect(r).toEqual({ text: 'US forces leave', marks: [[3, 9]] });
  });

  it('widens a highlight to the whole word (an Arabic match inside a prefixed word) and merges overlaps', () => {
    const text = 'والقوات الأمريكية';
    expect(
      normaliseMarks(
        [
          [2, 7],
          [1, 3],
        ],
        text,
      ),
    ).toEqual([[0, 7]]);
  });

  it('cuts at a word boundary with an ellipsis, never inside a surrogate pair', () => {
    const r = truncateRich({ text: 'alpha beta gamma delta', marks: [[17, 22]] }, 15);
    expect(r.text).toBe('alpha beta…');
    expect(r.marks).toEqual([]);
    const emoji = truncateRich({ text: `${'x'.repeat(9)}😀😀😀`, marks: [] }, 11);
    expect(emoji.text.length).toBeLessThanOrEqual(11);
    expect(emoji.text).not.toMatch(/[\ud800-\udbff]…/);
  });
});

describe('summaries', () => {
  it('splits sentences in English and Arabic without breaking at U.S.', () => {
    const s = 'U.S. forces left the base. Officials said so! هل انتهى؟ نعم.';
    expect(splitSentences(s).map((x) => s.slice(x.start, x.end))).toEqual(['U.S. forces left the base.', 'Officials said so!', 'هل انتهى؟', 'نعم.']);
  });

  it('picks the sentences that carry the matched terms, in document order, highlighted', () => {
    const a = article({
      id: 'x',
      feed: 'f',
      url: 'https://f.example/x',
      lang: 'en',
      hoursAgo: 1,
      title: 'Talks resume',
      text: 'The weather was mild. Negotiators met again in Baghdad. The withdrawal timetable was discussed at length. Lunch was served.',
    });
    const m = matchOf(a, 'withdrawal', ['withdrawal', 'timetable', 'Baghdad']);
    const s = summaryOf(a, [m]);
    expect(s.text).toBe('Negotiators met again in Baghdad. The withdrawal timetable was discussed at length.');
    expect(s.marks.map(([x, y]) => s.text.slice(x, y))).toEqual(['Baghdad', 'withdrawal', 'timetable']);
  });

  it('falls back to the lead when the body carries no term, in the article language', () => {
    const a = article({
      id: 'y',
      feed: 'f',
      url: 'https://f.example/y',
      lang: 'ar',
      hoursAgo: 1,
      title: 'انسحاب القوات',
      text: 'بدأت القوات مغادرة القاعدة صباح اليوم. وقال مسؤولون إن العملية ستستغرق أسابيع. وأضافوا أن التفاصيل لم تحسم.',
    });
    const m = matchOf(a, 'withdrawal', ['انسحاب']);
    const s = summaryOf(a, [m]);
    expect(s.text).toBe('بدأت القوات مغادرة القاعدة صباح اليوم. وقال مسؤولون إن العملية ستستغرق أسابيع.');
    expect(s.marks).toEqual([]);
  });

  it('stays within 280 characters, cut at a word boundary, even for one endless sentence', () => {
    const words = Array.from({ length: 120 }, (_, i) => (i === 100 ? 'withdrawal' : `word${i}`));
    const a = article({ id: 'z', feed: 'f', url: 'https://f.example/z', lang: 'en', hoursAgo: 1, title: 't', text: words.join(' ') });
    const s = summaryOf(a, [matchOf(a, 'w', ['withdrawal'])]);
    expect(s.text.length).toBeLessThanOrEqual(280);
    expect(s.text).toMatch(/ word\d+…$/);
  });

  it('uses the feed summary when there is no body, finding the terms in it', () => {
    const a = article({
      id: 's',
      feed: 'f',
      url: 'https://f.example/s',
      lang: 'en',
      hoursAgo: 1,
      title: 'Strike reported',
      text: '',
      summary: 'A US strike hit a depot. Nobody was hurt.',
    });
    const s = summaryOf(a, [{ id: 'us-strikes', score: 1, terms: ['strike'], spans: [{ field: 'title', start: 0, end: 6, term: 'strike' }] }]);
    expect(s.text).toBe('A US strike hit a depot. Nobody was hurt.');
    expect(s.marks).toEqual([[5, 11]]);
  });
});

describe('escaping and links', () => {
  it('escapes Slack control characters, & first', () => {
    expect(escapeSlackText('<!channel> & <https://evil|bank> &lt;')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|bank&gt; &amp;lt;');
  });

  it('escapes Telegram HTML text and attributes', () => {
    expect(escapeTelegramHtml('<b>"x" & y</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;');
  });

  it('allows only plain http(s) links', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' data:text/html,x',
      'file:///etc/passwd',
      'tg://user?id=1',
      'mailto:a@b.c',
      'https://bank.example@evil.example/',
      'https://user:pw@x.example/',
      '//x.example',
      'not a url',
      '',
    ]) {
      expect(safeHttpUrl(bad), bad).toBeUndefined();
    }
    expect(safeHttpUrl('https://example.com/a b?q=<x>&y="z"')).toBe('https://example.com/a%20b?q=%3Cx%3E&y=%22z%22');
    expect(safeHttpUrl('http://example.com/')).toBe('http://example.com/');
  });

  it('builds links that cannot be broken out of', () => {
    expect(slackLink('https://x.example/?a=1&b=|2', 'A <b> & |c')).toBe('<https://x.example/?a=1&amp;b=%7C2|A &lt;b&gt; &amp; |c>');
    expect(slackLink('javascript:alert(1)', '<!here>')).toBe('&lt;!here&gt;');
    expect(telegramLink('https://x.example/?a="1"&b', 'label')).toBe('<a href="https://x.example/?a=%221%22&amp;b">label</a>');
    expect(telegramLink('data:text/html,hi', 'label')).toBe('label');
    expect(hostLabel('https://www.example.co.uk/x')).toBe('example.co.uk');
  });
});
