// The alert composer's writes to the store happen once per committed outbox write, however often
// the outbox's compare-and-set retries. The outbox renders a chat's batch inside the change it
// compares and sets; another writer on the same chat makes that write conflict and the change
// (the render included) run again. Before, each run counted the batch's alerts per topic again
// (/topic's "Last 30 days: N alerts" doubled) and stashed its long button payloads under new
// random ids, leaving the first run's entries behind, referenced by no message.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox, alertKey, type AlertRenderer } from '../../src/delivery/outbox.ts';
import { chatKeyOf } from '../../src/delivery/backend.ts';
import { createMessageComposer } from '../../src/delivery/compose-messages.ts';
import { createButtonCodec } from '../../src/core/button-codec.ts';
import { buttonSecret, buttonStash } from '../../src/store/button-store.ts';
import { FeedbackStore } from '../../src/store/feedback-store.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import type { Subscription } from '../../src/store/subscription-store.ts';
import { storeCases } from '../helpers/stores.ts';
import { article, fastLimits, storeArticles } from './helpers.ts';

// Long enough that a feedback button's payload does not fit Telegram's 64 bytes: it is stashed.
const TOPIC = 'iraq-and-the-wider-region-security-news';
const chat: ChatRef = { platform: 'telegram', chat: '7301' };
const sub: Subscription = {
  platform: 'telegram',
  chat: chat.chat,
  topic: TOPIC,
  mode: { kind: 'instant' },
  timezone: 'UTC',
  createdAt: '2026-01-01T00:00:00Z',
  source: 'command',
};
const DAY = 86_400_000;

describe.each(storeCases)('composer side effects under a compare-and-set retry ($name)', (sc) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it.skipIf(sc.skip)('counts a batch once and stashes only the buttons of the message written', async () => {
    const opened = await sc.open();
    cleanups.push(opened.cleanup);
    const { store } = opened;
    const articles = await storeArticles(store, [article('a-1', [TOPIC]), article('b-1', [TOPIC])]);
    const feedback = new FeedbackStore(store);
    const composer = createMessageComposer({
      topics: () => [{ id: TOPIC, query: 'iraq' }],
      articles,
      subscriptions: { forChat: async () => [sub] },
      buttons: createButtonCodec(await buttonSecret(store), buttonStash(store)),
      alertCounts: feedback,
    });
    const backend = await openOutboxBackend(store);
    // The other writer: another process on Redis (its own connection); on SQLite, where one
    // process owns the file, another caller of the same backend.
    let otherBackend = backend;
    if (store.kind === 'redis') {
      const second = await openStore(opened.url, { redisPrefix: opened.prefix });
      cleanups.push(() => second.close());
      otherBackend = await openOutboxBackend(second);
    }
    const other = new Outbox({ backend: otherBackend, articles, makeAlertMessages: () => [], limits: fastLimits });
    let renders = 0;
    // While the first render is under way, the other writer changes the chat (an alert held until
    // later, so that the retried batch is the same one): the first write conflicts.
    const racing: AlertRenderer = async (to, stored, after) => {
      const bodies = await composer.makeAlertMessages(to, stored, after);
      if (renders++ === 0) await other.alert(chat, [{ key: alertKey(chat, 'b-1'), articleId: 'b-1', topics: [TOPIC], notBefore: Date.now() + DAY }]);
      return bodies;
    };
    const outbox = new Outbox({ backend, articles, makeAlertMessages: racing, batchWindowMs: 0, limits: fastLimits });

    await outbox.alert(chat, [{ key: alertKey(chat, 'a-1'), articleId: 'a-1', topics: [TOPIC] }]);
    await outbox.prepare(chatKeyOf(chat));

    expect(renders).toBe(2);
    const doc = (await outbox.chat(chat))!;
    expect(doc.queue.map((q) => q.keys)).toEqual([[alertKey(chat, 'a-1')]]);
    expect((await feedback.summary(TOPIC, Date.now() - DAY, Date.now())).alerts).toBe(1);
    const referenced = new Set([...JSON.stringify(doc.queue.map((q) => q.body)).matchAll(/1\*([A-Za-z0-9_-]+)\./g)].map((m) => m[1]!));
    expect(referenced.size).toBeGreaterThan(0);
    const stashed: string[] = [];
    for await (const [k] of store.namespace('button_actions').iterator!(undefined)) stashed.push(String(k));
    expect(stashed.sort()).toEqual([...referenced].sort());
  });
});
