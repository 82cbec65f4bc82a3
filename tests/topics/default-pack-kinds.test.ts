// Kinds of errors seen on a larger labelled tuning set (never one article's words): each case is
// written in our own words and pins a general rule of the default pack.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);

describe('default pack: a faction that attacks Israel, or is itself struck', () => {
  it('EN: an Iraqi faction launching drones at targets in Israel is not a threat to US forces', () => {
    const text =
      'The Islamic Resistance in Iraq said it launched drones at targets in Eilat overnight. The group said its attacks on the Golan would go on. The US State Department declined to comment.';
    expect(topicsOf('Iraqi faction says it targeted Eilat with drones', text)).not.toContain('militia-threats');
  });

  it('AR: an Iraqi faction attacking the north of Israel is not a threat to US forces', () => {
    const text =
      'أعلنت فصائل عراقية أنها استهدفت بطائرات مسيرة موقعا في شمال إسرائيل فجر اليوم. وقالت الفصائل إنها ستواصل هجماتها على الأراضي المحتلة دعما للمقاومة، فيما لم تعلق واشنطن.';
    expect(topicsOf('فصائل عراقية تستهدف شمال إسرائيل', text)).not.toContain('militia-threats');
  });

  it('the same faction attacking a US base stays a militia attack', () => {
    const text = 'أعلنت فصائل عراقية أنها استهدفت بطائرات مسيرة قاعدة عين الأسد التي تضم قوات أمريكية غربي العراق. وقالت الفصائل إنها ستواصل هجماتها.';
    expect(topicsOf('فصائل عراقية تستهدف قاعدة عين الأسد', text)).toContain('militia-threats');
  });

  it('AR: the death of a faction official in a strike makes the faction the victim, not the attacker', () => {
    const text =
      'لقي مسؤول العمليات في كتائب حزب الله مصرعه جراء غارة على سيارته في بغداد الليلة الماضية، بحسب مصادر أمنية. وقالت واشنطن إن الضربة جاءت في إطار الدفاع عن قواتها.';
    expect(topicsOf('مصرع مسؤول العمليات في كتائب حزب الله بغارة في بغداد', text)).not.toContain('militia-threats');
  });
});
