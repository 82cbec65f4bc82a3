// A new matched article that joins a story seen before is handed to delivery as a join (with what
// the story index says changed); the first poll (priming) hands over nothing. Real feed server, SQLite, the real matcher; the story decision is scripted.
import { describe, expect, it } from 'vitest';
import type { ChangedField, StoredArticle, StoryJoin } from '../../src/core/types.ts';
import type { Fetcher } from '../../src/feeds/fetch.ts';
import { feedSpec } from '../../src/feeds/feed-spec.ts';
import { pollFeed } from '../../src/pipeline/ingest.ts';
import { compileTopics } from '../../src/topics/index.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import { storeCases } from '../helpers/stores.ts';
import { feedServerForFile, ingestDeps, rss } from './helpers/feed-poll.ts';

let server: FeedServer;
let fetcher: Fetcher;
feedServerForFile((s, f) => ([server, fetcher] = [s, f]));

describe('pollFeed hands joins to delivery', () => {
  it('delivers a joining article as a join with its changes, and nothing on the priming poll', async () => {
    const opened = await storeCases[0]!.open();
    try {
      const calls: { alerts: string[]; joins: StoryJoin[] }[] = [];
      const changed: ChangedField[] = [{ field: 'killed', value: '5' }];
      const deps = ingestDeps(opened.store, fetcher, {
        matcher: () => compileTopics([{ id: 'iraq', query: 'Iraq' }]),
        // The first Iraq article starts story s1; every later one joins it and reports a change.
        assignStory: async (s: StoredArticle) =>
          s.article.title.includes('first') ? { storyId: 's1', isNew: true } : { storyId: 's1', isNew: false, changed },
        deliver: async (alerts, joins) => {
          calls.push({ alerts: alerts.map((a) => a.article.title), joins });
        },
      });
      const feed = { ...feedSpec({ url: server.url('/j.xml'), intervalMs: 60_000 }) };
      server.serve('/j.xml', rss([{ title: 'Iraq old report', link: 'https://news.example/old' }]));
      await pollFeed(feed, deps);
      expect(calls).toHaveLength(0);
      server.serve(
        '/j.xml',
        rss([
          { title: 'Iraq first report', link: 'https://news.example/1' },
          { title: 'Iraq old report', link: 'https://news.example/old' },
        ]),
      );
      await pollFeed(feed, deps, { force: true });
      server.serve(
        '/j.xml',
        rss([
          { title: 'Iraq second report', link: 'https://news.example/2' },
          { title: 'Iraq first report', link: 'https://news.example/1' },
        ]),
      );
      const r = await pollFeed(feed, deps, { force: true });
      expect(calls.map((c) => c.alerts)).toEqual([['Iraq first report'], []]);
      expect(calls[1]!.joins.map((j) => [j.stored.article.title, j.stored.storyId, j.changed])).toEqual([['Iraq second report', 's1', changed]]);
      expect(r.joins?.map((j) => j.stored.article.title)).toEqual(['Iraq second report']);
    } finally {
      await opened.cleanup();
    }
  });

  it('counts stories a later article merges as one in the trend days', async () => {
    const opened = await storeCases[0]!.open();
    try {
      const day = new Date().toISOString().slice(0, 10);
      const span = { sinceMs: Date.now() - 86_400_000, untilMs: Date.now() + 86_400_000 };
      const deps = ingestDeps(opened.store, fetcher, {
        matcher: () => compileTopics([{ id: 'iraq', query: 'Iraq' }]),
        // Two reports start two stories; the third joins the first and shows the second to be the same happening.
        assignStory: async (s: StoredArticle) =>
          s.article.title.includes('old')
            ? { storyId: 's0', isNew: true }
            : s.article.title.includes('first')
              ? { storyId: 's1', isNew: true }
              : s.article.title.includes('second')
                ? { storyId: 's2', isNew: true }
                : { storyId: 's1', isNew: false, merged: { ids: ['s2'], ...span } },
      });
      const feed = { ...feedSpec({ url: server.url('/m.xml'), intervalMs: 60_000 }) };
      server.serve('/m.xml', rss([{ title: 'Iraq old report', link: 'https://news.example/m-old' }]));
      await pollFeed(feed, deps);
      const items = [
        { title: 'Iraq first report', link: 'https://news.example/m1' },
        { title: 'Iraq second report', link: 'https://news.example/m2' },
      ];
      server.serve('/m.xml', rss(items));
      await pollFeed(feed, deps, { force: true });
      const [before] = await deps.articles.trendDays([day]);
      expect(Object.keys(before!.t.iraq ?? {}).sort()).toEqual(['s0', 's1', 's2']);
      server.serve('/m.xml', rss([{ title: 'Iraq third report', link: 'https://news.example/m3' }, ...items]));
      await pollFeed(feed, deps, { force: true });
      const [after] = await deps.articles.trendDays([day]);
      expect(Object.keys(after!.t.iraq ?? {}).sort()).toEqual(['s0', 's1']);
      expect(after!.t.iraq!.s1![1]).toBe(3);
      expect(after!.t.iraq!.s0![1]).toBe(1);
    } finally {
      await opened.cleanup();
    }
  });
});
