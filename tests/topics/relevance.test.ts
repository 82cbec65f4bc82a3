// The relevance rule on short texts of our own: where the evidence sits decides the score.
import { describe, expect, it } from 'vitest';
import { scoreRelevance, sentenceOf, sentenceStarts, type ClauseHit } from '../../src/topics/relevance.ts';

/** Hits for every occurrence of `word` in the title and text, as clause `clause`. */
function hitsOf(clause: string, word: string, title: string, text: string): ClauseHit[] {
  const out: ClauseHit[] = [];
  for (const [field, s] of [['title', title], ['text', text]] as const) {
    for (let i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) out.push({ clause, field, start: i, end: i + word.length });
  }
  return out;
}

const FILLER = 'Markets were calm and the weather was mild across the region that week.';
const body = (...sentences: string[]) => sentences.join(' ');

describe('sentenceStarts', () => {
  it('splits after full stops, question marks (Latin and Arabic) and line breaks', () => {
    const text = 'One thing. Two things? ثلاثة؟ أربعة.\nFive';
    const starts = sentenceStarts(text);
    expect(starts.map((s) => text.slice(s, s + 4))).toEqual(['One ', 'Two ', 'ثلاث', 'أربع', 'Five']);
  });

  it('does not split after initials such as U.S. or titles such as Gen.', () => {
    const text = 'The U.S. Army and Gen. Smith met. Then they left.';
    expect(sentenceStarts(text)).toEqual([0, text.indexOf('Then')]);
  });

  it('finds the sentence holding an offset', () => {
    const starts = [0, 10, 20];
    expect([0, 9, 10, 25].map((at) => sentenceOf(starts, at))).toEqual([0, 0, 1, 2]);
  });
});

describe('scoreRelevance', () => {
  it('evidence in the title clears the default threshold on its own', () => {
    const title = 'Convoy pullout begins';
    const text = body(FILLER, FILLER, FILLER);
    const r = scoreRelevance(hitsOf('pullout', 'pullout', title, text), text);
    expect(r.parts.title).toBe(3);
    expect(r.relevant).toBe(true);
  });

  it('a single clause deep in the body scores low', () => {
    const text = body(FILLER, FILLER, FILLER, 'In passing, an old pullout was recalled.');
    const r = scoreRelevance(hitsOf('pullout', 'pullout', 'Markets rally', text), text);
    expect(r.score).toBe(1);
    expect(r.parts).toMatchObject({ title: 0, lead: 0, body: 1, spread: 0 });
    expect(r.relevant).toBe(false);
  });

  it('the lead counts more than the body, and lead plus a later sentence is enough', () => {
    const leadOnly = body('The pullout started today.', FILLER, FILLER);
    const both = body('The pullout started today.', FILLER, FILLER, 'Officials said the pullout would take weeks.');
    const a = scoreRelevance(hitsOf('pullout', 'pullout', '', leadOnly), leadOnly);
    const b = scoreRelevance(hitsOf('pullout', 'pullout', '', both), both);
    expect(a.parts.lead).toBe(2);
    expect(a.relevant).toBe(false);
    expect(b.parts).toMatchObject({ lead: 2, body: 1, spread: 0.5 });
    expect(b.relevant).toBe(true);
  });

  it('a lead sentence starting after the lead window is body', () => {
    const long = 'x'.repeat(500);
    const text = `${long}. The pullout started.`;
    const r = scoreRelevance(hitsOf('pullout', 'pullout', '', text), text);
    expect(r.parts).toMatchObject({ lead: 0, body: 1 });
  });

  it('several sentences of evidence add up to relevance', () => {
    const text = body(FILLER, FILLER, 'A pullout was ordered.', 'The pullout took days.', 'After the pullout, bases closed.', 'The pullout ended.');
    const r = scoreRelevance(hitsOf('pullout', 'pullout', '', text), text);
    // Four sentences: the best one counts as body, three more as spread (capped).
    expect(r.parts).toMatchObject({ body: 1, spread: 1 });
    expect(r.score).toBe(2);
    expect(scoreRelevance(hitsOf('pullout', 'pullout', '', text), text, { threshold: 2 }).relevant).toBe(true);
  });

  it('two hits in one sentence count as one place', () => {
    const text = body(FILLER, FILLER, 'The pullout and another pullout.');
    expect(scoreRelevance(hitsOf('pullout', 'pullout', '', text), text).score).toBe(1);
  });

  it('echo clauses count for half, and only beside real evidence', () => {
    const text = body(FILLER, FILLER, 'The drawdown went on.', 'The drawdown was slow.');
    const roles = { echo: 'echo' as const };
    const alone = scoreRelevance(hitsOf('echo', 'drawdown', '', text), text, { roles });
    expect(alone.score).toBe(0);
    const withEvidence = [...hitsOf('echo', 'drawdown', 'Troops pullout', text), ...hitsOf('pullout', 'pullout', 'Troops pullout', text)];
    const r = scoreRelevance(withEvidence, text, { roles });
    expect(r.parts).toMatchObject({ title: 3, body: 0.5, spread: 0.25 });
  });

  it('context clauses never add to the score', () => {
    const text = body('Baghdad is large.', FILLER);
    const r = scoreRelevance(hitsOf('place', 'Baghdad', 'Baghdad', text), text, { roles: { place: 'context' } });
    expect(r.score).toBe(0);
  });

  it('a competing story that fills more places than the evidence weighs against', () => {
    const text = body('Rebels fired on ships.', 'Rebels seized a tanker.', 'Rebels vowed more.', 'A pullout was mentioned.');
    const hits = [...hitsOf('pullout', 'pullout', '', text), ...hitsOf('rival', 'Rebels', 'Rebels strike', text)];
    const r = scoreRelevance(hits, text, { roles: { rival: 'against' } });
    // Against places: title and three sentences, evidence: one sentence.
    expect(r.parts.against).toBe(-3);
    expect(r.relevant).toBe(false);
  });

  it('a competing story mentioned less than the evidence costs nothing', () => {
    const title = 'Pullout starts';
    const text = body('The pullout began at dawn.', 'Rebels elsewhere fired on ships.', 'The pullout continues.');
    const hits = [...hitsOf('pullout', 'pullout', title, text), ...hitsOf('rival', 'Rebels', title, text)];
    const r = scoreRelevance(hits, text, { roles: { rival: 'against' } });
    expect(r.parts.against).toBe(0);
    expect(r.relevant).toBe(true);
  });

  it('uses the threshold given per topic', () => {
    const text = body('The pullout started today.', FILLER);
    const hits = hitsOf('pullout', 'pullout', '', text);
    expect(scoreRelevance(hits, text, { threshold: 2 }).relevant).toBe(true);
    expect(scoreRelevance(hits, text, { threshold: 2.5 }).relevant).toBe(false);
  });
});
