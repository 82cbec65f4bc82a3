// The structured topic format: clauses compile to the matcher, problems are all reported with
// their line and clause or vocabulary, and clause hits say where each clause held.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { compileTopics } from '../../src/topics/index.ts';
import { TopicMatcher } from '../../src/topics/matcher.ts';
import { readTopicText } from '../../src/topics/topic-read.ts';
import { buildTopics } from '../../src/topics/topic-build.ts';
import { redundantTerms } from '../../src/topics/lint.ts';
import type { TopicDef } from '../../src/core/types.ts';

function build(yaml: string): { topics: TopicDef[]; problems: { path: string; line?: number; message: string }[] } {
  return buildTopics([{ file: 'test.yaml', origin: 'config', raw: readTopicText(yaml) }]);
}

const PULLOUT = [
  'vocabularies:',
  '  withdrawal_words: [withdraw*, pullout, انسحاب]',
  '  us_forces: [US forces, American troops, القوات الأمريكية]',
  '  places: [Iraq, Syria, العراق]',
  'topics:',
  '  - id: pullout',
  '    names: { en: US pullout, ar: الانسحاب }',
  '    clauses:',
  '      pullout: { any: [withdrawal_words], near: 8, with: [us_forces] }',
  '      headline: { any: [withdrawal_words], in: title }',
  '      place: { any: [places] }',
  '      afghan: { terms: [Afghanistan, Kabul] }',
  '    require: [pullout, place]',
  '    any: [headline]',
  '    exclude: [afghan]',
].join('\n');

describe('structured topics', () => {
  it('compile to the same verdicts as the equivalent free query', () => {
    const r = build(PULLOUT);
    expect(r.problems).toEqual([]);
    const structured = compileTopics(r.topics);
    const free = compileTopics([
      {
        id: 'pullout',
        query:
          '((withdraw* OR pullout OR انسحاب) NEAR/8 ("US forces" OR "American troops" OR "القوات الأمريكية")) AND (Iraq OR Syria OR العراق) AND title:(withdraw* OR pullout OR انسحاب) NOT (Afghanistan OR Kabul)',
      },
    ]);
    const docs = [
      { title: 'US begins withdrawal', text: 'US forces will withdraw from Iraq by September.' },
      { title: 'Talks continue', text: 'US forces will withdraw from Iraq by September.' },
      { title: 'US begins withdrawal', text: 'US forces will withdraw from Iraq, unlike Afghanistan.' },
      { title: 'بدء الانسحاب', text: 'أعلنت القوات الأمريكية انسحابها من العراق.' },
      { title: 'Pullout', text: 'American troops are in Syria; a pullout is not planned for years and years and years to come.' },
    ];
    for (const d of docs)
      expect(
        structured.match(d).map((m) => m.id),
        d.title + d.text,
      ).toEqual(free.match(d).map((m) => m.id));
    expect(structured.match(docs[0]!)).toHaveLength(1);
    expect(structured.match(docs[3]!)).toHaveLength(1);
  });

  it('reports where each clause held: clause name, field and offsets', () => {
    const m = new TopicMatcher(build(PULLOUT).topics);
    const doc = { title: 'US begins withdrawal', text: 'Officials said US forces will withdraw from Iraq.' };
    const [hit] = m.matchDetailed(doc);
    expect(hit!.id).toBe('pullout');
    const byClause = (c: string) => hit!.clauses.filter((h) => h.clause === c);
    expect(byClause('headline').map((h) => [h.field, doc.title.slice(h.start, h.end)])).toEqual([['title', 'withdrawal']]);
    expect(byClause('pullout').map((h) => [h.field, doc.text.slice(h.start, h.end)])).toEqual([['text', 'US forces will withdraw']]);
    expect(byClause('place')[0]!.terms).toEqual(['Iraq']);
    expect(byClause('afghan')).toEqual([]);
    // The contract shape is unchanged.
    expect(Object.keys(m.match(doc)[0]!).sort()).toEqual(['id', 'score', 'spans', 'terms']);
  });

  it('renders a readable summary as the query and keeps names, aliases and description', () => {
    const [t] = build(PULLOUT).topics;
    expect(t!.name).toBe('US pullout');
    expect(t!.names).toEqual({ en: 'US pullout', ar: 'الانسحاب' });
    expect(t!.query).toMatch(/^pullout: withdrawal_words\[withdraw\*, pullout \+1\] NEAR\/8 us_forces/);
    expect(t!.query).toMatch(/require pullout, place; any of headline; none of afghan$/);
  });

  it('reports every problem at once, each with its line and the clause or vocabulary', () => {
    const yaml = [
      'vocabularies:', //                                 1
      '  words: [withdraw*, "bad*term"]', //              2
      '  unused_words: [nothing]', //                      3
      'topics:', //                                        4
      '  - id: t', //                                      5
      '    clauses:', //                                   6
      '      a: { any: [words, nosuch] }', //              7
      '      b: {}', //                                    8
      '      c: { query: "iraq AND (baghdad" }', //        9
      '    require: [a, missing]', //                      10
    ].join('\n');
    const r = build(yaml);
    const got = r.problems.map((p) => `${p.line}: ${p.message}`);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2: vocabulary words, term "bad\*term": '\*' is only allowed at the end of a word \(at position 3 of the term\)/),
        expect.stringMatching(/^7: topic t: unknown vocabulary or clause "nosuch"/),
        expect.stringMatching(/^8: clause b is empty/),
        expect.stringMatching(/^10: topic t: the condition names an unknown clause "missing"|^5: topic t: the condition names an unknown clause "missing"/),
        expect.stringMatching(/^3: vocabulary unused_words is not used by any topic/),
      ]),
    );
    // The query error is reported with the clause's own line and position in its own text,
    // once the other problems are fixed.
    const q = build(['topics:', '  - id: t', '    clauses:', '      c: { query: "iraq AND (baghdad" }', '    require: [c]'].join('\n'));
    expect(q.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^4: topic t, clause c, query: expected '\)' to close .* \(at position 17 of the query\)/),
    ]);
  });

  it('refuses a clause that refers to itself and a name that is both a vocabulary and a clause', () => {
    const r = build(['vocabularies:', '  x: [a]', 'topics:', '  - id: t', '    clauses:', '      x: { terms: [b] }', '    require: [x]'].join('\n'));
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/clause x has the name of a vocabulary/);
    const loop = build(['topics:', '  - id: t', '    clauses:', '      loop: { any: [loop] }', '    require: [loop]'].join('\n'));
    const messages = loop.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/refers to itself/);
  });
});

