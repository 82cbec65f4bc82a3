// The default pack under the relevance rule, on short articles invented for these tests: where
// the evidence sits decides, and wordings the first rules missed (a parliament vote, a stormed
// embassy, a strike told by its aircraft) are caught in general terms.
import { describe, expect, it } from 'vitest';
import { compileTopics, formatExplanation } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) => matcher.match({ title, text }).map((m) => m.id);
const FILLER = 'Traffic in the capital was heavy and the markets stayed open late into the evening on the holiday.';

describe('default pack: relevance', () => {
  it('every event topic has a threshold, so the rule decides', () => {
    for (const t of defaultTopics().filter((d) => d.id !== 'iraq')) expect(t.spec?.threshold).toBeGreaterThan(0);
  });

  it('a US strike told in the lead and echoed later is us-strikes; one sentence deep in the body is background', () => {
    const strike = 'The United States carried out airstrikes on depots of Iran-backed militias near al-Qaim in Iraq overnight.';
    const echo = 'The strikes destroyed two buildings, a spokesman said on Sunday morning.';
    expect(topicsOf('Power cuts in Basra', [strike, FILLER, FILLER, echo].join(' '))).toContain('us-strikes');
    expect(topicsOf('Power cuts in Basra', [FILLER, FILLER, FILLER, strike].join(' '))).not.toContain('us-strikes');
  });

  it('a threatened strike is not a strike', () => {
    const text = 'Washington threatened to strike targets of Iran-backed militias in Iraq if the attacks go on, officials said in Baghdad.';
    expect(topicsOf('Washington warns militias in Iraq', text)).not.toContain('us-strikes');
  });

  it('EN: a parliament vote to expel foreign troops is withdrawal news', () => {
    const text = 'Lawmakers in Baghdad voted on Sunday for a resolution to expel foreign troops from Iraq, including the US-led coalition.';
    expect(topicsOf('Iraqi parliament votes to expel foreign troops', text)).toContain('withdrawal');
  });

  it('AR: a parliament vote to take out the foreign forces is withdrawal news', () => {
    const text = 'صوت البرلمان العراقي على قرار يلزم الحكومة بإخراج القوات الأجنبية من العراق وإنهاء وجود التحالف الدولي بقيادة واشنطن.';
    expect(topicsOf('البرلمان العراقي يصوت على إخراج القوات الأجنبية', text)).toContain('withdrawal');
  });

  it('EN: supporters of Iran-backed militias storming the US embassy is a militia attack', () => {
    const text = 'Supporters of Iran-backed militias stormed the US embassy compound in Baghdad and set fire to a reception area, witnesses said.';
    expect(topicsOf('Crowd storms US embassy in Baghdad', text)).toContain('militia-threats');
  });

  it('AR: a US strike told by its aircraft ("مقاتلات أمريكية قصفت") is us-strikes', () => {
    const text = 'قصفت مقاتلات أمريكية مواقع لفصائل مسلحة موالية لإيران قرب الحدود العراقية السورية فجر اليوم، بحسب مصادر أمنية في الأنبار.';
    expect(topicsOf('مقاتلات أمريكية تقصف مواقع قرب القائم', text)).toContain('us-strikes');
  });

  it('AR: rockets on a base hosting US forces, with the factions named, are a militia attack', () => {
    const text = 'سقطت ثلاثة صواريخ كاتيوشا على قاعدة تضم قوات أمريكية شمال بغداد دون إصابات. وتتهم واشنطن فصائل مسلحة موالية لإيران بتنفيذ مثل هذه الهجمات.';
    expect(topicsOf('صواريخ على قاعدة تضم قوات أمريكية', text)).toContain('militia-threats');
  });

  it('EN: a faction leader killed in an airstrike, the striker unnamed, is us-strikes', () => {
    const text = 'A commander of an Iran-backed militia was killed in an airstrike on his car in eastern Baghdad on Thursday, police sources said.';
    expect(topicsOf('Militia commander killed in an airstrike in Baghdad', text)).toContain('us-strikes');
  });

  it('AR: a faction leader killed by a drone, the striker unnamed, is us-strikes', () => {
    const text = 'قيادي في حركة النجباء قتل بطائرة مسيرة استهدفت سيارته شرقي بغداد، بحسب مصدر أمني عراقي.';
    expect(topicsOf('النجباء: مقتل قيادي بطائرة مسيرة في بغداد', text)).toContain('us-strikes');
  });

  it('EN: an unnamed drone attack that kills is not a US strike (the factions fly drones too)', () => {
    const text = 'A drone attack killed two members of an Iran-backed militia near a checkpoint in Anbar, officials said, without naming who launched it.';
    expect(topicsOf('Two killed in drone attack in Anbar', text)).not.toContain('us-strikes');
  });

  it('a US strike told in two body sentences (its own paragraph) is us-strikes, one body sentence is not', () => {
    const strike =
      'Overnight, the United States carried out airstrikes on depots of Iran-backed militias near al-Qaim in Iraq. The strikes by US jets hit weapons stores, the Pentagon said.';
    expect(topicsOf('Power cuts in Basra', [FILLER, FILLER, strike].join(' '))).toContain('us-strikes');
  });

  it('explain shows the parts of the score, and why a held condition was not enough', () => {
    const text = [FILLER, FILLER, 'In passing, the United States carried out airstrikes on depots of Iran-backed militias in Iraq last year.'].join(' ');
    const out = formatExplanation('a1', matcher.explain({ title: 'Power cuts in Basra', text }));
    expect(out).toContain('✘ us-strikes  (condition held, but the article is not about it: score 1 < 2.5)');
    expect(out).toContain('relevance 1 (needs 2.5) = title 0 + lead 0 + body 1 + spread 0 + against 0');
    expect(out).toMatch(/✘ rival \[against\]/);
  });
});
