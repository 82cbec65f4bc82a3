import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { TopicMatcher } from '../../src/topics/matcher.ts';
import { RaqibError } from '../../src/core/types.ts';

const one = (query: string) => compileTopics([{ id: 't', query }]);

describe('matcher: spans', () => {
  it('reports spans as UTF-16 offsets into the original title and text', () => {
    const title = 'إعلانُ انسحابِ القوّات';
    const text = '😀 Then the U.S. troops began withdrawing; وبالقوات الأميركية.';
    const m = one('انسحاب OR withdraw* OR "القوات الأمريكية" OR troops');
    const [r] = m.match({ title, text });
    expect(r).toBeDefined();
    const got = r!.spans.map((s) => [s.field, (s.field === 'title' ? title : text).slice(s.start, s.end), s.term]);
    expect(got).toEqual([
      ['title', 'انسحابِ', 'انسحاب'],
      ['text', 'troops', 'troops'],
      ['text', 'withdrawing', 'withdraw*'],
      ['text', 'وبالقوات الأميركية', 'القوات الأمريكية'],
    ]);
  });

  it('matches attached prefixes and spelling variants through the index', () => {
    const m = one('ضربة NEAR/3 أمريكية');
    expect(m.match({ title: '', text: 'وردت واشنطن بضربات أميركية' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'ضربات تركية' })).toHaveLength(0);
  });
});

describe('matcher: operators', () => {
  it('NEAR/n counts tokens in either order within one field', () => {
    const m = one('alpha NEAR/2 beta');
    expect(m.match({ title: '', text: 'alpha x beta' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'beta x alpha' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'alpha x y beta' })).toHaveLength(0);
    expect(m.match({ title: 'alpha', text: 'beta' })).toHaveLength(0);
  });

  it('BEFORE/n requires order', () => {
    const m = one('US BEFORE/3 strikes');
    expect(m.match({ title: '', text: 'US jets launched strikes' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'strikes on US bases' })).toHaveLength(0);
  });

  it('NOT NEAR/n keeps only occurrences without the excluded context', () => {
    const m = one('strikes NOT NEAR/3 Israeli');
    expect(m.match({ title: '', text: 'Israeli strikes hit the town' })).toHaveLength(0);
    expect(m.match({ title: '', text: 'Israeli jets flew. Much later, far away, other strikes followed' })).toHaveLength(1);
  });

  it('NOT and -term exclude at article level', () => {
    const m = one('withdrawal -bank');
    expect(m.match({ title: '', text: 'troop withdrawal' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'bank withdrawal' })).toHaveLength(0);
  });

  it('title: restricts a term to the title', () => {
    const m = one('title:Iraq');
    expect(m.match({ title: 'News from Iraq', text: '' })).toHaveLength(1);
    expect(m.match({ title: 'News', text: 'Iraq' })).toHaveLength(0);
  });

  it('matches phrases only as consecutive words, prefixes inside them too', () => {
    const m = one('"Islamic Resistance in Iraq" OR "coalition forc*"');
    expect(m.match({ title: '', text: 'the Islamic Resistance in Iraq said' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'resistance in Iraq, Islamic groups' })).toHaveLength(0);
    expect(m.match({ title: '', text: 'coalition forces left' })[0]!.terms).toEqual(['coalition forc*']);
  });
});

describe('matcher: exact words', () => {
  it('=word skips inflection folding but keeps case folding and Arabic prefixes', () => {
    const m = one('=forces');
    expect(m.match({ title: '', text: 'US Forces left' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'they were forced out' })).toHaveLength(0);
    expect(one('forces').match({ title: '', text: 'they were forced out' })).toHaveLength(1);
    const ar = one('=ضربة');
    expect(ar.match({ title: '', text: 'وبضربة واحدة' })).toHaveLength(1);
    expect(ar.match({ title: '', text: 'ضربات متتالية' })).toHaveLength(0);
  });
});

describe('matcher: score', () => {
  it('weighs a title hit above a text hit', () => {
    const m = one('withdrawal');
    const inTitle = m.match({ title: 'withdrawal', text: '' })[0]!.score;
    const inText = m.match({ title: '', text: 'withdrawal' })[0]!.score;
    expect(inTitle).toBeGreaterThan(inText);
  });

  it('grows with more distinct terms more than with repeats', () => {
    const m = one('a1 OR b1 OR c1');
    const distinct = m.match({ title: '', text: 'a1 b1 c1' })[0]!.score;
    const repeated = m.match({ title: '', text: 'a1 a1 a1' })[0]!.score;
    expect(distinct).toBeGreaterThan(repeated);
    expect(m.match({ title: '', text: 'a1 b1' })[0]!.terms).toEqual(['a1', 'b1']);
  });
});

