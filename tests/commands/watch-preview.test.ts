// /watch edits by clause over the default pack, previewed over the last 7 days' stored articles
// before anything is saved; a saved edit is an overlay the pack can change underneath.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import type { CommandContext } from '../../commands/types.ts';
import { TopicCatalog } from '../../src/app/topic-catalog.ts';
import { defaultTopics } from '../../src/topics/index.ts';
import { EXCLUDED_CLAUSE } from '../../src/topics/topic-overlay.ts';
import { NOW, openWorld, type World } from './command-world.ts';

/** The withdrawal topic's own exclusions in the pack (a /watch exclude adds its clause after them). */
const packExclude = (): readonly string[] => defaultTopics().find((t) => t.id === 'withdrawal')!.spec?.exclude ?? [];

let w: World;
beforeEach(async () => {
  w = await openWorld({ baseTopics: defaultTopics() });
  await w.seed({
    id: 'iraq-1',
    title: 'US troops begin withdrawal from Iraq bases',
    text: 'The US military began the withdrawal of its troops from Iraq, officials said.',
    hoursAgo: 2,
  });
  await w.seed({
    id: 'iraq-2',
    title: 'Pentagon confirms drawdown of troops in Iraq',
    text: 'The Pentagon confirmed the drawdown of US troops in Iraq. The withdrawal of forces will take months.',
    hoursAgo: 50,
  });
  await w.seed({
    id: 'afg-1',
    title: 'US troops withdrawal from Iraq recalls Kuwait',
    text: 'The withdrawal of US troops from Iraq is compared with Kuwait by officials.',
    hoursAgo: 5,
  });
  await w.seed({
    id: 'plan-1',
    title: 'Drawdown plan for American bases in Iraq unveiled',
    text: 'Washington unveiled a drawdown plan for its bases in Iraq.',
    hoursAgo: 20,
  });
  await w.seed({
    id: 'old-afg',
    title: 'US troops withdrawal from Iraq recalls Kuwait again',
    text: 'The withdrawal of US troops from Iraq is compared with Kuwait.',
    hoursAgo: 24 * 9,
  });
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};
const matched = (id: string) => (title: string, text: string) =>
  w.catalog
    .matcher()
    .match({ title, text })
    .some((m) => m.id === id);

describe('/watch exclude and include, previewed', () => {
  it('exclude previews what it removes (only the last 7 days), saves on /watch confirm, as an overlay', async () => {
    const admin = w.ctx({ admin: true });
    const before = matched('withdrawal')(
      'US troops withdrawal from Iraq recalls Kuwait',
      'The withdrawal of US troops from Iraq is compared with Kuwait by officials.',
    );
    expect(before).toBe(true);
    const p = await run(admin, '/watch exclude withdrawal Kuwait');
    expect(p.status).toBe('ok');
    expect(p.text).toContain('Preview — nothing is saved yet.');
    expect(p.text).toContain('Topic "withdrawal": leave out articles with «Kuwait».');
    expect(p.text).toContain('+ 0 would now match');
    expect(p.text).toContain('− 1 would no longer match\n  – US troops withdrawal from Iraq recalls Kuwait\n');
    expect(p.text).toContain('To save it: /watch confirm');
    expect(w.catalog.get('withdrawal')!.spec!.exclude).toEqual(packExclude());
    const saved = await run(admin, '/watch confirm');
    expect(saved.text).toBe('Saved: Topic "withdrawal": leave out articles with «Kuwait».');
    expect(w.catalog.get('withdrawal')!.spec!.exclude).toEqual([...packExclude(), EXCLUDED_CLAUSE]);
    expect(
      matched('withdrawal')('US troops withdrawal from Iraq recalls Kuwait', 'The withdrawal of US troops from Iraq is compared with Kuwait by officials.'),
    ).toBe(false);
    const stored = (await w.registry.topics.over([], (t) => t.id)).find((t) => t.id === 'withdrawal')!;
    expect(stored.overlay).toEqual({ include: [], exclude: ['Kuwait'] });
    expect(stored.spec).toBeUndefined();
    // A second confirm has nothing left to save.
    expect((await run(admin, '/watch confirm')).status).toBe('usage');
  });

  it('include adds terms to the main clause; the preview counts the articles it adds; Arabic too', async () => {
    const admin = w.ctx({ admin: true, lang: 'ar' });
    const p = await run(admin, '/watch include withdrawal "drawdown plan"');
    expect(p.text).toContain('معاينة — لم يُحفظ شيء بعد.');
    expect(p.text).toContain('+ ١ ستطابق الآن\n  – Drawdown plan for American bases in Iraq unveiled');
    expect(p.text).toContain('− ٠ لن تطابق بعد الآن');
    expect((await run(admin, '/watch include withdrawal "drawdown plan" confirm')).text).toContain('حُفظ');
    const main = w.catalog.get('withdrawal')!.spec!.clauses.pullout!;
    expect(main.terms.map((t) => t.text)).toContain('drawdown plan');
    // Edits accumulate in one overlay.
    await run(admin, '/watch exclude withdrawal Kuwait yes');
    const stored = (await w.registry.topics.over([], (t) => t.id)).find((t) => t.id === 'withdrawal')!;
    expect(stored.overlay).toEqual({ include: ['drawdown plan'], exclude: ['Kuwait'] });
  });

  it('the pack can change underneath a saved overlay', async () => {
    await run(w.ctx({ admin: true }), '/watch exclude withdrawal Kuwait confirm');
    const newer = defaultTopics().map((t) => (t.id === 'withdrawal' ? { ...t, description: { en: 'New pack text', ar: 'نص جديد' } } : t));
    const catalog = new TopicCatalog(newer, w.registry);
    await catalog.reload();
    const t = catalog.get('withdrawal')!;
    expect(t.description!.en).toBe('New pack text');
    expect(t.spec!.exclude).toEqual([...packExclude(), EXCLUDED_CLAUSE]);
    // A pack without the topic: the overlay is kept in the store but nothing is matched for it.
    const without = new TopicCatalog(
      defaultTopics().filter((x) => x.id !== 'withdrawal'),
      w.registry,
    );
    await without.reload();
    expect(without.get('withdrawal')).toBeUndefined();
  });

  it('a preview goes stale after 10 minutes and is only for the person who asked, in that chat', async () => {
    await run(w.ctx({ admin: true }), '/watch exclude withdrawal Kuwait');
    expect((await run(w.ctx({ admin: true, userId: '99' }), '/watch confirm')).text).toContain('Nothing to confirm');
    expect((await run(w.ctx({ admin: true, now: NOW + 11 * 60_000 }), '/watch confirm')).text).toContain('Nothing to confirm');
    expect(w.catalog.get('withdrawal')!.spec!.exclude).toEqual(packExclude());
    await run(w.ctx({ admin: true }), '/watch exclude withdrawal Kuwait');
    expect((await run(w.ctx({ admin: true, now: NOW + 9 * 60_000 }), '/watch confirm')).text).toContain('Saved');
  });

  it('add and edit preview too; an edit of a runtime topic by clause changes it in place', async () => {
    const admin = w.ctx({ admin: true });
    const p = await run(admin, '/watch add kuwait Kuwait');
    expect(p.text).toContain('Add topic "kuwait": Kuwait');
    expect(p.text).toContain('+ 1 would now match');
    expect(w.catalog.get('kuwait')).toBeUndefined();
    expect((await run(admin, '/watch confirm')).text).toBe('Watching "kuwait": Kuwait');
    await run(admin, '/watch include kuwait Kabul confirm');
    const stored = (await w.registry.topics.over([], (t) => t.id)).find((t) => t.id === 'kuwait')!;
    expect(stored.overlay).toBeUndefined();
    expect(w.catalog.get('kuwait')!.query).toBe('(Kuwait) OR "Kabul"');
    expect((await run(admin, '/watch include nosuch x')).text).toContain('No topic "nosuch"');
    expect((await run(admin, '/watch exclude kuwait')).text).toContain('Terms are needed');
  });
});
