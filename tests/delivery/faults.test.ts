// Delivery through the real Telegram sender (telegraf over HTTP) to the fake Bot API server while
// it fails a share of calls with 429s, 500s and timeouts.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { fastLimits, fastRetry, renderIds, telegramSenderFor, waitFor } from './helpers.ts';

const CHATS = ['1001', '1002', '1003', '1004', '-1005'];
const PER_CHAT = 20;

for (const c of storeCases) {
  describe.skipIf(c.skip)(`delivery under faults over ${c.name}`, () => {
    let fake: FakeTelegram | undefined;
    let pump: DeliveryPump | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await pump?.stop(1000);
      await fake?.close();
      await cleanup?.();
      pump = fake = cleanup = undefined;
    });

    async function run(kinds: ('429' | '500' | 'timeout' | 'lost-response')[], seed: number) {
      fake = await startFakeTelegram();
      fake.setFaultRate({ rate: 0.2, kinds, seed, retryAfter: 1, hangMs: 250, methods: ['sendMessage'] });
      const opened = await c.open();
      cleanup = opened.cleanup;
      const metrics = new RaqibMetrics();
      const outbox = new Outbox({
        backend: await openOutboxBackend(opened.store),
        articles: { getMany: async () => [] },
        makeAlertMessages: renderIds,
        limits: fastLimits,
        metrics,
      });
      // Retries are generous here: with 20 % faults, 10 tries make a dead letter vanishingly rare.
      pump = new DeliveryPump({ outbox, senders: { telegram: telegramSenderFor(fake, 150) }, retry: { ...fastRetry, maxAttempts: 10 }, pollMs: 30 });
      for (let i = 1; i <= PER_CHAT; i++) {
        for (const chat of CHATS) await outbox.enqueue({ platform: 'telegram', chat }, [{ format: 'text', text: `${chat}/${i}` }], { key: `${chat}/${i}` });
      }
      await pump.start();
      await waitFor(async () => (await outbox.queueDepth()) === 0, 25_000, 'an empty queue');
      return { fake, metrics, outbox };
    }

    it('delivers everything exactly once and in order when 20 % of calls fail with 429, 500 or a timeout', async () => {
      const { fake, metrics, outbox } = await run(['429', '500', 'timeout'], 11);
      for (const chat of CHATS) {
        expect(fake.sent(Number(chat)).map((m) => m.text)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => `${chat}/${i + 1}`));
      }
      const faults = fake.stats().injectedFaults;
      expect(faults).toBeGreaterThan(10);
      expect(metrics.sent.get({ platform: 'telegram', kind: 'notice' })).toBe(CHATS.length * PER_CHAT);
      const retried =
        metrics.retried.get({ platform: 'telegram', reason: 'transient' }) + metrics.retried.get({ platform: 'telegram', reason: 'rate_limited' });
      expect(retried).toBe(faults);
      expect((await outbox.stats()).dead).toBe(0);
      // A 429 is waited out for its retry_after (1 s) before that chat's next call.
      const calls = fake.callsTo('sendMessage');
      for (const [i, call] of calls.entries()) {
        if (call.fault !== '429') continue;
        const next = calls.slice(i + 1).find((x) => x.params.chat_id === call.params.chat_id);
        if (next) expect(next.at - call.at).toBeGreaterThanOrEqual(990);
      }
    }, 30_000);

    it('counts the duplicates a lost response causes: the platform took the message, the sender saw a dropped connection', async () => {
      const { fake } = await run(['lost-response'], 5);
      const lost = fake.calls.filter((x) => x.fault === 'lost-response').length;
      expect(lost).toBeGreaterThan(0);
      let extra = 0;
      for (const chat of CHATS) {
        const texts = fake.sent(Number(chat)).map((m) => m.text);
        // Every message arrives, in order; a lost response repeats that one message right after itself.
        expect([...new Set(texts)]).toEqual(Array.from({ length: PER_CHAT }, (_, i) => `${chat}/${i + 1}`));
        extra += texts.length - PER_CHAT;
      }
      expect(extra).toBe(lost);
    }, 30_000);
  });
}
