// Pages through the real dispatcher and services: page buttons carry the command and the next
// page, a press (runAction) re-runs it as the presser and answers with the page to put in place,
// pages past the end give the last, and a page button for another command is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { runAction } from '../../commands/actions.ts';
import type { ButtonAction, Reply } from '../../commands/types.ts';
import { openWorld, type World } from './command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld({ baseTopics: Array.from({ length: 32 }, (_, i) => ({ id: `topic-${i + 1}`, name: `Topic ${i + 1}`, query: `word${i + 1}` })) });
});
afterEach(async () => {
  await w.close();
});

const actions = (r: Reply): ButtonAction[] => (r.buttons ?? []).flat().map((b) => b.action);
const button = (r: Reply, label: string): ButtonAction => (r.buttons ?? []).flat().find((b) => b.label === label)!.action;
const labels = (r: Reply): string[] => (r.buttons ?? []).flat().map((b) => b.label);
const ids = (r: Reply): string[] => [...r.text.matchAll(/• (topic-\d+) /g)].map((m) => m[1]!);

describe('pages', () => {
  it('/topics pages 15 at a time; Next and Prev re-run it for their page; every topic once', async () => {
    const first = await dispatch(w.ctx(), 'topics', '');
    expect(ids(first)).toHaveLength(15);
    expect(labels(first)).toEqual(['Next ›']);
    expect(first.text).toContain('Page 1 of 3');
    const seen = [ids(first)];
    let page = first;
    while (labels(page).includes('Next ›')) {
      const r = await runAction(w.ctx(), button(page, 'Next ›'), (e) => {
        throw e;
      });
      expect(r.status).toBe('ok');
      page = r.edit!;
      seen.push(ids(page));
    }
    expect(seen.map((s) => s.length)).toEqual([15, 15, 2]);
    expect(new Set(seen.flat()).size).toBe(32);
    expect(labels(page)).toEqual(['‹ Prev']);
    const prev = await runAction(w.ctx(), actions(page)[0]!, () => {});
    expect(ids(prev.edit!)).toEqual(seen[1]);
  });

  it('a page past the end is the last page; in Arabic the labels are Arabic', async () => {
    const r = await runAction(w.ctx({ lang: 'ar' }), { kind: 'page', command: 'topics', args: '', page: 99 }, () => {});
    expect(ids(r.edit!)).toHaveLength(2);
    expect(labels(r.edit!)).toEqual(['‹ السابق']);
    expect(r.edit!.text).toContain('الصفحة ٣ من ٣');
  });

  it('a page button for a command that does not page is refused and changes nothing', async () => {
    const r = await runAction(w.ctx(), { kind: 'page', command: 'watch', args: 'remove topic-1', page: 2 }, () => {});
    expect(r.status).toBe('usage');
    expect(r.edit).toBeUndefined();
    expect((await w.services.topics()).map((t) => t.id)).toContain('topic-1');
  });

  it('/subscriptions pages 10 at a time', async () => {
    const where = { platform: 'telegram' as const, chat: '42' };
    for (let i = 1; i <= 12; i++) await w.services.subscriptions.put(where, { topic: `topic-${i}`, mode: { kind: 'instant' }, timezone: 'UTC', by: '42' });
    const first = await dispatch(w.ctx(), 'subscriptions', '');
    expect(first.text.match(/^• /gm)).toHaveLength(10);
    const second = await runAction(w.ctx(), actions(first)[0]!, () => {});
    expect(second.edit!.text.match(/^• /gm)).toHaveLength(2);
    expect(labels(second.edit!)).toEqual(['‹ Prev']);
  });

  it('/search pages past ten with outlets; a page past the end (fewer results now) shows the last', async () => {
    for (let i = 1; i <= 12; i++) await w.seed({ id: `s${i}`, title: `Basra port news number ${i}`, hoursAgo: i });
    const first = await dispatch(w.ctx(), 'search', 'basra');
    expect(first.text).toContain('12 articles match; 1–10, best first:');
    expect(first.text).toContain('news.example.com');
    const far = await runAction(w.ctx(), { kind: 'page', command: 'search', args: 'basra', page: 7 }, () => {});
    expect(far.edit!.text).toContain('12 articles match; 11–12, best first:');
    expect(far.edit!.text).toContain('Page 2 of 2');
    expect(labels(far.edit!)).toEqual(['‹ Prev']);
  });
});
