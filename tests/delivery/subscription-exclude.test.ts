// A subscription's own exclude terms: an article with one of them is not sent to that chat (alerts,
// follow-ups and digests), other chats still get it, and Arabic terms match their analysed forms.
import { afterEach, describe, expect, it } from 'vitest';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryRouter } from '../../src/delivery/router.ts';
import { createMessageComposer } from '../../src/delivery/compose-messages.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import type { Subscription } from '../../src/store/subscription-store.ts';
import { excludedBy } from '../../src/topics/exclude-terms.ts';
import { storeCases } from '../helpers/stores.ts';
import { article, bodyText, fastLimits, renderIds, storeArticles } from './helpers.ts';

const sqlite = storeCases[0]!;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const withText = (id: string, title: string, text: string, published?: string): StoredArticle => {
  const s = article(id, ['iraq'], published);
  return { ...s, article: { ...s.article, title, text } };
};
const sub = (chat: string, exclude?: string[], mode: Subscription['mode'] = { kind: 'instant' }): Subscription => ({
  platform: 'telegram',
  chat,
  topic: 'iraq',
  mode,
  timezone: 'UTC',
  createdAt: new Date().toISOString(),
  source: 'command',
  ...(exclude ? { exclude } : {}),
});

describe('subscription exclude terms', () => {
  it('read like topic terms: Arabic analysed forms, prefixes and phrases', () => {
    const a = (title: string, text = '') => ({ title, summary: '', text });
    expect(excludedBy(['العراقي'], a('بيان', 'قال المنتخب والعراقي'))).toBe(true);
    expect(excludedBy(['العراقي'], a('Iraqi team'))).toBe(false);
    expect(excludedBy(['football*'], a('Footballers meet in Baghdad'))).toBe(true);
    expect(excludedBy(['transfer news'], a('Transfer talks'))).toBe(false);
    expect(excludedBy(['transfer news'], a('Iraq', 'latest transfer news'))).toBe(true);
    expect(excludedBy([], a('anything'))).toBe(false);
  });

  it('keep an article from that chat’s alerts only', async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    const sport = withText('sport', 'Iraq match tonight', 'المنتخب والعراقي يلعب');
    const news = withText('news', 'Iraq talks resume', 'talks in Baghdad');
    const articles = await storeArticles(opened.store, [sport, news]);
    const outbox = new Outbox({
      backend: await openOutboxBackend(opened.store),
      articles,
      makeAlertMessages: renderIds,
      batchWindowMs: 60_000,
      limits: fastLimits,
    });
    const router = new DeliveryRouter({
      store: opened.store,
      subscriptions: { all: async () => [sub('1', ['العراقي']), sub('2')] },
      outbox,
      makeDigestMessages: async () => [],
    });
    await router.onArticles([sport, news]);
    const held = async (chat: string) => {
      const doc = await outbox.chat({ platform: 'telegram', chat } as ChatRef);
      return [...(doc?.held ?? []).map((h) => h.articleId), ...(doc?.queue ?? []).flatMap((q) => idsOf(q))].sort();
    };
    expect(await held('1')).toEqual(['news']);
    expect(await held('2')).toEqual(['news', 'sport']);
  });

  it('keep an article out of that subscription’s digest (and its overflow)', async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    const now = Date.now();
    const at = new Date(now - 3_600_000).toISOString();
    const sport = withText('sport', 'Iraq match tonight in Basra', 'المنتخب والعراقي يلعب', at);
    const news = withText('news', 'Iraq parliament talks resume', 'talks in Baghdad', at);
    const articles = await storeArticles(opened.store, [sport, news]);
    const composer = createMessageComposer({ topics: () => [{ id: 'iraq', query: 'iraq' }], articles, subscriptions: { forChat: async () => [] } });
    const daily = { kind: 'cron', cron: '0 8 * * *', label: 'daily 08:00' } as const;
    const window = { sinceMs: now - 86_400_000, untilMs: now };
    const text = async (s: Subscription, overflow: StoredArticle[] = []) => (await composer.makeDigestMessages(s, window, overflow)).map(bodyText).join('\n');
    const own = await text(sub('1', ['العراقي'], daily), [sport]);
    expect(own).toContain('Iraq parliament talks resume');
    expect(own).not.toContain('Iraq match tonight');
    const all = await text(sub('2', undefined, daily));
    expect(all).toContain('Iraq match tonight');
  });
});

function idsOf(q: { body?: unknown }): string[] {
  return [...JSON.stringify(q).matchAll(/\[([a-z]+)\]/g)].map((m) => m[1]!);
}
