// Feed labels people can read: names, not hash ids, and bounded so that a large registry of feeds
// cannot explode the number of series.
import { describe, expect, it } from 'vitest';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { personalId } from '../../src/store/personal-topic-store.ts';

describe('feed labels', () => {
  it('gives the first N feeds their names and counts the rest as "other"', async () => {
    const m = new RaqibMetrics(2);
    for (const name of ['Reuters', 'Al Jazeera', 'BBC Arabic', 'Reuters', 'Rudaw']) m.itemsFetched.inc({ feed: m.feedLabel(name) }, 1);
    const text = await m.registry.render();
    expect(text).toContain('raqib_items_fetched_total{feed="Reuters"} 2');
    expect(text).toContain('raqib_items_fetched_total{feed="Al Jazeera"} 1');
    expect(text).toContain('raqib_items_fetched_total{feed="other"} 2');
    expect(text).not.toContain('BBC Arabic');
  });
});

describe('topic labels', () => {
  it('counts personal topics together as "personal", never naming their chat or id', async () => {
    const m = new RaqibMetrics();
    for (const id of ['iraq', personalId({ platform: 'telegram', chat: '101' }, 'bitcoin'), personalId({ platform: 'slack', chat: 'U7' }, 'gold')])
      m.matches.inc({ topic: m.topicLabel(id) });
    const text = await m.registry.render();
    expect(text).toContain('raqib_matches_total{topic="iraq"} 1');
    expect(text).toContain('raqib_matches_total{topic="personal"} 2');
    expect(text).not.toMatch(/101|bitcoin|U7|gold/);
  });
});
