// What choosing the chats of an alert batch costs on Redis: the router lists every subscription
// for each batch. 10,000 subscriptions over 2,000 chats in a database of ~60,000 keys (about the
// scale bench's); the batches' articles match no subscription, so only the listing is measured.
// Baseline in the same run: listing by a keyv iteration, a SCAN over the whole database, as raqib
// did before the versioned index (batches more than its 1 s cache apart), on fewer batches.
// Figures: ms per batch, and Redis commands per batch by name (MONITOR, this bench's keys only).
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { SubscriptionStore, type ConfigSubscription, type Subscription } from '../../src/store/subscription-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryRouter, type SubscriptionSource } from '../../src/delivery/router.ts';
import { deleteByPrefix } from '../helpers/stores.ts';
import { countByName, monitorRedis, total } from '../helpers/redis-monitor.ts';
import { article, renderIds, storeArticles } from '../delivery/helpers.ts';

const SUBS = 10_000;
const CHATS = 2_000;
const FILLER = 50_000;
/** Batches per case: the baseline's are seconds each on a database this size. */
const BATCHES = { baseline: 5, index: 100 };

/** The listing as it was: every key of the namespace through keyv's iterator (SCAN on Redis). */
function scanningSource(store: Store): SubscriptionSource {
  const kv = store.namespace<Subscription>('subscriptions');
  return {
    async all() {
      const out: Subscription[] = [];
      for await (const [, v] of kv.iterator!(undefined)) if (v) out.push(v as Subscription);
      return out;
    },
  };
}

async function fill(store: Store, prefix: string): Promise<void> {
  const list: ConfigSubscription[] = [];
  for (let i = 0; i < SUBS; i++)
    list.push({ platform: 'telegram', chat: String(i % CHATS), topic: `t${(i + Math.floor(i / CHATS) * 37) % 200}`, mode: 'instant' });
  await new SubscriptionStore(store).seedFromConfig(list);
  for (let i = 0; i < FILLER; i += 1_000) {
    const m = store.redis!.multi();
    for (let j = i; j < i + 1_000; j++) m.set(`${prefix}:filler:${j}`, 'x');
    await m.exec();
  }
}

async function measure(label: string, batches: number, store: Store, prefix: string, url: string, source: SubscriptionSource, outbox: Outbox): Promise<void> {
  const router = new DeliveryRouter({ store, subscriptions: source, outbox, makeDigestMessages: async () => [] });
  await router.onArticles([article('warm', ['nobody'])]);
  const started = performance.now();
  for (let i = 0; i < batches; i++) await router.onArticles([article(`${label}${i}`, ['nobody'])]);
  const ms = (performance.now() - started) / batches;
  const monitor = await monitorRedis(url);
  try {
    await monitor.take({ prefix });
    for (let i = 0; i < batches; i++) await router.onArticles([article(`${label}c${i}`, ['nobody'])]);
    const counts = countByName(await monitor.take({ prefix }));
    const per = [...counts].map(([name, n]) => `${name} ${(n / batches).toFixed(1)}`).join(', ');
    console.log(`${label.padEnd(22)} ${ms.toFixed(2).padStart(8)} ms/batch  ${(total(counts) / batches).toFixed(1).padStart(8)} commands/batch (${per})`);
  } finally {
    await monitor.close();
  }
}

export async function run(): Promise<void> {
  const url = process.env.BENCH_STORE ?? process.env.REDIS_URL;
  if (!url?.startsWith('redis')) return void console.log('listing bench: set REDIS_URL (it measures Redis commands)');
  const prefix = `raqibbench${randomBytes(5).toString('hex')}`;
  const store = await openStore(url, { redisPrefix: prefix });
  try {
    await fill(store, prefix);
    const outbox = new Outbox({ backend: await openOutboxBackend(store), articles: await storeArticles(store, []), makeAlertMessages: renderIds });
    console.log(`${SUBS} subscriptions, ${CHATS} chats, ${(await store.redis!.dbSize()).toLocaleString('en')} keys in the database`);
    await measure('baseline (keyv scan)', BATCHES.baseline, store, prefix, url, scanningSource(store), outbox);
    await measure('versioned index', BATCHES.index, store, prefix, url, new SubscriptionStore(store), outbox);
  } finally {
    await deleteByPrefix(store, prefix);
    await store.close();
  }
}
