import { describe, expect, it } from 'vitest';
import { TopicMatcher } from '../../src/topics/matcher.ts';
import { Prefilter } from '../../src/topics/prefilter.ts';

/** Whether each query may hold on this article, by the prefilter alone (from its term occurrences). */
function verdicts(queries: string[], doc: { title: string; text: string }): boolean[] {
  const m = new TopicMatcher(queries.map((query, i) => ({ id: `q${i}`, query })));
  const filter = new Prefilter(m.compiled.map((c) => c.root));
  const { occurrences } = m.scan(doc);
  return queries.map((_, i) => filter.mayHold(i, occurrences));
}

describe('prefilter: a necessary condition on which terms occur', () => {
  it('turns a topic away when a term its NEAR or AND needs is absent', () => {
    expect(verdicts(['alpha NEAR/3 beta', 'alpha AND beta', 'alpha (beta OR gamma)'], { title: '', text: 'alpha only' })).toEqual([false, false, false]);
    expect(verdicts(['alpha NEAR/3 beta', 'alpha AND beta', 'alpha (beta OR gamma)'], { title: '', text: 'gamma then alpha' })).toEqual([false, false, true]);
  });

  it('never turns away a topic that could hold: positions, absences and counts are left to the full evaluation', () => {
    const doc = { title: '', text: 'alpha far far far far far far beta' };
    // NEAR/3 fails here on distance, but both terms occur: let through (evaluation decides).
    expect(verdicts(['alpha NEAR/3 beta'], doc)).toEqual([true]);
    // NOT, NOT NEAR and ATLEAST need their positive side only.
    expect(verdicts(['alpha -beta', 'alpha NOT NEAR/2 beta', 'ATLEAST/2 alpha', 'gamma OR (alpha -delta)'], doc)).toEqual([true, true, true, true]);
    expect(verdicts(['gamma OR delta', 'title:alpha beta'], { title: 'alpha', text: 'beta' })).toEqual([false, true]);
    // title:alpha is not looked for in the body at all, so there it is absent.
    expect(verdicts(['title:alpha beta'], { title: '', text: 'alpha beta' })).toEqual([false]);
  });
});
