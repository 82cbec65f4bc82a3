import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox, alertKey } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { chatKeyOf } from '../../src/delivery/backend.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import type { LimitsTable } from '../../src/delivery/types.ts';
import { article, bodyText, fastLimits, fastRetry, idsIn, RecordingSender, renderIds, storeArticles, waitFor } from './helpers.ts';

const chat: ChatRef = { platform: 'telegram', chat: '4242' };

for (const c of storeCases) {
  describe.skipIf(c.skip)(`outbox over ${c.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    let pumps: DeliveryPump[] = [];
    afterEach(async () => {
      for (const p of pumps) await p.stop(1000);
      pumps = [];
      await cleanup?.();
      cleanup = undefined;
    });

    async function setup(opts: { window?: number; budget?: { max: number; perMs: number }; limits?: LimitsTable; articles?: string[]; folds?: boolean } = {}) {
      const opened = await c.open();
      cleanup = opened.cleanup;
      const store: Store = opened.store;
      const articles = await storeArticles(
        store,
        (opts.articles ?? []).map((id) => article(id)),
      );
      const metrics = new RaqibMetrics();
      const outbox = new Outbox({
        backend: await openOutboxBackend(store),
        articles,
        makeAlertMessages: renderIds,
        batchWindowMs: opts.window ?? 300,
        alertBudget: opts.budget,
        digestFoldsOverflow: opts.folds,
        limits: opts.limits ?? fastLimits,
        metrics,
      });
      const sender = new RecordingSender();
      const pump = () => {
        const p = new DeliveryPump({ outbox, senders: { telegram: sender }, retry: fastRetry, pollMs: 30, livenessMs: 400 });
        pumps.push(p);
        return p;
      };
      return { store, outbox, sender, pump, metrics };
    }

    it('queues a message once per idempotency key, also after it was sent', async () => {
      const { outbox, sender, pump } = await setup();
      const body = { format: 'text' as const, text: 'hello' };
      expect((await outbox.enqueue(chat, [body], { key: 'k1' })).status).toBe('queued');
      expect((await outbox.enqueue(chat, [body], { key: 'k1' })).status).toBe('duplicate');
      await pump().start();
      await waitFor(() => sender.sent.length === 1, 3000, 'the send');
      expect((await outbox.enqueue(chat, [body], { key: 'k1' })).status).toBe('duplicate');
      await new Promise((r) => setTimeout(r, 150));
      expect(sender.sent).toHaveLength(1);
      expect(await outbox.queueDepth()).toBe(0);
    });

    it('keeps the order of one chat and its per-chat gap', async () => {
      const limits = { ...fastLimits, telegram: { globalPerSec: 1000, perChatGapMs: 60 } };
      const { outbox, sender, pump } = await setup({ limits });
      for (let i = 1; i <= 6; i++) await outbox.enqueue(chat, [{ format: 'text', text: `m${i}` }], { key: `k${i}` });
      await outbox.enqueue({ platform: 'telegram', chat: '7' }, [{ format: 'text', text: 'other' }], { key: 'o1' });
      await pump().start();
      await waitFor(() => sender.sent.length === 7, 5000, 'seven sends');
      expect(sender.texts('4242')).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
      const times = sender.calls.filter((s) => s.msg.to.chat === '4242').map((s) => s.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(58);
    });

    it('sends the first alert at once and batches the ones that follow within the window', async () => {
      const { outbox, sender, pump } = await setup({ window: 1000, articles: ['a1', 'a2', 'a3', 'a4'] });
      await pump().start();
      await outbox.alert(chat, [{ key: alertKey(chat, 'a1'), articleId: 'a1', topics: ['iraq'] }]);
      await waitFor(() => sender.sent.length === 1, 2000, 'the first alert');
      const t0 = sender.sent[0]!.at;
      for (const id of ['a2', 'a3', 'a4']) await outbox.alert(chat, [{ key: alertKey(chat, id), articleId: id, topics: ['iraq'] }]);
      // A repeat of a key already sent, and of one still held, are dropped.
      const again = await outbox.alert(chat, [
        { key: alertKey(chat, 'a1'), articleId: 'a1', topics: ['iraq'] },
        { key: alertKey(chat, 'a2'), articleId: 'a2', topics: ['iraq'] },
      ]);
      expect(again.added).toBe(0);
      await waitFor(() => sender.sent.length === 2, 3000, 'the batch');
      expect(idsIn(bodyText(sender.sent[1]!.msg.body))).toEqual(['a2', 'a3', 'a4']);
      expect(sender.sent[1]!.at - t0).toBeGreaterThanOrEqual(900);
      await new Promise((r) => setTimeout(r, 300));
      expect(sender.sent).toHaveLength(2);
    });

    it('holds alerts past the budget and folds them into the next digest', async () => {
      const { outbox, sender, pump } = await setup({ window: 50, budget: { max: 1, perMs: 60_000 }, articles: ['b1', 'b2', 'b3'] });
      await pump().start();
      await outbox.alert(chat, [{ key: alertKey(chat, 'b1'), articleId: 'b1', topics: ['iraq'] }]);
      await waitFor(() => sender.sent.length === 1, 2000, 'the first alert');
      await outbox.alert(chat, [
        { key: alertKey(chat, 'b2'), articleId: 'b2', topics: ['iraq'] },
        { key: alertKey(chat, 'b3'), articleId: 'b3', topics: ['iraq'] },
      ]);
      await waitFor(async () => (await outbox.chat(chat))?.overflow.length === 2, 2000, 'the overflow');
      expect(sender.sent).toHaveLength(1);
      let folded: string[] = [];
      const r = await outbox.enqueueDigest(chat, 'digest-1', async (overflow) => {
        folded = overflow.map((s) => s.article.id);
        return [{ format: 'text', text: `digest + ${folded.map((id) => `[${id}]`).join(' ')}` }];
      });
      expect(r).toMatchObject({ status: 'queued', folded: 2 });
      expect(folded).toEqual(['b2', 'b3']);
      await waitFor(() => sender.sent.length === 2, 2000, 'the digest');
      expect(idsIn(sender.texts()[1]!)).toEqual(['b2', 'b3']);
      // The maker folded them in (digestFoldsOverflow, the default): nothing follows the digest.
      await new Promise((r) => setTimeout(r, 100));
      expect(sender.sent).toHaveLength(2);
      expect((await outbox.chat(chat))?.overflow).toEqual([]);
      expect((await outbox.enqueueDigest(chat, 'digest-1', async () => [{ format: 'text', text: 'again' }])).status).toBe('duplicate');
    });

    it('sends the overflow right after a digest whose maker does not fold it in', async () => {
      const { outbox, sender, pump } = await setup({ window: 50, budget: { max: 1, perMs: 60_000 }, articles: ['o1', 'o2'], folds: false });
      await pump().start();
      await outbox.alert(chat, [{ key: alertKey(chat, 'o1'), articleId: 'o1', topics: ['iraq'] }]);
      await waitFor(() => sender.sent.length === 1, 2000, 'the first alert');
      await outbox.alert(chat, [{ key: alertKey(chat, 'o2'), articleId: 'o2', topics: ['iraq'] }]);
      await waitFor(async () => (await outbox.chat(chat))?.overflow.length === 1, 2000, 'the overflow');
      await outbox.enqueueDigest(chat, 'digest-x', async () => [{ format: 'text', text: 'the digest' }]);
      await waitFor(() => sender.sent.length === 3, 2000, 'digest and overflow');
      expect(sender.texts().slice(1)).toEqual(['the digest', '[o2]']);
    });

    it('holds a muted alert until the mute ends', async () => {
      const { outbox, sender, pump } = await setup({ articles: ['m1'] });
      await pump().start();
      const until = Date.now() + 400;
      await outbox.alert(chat, [{ key: alertKey(chat, 'm1'), articleId: 'm1', topics: ['iraq'], notBefore: until }]);
      await new Promise((r) => setTimeout(r, 200));
      expect(sender.sent).toHaveLength(0);
      await waitFor(() => sender.sent.length === 1, 2000, 'the alert after the mute');
      expect(sender.sent[0]!.at).toBeGreaterThanOrEqual(until);
    });

    it('dead-letters permanent failures at once and transient ones after N tries; the chat goes on', async () => {
      const { outbox, sender, pump, metrics } = await setup();
      sender.script = [
        { ok: false, kind: 'permanent', error: '403: bot was blocked by the user' },
        ...Array.from({ length: fastRetry.maxAttempts }, () => ({ ok: false as const, kind: 'transient' as const, error: '502' })),
      ];
      await outbox.enqueue(chat, [{ format: 'text', text: 'one' }], { key: 'd1' });
      await outbox.enqueue(chat, [{ format: 'text', text: 'two' }], { key: 'd2' });
      await outbox.enqueue(chat, [{ format: 'text', text: 'three' }], { key: 'd3' });
      await pump().start();
      await waitFor(() => sender.sent.length === 1, 5000, 'the third message');
      expect(sender.texts()).toEqual(['three']);
      const dead = await outbox.deadLetters();
      expect(dead.map((d) => bodyText(d.body)).sort()).toEqual(['one', 'two']);
      expect(dead.find((d) => bodyText(d.body) === 'two')!.error).toMatch(/4 tries failed: 502/);
      expect((await outbox.stats()).dead).toBe(2);
      expect(metrics.dead.get({ platform: 'telegram' })).toBe(2);
      expect(metrics.retried.get({ platform: 'telegram', reason: 'transient' })).toBe(fastRetry.maxAttempts - 1);
    });

    it('waits out a 429 for the time the platform asked', async () => {
      const { outbox, sender, pump, metrics } = await setup();
      sender.script = [{ ok: false, kind: 'rateLimited', retryAfterMs: 300, error: '429' }];
      await outbox.enqueue(chat, [{ format: 'text', text: 'x' }], { key: 'r1' });
      await pump().start();
      await waitFor(() => sender.sent.length === 1, 3000, 'the send after the 429');
      expect(sender.sent[0]!.at - sender.calls[0]!.at).toBeGreaterThanOrEqual(295);
      expect(metrics.rateLimited.get({ platform: 'telegram' })).toBe(1);
    });

    it('takes over the claim of a dead sender and marks a message it had started as in doubt', async () => {
      const { outbox, sender, pump, metrics } = await setup();
      await outbox.enqueue(chat, [{ format: 'text', text: 'claimed' }], { key: 'c1' });
      await outbox.enqueue({ platform: 'telegram', chat: '9' }, [{ format: 'text', text: 'sending' }], { key: 'c2' });
      // Two claims left by a process that died: one before the platform call, one during it.
      for (const [to, sending] of [
        [chat, false],
        [{ platform: 'telegram' as const, chat: '9' }, true],
      ] as const) {
        await outbox.update(chatKeyOf(to), undefined, (doc, now) => {
          doc.claim = { owner: 'dead-process', msgId: doc.queue[0]!.id, until: now + 60_000, ...(sending ? { sendingAt: now } : {}) };
          return { doc };
        });
      }
      await pump().start();
      await waitFor(() => sender.sent.length === 2, 3000, 'both sends');
      expect(metrics.inDoubt.get({ platform: 'telegram' })).toBe(1);
    });

    it('counts a send that got no answer in doubt and sends it again; a 429 or a 500 answer is not in doubt', async () => {
      const { outbox, sender, pump, metrics } = await setup();
      sender.script = [
        { ok: false, kind: 'rateLimited', retryAfterMs: 20, error: '429: Too Many Requests' },
        { ok: false, kind: 'transient', error: '500: Internal Server Error' },
        { ok: false, kind: 'transient', error: 'TimeoutError: The operation was aborted due to timeout', inDoubt: true },
      ];
      await outbox.enqueue(chat, [{ format: 'text', text: 'x' }], { key: 'd1' });
      await pump().start();
      await waitFor(() => sender.sent.length === 1, 3000, 'the send after three failures');
      expect(sender.calls).toHaveLength(4);
      expect(metrics.inDoubt.get({ platform: 'telegram' })).toBe(1);
      expect(metrics.retried.get({ platform: 'telegram', reason: 'transient' })).toBe(2);
    });

    it('releases claims it has not started sending when it stops', async () => {
      const limits = { ...fastLimits, telegram: { globalPerSec: 4, perChatGapMs: 10 } };
      const { outbox, sender, pump } = await setup({ limits });
      for (let i = 0; i < 6; i++) await outbox.enqueue({ platform: 'telegram', chat: String(100 + i) }, [{ format: 'text', text: `s${i}` }], { key: `s${i}` });
      const p = pump();
      await p.start();
      await waitFor(() => sender.sent.length >= 1, 3000, 'a first send');
      const { unfinished } = await p.stop(3000);
      expect(unfinished).toBe(0);
      const sentBefore = sender.sent.length;
      expect(sentBefore).toBeLessThan(6);
      expect(await outbox.queueDepth()).toBe(6 - sentBefore);
      // Nothing stays claimed: another pump sends the rest without waiting for a lease.
      for (let i = 0; i < 6; i++) expect((await outbox.chat({ platform: 'telegram', chat: String(100 + i) }))?.claim).toBeUndefined();
      const again = pump();
      await again.start();
      await waitFor(() => sender.sent.length === 6, 6000, 'the rest');
    }, 15_000);
  });
}
