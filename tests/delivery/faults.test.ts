// Delivery through the real Telegram sender (telegraf over HTTP) to the fake Bot API server while
// it fails a share of calls with 429s, 500s and timeouts.
import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import type { LatencyOption } from '../fakes/faults.ts';
import { memoryLog, type LogEntry } from '../platforms/platform-helpers.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { RaqibMetrics } from '../../src/service/metrics.ts';
import { fastLimits, fastRetry, renderIds, telegramSenderFor, waitFor } from './helpers.ts';

const CHATS = ['1001', '1002', '1003', '1004', '-1005'];
const PER_CHAT = 20;
const expected = (chat: string) => Array.from({ length: PER_CHAT }, (_, i) => `${chat}/${i + 1}`);

/** How often raqib reported each message (by its text) in doubt: sent again although it may have arrived. */
function doubtedTexts(entries: LogEntry[], textOf: Map<string, string>): Map<string, number> {
  const doubted = new Map<string, number>();
  for (const e of entries) {
    if (!e.msg?.startsWith('message in doubt')) continue;
    const text = textOf.get(String(e.obj.messageId))!;
    doubted.set(text, (doubted.get(text) ?? 0) + 1);
  }
  return doubted;
}

/**
 * Every message arrived, in order. A message arrives again only right after itself, and at most as
 * often as raqib reported it in doubt (a send that got no answer: the platform may have taken it;
 * the short client timeout makes that happen to ordinary sends too on a loaded machine). A repeat
 * after answered sends only (a 429 or a 500 refusal) fails here. Returns the repeats.
 */
function expectRepeatsOnlyInDoubt(fake: FakeTelegram, doubted: Map<string, number>): number {
  let extra = 0;
  for (const chat of CHATS) {
    const texts = fake.sent(Number(chat)).map((m) => m.text ?? '');
    expect(texts.filter((t, i) => t !== texts[i - 1])).toEqual(expected(chat));
    for (const t of new Set(texts)) {
      const repeats = texts.filter((x) => x === t).length - 1;
      expect(repeats, `${t} arrived ${repeats} more times than once`).toBeLessThanOrEqual(doubted.get(t) ?? 0);
      extra += repeats;
    }
  }
  return extra;
}

/**
 * Each try is a message's one answered send, an injected fault, or a send that got no answer
 * otherwise: one the fake took (a repeat) or one the client gave up on before the fake read it.
 * So the retries cover every fault and every repeat, and each retry beyond the injected faults,
 * like each injected timeout, was counted in doubt.
 */
function expectRetriesAccounted(fake: FakeTelegram, metrics: RaqibMetrics, extra: number): void {
  const retried = metrics.retried.get({ platform: 'telegram', reason: 'transient' }) + metrics.retried.get({ platform: 'telegram', reason: 'rate_limited' });
  const faults = fake.stats().injectedFaults;
  const timeouts = fake.calls.filter((x) => x.fault === 'timeout').length;
  expect(retried).toBeGreaterThanOrEqual(faults + extra);
  expect(metrics.inDoubt.get({ platform: 'telegram' })).toBeGreaterThanOrEqual(timeouts + retried - faults);
}

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

    async function run(kinds: ('429' | '500' | 'timeout' | 'lost-response')[], seed: number, latency?: LatencyOption) {
      fake = await startFakeTelegram({ latency });
      fake.setFaultRate({ rate: 0.2, kinds, seed, retryAfter: 1, hangMs: 250, methods: ['sendMessage'] });
      const opened = await c.open();
      cleanup = opened.cleanup;
      const metrics = new RaqibMetrics();
      const log = memoryLog();
      const outbox = new Outbox({
        backend: await openOutboxBackend(opened.store),
        articles: { getMany: async () => [] },
        makeAlertMessages: renderIds,
        limits: fastLimits,
        metrics,
        log,
      });
      // Retries are generous here: with 20 % faults (and slow answers), 20 tries make a dead letter vanishingly rare.
      pump = new DeliveryPump({ outbox, senders: { telegram: telegramSenderFor(fake, 150) }, retry: { ...fastRetry, maxAttempts: 20 }, pollMs: 30 });
      const textOf = new Map<string, string>();
      for (let i = 1; i <= PER_CHAT; i++) {
        for (const chat of CHATS) {
          const text = `${chat}/${i}`;
          const queued = await outbox.enqueue({ platform: 'telegram', chat }, [{ format: 'text', text }], { key: text });
          if (queued.status === 'queued') for (const id of queued.ids) textOf.set(id, text);
        }
      }
      await pump.start();
      await waitFor(async () => (await outbox.queueDepth()) === 0, 50_000, 'an empty queue');
      return { fake, metrics, outbox, doubted: doubtedTexts(log.entries, textOf) };
    }

    it('delivers everything in order when 20 % of calls fail with 429, 500 or a timeout; once, but for sends that got no answer', async () => {
      const { fake, metrics, outbox, doubted } = await run(['429', '500', 'timeout'], 11);
      const extra = expectRepeatsOnlyInDoubt(fake, doubted);
      const faults = fake.stats().injectedFaults;
      expect(faults).toBeGreaterThan(10);
      expect(metrics.sent.get({ platform: 'telegram', kind: 'notice' })).toBe(CHATS.length * PER_CHAT);
      expectRetriesAccounted(fake, metrics, extra);
      expect(metrics.inDoubt.get({ platform: 'telegram' })).toBe([...doubted.values()].reduce((a, b) => a + b, 0));
      expect((await outbox.stats()).dead).toBe(0);
      // A 429 raqib read is waited out for its retry_after (1 s) before that chat's next call. One
      // whose answer came after the client's timeout reads as no answer and is retried sooner.
      const calls = fake.callsTo('sendMessage');
      let early = 0;
      for (const [i, call] of calls.entries()) {
        if (call.fault !== '429') continue;
        const next = calls.slice(i + 1).find((x) => x.params.chat_id === call.params.chat_id);
        if (next && next.at - call.at < 990) early++;
      }
      const injected429 = calls.filter((x) => x.fault === '429').length;
      expect(early).toBeLessThanOrEqual(injected429 - metrics.rateLimited.get({ platform: 'telegram' }));
    }, 60_000);

    it('sends again what was slower than the client timeout, counted in doubt: the platform took it but the answer came too late', async () => {
      // What a loaded machine does now and then, on purpose: the fake takes up to 200 ms over a
      // call, the client waits 150 ms.
      const { fake, metrics, doubted } = await run(['429', '500'], 7, { min: 0, max: 200, seed: 3 });
      const extra = expectRepeatsOnlyInDoubt(fake, doubted);
      expect(extra).toBeGreaterThan(0);
      expectRetriesAccounted(fake, metrics, extra);
    }, 60_000);

    it('counts the duplicates a lost response causes: the platform took the message, the sender saw a dropped connection', async () => {
      const { fake, metrics, doubted } = await run(['lost-response'], 5);
      const lost = fake.calls.filter((x) => x.fault === 'lost-response').length;
      expect(lost).toBeGreaterThan(0);
      const extra = expectRepeatsOnlyInDoubt(fake, doubted);
      // Every lost response repeats its message. With no refusals injected, every failed try got
      // no answer, so every retry is counted in doubt.
      expect(extra).toBeGreaterThanOrEqual(lost);
      expect(metrics.inDoubt.get({ platform: 'telegram' })).toBe(metrics.retried.get({ platform: 'telegram', reason: 'transient' }));
    }, 60_000);
  });
}