describe('config topics compose with the default pack', () => {
  const ids = (yaml: string) => {
    const r = parseConfigText(yaml, '/x/raqib.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.loaded.config.topics.map((t) => `${t.id}:${t.origin}`);
  };

  it('adds a custom topic and keeps the four defaults', () => {
    expect(ids('topics:\n  - id: kuwait\n    query: Kuwait\nsubscriptions:\n  - { topic: us-strikes, platform: telegram, chat: "1" }\n')).toEqual([
      'withdrawal:pack',
      'militia-threats:pack',
      'us-strikes:pack',
      'iraq:pack',
      'kuwait:config',
    ]);
  });

  it('replaces a default topic given by its id, and drops the pack with settings.defaultPack: false', () => {
    expect(ids('topics:\n  - id: iraq\n    query: Iraq\n')).toEqual(['withdrawal:pack', 'militia-threats:pack', 'us-strikes:pack', 'iraq:config']);
    expect(ids('settings: { defaultPack: false }\ntopics:\n  - id: kuwait\n    query: Kuwait\n')).toEqual(['kuwait:config']);
  });

  it('lets a config use the pack vocabularies and define its own', () => {
    const yaml = [
      'vocabularies:',
      '  gulf: [Kuwait, Qatar]',
      'topics:',
      '  - id: gulf-bases',
      '    clauses:',
      '      us: { any: [united_states] }',
      '      gulf: { any: [gulf] }',
      '    require: [us, gulf]',
    ].join('\n');
    const r = parseConfigText(yaml, '/x/raqib.yaml');
    expect(r.ok).toBe(false); // the clause "gulf" has the name of a vocabulary
    const fixed = parseConfigText(yaml.replace('gulf: { any: [gulf] }', 'in_gulf: { any: [gulf] }').replace('[us, gulf]', '[us, in_gulf]'), '/x/raqib.yaml');
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    const m = compileTopics(fixed.loaded.config.topics);
    expect(m.match({ title: 'US troops in Kuwait', text: '' }).map((x) => x.id)).toContain('gulf-bases');
  });

  it('extends a default topic: exclude: removes matches, include: adds terms, nothing else changes', () => {
    const doc = {
      title: 'US to withdraw troops from Iraq',
      text: 'The United States will withdraw its troops from Iraq by September, officials in Baghdad said. The withdrawal of the remaining forces follows talks.',
    };
    const base = parseConfigText('', '/x/raqib.yaml');
    const excluded = parseConfigText('topics:\n  - extends: withdrawal\n    exclude: [September]\n', '/x/raqib.yaml');
    if (!base.ok || !excluded.ok) throw new Error('config refused');
    expect(
      compileTopics(base.loaded.config.topics)
        .match(doc)
        .map((m) => m.id),
    ).toContain('withdrawal');
    const ext = excluded.loaded.config.topics;
    expect(ext.map((t) => `${t.id}:${t.origin}`)).toEqual(['withdrawal:extends', 'militia-threats:pack', 'us-strikes:pack', 'iraq:pack']);
    expect(
      compileTopics(ext)
        .match(doc)
        .map((m) => m.id),
    ).not.toContain('withdrawal');
    expect(ext[0]!.spec!.exclude).toContain('excluded');

    const rotation = {
      title: 'Troop rotation at Iraq base',
      text: 'A troop rotation is under way, US officials in Baghdad said. The troop rotation ends next week.',
    };
    const included = parseConfigText('topics:\n  - extends: withdrawal\n    include: [troop rotation]\n', '/x/raqib.yaml');
    if (!included.ok) throw new Error('config refused');
    expect(
      compileTopics(base.loaded.config.topics)
        .match(rotation)
        .map((m) => m.id),
    ).not.toContain('withdrawal');
    expect(
      compileTopics(included.loaded.config.topics)
        .match(rotation)
        .map((m) => m.id),
    ).toContain('withdrawal');
  });

  it('extends: include: adds terms to a main clause written as a query', () => {
    const yaml = [
      'topics:',
      '  - id: oil',
      '    clauses:',
      "      main: { query: 'Kirkuk NEAR/5 oil' }",
      '    require: [main]',
      '  - extends: oil',
      '    include: [Basra refinery]',
    ].join('\n');
    const r = parseConfigText(yaml, '/x/raqib.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const m = compileTopics(r.loaded.config.topics);
    expect(m.match({ title: 'Kirkuk oil exports', text: '' }).map((x) => x.id)).toContain('oil');
    expect(m.match({ title: 'Fire at Basra refinery', text: '' }).map((x) => x.id)).toContain('oil');
  });

  it('reports an extends of an unknown topic and a subscription to an unknown topic', () => {
    const r = parseConfigText(
      'topics:\n  - extends: nosuch\n    exclude: [x]\nsubscriptions:\n  - { topic: gone, platform: telegram, chat: "1" }\n',
      '/x/raqib.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.path}@${p.line}: ${p.message}`)).toEqual([
      'topics[0].extends@2: extends: unknown topic "nosuch"',
      'subscriptions[0].topic@undefined: unknown topic "gone"',
    ]);
  });
});

describe('vocabulary lint', () => {
  it('flags a term another term of the same vocabulary already matches, under raqib’s analyser', () => {
    const v = readTopicText('vocabularies:\n  x: [العراق, العراقية, فصائل, الفصائل, withdraw*, withdrawal, Iran-backed, Iran-backed militia*, Kuwait]\n')
      .vocabularies[0]!;
    expect(redundantTerms(v).map((f) => `${f.term} <- ${f.coveredBy}`)).toEqual(['العراقية <- العراق', 'الفصائل <- فصائل', 'withdrawal <- withdraw*']);
  });
});
