// Child process of the crash test: the real outbox, pump, router and scheduler over a real store,
// polling a local feed and sending through the real Telegram sender to the fake Bot API server.
// The test SIGKILLs it at random moments and starts it again. Configuration comes from env:
// CRASH_STORE, CRASH_PREFIX, CRASH_FEED, CRASH_TG_ROOT, CRASH_TG_TOKEN.
import { Telegram } from 'telegraf';
import { openStore } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { openDelivery } from '../../src/delivery/open-delivery.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { createTelegramSender } from '../../src/platforms/telegram/telegram-sender.ts';
import type { StoredArticle, StoryJoin } from '../../src/core/types.ts';
import { isFollowUpItem, storyOfItem } from './crash-items.ts';
import { createLogger } from '../../src/log.ts';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`crash driver: ${k} is not set`);
  return v;
};

// Warnings go to stderr as JSON lines; the test counts the "in doubt" ones.
const log = createLogger(process.env.CRASH_VERBOSE === '1' ? 'debug' : 'warn', 2);

const store = await openStore(env('CRASH_STORE'), { redisPrefix: process.env.CRASH_PREFIX });
const articles = new ArticleStore(store);
const subscriptions = new SubscriptionStore(store);
// Like the Telegram platform at start (getMe), which also opens the connection before any send.
const telegram = new Telegram(env('CRASH_TG_TOKEN'), { apiRoot: env('CRASH_TG_ROOT') });
await telegram.getMe();
const delivery = await openDelivery({
  store,
  senders: { telegram: createTelegramSender(telegram, 2_000) },
  articles,
  subscriptions,
  makeAlertMessages: (_chat, stored) => [{ format: 'telegram-html', html: stored.map((s) => `[${s.article.id}]`).join(' ') }],
  makeDigestMessages: async () => [],
  batchWindowMs: 3_000,
  // The default budget (20 alert messages an hour per chat) would rightly hold most of this
  // accelerated stream for the next hour; the test is about crashes, not the budget.
  alertBudget: { max: 10_000, perMs: 3_600_000 },
  // Crash recovery is what is tested: a dead owner's claims are taken over after 1 s.
  pump: { livenessMs: 1_000, pollMs: 50 },
  log,
});

// The pipeline's order matters: store the article, queue its alerts, and only then mark it seen.
// A kill before the last step re-processes the item, and its alert key drops the repeat.
async function poll(): Promise<void> {
  const res = await fetch(env('CRASH_FEED'), { signal: AbortSignal.timeout(2_000) });
  const items = (await res.json()) as { id: string; title: string }[];
  const fresh: StoredArticle[] = [];
  const joins: StoryJoin[] = [];
  for (const it of items) {
    if (await articles.seenAs([it.id])) continue;
    const now = new Date().toISOString();
    const s: StoredArticle = {
      article: {
        id: it.id,
        feedId: 'crash',
        url: `https://example.com/${it.id}`,
        title: it.title,
        summary: '',
        text: it.title,
        lang: 'en',
        published: now,
        fetchedAt: now,
      },
      matches: [{ id: 'iraq', score: 1, terms: ['iraq'], spans: [] }],
      // Every fourth item joins the story of the item before it, as a second outlet's report would.
      storyId: storyOfItem(it.id),
    };
    if (isFollowUpItem(it.id)) joins.push({ stored: s });
    else fresh.push(s);
  }
  const all = [...fresh, ...joins.map((j) => j.stored)];
  if (all.length === 0) return;
  for (const s of all) await articles.put(s);
  await delivery.router.onArticles(fresh, joins);
  for (const s of all) await articles.markSeen([s.article.id], s.article.id);
}

const scheduler = new Scheduler({
  store,
  subscriptions,
  router: delivery.router,
  outbox: delivery.outbox,
  feeds: async () => [{ id: 'crash', intervalMs: 1_000 }],
  pollFeed: poll,
  purge: async () => 0,
  log,
});
await delivery.start();
await scheduler.start();
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  void (async () => {
    await scheduler.stop();
    const { unfinished } = await delivery.stop(5_000);
    await store.close();
    process.stdout.write(`stopped unfinished=${unfinished}\n`);
    process.exit(0);
  })();
});
