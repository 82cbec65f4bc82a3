// The relevance rule on short texts of our own: where the evidence sits decides the score.
import { describe, expect, it } from 'vitest';
import { leadLength, rolesOf, scoreRelevance, sentenceOf, sentenceStarts, topicRelevance, type PlaceHit } from '../../src/topics/relevance.ts';

/** Hits for every occurrence of `word` in the title and text, as clause `clause`. */
function hitsOf(clause: string, word: string, title: string, text: string): PlaceHit[] {
  const out: PlaceHit[] = [];
  for (const [field, s] of [
    ['title', title],
    ['text', text],
  ] as const) {
    for (let i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) out.push({ clause, field, start: i, end: i + word.length });
  }
  return out;
}

const FILLER = 'Markets were calm and the weather was mild across the region for most of that week.';
const body = (...sentences: string[]) => sentences.join(' ');
/** Two full sentences of filler: what follows is past the lead. */
const LEAD = body(FILLER, FILLER);

describe('sentenceStarts', () => {
  it('splits after full stops, question marks (Latin and Arabic) and line breaks', () => {
    const text = 'One thing. Two things? ثلاثة؟ أربعة.\nFive';
    const starts = sentenceStarts(text);
    expect(starts.map((s) => text.slice(s, s + 4))).toEqual(['One ', 'Two ', 'ثلاث', 'أربع', 'Five']);
  });

  it('splits after an Arabic full stop that lost its following space (scraped text)', () => {
    const text = 'قال المتحدث إن القوات ستغادر."وأضاف أن الاجتماع انتهى.ثم غادر الوفد.';
    const starts = sentenceStarts(text);
    expect(starts.map((s) => text.slice(s, s + 5))).toEqual(['قال ا', 'وأضاف', 'ثم غا']);
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

describe('leadLength', () => {
  it('is two full sentences', () => {
    const text = body(FILLER, FILLER, FILLER);
    expect(leadLength(text, sentenceStarts(text))).toBe(2);
  });

  it('lets a dateline and a repeated headline ride along without using a slot', () => {
    const text = body('Baghdad, 3 May.\nConvoys leave.\n', FILLER, FILLER, FILLER);
    expect(leadLength(text, sentenceStarts(text))).toBe(4);
  });

  it('ends at the lead window even before two full sentences', () => {
    const text = `${'word '.repeat(100)}. ${FILLER}`;
    expect(leadLength(text, sentenceStarts(text))).toBe(1);
  });
});

describe('sentenceStarts without line breaks', () => {
  it('splits at full stops only', () => {
    const text = 'One line\nwrapped here. Two.';
    expect(sentenceStarts(text, false)).toEqual([0, text.indexOf('Two')]);
  });
});

describe('scoreRelevance', () => {
  it('evidence in the title is enough on its own', () => {
    const title = 'Convoy pullout begins';
    const r = scoreRelevance(hitsOf('pullout', 'pullout', title, LEAD), LEAD);
    expect(r.parts.title).toBe(3);
    expect(r.relevant).toBe(true);
  });

  it('a single clause deep in the body scores low', () => {
    const text = body(LEAD, FILLER, 'In passing, an old pullout was recalled by one of the speakers.');
    const r = scoreRelevance(hitsOf('pullout', 'pullout', 'Markets rally', text), text);
    expect(r.score).toBe(1);
    expect(r.parts).toMatchObject({ title: 0, lead: 0, body: 1, spread: 0 });
    expect(r.relevant).toBe(false);
  });

  it('the lead counts more than the body', () => {
    const inLead = body('The pullout started today, officials said at a briefing in the capital.', FILLER, FILLER);
    const inBody = body(LEAD, 'The pullout started today, officials said at a briefing in the capital.');
    const a = scoreRelevance(hitsOf('pullout', 'pullout', '', inLead), inLead);
    const b = scoreRelevance(hitsOf('pullout', 'pullout', '', inBody), inBody);
    expect(a.parts.lead).toBe(2);
    expect(b.parts.body).toBe(1);
    expect(a.score).toBeGreaterThan(b.score);
  });

  it('each further sentence with evidence adds, up to a cap: a strike told in its own paragraph (two body sentences) counts', () => {
    const s = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i}: the pullout went on as planned, said the officials in charge.`);
    const score = (n: number) => {
      const text = body(LEAD, ...s(n));
      return scoreRelevance(hitsOf('pullout', 'pullout', '', text), text);
    };
    expect(score(1).score).toBe(1);
    expect(score(1).relevant).toBe(false);
    expect(score(2).score).toBe(2.5);
    expect(scoreRelevance(hitsOf('pullout', 'pullout', '', body(LEAD, ...s(2))), body(LEAD, ...s(2)), { threshold: 2.5 }).relevant).toBe(true);
    expect(score(3).score).toBe(4);
    expect(score(6).parts.spread).toBe(3);
  });

  it('two hits in one sentence count as one place', () => {
    const text = body(LEAD, 'The pullout and another pullout were both mentioned in the same sentence.');
    expect(scoreRelevance(hitsOf('pullout', 'pullout', '', text), text).score).toBe(1);
  });

  it('echo clauses count for half, and only beside real evidence', () => {
    const text = body(
      LEAD,
      'The drawdown went on for weeks, as the officials had planned all along.',
      'The drawdown was slow, and the officials said so several times.',
    );
    const roles = { echo: 'echo' as const };
    const alone = scoreRelevance(hitsOf('echo', 'drawdown', '', text), text, { roles });
    expect(alone.score).toBe(0);
    const title = 'Troops pullout';
    const withEvidence = [...hitsOf('echo', 'drawdown', title, text), ...hitsOf('pullout', 'pullout', title, text)];
    expect(scoreRelevance(withEvidence, text, { roles }).parts).toMatchObject({ title: 3, body: 0.5, spread: 0.75 });
  });

  it('context clauses never add to the score', () => {
    const text = body('Baghdad is a large city with a long history on the banks of the Tigris.', FILLER);
    const r = scoreRelevance(hitsOf('place', 'Baghdad', 'Baghdad', text), text, { roles: { place: 'context' } });
    expect(r.score).toBe(0);
  });

  it('a rival story that fills more places than the evidence weighs against', () => {
    const text = body(
      'The pullout was mentioned once at the start of this long report today.',
      'Rebels fired on ships in the strait again overnight, the navy said.',
      'Rebels seized a tanker and its crew of twenty sailors near the coast.',
      'Rebels vowed more attacks on shipping until their demands were met.',
    );
    const hits = [...hitsOf('pullout', 'pullout', '', text), ...hitsOf('rival', 'Rebels', 'Rebels strike', text)];
    const r = scoreRelevance(hits, text, { roles: { rival: 'against' } });
    // Rival places: the title and three sentences; evidence: one sentence.
    expect(r.parts.against).toBe(-3);
    expect(r.relevant).toBe(false);
  });

  it('a rival story told less than the evidence costs nothing', () => {
    const title = 'The pullout starts';
    const text = body(
      'The pullout began at dawn with the first convoys leaving the base.',
      'Rebels elsewhere fired on ships, in an unrelated incident at sea.',
      'The pullout continues through the week, officials said on Monday.',
    );
    const hits = [...hitsOf('pullout', 'pullout', title, text), ...hitsOf('rival', 'Rebels', title, text)];
    const r = scoreRelevance(hits, text, { roles: { rival: 'against' } });
    expect(r.parts.against).toBe(0);
    expect(r.relevant).toBe(true);
  });

  it('evidence inside a background hit is weak: one mention in passing scores low, a paragraph of them still counts', () => {
    // "following the strike" marks the strike as the cause of another story, not its news.
    const passing = (sentence: string) => hitsOf('passing', 'following the strike', '', sentence);
    const once = body(LEAD, 'Protesters gathered outside the embassy following the strike on Sunday.');
    const onceHits = [...hitsOf('strike', 'strike', '', once), ...passing(once)];
    const roles = { passing: 'background' as const };
    const r1 = scoreRelevance(onceHits, once, { roles, threshold: 2 });
    expect(r1.parts).toMatchObject({ body: 0.5, spread: 0 });
    expect(r1.relevant).toBe(false);
    const para = body(
      LEAD,
      'Protesters gathered outside the embassy following the strike on Sunday.',
      'Shops stayed shut following the strike and the roads were empty.',
      'Officials met late following the strike to discuss the next steps.',
    );
    const paraHits = [...hitsOf('strike', 'strike', '', para), ...hitsOf('passing', 'following the strike', '', para)];
    // Three weak places: best 0.5 in the body, and 1.5 × (1.5 − 0.5) for the others.
    expect(scoreRelevance(paraHits, para, { roles, threshold: 2 }).parts).toMatchObject({ body: 0.5, spread: 1.5 });
  });

  it('a hit pairing words on both sides of a full stop counts nowhere; a wrapped line does not split a statement', () => {
    const text = body(LEAD, 'Rebels staged attacks in the north.', 'Militias in the south kept quiet all week long.');
    const from = text.indexOf('attacks');
    const across: PlaceHit = { clause: 'act', field: 'text', start: from, end: text.indexOf('Militias') + 'Militias'.length };
    expect(scoreRelevance([across], text).score).toBe(0);
    const wrapped = body(LEAD, 'Militias fired rockets\nat the base on Sunday, officials said.');
    const hit: PlaceHit = { clause: 'act', field: 'text', start: wrapped.indexOf('Militias'), end: wrapped.indexOf('base') + 4 };
    expect(scoreRelevance([hit], wrapped).score).toBe(1);
  });

  it('the title is never in passing: a strike named there is the subject', () => {
    const title = 'Crowds rally following the strike';
    const r = scoreRelevance([...hitsOf('strike', 'strike', title, LEAD), ...hitsOf('passing', 'following the strike', title, LEAD)], LEAD, {
      roles: { passing: 'background' },
    });
    expect(r.parts.title).toBe(3);
  });

  it('uses the threshold given per topic', () => {
    const text = body('The pullout started today, officials said at a briefing in the capital.', FILLER);
    const hits = hitsOf('pullout', 'pullout', '', text);
    expect(scoreRelevance(hits, text, { threshold: 2 }).relevant).toBe(true);
    expect(scoreRelevance(hits, text, { threshold: 2.5 }).relevant).toBe(false);
  });
});

describe('topicRelevance', () => {
  const spec = { require: ['place'], any: ['pullout', ['cut', 'troops']], exclude: ['bank'], echo: ['echo'], against: ['rival'] };

  it('takes roles from the condition: any = evidence, require = context, echo and against as listed', () => {
    expect(rolesOf(spec)).toEqual({ place: 'context', pullout: 'evidence', cut: 'evidence', troops: 'evidence', echo: 'echo', rival: 'against' });
    expect(rolesOf({ require: ['pullout'], any: [] })).toEqual({ pullout: 'evidence' });
    expect(rolesOf({ require: [], any: ['strike'], background: ['passing'] })).toEqual({ strike: 'evidence', passing: 'background' });
  });

  it('ignores helper clauses and decides with the threshold', () => {
    const text = body(LEAD, 'A pullout was mentioned here once, in passing, by one speaker.');
    const hits = [...hitsOf('pullout', 'pullout', 'A pullout', text), ...hitsOf('helper', 'speaker', 'A pullout', text)];
    const r = topicRelevance({ ...spec, threshold: 4.5 }, hits, text);
    expect(r.parts).toMatchObject({ title: 3, body: 1 });
    expect(r.relevant).toBe(false);
    expect(topicRelevance({ ...spec, threshold: 4 }, hits, text).relevant).toBe(true);
  });

  it('without a threshold the condition alone decides, and the score still ranks', () => {
    const text = body(LEAD, 'A pullout was mentioned here once, in passing, by one speaker.');
    const r = topicRelevance(spec, hitsOf('pullout', 'pullout', '', text), text);
    expect(r).toMatchObject({ score: 1, relevant: true });
  });
});

describe('leadLength in a short text', () => {
  it('stops at half the text, so the closing sentence of a three-sentence article is body', () => {
    const text = body(
      'Members of the council argued over the budget for the third day in a row.',
      'The vote was put off.',
      'Separately, a delegation will discuss an unrelated matter next week.',
    );
    const starts = sentenceStarts(text);
    expect(leadLength(text, starts)).toBe(2);
  });
});
