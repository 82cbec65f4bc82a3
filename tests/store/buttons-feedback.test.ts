// The button codec over a real store (SQLite, and Redis when REDIS_URL is set): payloads fit
// Telegram's 64 bytes, round-trip, and are refused when altered, signed with another store's
// secret, too old, or when their stashed action is unknown; the feedback store keeps one verdict
// per person per story and topic, and counts alerts per day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUTTON_MAX_AGE_MS, CALLBACK_DATA_MAX, createButtonCodec, type ButtonCodec } from '../../src/core/button-codec.ts';
import type { ButtonAction } from '../../src/core/buttons.ts';
import { buttonSecret, buttonStash } from '../../src/store/button-store.ts';
import { FeedbackStore, type FeedbackRecord } from '../../src/store/feedback-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import { storeCases } from '../helpers/stores.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

describe.each(storeCases)('buttons and feedback ($name)', (sc) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let codec: ButtonCodec;
  beforeEach(async (ctx) => {
    if (sc.skip) return ctx.skip();
    ({ store, cleanup } = await sc.open());
    codec = createButtonCodec(await buttonSecret(store), buttonStash(store), () => NOW);
  });
  afterEach(async () => cleanup?.());

  const actions: ButtonAction[] = [
    { kind: 'feedback', topic: 'iraq', story: 's-0123456789abcdef', verdict: 'not-relevant' },
    { kind: 'mute', topic: 'militia-threats', hours: 6 },
    { kind: 'why', topic: 'us-strikes', story: 'w-0123456789abcdef' },
    { kind: 'page', command: 'search', args: 'الفصائل AND (threat* OR تهدد) | a.b %', page: 3 },
    { kind: 'feedback', topic: 'a-very-long-topic-id-that-does-not-fit-inline-at-all', story: 's-0123456789abcdef', verdict: 'relevant' },
  ];

  it('seals every action within 64 bytes and opens it again; the secret survives a reopen', async () => {
    for (const a of actions) {
      const data = await codec.seal(a);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX);
      expect(await codec.open(data)).toEqual({ ok: true, action: a, issuedMs: Math.floor(NOW / 60_000) * 60_000 });
    }
    expect(await buttonSecret(store)).toEqual(await buttonSecret(store));
  });

  it('refuses altered, foreign, expired, unknown and junk payloads, never throwing', async () => {
    const data = await codec.seal(actions[0]!);
    const flipped = data.slice(0, 3) + (data[3] === 'a' ? 'b' : 'a') + data.slice(4);
    expect(await codec.open(flipped)).toEqual({ ok: false, reason: 'invalid' });
    const foreign = createButtonCodec(Buffer.alloc(32, 7), buttonStash(store), () => NOW);
    expect(await foreign.open(data)).toEqual({ ok: false, reason: 'invalid' });
    const later = createButtonCodec(await buttonSecret(store), buttonStash(store), () => NOW + BUTTON_MAX_AGE_MS + 60_000);
    expect(await later.open(data)).toEqual({ ok: false, reason: 'expired' });
    const stashed = await codec.seal(actions[3]!);
    await store.namespace('button_actions').clear();
    expect(await codec.open(stashed)).toEqual({ ok: false, reason: 'unknown' });
    for (const junk of ['', 'x', '1f|a|b|1.abc.AAAAAAAAAAA', '\u0000'.repeat(64), 'f'.repeat(5000)]) {
      expect((await codec.open(junk)).ok).toBe(false);
    }
  });

  it('keeps one verdict per person per story and topic; a second tap changes it; alerts are counted per day', async () => {
    const fb = new FeedbackStore(store);
    const base: FeedbackRecord = {
      topic: 'iraq',
      story: 's-1',
      url: 'https://x.example/1',
      title: 'T',
      lang: 'en',
      verdict: 'relevant',
      platform: 'telegram',
      chat: '42',
      user: '42',
      at: new Date(NOW).toISOString(),
    };
    expect(await fb.record(base)).toBe('new');
    expect(await fb.record(base)).toBe('same');
    expect(await fb.record({ ...base, verdict: 'not-relevant' })).toBe('changed');
    expect(await fb.record({ ...base, user: '43', at: new Date(NOW - 40 * DAY).toISOString() })).toBe('new');
    await fb.countAlerts({ iraq: 2 }, NOW);
    await fb.countAlerts({ iraq: 1, 'us-strikes': 1 }, NOW - DAY);
    await fb.countAlerts({ iraq: 5 }, NOW - 40 * DAY);
    expect(await fb.summary('iraq', NOW - 30 * DAY, NOW)).toEqual({ alerts: 3, relevant: 0, notRelevant: 1 });
    expect((await fb.list({ topic: 'iraq' })).map((r) => r.user)).toEqual(['43', '42']);
  });
});
