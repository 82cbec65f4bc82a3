// Feed labels people can read: names, not hash ids, and bounded so that a large registry of feeds
// cannot explode the number of series.
import { describe, expect, it } from 'vitest';
import { RaqibMetrics } from '../../src/service/metrics.ts';

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
