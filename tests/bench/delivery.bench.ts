// Delivery against the fake Bot API server enforcing Telegram's flood limits (30 msg/s overall,
// 1 msg/s per chat, 20/min per group):
// 1. broadcast 3,000 messages to 1,000 chats: throughput as a share of 30 msg/s and the 429 count
//    (targets ≥ 90 % and 0); baseline in the same run: the same sender without the outbox's rate
//    limits (what a naive broadcaster gets).
// 2. two instances sharing one Redis: the global rate is shared, so still no 429.
// 3. instant mode, feed item handed to delivery → sendMessage at the platform: p50 and p99,
//    against a bare sendMessage round trip as the baseline.
// Store: Redis when REDIS_URL is set, else SQLite in a temp folder (BENCH_STORE overrides).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { openDelivery, openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import type { Sender } from '../../src/core/outbound.ts';
import { deleteByPrefix, tempDir } from '../helpers/stores.ts';
import { article, renderIds, telegramSenderFor } from '../delivery/helpers.ts';

interface BenchStore {
  label: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function benchStore(): BenchStore {
  const url = process.env.BENCH_STORE ?? process.env.REDIS_URL;
  if (url?.startsWith('redis')) {
    const prefix = `raqibbench${randomBytes(5).toString('hex')}`;
    const opened: Store[] = [];
    return {
      label: `redis (${url.replace(/\/\/[^@]*@/, '//')})`,
      open: async () => {
        const s = await openStore(url, { redisPrefix: prefix });
        opened.push(s);
        return s;
      },
      cleanup: async () => {
        if (opened[0]) await deleteByPrefix(opened[0], prefix);
        for (const s of opened) await s.close();
      },
    };
  }
  const dir = tempDir('raqib-bench-');
  const file = url?.startsWith('sqlite://') ? url : `sqlite://${join(dir.dir, 'raqib.sqlite')}`;
  let store: Store | undefined;
  return {
    label: 'sqlite (temp file)',
    open: async () => (store ??= await openStore(file)),
    cleanup: async () => {
      await store?.close();
      dir.remove();
    },
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** The fake's clock (ms since it started) turned into wall-clock ms. */
const fakeEpoch = (fake: FakeTelegram) => (fake as unknown as { started: number }).started;

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`bench: timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const chatIds = (n: number, base: number) => Array.from({ length: n }, (_, i) => (i % 10 === 9 ? String(-(base + i)) : String(base + i)));

async function broadcast(
  store: Store,
  sender: Sender,
  fake: FakeTelegram,
  chats: string[],
  perChat: number,
  instances: Store[],
): Promise<{ seconds: number; rate: number; r429: number; ordered: boolean; enqueueMs: number }> {
  const outboxes = await Promise.all(
    instances.map(async (s) => new Outbox({ backend: await openOutboxBackend(s), articles: { getMany: async () => [] }, makeAlertMessages: renderIds })),
  );
  const t0 = performance.now();
  for (let round = 1; round <= perChat; round++) {
    for (const chat of chats)
      await outboxes[0]!.enqueue({ platform: 'telegram', chat }, [{ format: 'text', text: `${chat}/${round}` }], { key: `b/${chat}/${round}` });
  }
  const enqueueMs = (performance.now() - t0) / (chats.length * perChat);
  const pumps = outboxes.map((outbox) => new DeliveryPump({ outbox, senders: { telegram: sender }, maxInFlight: 16 }));
  const before = fake.sent().length;
  const r429Before = fake.stats().rateLimited;
  for (const p of pumps) await p.start();
  const total = chats.length * perChat;
  await waitUntil(() => fake.sent().length - before >= total, 400_000);
  for (const p of pumps) await p.stop(2_000);
  const sent = fake.sent().slice(before);
  const seconds = (sent[sent.length - 1]!.at - sent[0]!.at) / 1000;
  let ordered = true;
  for (const chat of chats.slice(0, 50)) {
    const texts = fake.sent(Number(chat)).map((m) => m.text);
    if (texts.join() !== Array.from({ length: perChat }, (_, i) => `${chat}/${i + 1}`).join()) ordered = false;
  }
  void store;
  return { seconds, rate: (total - 1) / seconds, r429: fake.stats().rateLimited - r429Before, ordered, enqueueMs };
}

/** The baseline: the same sender, 16 sends in flight, no pacing — what a naive broadcaster gets. */
async function naive(sender: Sender, fake: FakeTelegram, chats: string[]): Promise<{ attempts: number; r429: number; share: number }> {
  const before = fake.stats();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < chats.length) {
        const chat = chats[next++]!;
        await sender.send({ to: { platform: 'telegram', chat }, body: { format: 'text', text: 'naive' } });
      }
    }),
  );
  const after = fake.stats();
  const attempts = after.calls - before.calls;
  const r429 = after.rateLimited - before.rateLimited;
  return { attempts, r429, share: r429 / attempts };
}

interface Latency {
  quiet: { p50: number; p99: number; n: number };
  busy: { p50: number; p99: number; n: number; messages: number };
  rtt50: number;
  rtt99: number;
}

/**
 * Items are handed to delivery one by one, 250–750 ms apart. Each matches the topic of one quiet
 * chat (which sees only that item: its alert leaves at once, the leading edge of batching) and the
 * topic of one busy chat (which sees them all: after its first alert the rest wait for the batch
 * window, 30 s by default, and leave together).
 */
async function latency(bs: BenchStore, fake: FakeTelegram, n: number): Promise<Latency> {
  const store = await bs.open();
  const subs = new SubscriptionStore(store);
  const sub = (chat: string, topic: string) =>
    subs.upsert({
      platform: 'telegram',
      chat,
      topic,
      mode: { kind: 'instant' },
      timezone: 'Asia/Baghdad',
      createdAt: new Date().toISOString(),
      source: 'config',
    });
  for (let i = 0; i < n; i++) await sub(String(700_000 + i), `q${i}`);
  await sub('799999', 'busy');
  const articles = new ArticleStore(store);
  const delivery = await openDelivery({
    store,
    senders: { telegram: telegramSenderFor(fake) },
    articles,
    subscriptions: subs,
    makeAlertMessages: renderIds,
    makeDigestMessages: async () => [],
  });
  await delivery.start();
  const handedAt = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const stored = article(`lat-${i}`, [`q${i}`, 'busy']);
    await articles.put(stored);
    handedAt.set(stored.article.id, Date.now());
    await delivery.router.onArticles([stored]);
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
  }
  const arrived = (chat: number) => {
    const epoch = fakeEpoch(fake);
    const at = new Map<string, number>();
    for (const m of fake.sent(chat)) for (const id of m.text.match(/lat-\d+/g) ?? []) if (!at.has(id)) at.set(id, epoch + m.at);
    return at;
  };
  await waitUntil(() => arrived(799999).size === n && [...Array(n).keys()].every((i) => fake.sent(700_000 + i).length > 0), 120_000);
  const quiet: number[] = [];
  for (let i = 0; i < n; i++) quiet.push(arrived(700_000 + i).get(`lat-${i}`)! - handedAt.get(`lat-${i}`)!);
  const busyAt = arrived(799999);
  const busy = [...handedAt].map(([id, t]) => busyAt.get(id)! - t);
  await delivery.stop();
  const sender = telegramSenderFor(fake);
  const rtt: number[] = [];
  // Without flood control, so that every baseline call is a real delivery (not a quick 429).
  fake.enforceLimits(false);
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await sender.send({ to: { platform: 'telegram', chat: String(800_000 + i) }, body: { format: 'text', text: 'rtt' } });
    rtt.push(performance.now() - t);
  }
  fake.enforceLimits(true);
  return {
    quiet: { p50: quantile(quiet, 0.5), p99: quantile(quiet, 0.99), n },
    busy: { p50: quantile(busy, 0.5), p99: quantile(busy, 0.99), n, messages: fake.sent(799999).length },
    rtt50: quantile(rtt, 0.5),
    rtt99: quantile(rtt, 0.99),
  };
}

export async function run(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const quick = process.env.BENCH_QUICK === '1';
  const chats = quick ? 100 : 1000;
  const bs = benchStore();
  const fake = await startFakeTelegram({ limits: true });
  try {
    const sender = telegramSenderFor(fake);
    console.log(`store: ${bs.label}`);

    const base = await naive(sender, fake, chatIds(300, 100_000));
    console.log(`baseline, naive broadcast (16 in flight, no pacing): ${base.attempts} sends → ${base.r429} answered 429 (${(base.share * 100).toFixed(0)} %)`);
    await new Promise((r) => setTimeout(r, 2_000));

    const store = await bs.open();
    const b = await broadcast(store, sender, fake, chatIds(chats, 1), 3, [store]);
    console.log(
      `broadcast ${chats * 3} messages to ${chats} chats: ${b.seconds.toFixed(1)} s, ${b.rate.toFixed(2)} msg/s = ${((b.rate / 30) * 100).toFixed(1)} % of 30 msg/s ` +
        `(target ≥ 90 %), 429s: ${b.r429} (target 0; naive: ${base.r429}), per-chat order kept: ${b.ordered}, enqueue ${b.enqueueMs.toFixed(2)} ms/msg`,
    );

    if (bs.label.startsWith('redis')) {
      await new Promise((r) => setTimeout(r, 2_000));
      const two = [await bs.open(), await bs.open()];
      const m = await broadcast(two[0]!, sender, fake, chatIds(quick ? 60 : 300, 500_000), 2, two);
      console.log(
        `two instances on one Redis, ${(quick ? 60 : 300) * 2} messages: ${m.rate.toFixed(2)} msg/s = ${((m.rate / 30) * 100).toFixed(1)} % of 30 msg/s, 429s: ${m.r429}, order kept: ${m.ordered}`,
      );
    }

    await new Promise((r) => setTimeout(r, 2_000));
    const l = await latency(bs, fake, quick ? 20 : 120);
    console.log(
      `instant mode, item handed to delivery → sendMessage at the platform: quiet chats (${l.quiet.n}) p50 ${l.quiet.p50.toFixed(0)} ms, p99 ${l.quiet.p99.toFixed(0)} ms; ` +
        `baseline bare sendMessage round trip p50 ${l.rtt50.toFixed(1)} ms, p99 ${l.rtt99.toFixed(1)} ms (p50 ratio ×${(l.quiet.p50 / l.rtt50).toFixed(1)})`,
    );
    console.log(
      `busy chat (an item every ~0.5 s, 30 s batch window): ${l.busy.n} items in ${l.busy.messages} messages, p50 ${(l.busy.p50 / 1000).toFixed(1)} s, p99 ${(l.busy.p99 / 1000).toFixed(1)} s`,
    );
    console.log("(a feed item also waits for its feed's next poll: on average half the poll interval, e.g. 2.5 min at 5m)");
  } finally {
    await fake.close();
    await bs.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
