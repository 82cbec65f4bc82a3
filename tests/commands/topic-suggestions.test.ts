// /topic TOPIC suggestions: exclude terms drawn from the last 30 days' 👎 and 👍 verdicts (seeded
// in the real feedback store over real articles), and their "Exclude" buttons, which preview the
// change like /watch exclude and save it only on /watch confirm — after which the 👎 stories no
// longer match the topic.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { runAction } from '../../commands/actions.ts';
import type { ButtonAction, CommandContext, Reply } from '../../commands/types.ts';
import { HOUR, NOW, openWorld, type World } from './command-world.ts';

const DOWN = [
  { id: 'down-1', title: 'Iraq football team beats Jordan in a friendly', text: 'The Iraq national football team won the friendly match in Baghdad.' },
  { id: 'down-2', title: 'Baghdad stadium hosts the football cup final', text: 'Fans filled the stadium in Baghdad for the football cup final.' },
  { id: 'down-3', title: 'المنتخب العراقي لكرة القدم يفوز على الأردن', text: 'فاز منتخب العراق لكرة القدم في مباراة ودية ببغداد.' },
  { id: 'down-4', title: 'بغداد تستضيف نهائي كأس كرة القدم', text: 'امتلأ ملعب بغداد بالجماهير لمتابعة مباراة كرة القدم.' },
];
const UP = [
  { id: 'up-1', title: 'Iraq parliament passes the budget', text: 'The Iraq parliament in Baghdad passed the federal budget after a long debate.' },
  { id: 'up-2', title: 'Protests in Baghdad over electricity cuts', text: 'Protesters in Baghdad demanded an end to power cuts across Iraq.' },
  { id: 'up-3', title: 'البرلمان العراقي يقر الموازنة', text: 'أقر البرلمان في بغداد الموازنة الاتحادية للعراق.' },
];
const OTHER = [
  { id: 'other-1', title: 'Iraq oil exports rise again', text: 'Iraq exported more oil this month.' },
  { id: 'other-2', title: 'Baghdad traffic plan announced', text: 'The Baghdad governor announced a traffic plan.' },
  { id: 'other-3', title: 'Iraq signs a gas deal', text: 'Iraq signed a gas deal with a neighbour.' },
];

