import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openStore, redactUrl, type Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import type { StoredArticle } from '../../src/core/types.ts';

function article(id: string, published: string): StoredArticle {
  return {
    article: { id, feedId: 'f', url: `https://example.com/${id}`, title: `t ${id}`, summary: '', text: 'x', lang: 'en', published, fetchedAt: published },
    matches: [{ id: 'iraq', score: 1, terms: ['iraq'], spans: [] }],
  };
}

for (const c of storeCases) {
  describe.skipIf(c.skip)(`stores over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('keeps namespaces apart and data across a reopen', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const a = opened.store.namespace<string>('runtime_topics');
      const b = opened.store.namespace<string>('runtime_feeds');
      await a.set('k', 'from-alpha');
      await b.set('k', 'from-beta');
      await b.clear();
      expect(await a.get('k')).toBe('from-alpha');
      expect(await b.get('k')).toBeUndefined();
      if (c.name === 'sqlite') {
        await opened.store.close();
        const again = await openStore(opened.url);
        expect(await again.namespace<string>('runtime_topics').get('k')).toBe('from-alpha');
        await again.close();
      }
    });

    it('iterates with the real keys, colons included', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const kv = opened.store.namespace<number>('digest_cursors');
      await kv.set('plain', 1);
      await kv.set('telegram:42|iraq', 2);
      const seen: [string, number][] = [];
      for await (const [k, v] of kv.iterator!(undefined)) seen.push([String(k), v as number]);
      expect(seen.sort()).toEqual([
        ['plain', 1],
        ['telegram:42|iraq', 2],
      ]);
    });

    it('lists articles in a window, newest first, and remembers seen keys', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const s = new ArticleStore(opened.store);
      const now = Date.parse('2026-11-29T12:00:00Z');
      await s.put(article('old', '2026-11-20T10:00:00Z'), ['https://example.com/old']);
      await s.put(article('a', '2026-11-28T10:00:00Z'), ['https://example.com/a']);
      await s.put(article('b', '2026-11-29T09:00:00Z'));
      const listed = await s.listBetween(now - 2 * 86_400_000, now);
      expect(listed.map((x) => x.article.id)).toEqual(['b', 'a']);
      expect(await s.seenAs(['nope', 'https://example.com/a'])).toBe('a');
      expect(await s.seenAs(['nope'])).toBeUndefined();
      expect(await s.purgeOlderThan(Date.parse('2026-11-25T00:00:00Z'))).toBe(1);
      expect(await s.get('old')).toBeUndefined();
      expect(await s.get('a')).toBeDefined();
    });

    it('subscriptions update in place by chat and topic', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const subs = new SubscriptionStore(opened.store);
      const base = { platform: 'telegram' as const, chat: '42', topic: 'iraq', timezone: 'Asia/Baghdad', createdAt: 'now', source: 'command' as const };
      await subs.upsert({ ...base, mode: { kind: 'instant' } });
      await subs.upsert({ ...base, mode: { kind: 'cron', cron: '0 8 * * *', label: 'daily 08:00' } });
      const all = await subs.all();
      expect(all).toHaveLength(1);
      expect(all[0]!.mode.kind).toBe('cron');
      expect(await subs.remove(base)).toBe(true);
      expect(await subs.all()).toHaveLength(0);
    });
  });
}

describe('store URLs', () => {
  it('never shows a password', () => {
    expect(redactUrl('redis://user:s3cret@localhost:6379')).not.toContain('s3cret');
  });
  it('refuses an unreachable Redis with the URL but not its password', async () => {
    await expect(openStore('redis://user:hunter2@127.0.0.1:1/0')).rejects.toThrow(/cannot open store redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
    await expect(openStore('redis://user:hunter2@127.0.0.1:1/0')).rejects.not.toThrow(/hunter2/);
  });
  it('refuses a SQLite path it cannot create, quickly and clearly', async () => {
    await expect(openStore('sqlite:///proc/raqib-nope/x.sqlite')).rejects.toThrow(
      /cannot open store sqlite:\/\/\/proc\/raqib-nope\/x\.sqlite: cannot create its folder/,
    );
  }, 5_000);

  it('creates missing folders for a new SQLite store', async () => {
    const { tempDir } = await import('../helpers/stores.ts');
    const t = tempDir();
    const s = await openStore(`sqlite://${t.dir}/a/b/c/raqib.sqlite`);
    await s.close();
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${t.dir}/a/b/c/raqib.sqlite`)).toBe(true);
    t.remove();
  });

  it('refuses an unknown scheme', async () => {
    await expect(openStore('mongo://x')).rejects.toThrow(/sqlite:\/\/PATH or redis:\/\//);
  });
});

export type { Store };
