// Personal topics (/watch in a private chat by someone who is not an admin): seen, named and
// matched for their own chat only, at most ten per chat, never with a global topic's id, and kept
// in the store with their owner. Run on every store back-end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { storeCases } from '../helpers/stores.ts';
import { openWorld, type World } from './command-world.ts';

const run = (ctx: ReturnType<World['ctx']>, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};

for (const backend of storeCases) {
  describe.skipIf(backend.skip)(`personal topics (${backend.name})`, () => {
    let w: World;
    let alice: ReturnType<World['ctx']>;
    let bob: ReturnType<World['ctx']>;
    beforeEach(async () => {
      w = await openWorld({}, backend);
      alice = w.ctx({ chatId: '101', userId: '101' });
      bob = w.ctx({ chatId: '202', userId: '202' });
    });
    afterEach(async () => {
      await w.close();
    });

    it("one chat's topic: previewed, saved, subscribed there, and invisible and unknown in another chat", async () => {
      await w.seed({ id: 'b1', title: 'Bitcoin climbs past a record', hoursAgo: 2 });
      const preview = await run(alice, '/watch add bitcoin bitcoin OR بيتكوين');
      expect(preview.text).toContain('+ 1 would now match');
      const saved = await run(alice, '/watch confirm');
      expect(saved.status).toBe('ok');
      expect(saved.text).toContain('Watching "bitcoin" for this chat only');

      expect((await run(alice, '/topics')).text).toContain('• bitcoin — bitcoin (yours, this chat only)');
      expect((await run(alice, '/subscriptions')).text).toContain('bitcoin');
      expect((await run(alice, '/topic bitcoin')).status).toBe('ok');

      expect((await run(bob, '/topics')).text).not.toContain('bitcoin');
      for (const line of ['/topic bitcoin', '/digest bitcoin', '/subscribe bitcoin instant']) {
        const r = await run(bob, line);
        expect(r.status, line).toBe('usage');
        expect(r.text, line).toContain('Unknown topic');
      }
      expect((await run(bob, '/watch remove bitcoin')).text).toContain('No topic "bitcoin"');
      // Admins see how many personal topics there are; nobody else sees even that.
      expect((await run(w.ctx({ chatId: '9', userId: '9', admin: true }), '/status')).text).toContain('Personal topics: 1 (chats: 1)');
      expect((await run(bob, '/status')).text).not.toContain('Personal topics');
      expect((await run(alice, '/status')).text).not.toContain('Personal topics');

      // Kept with its owner; the only subscription to it is the owner's, instant.
      const [kept] = await w.personal.all();
      expect(kept).toMatchObject({ owner: { platform: 'telegram', chat: '101' }, topic: { id: 'bitcoin', query: 'bitcoin OR بيتكوين' } });
      const subs = await w.subscriptions.all();
      expect(subs.map((s) => [s.chat, s.mode.kind])).toEqual([['101', 'instant']]);
      // An article matching it carries the owner-naming id, which no other chat subscribes to.
      const later = await w.seed({ id: 'b2', title: 'Bitcoin falls back', hoursAgo: 1 });
      expect(later.matches.map((m) => m.id)).toEqual([subs[0]!.topic]);
      expect(subs[0]!.topic).not.toBe('bitcoin');
      // Articles stored before the topic existed keep what they matched then.
      const digest = (await run(alice, '/digest bitcoin 24h')).text;
      expect(digest).toContain('Bitcoin falls back');
      expect(digest).not.toContain('Bitcoin climbs');
    });

    it('two chats may each have "bitcoin"; each edits and removes only its own', async () => {
      await run(alice, '/watch add bitcoin bitcoin confirm');
      await run(bob, '/watch add bitcoin btc confirm');
      expect((await run(bob, '/watch exclude bitcoin scam confirm')).status).toBe('ok');
      const byChat = Object.fromEntries((await w.personal.all()).map((p) => [p.owner.chat, p.topic.query]));
      expect(byChat['101']).toBe('bitcoin');
      expect(byChat['202']).toContain('scam');
      const removed = await run(alice, '/watch remove bitcoin confirm');
      expect(removed.text).toContain('Removed your topic "bitcoin"');
      expect((await w.personal.all()).map((p) => p.owner.chat)).toEqual(['202']);
      expect((await w.subscriptions.all()).map((s) => s.chat)).toEqual(['202']);
      expect((await run(bob, '/topics')).text).toContain('• bitcoin');
    });

    it('a subscription that outlived its personal topic (raqib reset --topics) can still be muted and removed', async () => {
      await run(alice, '/watch add bitcoin bitcoin confirm');
      await w.personal.remove({ platform: 'telegram', chat: '101' }, 'bitcoin');
      await w.catalog.reload();
      expect((await run(alice, '/mute bitcoin 1h')).status).toBe('ok');
      expect((await run(alice, '/unsubscribe bitcoin')).status).toBe('ok');
      expect(await w.subscriptions.all()).toEqual([]);
    });

    it('the 11th personal topic is refused with the limit named, and nothing is stored', async () => {
      for (let i = 1; i <= 10; i++) expect((await run(alice, `/watch add t${i} term${i} confirm`)).status).toBe('ok');
      const r = await run(alice, '/watch add t11 term11');
      expect(r.status).toBe('denied');
      expect(r.text).toContain('You have 10 topics of your own');
      expect(await w.personal.forChat({ platform: 'telegram', chat: '101' })).toHaveLength(10);
      // Another chat still has its ten.
      expect((await run(bob, '/watch add t1 term1 confirm')).status).toBe('ok');
    });

    it("a global topic's id is refused, global topics stay the admins', and groups stay admins-only", async () => {
      const clash = await run(alice, '/watch add iraq bitcoin');
      expect(clash.status).toBe('denied');
      expect(clash.text).toContain('"iraq" is a topic every chat sees; give your own topic another id.');
      for (const line of ['/watch edit iraq oil', '/watch exclude iraq Kuwait', '/watch remove iraq']) {
        const r = await run(alice, line);
        expect(r.status, line).toBe('denied');
        expect(r.text, line).toContain('only admins change it');
      }
      const group = await run(w.ctx({ kind: 'group', chatId: '-100300', userId: '101' }), '/watch add bitcoin bitcoin confirm');
      expect(group.status).toBe('denied');
      expect(await w.personal.all()).toEqual([]);
      expect(w.catalog.list().map((t) => t.id)).toEqual(['iraq', 'militia-threats', 'us-strikes']);
      // An admin's /watch add in a private chat stays global, as before.
      expect((await run(w.ctx({ chatId: '9', userId: '9', admin: true }), '/watch add oil oil confirm')).status).toBe('ok');
      expect((await run(bob, '/topics')).text).toContain('• oil');
      expect(await w.personal.all()).toEqual([]);
    });
  });
}
