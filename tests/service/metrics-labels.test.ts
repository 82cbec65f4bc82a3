// Feed labels people can read: names, not hash ids, and bounded so that a large registry of feeds
// cannot explode the number of series.
import { describe, expect, it } from 'vitest';
import { MAX_FEEDBACK_TOPICS, RaqibMetrics } from '../../src/service/metrics.ts';
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

describe('feedback counts', () => {
  it('counts verdicts per topic and verdict, bounded against free-form input', async () => {
    const m = new RaqibMetrics();
    m.feedback('iraq', 'useful');
    m.feedback('iraq', 'useful');
    m.feedback('iraq', 'not_relevant');
    m.feedback('gaza', 'DROP TABLE "x"\n');
    const text = await m.registry.render();
    expect(text).toContain('# TYPE raqib_feedback_total counter');
    expect(text).toContain('raqib_feedback_total{topic="iraq",verdict="useful"} 2');
    expect(text).toContain('raqib_feedback_total{topic="iraq",verdict="not_relevant"} 1');
    expect(text).toContain('raqib_feedback_total{topic="gaza",verdict="other"} 1');
    for (let i = 0; i < MAX_FEEDBACK_TOPICS + 5; i++) m.feedback(`t${i}`, 'useful');
    expect(m.feedbackVerdicts.get({ topic: 'other', verdict: 'useful' })).toBe(7);
  });
});

describe('histograms', () => {
  it('renders cumulative buckets, +Inf, sum and count', async () => {
    const m = new RaqibMetrics();
    m.alertSent([Date.now() - 5_000, Date.now() - 40_000], Date.now(), 'slack');
    const text = await m.registry.render();
    expect(text).toContain('# TYPE raqib_alert_latency_seconds histogram');
    expect(text).toMatch(/raqib_alert_latency_seconds_bucket\{platform="slack",le="10"\} 1\n/);
    expect(text).toMatch(/raqib_alert_latency_seconds_bucket\{platform="slack",le="30"\} 1\n/);
    expect(text).toMatch(/raqib_alert_latency_seconds_bucket\{platform="slack",le="60"\} 2\n/);
    expect(text).toMatch(/raqib_alert_latency_seconds_bucket\{platform="slack",le="\+Inf"\} 2\n/);
    expect(text).toMatch(/raqib_alert_latency_seconds_count\{platform="slack"\} 2\n/);
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
