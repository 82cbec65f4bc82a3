// A chat's own choices (/lang, the one-time Slack welcome) on the real stores, and delivery
// following the /lang choice: an alert batch and a scheduled digest speak the chosen language even
// when the subscription was made in another.
import { describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { ChatPrefsStore } from '../../src/store/chat-prefs-store.ts';
import { SubscriptionStore, type Subscription } from '../../src/store/subscription-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { createMessageComposer } from '../../src/delivery/compose-messages.ts';
import { parseScheduleMode } from '../../src/core/schedule-mode.ts';
import { article, stored } from '../digest/fixtures/samples.ts';

const instant = (() => {
  const m = parseScheduleMode('instant');
  if (!m.ok) throw new Error(m.error);
  return m.mode;
})();
const CHAT = { platform: 'telegram' as const, chat: '-1001' };

describe.each(storeCases)('chat preferences ($name)', ({ skip, open }) => {
  it.skipIf(skip)('keeps a language choice per chat until cleared, and a welcome once', async () => {
    const { store, cleanup } = await open();
    try {
      const prefs = new ChatPrefsStore(store);
      expect(await prefs.lang(CHAT)).toBeUndefined();
      await prefs.setLang(CHAT, 'ar', 'telegram:8');
      expect(await new ChatPrefsStore(store).lang(CHAT)).toBe('ar');
      expect(await prefs.lang({ platform: 'slack', chat: '-1001' })).toBeUndefined();
      expect(await prefs.firstWelcome(CHAT, '2026-01-01T00:00:00Z')).toBe(true);
      expect(await prefs.firstWelcome(CHAT, '2026-01-02T00:00:00Z')).toBe(false);
      // Clearing the language keeps the welcome record.
      await prefs.setLang(CHAT, undefined);
      expect(await prefs.get(CHAT)).toEqual({ welcomedAt: '2026-01-01T00:00:00Z' });
    } finally {
      await cleanup();
    }
  });

  it.skipIf(skip)('alerts and digests follow the chat’s /lang over the subscription’s language', async () => {
    const { store, cleanup } = await open();
    try {
      const subscriptions = new SubscriptionStore(store);
      const chatPrefs = new ChatPrefsStore(store);
      const sub: Subscription = {
        ...CHAT,
        topic: 'iraq',
        mode: instant,
        timezone: 'Asia/Baghdad',
        createdAt: '2026-01-01T00:00:00Z',
        lang: 'en',
        source: 'command',
      };
      await subscriptions.upsert(sub);
      const composer = createMessageComposer({
        topics: () => [{ id: 'iraq', names: { en: 'Iraq', ar: 'العراق' }, query: 'baghdad' }],
        articles: new ArticleStore(store),
        subscriptions,
        chatPrefs,
      });
      const a = article({
        id: 'x',
        feed: 'wire',
        url: 'https://wire.example/x',
        title: 'Rockets hit Baghdad',
        text: 'Rockets hit Baghdad.',
        lang: 'en',
        hoursAgo: 1,
      });
      const html = async () => {
        const [body] = await composer.makeAlertMessages(CHAT, [stored(a, { iraq: ['baghdad'] })]);
        return body && 'html' in body ? body.html : '';
      };
      expect(await html()).toContain('Matched Iraq');
      await chatPrefs.setLang(CHAT, 'ar');
      expect(await html()).toContain('طابق');
    } finally {
      await cleanup();
    }
  });
});
