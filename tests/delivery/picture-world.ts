// A delivery world for the picture tests: a real SQLite store, the real message composer, the
// outbox/pump/router from openDelivery, and the real telegraf and Slack senders against the fakes,
// with charts drawn by the same drawer as /trend.
import type { StoredArticle, TopicDef } from '../../src/core/types.ts';
import { parseScheduleMode } from '../../src/core/schedule-mode.ts';
import { createChartDrawer } from '../../src/app/trend-service.ts';
import { createMessageComposer, type MessageComposer } from '../../src/delivery/compose-messages.ts';
import { openDelivery, type Delivery } from '../../src/delivery/open-delivery.ts';
import { createSlackSender, createSlackWebClient } from '../../src/platforms/slack/slack-sender.ts';
import { SubscriptionStore, type Subscription } from '../../src/store/subscription-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { storeCases } from '../helpers/stores.ts';
import { article, fastLimits, fastRetry, storeArticles, telegramSenderFor } from './helpers.ts';

export const TG_CHAT = 42;
export const SLACK_CHANNEL = 'C0NEWS';
const TOPICS: TopicDef[] = [{ id: 'iraq', name: 'Iraq', query: 'iraq' }];

export interface PictureWorld {
  store: Store;
  tg: FakeTelegram;
  slack: FakeSlack;
  subs: SubscriptionStore;
  delivery: Delivery;
  composer: MessageComposer;
  /** Stores the articles and hands them to the router as newly matched (instant alerts). */
  arrive(items: StoredArticle[]): Promise<void>;
  subscribe(s: Partial<Subscription> & Pick<Subscription, 'platform' | 'chat'>, mode?: string): Promise<Subscription>;
  close(): Promise<void>;
}

/** An iraq article with a picture (or none with image: undefined). */
export function pictured(id: string, image: string | undefined, published = new Date().toISOString()): StoredArticle {
  const s = article(id, ['iraq'], published);
  s.article.title = `Rockets hit Baghdad airport (${id})`;
  if (image) s.article.image = image;
  return s;
}

export async function openPictureWorld(): Promise<PictureWorld> {
  const opened = await storeCases[0]!.open();
  const store = opened.store;
  const tg = await startFakeTelegram({ chats: [{ id: TG_CHAT, type: 'private', first_name: 'Ali' }] });
  const slack = await startFakeSlack({ channels: [{ id: SLACK_CHANNEL, name: 'news' }] });
  const subs = new SubscriptionStore(store);
  const articles = await storeArticles(store, []);
  const composer = createMessageComposer({ topics: () => TOPICS, articles, subscriptions: subs });
  const delivery = await openDelivery({
    store,
    articles,
    subscriptions: subs,
    ...composer,
    drawChart: createChartDrawer({ articles, topics: async () => TOPICS }),
    limits: fastLimits,
    retry: fastRetry,
    pump: { pollMs: 30 },
  });
  delivery.attachSender('telegram', telegramSenderFor(tg));
  delivery.attachSender('slack', createSlackSender(createSlackWebClient(slack.token, slack.url, 2_000)));
  await delivery.start();
  return {
    store,
    tg,
    slack,
    subs,
    delivery,
    composer,
    async arrive(items) {
      for (const s of items) await articles.put(s);
      await delivery.router.onArticles(items);
    },
    async subscribe(s, mode = 'instant') {
      const parsed = parseScheduleMode(mode);
      if (!parsed.ok) throw new Error(parsed.error);
      const sub: Subscription = { topic: 'iraq', mode: parsed.mode, timezone: 'Asia/Baghdad', createdAt: new Date().toISOString(), source: 'config', ...s };
      await subs.upsert(sub);
      return sub;
    },
    async close() {
      await delivery.stop(1000);
      await tg.close();
      await slack.close();
      await opened.cleanup();
    },
  };
}
