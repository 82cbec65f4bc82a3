// An instant alert reads as an alert — headline, summary, source, time in the subscription's zone
// and the reader's language, why it matched, link — never as a one-story digest with counts; and a
// feed's own "Read more" link text never reaches a summary.
import { describe, expect, it } from 'vitest';
import { alertDigest } from '../../src/digest/alert-digest.ts';
import { renderSlack } from '../../src/digest/render-slack.ts';
import { renderTelegram } from '../../src/digest/render-telegram.ts';
import { renderText } from '../../src/digest/render-text.ts';
import { summaryOf } from '../../src/digest/summarise.ts';
import type { TopicDef } from '../../src/core/types.ts';
import { UNTIL, article, stored } from './fixtures/samples.ts';
import { slackProblems, telegramProblems } from './helpers/platform-checks.ts';

const TOPICS: TopicDef[] = [{ id: 'iraq', name: 'Iraq', names: { en: 'Iraq', ar: 'العراق' }, query: 'iraq OR baghdad' }];
// Published 17:00 UTC: 20:00 in Baghdad (UTC+3).
const a = article({
  id: 'x1',
  feed: 'wire',
  url: 'https://wire.example/news/x1',
  title: 'Rockets hit Baghdad airport',
  text: 'Rockets hit Baghdad airport late on Monday. No one was hurt, officials said. Read more »',
  lang: 'en',
  hoursAgo: 1,
});
const alertFor = (lang: 'en' | 'ar') =>
  alertDigest([stored(a, { iraq: ['baghdad'] })], { topics: ['iraq'], topicDefs: TOPICS, lang, now: UNTIL, timezone: 'Asia/Baghdad', feedName: () => 'Wire' });

describe('an instant alert', () => {
  it('on Telegram: headline link, summary, source and local time, why, link; no digest counts', () => {
    const [html, ...rest] = renderTelegram(alertFor('en'));
    expect(rest).toEqual([]);
    expect(telegramProblems(html!)).toEqual([]);
    expect(html).not.toMatch(/stor(y|ies) from|\d+ articles?|last \d/);
    expect(html).toMatch(/^<b><a href="https:\/\/wire\.example\/news\/x1">.*Rockets hit <b>Baghdad<\/b> airport.*<\/a><\/b>\n/);
    expect(html).toContain('Wire\u2069 · May 6, 20:00</i>');
    expect(html).toContain('<i>Matched Iraq (baghdad)</i>');
    expect(html).toContain('<a href="https://wire.example/news/x1">Open the article</a>');
    expect(html).not.toContain('Read more');
  });

  it('in Arabic: Arabic words and digits for the time and the reason', () => {
    const [html] = renderTelegram(alertFor('ar'));
    expect(html).toContain('٢٠:٠٠');
    expect(html).toContain('طابق \u2068العراق\u2069');
    expect(html).toContain('افتح المقال');
  });

  it('on Slack: no header block, a bold headline link, source · time · link, and why, valid Block Kit', () => {
    const [msg, ...rest] = renderSlack(alertFor('en'));
    expect(rest).toEqual([]);
    expect(slackProblems(msg!)).toEqual([]);
    const blocks = msg!.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context', 'context']);
    expect(blocks[0]!.text!.text).toMatch(/^\*<https:\/\/wire\.example\/news\/x1\|.*Rockets hit Baghdad airport.*>\*\n/);
    expect(blocks[1]!.elements![0]!.text).toContain('May 6, 20:00 · <https://wire.example/news/x1|Open the article>');
    expect(blocks[2]!.elements![0]!.text).toBe('Matched Iraq (baghdad)');
    expect(msg!.text).toContain('Rockets hit Baghdad airport');
    expect(JSON.stringify(msg)).not.toMatch(/story from|Read more/);
  });

  it('several stories: one after another, divided on Slack, blank lines on Telegram and in text', () => {
    const b = article({
      id: 'x2',
      feed: 'wire',
      url: 'https://wire.example/news/x2',
      title: 'Baghdad talks resume',
      text: 'Talks resume in Baghdad.',
      lang: 'en',
      hoursAgo: 0.5,
    });
    const d = alertDigest([stored(a, { iraq: ['baghdad'] }), stored(b, { iraq: ['baghdad'] })], { topics: ['iraq'], topicDefs: TOPICS, now: UNTIL });
    const [msg] = renderSlack(d);
    expect((msg!.blocks as { type: string }[]).filter((x) => x.type === 'divider')).toHaveLength(1);
    expect(renderTelegram(d)[0]!.split('\n\n')).toHaveLength(2);
    const text = renderText(d);
    expect(text).toContain('May 6, 17:30'); // no zone given: UTC
    expect(text).not.toMatch(/stories from/);
  });
});

describe('feed link text in summaries', () => {
  it('drops "Read more", "Continue reading …" and «اقرأ المزيد» but keeps "read more" inside a sentence', () => {
    const cases: [string, string][] = [
      ['Troops left the base. Read more »', 'Troops left the base.'],
      ['Troops left the base.\nContinue reading "Troops left" →', 'Troops left the base.'],
      ['Troops left the base. [...] Read More', 'Troops left the base.'],
      ['Troops left the base. Read more: https://wire.example/x', 'Troops left the base.'],
      ['انسحبت القوات من القاعدة. اقرأ المزيد', 'انسحبت القوات من القاعدة.'],
      ['Officials want people to read more about the plan.', 'Officials want people to read more about the plan.'],
    ];
    for (const [text, want] of cases) {
      const art = article({ id: 'r', feed: 'f', url: 'https://f.example/r', title: 't', text, lang: 'en', hoursAgo: 1 });
      expect(summaryOf(art, []).text, text).toBe(want);
    }
    // The feed summary (no body) is cleaned the same way.
    const viaSummary = article({
      id: 's',
      feed: 'f',
      url: 'https://f.example/s',
      title: 't',
      text: '',
      summary: 'A short note. Continue reading →',
      lang: 'en',
      hoursAgo: 1,
    });
    expect(summaryOf(viaSummary, []).text).toBe('A short note.');
  });
});
