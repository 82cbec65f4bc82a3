// A verdict from the buttons reaches /metrics once per change: a new 👎 counts, the same tap again
// does not, a changed mind counts under the new verdict; "not-relevant" keeps its own label.
import { afterEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/store/article-store.ts';
import { FeedbackStore } from '../../src/store/feedback-store.ts';
import { feedbackServices } from '../../src/app/feedback-services.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { storeCases } from '../helpers/stores.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('feedback verdicts in /metrics', () => {
  it('counts new and changed verdicts, not repeated taps', async () => {
    const opened = await storeCases.find((c) => c.name === 'sqlite')!.open();
    cleanup = opened.cleanup;
    const metrics = new RaqibMetrics();
    const services = feedbackServices({
      topics: async () => [],
      articles: new ArticleStore(opened.store),
      feedback: new FeedbackStore(opened.store),
      onVerdict: (topic, verdict) => metrics.feedback(metrics.topicLabel(topic), verdict),
    });
    const tap = (verdict: 'relevant' | 'not-relevant') =>
      services.record({ topic: 'iraq', story: 's-a1', verdict, platform: 'telegram', chat: '42', user: '42', atMs: Date.now() });
    expect(await tap('not-relevant')).toBe('new');
    expect(await tap('not-relevant')).toBe('same');
    expect(await tap('relevant')).toBe('changed');
    const text = await metrics.registry.render();
    expect(text).toContain('raqib_feedback_total{topic="iraq",verdict="not-relevant"} 1');
    expect(text).toContain('raqib_feedback_total{topic="iraq",verdict="relevant"} 1');
  });
});
