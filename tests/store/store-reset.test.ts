// `raqib reset` removes every kind of state of the parts chosen: every namespace of the store
// layer's list is filled (the outbox through the real Outbox, so that on Redis its Lua-written
// keys exist), a reset of some parts must leave nothing of theirs and everything of the others.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { NAMESPACES, RESET_PARTS, namespacesOf, type NamespaceName, type ResetPart } from '../../src/store/namespaces.ts';
import { clearParts, keysIn, surveyParts } from '../../src/store/store-reset.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { article, renderIds, storeArticles } from '../delivery/helpers.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';

const ALL = Object.keys(NAMESPACES) as NamespaceName[];

async function fill(store: Store): Promise<void> {
  for (const name of ALL) await store.namespace(name).set(`probe:${name}`, 1);
  const outbox = new Outbox({ backend: await openOutboxBackend(store), articles: await storeArticles(store, []), makeAlertMessages: renderIds });
  await outbox.enqueue({ platform: 'telegram', chat: '42' }, [{ format: 'text', text: 'hello' }], { key: 'k1' });
  // On Redis the story buckets are lists written directly under `<prefix>:story_lists:`.
  await new StoryIndex(store).assign(article('a1'));
}

for (const c of storeCases) {
  describe.skipIf(c.skip)(`reset over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('gives every namespace a reset part or says it is bookkeeping, and refuses unlisted ones', async () => {
      const opened = await c.open();
      cleanup = opened.cleanup;
      for (const name of ALL) expect([...RESET_PARTS, null]).toContain(NAMESPACES[name].part);
      expect(RESET_PARTS.flatMap((p) => namespacesOf(p)).length).toBe(ALL.filter((n) => NAMESPACES[n].part).length);
      expect(() => opened.store.namespace('feedback_notes' as NamespaceName)).toThrow(
        /unknown store namespace "feedback_notes": list it in src\/store\/namespaces.ts/,
      );
    });

    for (const chosen of [['delivery'], ['topics', 'feeds'], [...RESET_PARTS]] as ResetPart[][]) {
      it(`leaves nothing of ${chosen.join(', ')} and all of the rest`, async () => {
        const opened = await c.open();
        cleanup = opened.cleanup;
        await fill(opened.store);
        const before = await surveyParts(opened.store, RESET_PARTS);
        for (const p of before) for (const ns of p.namespaces) expect(ns.keys.length, ns.name).toBeGreaterThan(0);
        await clearParts(opened.store, chosen);
        for (const name of ALL) {
          const left = await keysIn(opened.store, name);
          const part = NAMESPACES[name].part;
          if (part && chosen.includes(part)) expect(left, name).toEqual([]);
          else expect(left.length, name).toBeGreaterThan(0);
        }
        if (opened.store.kind === 'redis') {
          const raw = await opened.store.redis!.keys(`${opened.prefix}:outbox:*`);
          expect(raw.length === 0).toBe(chosen.includes('delivery'));
          const lists = await opened.store.redis!.keys(`${opened.prefix}:story_lists:*`);
          expect(lists.length === 0).toBe(chosen.includes('articles'));
        }
      });
    }
  });
}
