// Follow-up replies as each platform gets them: outlet, language, headline link and what is new,
// in the reader's words; feed text escaped; valid for Telegram's parser and Slack's Block Kit.
import { describe, expect, it } from 'vitest';
import { followUpBodies, FOLLOW_UPS_PER_MESSAGE, type FollowUpEntry } from '../../src/digest/follow-up.ts';
import type { MessageBody } from '../../src/core/outbound.ts';
import { article, stored } from './fixtures/samples.ts';
import { slackProblems, telegramProblems } from './helpers/platform-checks.ts';
import { checkTelegramText } from '../fakes/telegram-html.ts';

const feedName = (id: string) => ({ 'wire-a': 'Wire A <!channel>', 'wire-b': 'رافدين' })[id];

function entry(id: string, lang: 'ar' | 'en', title: string, feed = 'wire-a'): FollowUpEntry {
  const a = article({ id, feed, url: `https://${feed}.example/${id}?a=1&b=2`, lang, hoursAgo: 1, title, text: title });
  return {
    stored: stored(a, { 'us-strikes': ['strike', 'ضربة'] }),
    changed: [
      { field: 'killed', value: '5' },
      { field: 'place', value: 'Ain al-Asad', ar: 'عين الأسد' },
    ],
  };
}

const tgHtml = (b: MessageBody) => (b.format === 'telegram-html' ? b.html : '');

describe('follow-up replies', () => {
  it('Telegram: names outlet and language, links the headline, says what is new; valid HTML, escaped', () => {
    const bodies = followUpBodies([entry('x1', 'en', 'US strike <b>hits</b> & burns')], 'telegram', { lang: 'en', feedName });
    expect(bodies).toHaveLength(1);
    const html = tgHtml(bodies[0]!);
    expect(telegramProblems(html)).toEqual([]);
    const visible = (checkTelegramText(html, 'HTML') as { text: string }).text;
    expect(visible).toContain('Follow-up · \u2068Wire A <!channel>\u2069 · en');
    expect(visible).toContain('US strike <b>hits</b> & burns');
    expect(visible).toContain('New: killed: \u20685\u2069 · place: \u2068Ain al-Asad\u2069');
    expect(visible).not.toContain('Follow-up to');
  });

  it('Arabic reader, unthreaded: says which story it follows, with Arabic labels', () => {
    const bodies = followUpBodies([entry('x2', 'ar', 'ضربة أمريكية جديدة', 'wire-b')], 'telegram', {
      lang: 'ar',
      feedName,
      followsTitle: 'Drone attack on Ain al-Asad',
    });
    const visible = (checkTelegramText(tgHtml(bodies[0]!), 'HTML') as { text: string }).text;
    expect(visible.split('\n')[0]).toBe('متابعة لـ: \u2068Drone attack on Ain al-Asad\u2069');
    expect(visible).toContain('متابعة · \u2068رافدين\u2069 · ar');
    expect(visible).toContain('جديد: قتلى: \u20685\u2069 · المكان: \u2068عين الأسد\u2069');
  });

  it('Slack: valid Block Kit with only our links; splits many follow-ups into several replies', () => {
    const many = Array.from({ length: FOLLOW_UPS_PER_MESSAGE + 2 }, (_, i) => entry(`m${i}`, 'en', `US strike report ${i} <@U123>`));
    const bodies = followUpBodies(many, 'slack', { lang: 'en', feedName, followsTitle: 'Strike <!here>' });
    expect(bodies).toHaveLength(2);
    for (const b of bodies) {
      if (b.format !== 'slack') throw new Error('not a Slack body');
      expect(slackProblems({ text: b.text, blocks: b.blocks ?? [] })).toEqual([]);
    }
    const first = JSON.stringify(bodies[0]);
    expect(first).toContain('Follow-up to');
    expect(JSON.stringify(bodies[1])).not.toContain('Follow-up to');
    expect(first).not.toContain('<!here>');
    expect(first).not.toContain('<@U123>');
  });
});