let w: World;
beforeEach(async () => {
  w = await openWorld();
  let h = 10;
  for (const a of [...DOWN, ...UP, ...OTHER]) await w.seed({ ...a, hoursAgo: (h += 20) });
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};

async function verdict(topic: string, id: string, v: 'relevant' | 'not-relevant', user = 'u1', daysAgo = 1) {
  const article = (await w.articles.get(id))!.article;
  await w.feedback.record({
    topic,
    story: `s-${id}`,
    url: article.url,
    title: article.title,
    lang: article.lang,
    verdict: v,
    platform: 'telegram',
    chat: '42',
    user,
    at: new Date(NOW - daysAgo * 24 * HOUR).toISOString(),
  });
}

async function seedVerdicts() {
  for (const a of DOWN) await verdict('iraq', a.id, 'not-relevant');
  for (const a of UP) await verdict('iraq', a.id, 'relevant');
  // Older than 30 days: not counted.
  await verdict('iraq', 'other-1', 'not-relevant', 'u1', 40);
}

const isIraq = (a: { title: string; text: string }) =>
  w.catalog
    .matcher()
    .match(a)
    .some((m) => m.id === 'iraq');

/** Presses a button as a platform would: sealed by the store's codec, opened, then run. */
async function press(ctx: CommandContext, action: ButtonAction) {
  const opened = await w.buttons.open(await w.buttons.seal(action));
  if (!opened.ok) throw new Error(`button refused: ${opened.reason}`);
  return runAction(ctx, opened.action, (e) => {
    throw e;
  });
}

const excludeButtons = (r: Reply) => (r.buttons ?? []).flat().filter((b) => b.action.kind === 'exclude');

describe('/topic TOPIC suggestions', () => {
  it('proposes words of the 👎 stories absent from the 👍 ones, in both languages, with what each removes', async () => {
    await seedVerdicts();
    const r = await run(w.ctx({ admin: true }), '/topic iraq suggestions');
    expect(r.status).toBe('ok');
    expect(r.ephemeral).toBe(true);
    expect(r.text).toContain('👎 4 stories · 👍 3 stories; 10 articles matched the topic in those days');
    const terms = excludeButtons(r).map((b) => (b.action as Extract<ButtonAction, { kind: 'exclude' }>).term);
    expect(terms.length).toBeGreaterThanOrEqual(2);
    expect(terms.length).toBeLessThanOrEqual(5);
    expect(terms.slice(0, 2).sort()).toEqual(['football', 'كرة القدم']);
    // Nothing that is in a 👍 story, and nothing that is the topic itself.
    expect(terms).not.toContain('iraq');
    expect(terms).not.toContain('baghdad');
    expect(r.text).toContain('«football» — keeps out 2 👎 and 0 👍 stories, and 2 of the stored matches');
    expect(r.text).toContain('«كرة القدم» — keeps out 2 👎 and 0 👍 stories, and 2 of the stored matches');
    expect(excludeButtons(r).map((b) => b.label)).toContain('Exclude «football»');
  });

  it('answers in Arabic with Arabic buttons', async () => {
    await seedVerdicts();
    const r = await run(w.ctx({ admin: true, lang: 'ar' }), '/topic iraq اقتراحات');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('استبعادات مقترحة');
    expect(excludeButtons(r).map((b) => b.label)).toContain('استبعاد «كرة القدم»');
  });

  it('says so when there are fewer than 2 👎 stories', async () => {
    await verdict('iraq', 'down-1', 'not-relevant');
    // Two people disagree on down-2: a tie counts for neither side.
    await verdict('iraq', 'down-2', 'not-relevant', 'u1');
    await verdict('iraq', 'down-2', 'relevant', 'u2');
    const r = await run(w.ctx({ admin: true }), '/topic iraq suggestions');
    expect(r.text).toBe('Not enough 👎 feedback on Iraq: 1 story from the last 30 days that the topic still matches, and suggestions need at least 2.');
    expect(r.buttons).toBeUndefined();
  });

  it('is for admins only, and so is its button', async () => {
    await seedVerdicts();
    const r = await run(w.ctx({ admin: false }), '/topic iraq suggestions');
    expect(r.status).toBe('denied');
    expect(r.text).toContain('RAQIB_ADMINS');
    const pressed = await press(w.ctx({ admin: false, kind: 'group', chatAdmin: true }), { kind: 'exclude', topic: 'iraq', term: 'football' });
    expect(pressed.status).toBe('denied');
    expect(pressed.notice).toContain('RAQIB_ADMINS');
    const slack = await press(w.ctx({ platform: 'slack', admin: false }), { kind: 'exclude', topic: 'iraq', term: 'football' });
    expect(slack.notice).toContain('workspace admins');
    // Nothing was staged or changed.
    expect(isIraq(DOWN[0]!)).toBe(true);
  });

  it('applying the suggestions (button → preview → /watch confirm) removes the 👎 stories from a re-run', async () => {
    await seedVerdicts();
    const admin = w.ctx({ admin: true });
    const first = await run(admin, '/topic iraq suggestions');
    const byTerm = (term: string) => excludeButtons(first).find((b) => (b.action as Extract<ButtonAction, { kind: 'exclude' }>).term === term)!;
    for (const [term, gone] of [
      ['football', DOWN[0]!],
      ['كرة القدم', DOWN[3]!],
    ] as const) {
      expect(isIraq(gone)).toBe(true);
      const pressed = await press(admin, byTerm(term).action);
      expect(pressed.status).toBe('ok');
      // The preview comes first, as with /watch exclude; nothing is saved by the press.
      expect(pressed.reply!.text).toContain('Preview — nothing is saved yet');
      expect(pressed.reply!.text).toMatch(/− 2 would no longer match/);
      expect(isIraq(gone)).toBe(true);
      const saved = await run(admin, '/watch confirm');
      expect(saved.status).toBe('ok');
      expect(isIraq(gone)).toBe(false);
    }
    for (const a of DOWN) expect(isIraq(a), a.title).toBe(false);
    for (const a of [...UP, ...OTHER]) expect(isIraq(a), a.title).toBe(true);
    // A re-run counts only the 👎 stories the topic still matches: none are left.
    const again = await run(admin, '/topic iraq suggestions');
    expect(again.text).toContain('Not enough 👎 feedback on Iraq: 0 stories from the last 30 days that the topic still matches');
    // An article written after the change is classified without the topic too.
    const later = await w.seed({ id: 'down-5', title: 'Iraq football coach resigns', hoursAgo: 1 });
    expect(later.matches.map((m) => m.id)).not.toContain('iraq');
  });

  it('offers no term when the 👎 and 👍 stories share their words', async () => {
    for (const a of UP.slice(0, 2)) await verdict('iraq', a.id, 'not-relevant');
    for (const a of UP.slice(0, 2)) await verdict('iraq', a.id, 'relevant', 'u2');
    await verdict('iraq', 'other-2', 'not-relevant');
    await verdict('iraq', 'other-3', 'not-relevant');
    await verdict('iraq', 'other-1', 'relevant');
    const r = await run(w.ctx({ admin: true }), '/topic iraq suggestions');
    expect(r.status).toBe('ok');
    expect(r.buttons ?? []).toHaveLength(0);
  });
});