describe('matcher: index', () => {
  it('evaluates only topics that have a term in the article', () => {
    const defs = Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, query: `word${i} OR "shared phrase${i}"` }));
    const m = new TopicMatcher(defs);
    const scanned = m.scan({ title: 'word7', text: 'nothing else word1999' });
    expect(scanned.candidates).toEqual([7, 1999]);
    expect(m.match({ title: 'word7', text: '' }).map((x) => x.id)).toEqual(['t7']);
  });

  it('does not look for a title: term in the body, unless another query wants it there', () => {
    const m = new TopicMatcher([
      { id: 'headline', query: 'title:alpha beta' },
      { id: 'anywhere', query: 'gamma' },
      { id: 'both', query: 'title:gamma delta' },
    ]);
    // alpha in the body cannot satisfy title:alpha: no occurrence, no candidate.
    const body = m.scan({ title: 'nothing', text: 'alpha beta' });
    expect(body.candidates).toEqual([]);
    expect(body.occurrences.size).toBe(1);
    expect(m.scan({ title: 'alpha', text: 'beta' }).candidates).toEqual([0]);
    expect(m.match({ title: 'alpha', text: 'beta' }).map((x) => x.id)).toEqual(['headline']);
    // gamma is wanted anywhere by one topic, so the body's gamma is recorded (for it).
    expect(m.scan({ title: '', text: 'gamma delta' }).candidates).toEqual([1, 2]);
    expect(m.match({ title: '', text: 'gamma delta' }).map((x) => x.id)).toEqual(['anywhere']);
  });

  it('refuses an invalid query or duplicate id with a coded error', () => {
    expect(() => compileTopics([{ id: 'x', query: 'a OR' }])).toThrowError(/position 4/);
    try {
      compileTopics([
        { id: 'x', query: 'a' },
        { id: 'x', query: 'b' },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as RaqibError).code).toBe('TOPIC_DUPLICATE');
    }
  });

  it('stays bounded on an adversarial article', () => {
    const m = one('(a OR b) NEAR/5 (a OR b)');
    const text = 'a b '.repeat(50_000);
    const t0 = performance.now();
    expect(m.match({ title: '', text })).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('explain', () => {
  it('shows matched clauses, failed clauses and snippets', () => {
    const m = one('title:(انسحاب OR withdrawal) NEAR/5 (troops OR القوات) -bank');
    const [ex] = m.explain({ title: 'Troops begin withdrawal from the base', text: 'no bank here' });
    expect(ex!.matched).toBe(false);
    const clauses = ex!.clauses;
    expect(clauses[0]).toMatchObject({ held: true, fields: ['title'] });
    expect(clauses[0]!.snippets[0]).toContain('«Troops»');
    expect(clauses[1]).toMatchObject({ negated: true, held: false, fields: ['text'] });
  });
});

describe('fast path', () => {
  it('holds() agrees with evaluate() on chained, ordered and negated proximity', async () => {
    const { holds, evaluate } = await import('../../src/topics/evaluate.ts');
    const queries = [
      'a NEAR/2 b NEAR/2 c',
      'a BEFORE/3 (b OR c) NOT NEAR/1 d',
      'ATLEAST/2 (a NEAR/3 b) OR title:c',
      '(a OR "b c") NEAR/4 d -e',
      'a NOT BEFORE/2 b AND c',
    ];
    const words = ['a', 'b', 'c', 'd', 'e', 'x'];
    let seed = 3;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const q of queries) {
      const m = new TopicMatcher([{ id: 'q', query: q }]);
      for (let k = 0; k < 300; k++) {
        const text = Array.from({ length: 12 }, () => words[Math.floor(next() * words.length)]).join(' ');
        const title = words[Math.floor(next() * words.length)]!;
        const s = m.scan({ title, text });
        expect(holds(m.compiled[0]!.root, s.occurrences), `${q} | ${title} | ${text}`).toBe(evaluate(m.compiled[0]!.root, s.occurrences).ok);
      }
    }
  });
});

describe('matcher: places and exclusions', () => {
  it('ATLEAST/n counts places that do not overlap: one mention reached twice counts once', () => {
    const m = one('ATLEAST/2 ((withdrawal NEAR/3 troops) OR withdrawal)');
    // "troops withdrawal": the NEAR occurrence spans both words, the bare term is inside it.
    expect(m.match({ title: '', text: 'the troops withdrawal began' })).toHaveLength(0);
    expect(m.match({ title: '', text: 'the troops withdrawal began and the withdrawal went on' })).toHaveLength(1);
  });

  it('ATLEAST/n counts a title place and a text place separately', () => {
    const m = one('ATLEAST/2 raid');
    expect(m.match({ title: 'raid', text: 'raid' })).toHaveLength(1);
    expect(m.match({ title: '', text: 'raid' })).toHaveLength(0);
  });

  it('NOT NEAR/n also rejects an excluded word inside the span it qualifies', () => {
    const m = one('(US NEAR/4 withdraw) NOT NEAR/2 not');
    expect(m.match({ title: '', text: 'if the US does not withdraw' })).toHaveLength(0);
    expect(m.match({ title: '', text: 'the US will withdraw' })).toHaveLength(1);
    // The excluded word far away does not spoil it.
    expect(m.match({ title: '', text: 'the US will withdraw soon and then some more people will not care' })).toHaveLength(1);
  });

  it('NOT NEAR/n also rejects an excluded occurrence that runs over the edge of the span it qualifies', () => {
    // "killing of ... Nujaba" shares Nujaba with "Nujaba ... operations": the faction is the victim here.
    const m = one('(Nujaba NEAR/3 operations) NOT NEAR/1 (killing BEFORE/3 Nujaba)');
    expect(m.match({ title: '', text: 'the killing of a Nujaba operations chief' })).toHaveLength(0);
    expect(m.match({ title: '', text: 'Nujaba claimed the operations overnight' })).toHaveLength(1);
    // The very same span does not spoil itself.
    expect(one('Nujaba NOT NEAR/1 Nujaba').match({ title: '', text: 'Nujaba said' })).toHaveLength(1);
  });
});
