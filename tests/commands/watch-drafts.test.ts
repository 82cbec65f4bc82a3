// A /watch preview waits in the store for `/watch confirm`, not in the process that showed it:
// several `raqib start` instances share one Redis and Slack requests are load-balanced, so the
// confirm may reach another instance than the preview did, or the same one after a restart. Two
// command-service sets over one store stand for two instances; on every store back-end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { runAction } from '../../commands/actions.ts';
import { draftKey } from '../../commands/watch.ts';
import type { CommandContext } from '../../commands/types.ts';
import { PREVIEW_TTL_MS } from '../../src/app/watch-services.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { deleteByPrefix, storeCases } from '../helpers/stores.ts';
import { NOW, openWorld, type World } from './command-world.ts';

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};

/** The overlay stored for a topic, as the second instance's registry reads it. */
const overlayOf = async (w: World, id: string) => (await w.registry.topics.over([], (t) => t.id)).find((t) => t.id === id)?.overlay;

for (const backend of storeCases) {
  describe.skipIf(backend.skip)(`/watch confirm on another instance (${backend.name})`, () => {
    let opened: Awaited<ReturnType<(typeof storeCases)[number]['open']>>;
    let a: World;
    let b: World;
    beforeEach(async () => {
      opened = await backend.open();
      a = await openWorld({}, { shared: opened.store });
      b = await openWorld({}, { shared: opened.store });
      await a.seed({ id: 'basra-1', title: 'Iraq port of Basra reopens after a sandstorm', hoursAgo: 3 });
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('a preview made through one instance is saved by a confirm through the other', async () => {
      const previewed = await run(a.ctx({ admin: true }), '/watch exclude iraq sandstorm');
      expect(previewed.text).toContain('Preview — nothing is saved yet.');
      expect(previewed.text).toContain('− 1 would no longer match');
      const saved = await run(b.ctx({ admin: true }), '/watch confirm');
      expect(saved.text).toBe('Saved: Topic "iraq": leave out articles with «sandstorm».');
      expect(await overlayOf(b, 'iraq')).toEqual({ include: [], exclude: ['sandstorm'] });
      // The instance that showed the preview sees the saved change at its next reload.
      await a.catalog.reload();
      expect(a.catalog.get('iraq')!.query).toContain('sandstorm');
    });

    it('the "Exclude «term»" button pressed through one instance is confirmed through the other', async () => {
      const sealed = await a.buttons.seal({ kind: 'exclude', topic: 'iraq', term: 'sandstorm' });
      const opened2 = await b.buttons.open(sealed);
      if (!opened2.ok) throw new Error(`button refused: ${opened2.reason}`);
      const pressed = await runAction(a.ctx({ admin: true }), opened2.action, (e) => {
        throw e;
      });
      expect(pressed.reply!.text).toContain('Preview — nothing is saved yet.');
      expect((await run(b.ctx({ admin: true }), '/watch confirm')).text).toBe('Saved: Topic "iraq": leave out articles with «sandstorm».');
    });

    it('takes a preview once: a second confirm, on either instance, has nothing to confirm', async () => {
      await run(a.ctx({ admin: true }), '/watch add dust dust OR sandstorm');
      expect((await run(b.ctx({ admin: true }), '/watch confirm')).text).toBe('Watching "dust": dust OR sandstorm');
      expect((await run(a.ctx({ admin: true }), '/watch confirm')).text).toContain('Nothing to confirm');
      expect((await run(b.ctx({ admin: true }), '/watch confirm')).text).toContain('Nothing to confirm');
    });

    it('two confirms at the same moment on two instances: one saves, the other has nothing', async () => {
      await run(a.ctx({ admin: true }), '/watch exclude iraq sandstorm');
      const both = await Promise.all([run(a.ctx({ admin: true }), '/watch confirm'), run(b.ctx({ admin: true }), '/watch confirm')]);
      expect(both.map((r) => r.status).sort()).toEqual(['ok', 'usage']);
      expect(both.map((r) => r.text).join('\n')).toContain('Nothing to confirm');
    });

    it('keeps the rule: same person, same chat; and refuses a stale preview on any instance', async () => {
      await run(a.ctx({ admin: true }), '/watch exclude iraq sandstorm');
      expect((await run(b.ctx({ admin: true, userId: '77' }), '/watch confirm')).text).toContain('Nothing to confirm');
      expect((await run(b.ctx({ admin: true, chatId: '-100500', kind: 'group' }), '/watch confirm')).text).toContain('Nothing to confirm');
      // Older than the preview lifetime on the command's clock, though the store has not expired it yet.
      expect((await run(b.ctx({ admin: true, now: NOW + PREVIEW_TTL_MS + 60_000 }), '/watch confirm')).text).toContain('Nothing to confirm');
      expect(await overlayOf(b, 'iraq')).toBeUndefined();
      await run(a.ctx({ admin: true }), '/watch exclude iraq sandstorm');
      expect((await run(b.ctx({ admin: true, now: NOW + PREVIEW_TTL_MS - 60_000 }), '/watch confirm')).text).toContain('Saved');
    });

    it('the store expires a draft after the preview lifetime (Redis by itself)', async () => {
      const ctx = a.ctx({ admin: true });
      await run(ctx, '/watch exclude iraq sandstorm');
      const kv = opened.store.namespace<unknown>('watch_drafts');
      const raw = (await (kv.store as { get(k: string): Promise<string | undefined> }).get(draftKey(ctx)))!;
      const left = (await kv.deserializeData<unknown>(raw))!.expires! - Date.now();
      expect(left).toBeGreaterThan(PREVIEW_TTL_MS - 60_000);
      expect(left).toBeLessThanOrEqual(PREVIEW_TTL_MS);
      if (opened.store.kind === 'redis') {
        const keys = await opened.store.redis!.keys(`${opened.prefix}:watch_drafts:*`);
        expect(keys).toHaveLength(1);
        const ttl = await opened.store.redis!.pTTL(keys[0]!);
        expect(ttl).toBeGreaterThan(PREVIEW_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(PREVIEW_TTL_MS);
      }
    });
  });

  describe.skipIf(backend.skip)(`/watch confirm after a restart (${backend.name})`, () => {
    let again: Store | undefined;
    let opened: Awaited<ReturnType<(typeof storeCases)[number]['open']>>;
    afterEach(async () => {
      if (again && opened.prefix) await deleteByPrefix(again, opened.prefix);
      await again?.close();
      // SQLite: removes the folder (the first store is closed already); Redis: its keys went above.
      if (!opened.prefix) await opened.cleanup();
      again = undefined;
    });

    it('a preview survives closing and reopening the store', async () => {
      opened = await backend.open();
      const before = await openWorld({}, { shared: opened.store });
      await before.seed({ id: 'basra-1', title: 'Iraq port of Basra reopens after a sandstorm', hoursAgo: 3 });
      await run(before.ctx({ admin: true }), '/watch exclude iraq sandstorm');
      await opened.store.close();
      again = await openStore(opened.url, opened.prefix ? { redisPrefix: opened.prefix } : {});
      const after = await openWorld({}, { shared: again });
      expect((await run(after.ctx({ admin: true }), '/watch confirm')).text).toBe('Saved: Topic "iraq": leave out articles with «sandstorm».');
      expect(await overlayOf(after, 'iraq')).toEqual({ include: [], exclude: ['sandstorm'] });
    });
  });
}
