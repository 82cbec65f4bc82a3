// Feed preview: title, language, cadence from item dates, the five newest items and the topics
// (with the clauses that held) each would match, using the real topic matcher.
import { describe, expect, it } from 'vitest';
import { parseFeedText } from '../../src/feeds/parse.ts';
import { buildPreview, cadenceOf, describeCadence, formatPreview } from '../../src/feeds/preview.ts';
import { topicMatch } from '../../src/app/feed-discovery.ts';
import { compileTopics } from '../../src/topics/index.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const H = 3_600_000;
const items = [
  ['US strike hits depot near Baghdad', 2],
  ['Markets calm', 8],
  ['Weather report', 14],
  ['American airstrike reported in Syria', 20],
  ['Sports results', 26],
  ['Old item about Iraq elections', 32],
  ['Oldest item', 38],
] as const;
const RSS = `<rss version="2.0"><channel><title> Example News </title>${items
  .map(
    ([t, hoursAgo], i) =>
      `<item><title>${t}</title><link>https://news.example/${i}?utm_source=rss</link><pubDate>${new Date(NOW - hoursAgo * H).toUTCString()}</pubDate></item>`,
  )
  .join('')}</channel></rss>`;

const topics = compileTopics([
  { id: 'us-strikes', query: '(US OR American) NEAR/3 (strike OR airstrike)' },
  { id: 'iraq', query: 'Iraq OR Baghdad' },
]);

describe('buildPreview', () => {
  it('summarises title, language, cadence, the five newest items and their topics', () => {
    const parsed = parseFeedText(RSS);
    if (!parsed.ok) throw new Error(parsed.error);
    const p = buildPreview(parsed.feed, 'https://news.example/rss', { match: topicMatch(topics), now: NOW });
    expect(p.title).toBe('Example News');
    expect(p.language).toBe('en');
    expect(p.itemCount).toBe(7);
    expect(p.cadence.datedItems).toBe(7);
    expect(p.cadence.perDay).toBeCloseTo(4, 5);
    expect(p.items.map((i) => i.title)).toEqual(items.slice(0, 5).map(([t]) => t));
    expect(p.items[0]!.url).toBe('https://news.example/0');
    expect(p.items[0]!.topics.map((t) => t.topic).sort()).toEqual(['iraq', 'us-strikes']);
    expect(p.items[0]!.topics.find((t) => t.topic === 'us-strikes')!.clauses.length).toBeGreaterThan(0);
    expect(p.items[3]!.topics.map((t) => t.topic)).toEqual(['us-strikes']);
    expect(p.items[1]!.topics).toEqual([]);
    expect(p.matchingItems).toBe(3);
    const text = formatPreview(p);
    expect(text).toContain('Example News — https://news.example/rss');
    expect(text).toContain('format: rss, language: en, 7 items in the feed');
    expect(text).toContain('publishes: about 4 items a day; newest item 2026-03-10 10:00 UTC');
    expect(text).toContain('items matching a watched topic: 3 of 7');
    expect(text).toMatch(/- \[2026-03-10 10:00\] US strike hits depot near Baghdad\n {4}https:\/\/news\.example\/0\n {4}topics: (iraq|us-strikes)/);
    expect(text).toContain('  - [2026-03-10 04:00] Markets calm\n    https://news.example/1\n    topics: none');
  });

  it('says the cadence is unknown without two dated items, and uses the declared language', () => {
    const parsed = parseFeedText(
      '<rss version="2.0"><channel><title>T</title><language>ar</language><item><title>x</title><link>https://a/1</link></item></channel></rss>',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const p = buildPreview(parsed.feed, 'https://a/rss', { now: NOW });
    expect(p.language).toBe('ar');
    expect(describeCadence(p.cadence)).toBe('unknown (fewer than two dated items)');
    expect(p.items[0]!.published).toBeUndefined();
    expect(formatPreview(p)).toContain('- [undated] x');
  });
});

describe('describeCadence', () => {
  it.each([
    [[0, H / 2, H], 'about 2 items an hour'],
    [[0, 86_400_000], 'about 1 item a day'],
    [[0, 3.5 * 86_400_000], 'about 2 items a week'],
    [[0, 30 * 86_400_000], 'about 1 item a month'],
    [[5, 5, 5], 'unknown (all items carry the same date)'],
  ])('%j → %s', (times, text) => {
    expect(describeCadence(cadenceOf(times))).toBe(text);
  });
});
