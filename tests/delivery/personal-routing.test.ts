// Delivery's own guard for personal topics: an article matching one is queued for its owner chat
// only, even if the store held another chat's subscription to that topic (the commands never make
// one; a hand-edited store or a bug might). Instant alerts and scheduled digests alike.
import { afterEach, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryRouter } from '../../src/delivery/router.ts';
import { parsePersonalId, personalId } from '../../src/store/personal-topic-store.ts';
import type { Subscription } from '../../src/store/subscription-store.ts';
import { article, fastLimits, renderIds, storeArticles } from './helpers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const BITCOIN = personalId({ platform: 'telegram', chat: '101' }, 'bitcoin');
const sub = (chat: string, mode: Subscription['mode'] = { kind: 'instant' }): Subscription => ({
  platform: 'telegram',
  chat,
  topic: BITCOIN,
  mode,
  timezone: 'UTC',
  createdAt: new Date().toISOString(),
  source: 'command',
});

it("queues a personal topic's alert for its owner chat only, and no digest for another chat", async () => {
  const opened = await storeCases[0]!.open();
  cleanup = opened.cleanup;
  const stored = article('b1', [BITCOIN]);
  const articles = await storeArticles(opened.store, [stored]);
  const outbox = new Outbox({ backend: await openOutboxBackend(opened.store), articles, makeAlertMessages: renderIds, limits: fastLimits });
  const router = new DeliveryRouter({
    store: opened.store,
    subscriptions: { all: async () => [sub('101'), sub('202')] },
    outbox,
    makeDigestMessages: async () => [],
  });
  expect(await router.onArticles([stored])).toEqual({ added: 1, duplicates: 0 });
  const daily = { kind: 'cron' as const, cron: '0 8 * * *', label: 'daily 08:00' };
  expect(await router.runDigest(sub('202', daily), Date.now())).toEqual({ status: 'not-a-digest' });
});

it('a personal id names its owner chat and splits back, whatever the chat id holds', () => {
  for (const chat of ['101', '-100200', 'U0~7', 'D 9|x']) {
    const id = personalId({ platform: 'slack', chat }, 'gold');
    expect(parsePersonalId(id)).toEqual({ owner: { platform: 'slack', chat }, id: 'gold' });
  }
  expect(parsePersonalId('iraq')).toBeUndefined();
});
