// The scale bench's world: a feed farm (many feeds on one local HTTP server, /feed/<n>.xml), many
// generated topics, and chats subscribed to a known set of them, so that which item must reach
// which chat is known in advance. Items are released in waves; an item's publish time is the
// moment its wave was released, which the latency figures count from.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../fakes/faults.ts';

export interface FarmShape {
  feeds: number;
  items: number;
  waves: number;
  topics: number;
  chats: number;
  subsPerChat: number;
}

export const itemId = (n: number): string => `item-${String(n).padStart(4, '0')}`;

/** Topic k's one query word: letters only (digits a–j), so the tokenizer keeps it whole. */
export const topicWord = (k: number): string => `zeta${[...String(k)].map((d) => String.fromCharCode(97 + Number(d))).join('')}q`;

/** The topics item n matches: one always, a second for every third item. */
export function topicsOfItem(n: number, topics: number): number[] {
  const a = (n * 7) % topics;
  const b = (n * 13 + 5) % topics;
  return n % 3 === 0 && b !== a ? [a, b] : [a];
}

/** The topics chat c subscribes to: spread evenly, so every topic has chats·subs/topics chats. */
export function topicsOfChat(c: number, s: FarmShape): number[] {
  const step = Math.max(1, Math.floor(s.topics / s.subsPerChat));
  return Array.from({ length: s.subsPerChat }, (_, j) => (c + j * step) % s.topics);
}

export const chatId = (c: number): string => String(100_000 + c);

/** Per chat id: the item ids that must reach it. */
export function expectedDeliveries(s: FarmShape): Map<string, Set<string>> {
  const chatsOfTopic = new Map<number, string[]>();
  for (let c = 0; c < s.chats; c++) for (const t of topicsOfChat(c, s)) chatsOfTopic.set(t, [...(chatsOfTopic.get(t) ?? []), chatId(c)]);
  const out = new Map<string, Set<string>>();
  for (let c = 0; c < s.chats; c++) out.set(chatId(c), new Set());
  for (let n = 1; n <= s.items; n++) for (const t of topicsOfItem(n, s.topics)) for (const chat of chatsOfTopic.get(t) ?? []) out.get(chat)!.add(itemId(n));
  return out;
}

/** Made-up words of the item's own, so no two items cluster into one story, plus its topics' words. */
function itemTitle(n: number, topics: number): string {
  const rng = mulberry32(n * 7919);
  const syl = ['ka', 'ru', 'mi', 'lo', 'te', 'sa', 'na', 'bi', 'do', 'fe', 'gu', 'ha', 'jo', 'ne', 'pa', 'qi', 'zu', 'ti', 'vo', 'ze'];
  const word = () => Array.from({ length: 3 }, () => syl[Math.floor(rng() * syl.length)]).join('');
  const words = topicsOfItem(n, topics).map(topicWord);
  return `${words.join(' ')} ${Array.from({ length: 6 }, word).join(' ')} [${itemId(n)}]`;
}

export interface Farm {
  origin: string;
  feedUrl(f: number): string;
  /** Makes the next wave visible; returns its items and the release time (ms epoch). */
  release(): { wave: number; at: number; items: number[] };
  /** Publish time (ms epoch) per item id, for the items released so far. */
  published: Map<string, number>;
  requests(): number;
  close(): Promise<void>;
}

export async function startFarm(s: FarmShape): Promise<Farm> {
  const perWave = Math.ceil(s.items / s.waves);
  let released = 0;
  let requests = 0;
  const published = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    requests++;
    const f = Number(/^\/feed\/(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? -1);
    const mine: number[] = [];
    // Item n lives on feed (n-1) % feeds; only released waves are visible.
    for (let n = f + 1; n <= Math.min(s.items, released * perWave); n += s.feeds) mine.push(n);
    const xml = mine
      .reverse()
      .map((n) => {
        const t = itemTitle(n, s.topics);
        const at = new Date(published.get(itemId(n))!).toUTCString();
        return `<item><title>${t}</title><link>https://news${f}.example.com/${itemId(n)}</link><guid>${itemId(n)}</guid><description>${t}</description><pubDate>${at}</pubDate></item>`;
      })
      .join('');
    res
      .writeHead(f < 0 ? 404 : 200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>farm ${f}</title><link>https://news${f}.example.com/</link><description>x</description>${xml}</channel></rss>`,
      );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    feedUrl: (f) => `${origin}/feed/${f}.xml`,
    release() {
      const at = Date.now();
      const items: number[] = [];
      for (let n = released * perWave + 1; n <= Math.min(s.items, (released + 1) * perWave); n++) {
        items.push(n);
        published.set(itemId(n), at);
      }
      released++;
      return { wave: released, at, items };
    },
    published,
    requests: () => requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The `raqib start` config: every farm feed, every topic, every chat's subscriptions (instant). */
export function farmConfig(dir: string, farm: Farm, s: FarmShape, o: { intervalS: number; batchWindowS: number }): string {
  const feeds = Array.from(
    { length: s.feeds },
    (_, f) => `  - { url: "${farm.feedUrl(f)}", name: "farm-${f}", interval: ${o.intervalS}s, alertOnFirstPoll: true }`,
  );
  const topics = Array.from({ length: s.topics }, (_, k) => `  - { id: t${k}, query: ${topicWord(k)} }`);
  const subs: string[] = [];
  for (let c = 0; c < s.chats; c++)
    for (const t of topicsOfChat(c, s)) subs.push(`  - { topic: t${t}, platform: telegram, chat: "${chatId(c)}", mode: instant }`);
  const file = join(dir, 'raqib.yaml');
  writeFileSync(
    file,
    `feeds:\n${feeds.join('\n')}\ntopics:\n${topics.join('\n')}\nsubscriptions:\n${subs.join('\n')}\n` +
      `settings:\n  defaultPack: false\n  batchWindow: ${o.batchWindowS}s\n  allowPrivateNetworks: ["127.0.0.1"]\n`,
  );
  return file;
}
