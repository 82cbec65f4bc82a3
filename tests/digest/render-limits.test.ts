// Platform limits and bidi handling on digests built in memory: long digests split between
// stories (Telegram ≤ 4096 after entity parsing, Slack ≤ 50 blocks), and mixed Arabic/Latin text
// isolated so it keeps its order.
import { describe, expect, it } from 'vitest';
import { renderSlack, renderTelegram, renderText, toMessageBodies, type Digest, type DigestStory } from '../../src/digest/index.ts';
import { cleanRich, FSI, PDI } from '../../src/digest/rich-text.ts';
import { checkTelegramText } from '../fakes/telegram-html.ts';
import { slackProblems, telegramProblems } from './helpers/platform-checks.ts';

const UNTIL = Date.parse('2025-05-06T18:00:00Z');

function story(i: number, over: Partial<DigestStory> = {}): DigestStory {
  const headline = `القصة رقم ${i}: الفصائل & <القوات> تتبادل الاتهامات حول قاعدة Ain al-Asad `.repeat(4);
  const summary = `${'نص طويل يحمل الكلمات المطابقة مثل الانسحاب والجدول الزمني '.repeat(5)}`;
  return {
    storyId: `s-${i}`,
    rank: i,
    score: 1,
    matchScore: 3,
    topics: ['withdrawal'],
    terms: ['انسحاب'],
    lang: 'ar',
    headline: cleanRich(headline.slice(0, 300), [[10, 17]]),
    summary: cleanRich(summary.slice(0, 280), [[30, 38]]),
    url: `https://news.example/${i}?a=1&b=2`,
    source: 'news.example',
    firstSeenMs: UNTIL - 3_600_000,
    latestMs: UNTIL - 3_600_000,
    articleCount: 6,
    sourceCount: 6,
    languages: ['ar', 'en'],
    sources: Array.from({ length: 5 }, (_, k) => ({ name: `outlet-${k}.example`, url: `https://outlet-${k}.example/${i}` })),
    ...over,
  };
}

function digest(n: number, more = 0): Digest {
  return {
    topics: [{ id: 'withdrawal', name: 'Withdrawal' }],
    sinceMs: UNTIL - 86_400_000,
    untilMs: UNTIL,
    lang: 'ar',
    empty: false,
    totals: { stories: n + more, articles: 6 * (n + more), sources: 6 },
    stories: Array.from({ length: n }, (_, i) => story(i + 1)),
    more,
  };
}

describe('Telegram splitting', () => {
  it('splits a long digest between stories; every message parses and stays ≤ 4096', () => {
    const d = digest(40, 7);
    const msgs = renderTelegram(d);
    expect(msgs.length).toBeGreaterThan(1);
    let seen = 0;
    for (const m of msgs) {
      expect(telegramProblems(m)).toEqual([]);
      const r = checkTelegramText(m, 'HTML');
      expect(r.ok && r.length).toBeLessThanOrEqual(4096);
      // Each message after the first starts with a story (never mid-story, never mid-tag).
      if (m !== msgs[0]) expect(m.startsWith('<b>') || m.startsWith('<i>')).toBe(true);
      seen += (m.match(/<b>\d+\.<\/b>/g) ?? []).length;
    }
    expect(seen).toBe(40);
    expect(msgs[msgs.length - 1]).toContain('و٧ قصص أخرى');
  });
});

describe('Slack limits', () => {
  it('keeps ≤ 50 blocks and ≤ 3000 characters per text, splitting into several messages', () => {
    const msgs = renderSlack(digest(40, 2));
    expect(msgs.length).toBeGreaterThan(1);
    let sections = 0;
    for (const m of msgs) {
      expect(slackProblems(m)).toEqual([]);
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      sections += m.blocks.filter((b) => (b as { type: string }).type === 'section').length;
    }
    expect(sections).toBe(40);
  });

  it('clips a section that would pass 3000 characters without cutting an entity', () => {
    const huge = story(1, { summary: { text: '&<>'.repeat(1500), marks: [] } });
    const d = { ...digest(0), stories: [huge], totals: { stories: 1, articles: 1, sources: 1 } };
    const [m] = renderSlack(d);
    expect(slackProblems(m!)).toEqual([]);
  });
});

describe('bidi', () => {
  it('isolates feed text and drops the feed’s own directional controls so isolates stay balanced', () => {
    const s = story(1, { headline: cleanRich('\u2067قصف \u2069قاعدة Ain al-Asad\u202E'), summary: { text: '', marks: [] }, sources: [], sourceCount: 1 });
    const d = { ...digest(0), stories: [s], totals: { stories: 1, articles: 1, sources: 1 } };
    const line = renderText(d)
      .split('\n')
      .find((l) => l.startsWith('1. '))!;
    expect(line).toBe(`1. ${FSI}قصف قاعدة Ain al-Asad${PDI}`);
    for (const out of [renderText(d), ...renderTelegram(d), JSON.stringify(renderSlack(d))]) {
      expect((out.match(/\u2068/g) ?? []).length).toBe((out.match(/\u2069/g) ?? []).length);
      expect(out).not.toMatch(/[\u202a-\u202e\u2066\u2067]/);
    }
  });
});

describe('the checks themselves', () => {
  it('catch what they are meant to catch', () => {
    expect(slackProblems({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi <!channel>' } }] })).not.toEqual([]);
    expect(
      slackProblems(
        { text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '<https://evil.example|https://bank.example>' } }] },
        new Set(['https://news.example/']),
      ),
    ).not.toEqual([]);
    expect(slackProblems({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).not.toEqual([]);
    expect(telegramProblems('<p>x</p>')).not.toEqual([]);
    expect(telegramProblems('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(telegramProblems('x'.repeat(4097))).not.toEqual([]);
  });
});

describe('message bodies for the outbox', () => {
  it('one body per platform message; scheduled empty digests post nothing, on-demand ones say so', () => {
    const full = digest(3);
    expect(toMessageBodies(full, 'telegram').map((b) => b.format)).toEqual(['telegram-html']);
    expect(toMessageBodies(full, 'slack')[0]).toMatchObject({ format: 'slack', text: expect.stringContaining('Withdrawal') });
    expect(toMessageBodies(full, 'console')[0]!.format).toBe('text');
    const empty: Digest = { ...digest(0), empty: true, totals: { stories: 0, articles: 0, sources: 0 } };
    expect(toMessageBodies(empty, 'slack', { scheduled: true })).toEqual([]);
    const onDemand = toMessageBodies(empty, 'telegram');
    expect(onDemand).toHaveLength(1);
    expect(onDemand[0]).toMatchObject({ format: 'telegram-html', html: expect.stringContaining('لا جديد') });
  });
});
