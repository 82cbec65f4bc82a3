// /topic over the default pack: each topic reads as prose in both languages, fits one Telegram
// message with room to spare, and shows recent matches and the latest headlines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import type { CommandContext } from '../../commands/types.ts';
import { defaultTopics } from '../../src/topics/index.ts';
import { openWorld, type World } from './command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld({ baseTopics: defaultTopics() });
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};

/** Long headlines, so that the length bound holds for the worst case the reply can show. */
async function seedLongHeadlines() {
  const tail = ' and officials say more is expected in the coming weeks as talks continue in Baghdad and Washington over the future';
  await w.seed({
    id: 'w1',
    title: `US troops begin withdrawal from Iraq bases${tail}`,
    text: 'The US military began the withdrawal of its troops from Iraq, officials said. US forces will leave Baghdad.',
    hoursAgo: 2,
  });
  await w.seed({
    id: 'w2',
    title: `US forces complete pullout from Syria base${tail}`,
    text: 'US forces completed their pullout of troops from a base in Syria. The American withdrawal of troops continued.',
    hoursAgo: 30,
  });
  await w.seed({
    id: 'w3',
    title: `Pentagon confirms drawdown of troops in Iraq${tail}`,
    text: 'The Pentagon confirmed the drawdown of US troops in Iraq. The withdrawal of forces will take months.',
    hoursAgo: 50,
  });
  await w.seed({
    id: 'w4',
    title: `Coalition announces withdrawal of forces from Iraq${tail}`,
    text: 'The US-led coalition announced the withdrawal of its forces from Iraq and the drawdown of troops.',
    hoursAgo: 80,
  });
  await w.seed({ id: 'old', title: 'US troops withdrawal from Iraq announced last month', text: 'US troops withdrawal from Iraq.', hoursAgo: 24 * 9 });
}

describe('/topic over the default pack', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`every default topic fits one Telegram message and reads as prose (${lang})`, async () => {
      await seedLongHeadlines();
      for (const t of defaultTopics()) {
        const r = await run(w.ctx({ lang }), `/topic ${t.id}`);
        expect(r.status).toBe('ok');
        expect(r.text.length, `${t.id} ${lang}`).toBeLessThan(2_000);
        expect(r.text).not.toMatch(/NEAR\/|BEFORE\/|\bOR\b|\bAND\b|\bNOT\b|[()]{2}|=\w/);
        expect(r.text).toContain(t.names![lang]!);
        expect(r.text).toContain(t.description![lang]!);
        // The names in the chat's language come first.
        expect(r.text.indexOf(t.names![lang]!)).toBe(0);
        for (const c of t.spec!.require) expect(r.text).toContain(`• ${c} — `);
      }
    });
  }

  it('names clauses with first terms and counts, says the condition in words, counts matches and lists the latest three', async () => {
    await seedLongHeadlines();
    const r = await run(w.ctx(), '/topic withdrawal');
    expect(r.text).toMatch(/• pullout — .+ … \(\d+ terms\) near .+ … \(\d+ terms\)/);
    expect(r.text).toContain(
      'An article matches when it has all of: in_iraq_syria, us_side; and at least one of: pullout, expel_act; and none of: faction_title.',
    );
    expect(r.text).toContain('Matches: 1 in the last 24h, 4 in the last 7d');
    const latest = r.text.split('Latest:\n')[1]!.split('\n');
    expect(latest).toHaveLength(3);
    expect(latest[0]).toMatch(/^– US troops begin withdrawal from Iraq bases .+… \(2026-03-10\)$/);
    expect(latest[2]).toContain('Pentagon confirms drawdown');
    const ar = await run(w.ctx({ lang: 'ar' }), '/topic withdrawal');
    expect(ar.text).toContain('المطابقات: ١ خلال ٢٤ ساعة، ٤ خلال ٧ أيام');
    expect(ar.text).toContain('تطابق المقالة إذا تحقق كل من: in_iraq_syria، us_side؛ وواحد على الأقل من: pullout، expel_act؛ ولا شيء من: faction_title.');
  });

  it('a free-query topic shows its query', async () => {
    await w.catalog.reload();
    await w.registry.topics.set('oil', { id: 'oil', query: 'oil OR نفط' });
    await w.catalog.reload();
    const r = await run(w.ctx(), '/topic oil');
    expect(r.text).toContain('Query: oil OR نفط');
    expect(r.text).toContain('Matches: 0 in the last 24h, 0 in the last 7d');
    expect(r.text).not.toContain('Latest:');
  });

  it("shows the last 30 days' alerts and 👍 / 👎 verdicts, in English and Arabic", async () => {
    const DAY = 86_400_000;
    const now = w.ctx().now();
    await w.feedback.countAlerts({ withdrawal: 40 }, now);
    await w.feedback.countAlerts({ withdrawal: 1 }, now - 3 * DAY);
    await w.feedback.countAlerts({ withdrawal: 9 }, now - 31 * DAY);
    const base = { topic: 'withdrawal', url: '', title: '', lang: 'en', platform: 'telegram', chat: '42', at: new Date(now - DAY).toISOString() } as const;
    for (let i = 0; i < 12; i++) await w.feedback.record({ ...base, story: `s-${i}`, user: 'u1', verdict: 'relevant' });
    for (let i = 0; i < 3; i++) await w.feedback.record({ ...base, story: `s-${i}`, user: 'u2', verdict: 'not-relevant' });
    await w.feedback.record({ ...base, story: 's-old', user: 'u3', verdict: 'not-relevant', at: new Date(now - 40 * DAY).toISOString() });
    expect((await run(w.ctx(), '/topic withdrawal')).text).toContain('Last 30 days: 41 alerts · 👍 12 · 👎 3');
    expect((await run(w.ctx({ lang: 'ar' }), '/topic withdrawal')).text).toContain('آخر ٣٠ يومًا: ٤١ تنبيهًا · 👍 ١٢ · 👎 ٣');
  });
});
