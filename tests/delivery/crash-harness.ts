// The crash test's parent side: a feed that publishes items over time, the fake Bot API that
// outlives every child, and the kill-and-restart loop around tests/delivery/crash-driver.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { mulberry32 } from '../fakes/faults.ts';
import { followUpPairs, itemsIn } from './crash-items.ts';

const DRIVER = fileURLToPath(new URL('./crash-driver.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The driver bundled once into plain JS (packages stay external), so that each of the 20 restarts
 * skips tsx's start-up and on-the-fly transform (~0.8 s a start on a CI core). esbuild comes with
 * tsx and vite; without it the driver runs through tsx.
 */
async function driverCommand(): Promise<{ args: string[]; cleanup(): void }> {
  try {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache-raqib-crash-'));
    const out = join(dir, 'crash-driver.mjs');
    await build({
      entryPoints: [DRIVER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node20',
      outfile: out,
      logLevel: 'error',
    });
    return { args: [out], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return { args: ['--import', 'tsx', DRIVER], cleanup: () => {} };
  }
}

export interface CrashOptions {
  /** 'driver': crash-driver.ts (delivery + scheduler only); 'raqib': the real `raqib start`. */
  target?: 'driver' | 'raqib';
  storeUrl: string;
  prefix?: string;
  chats: string[];
  items: number;
  /** Items appear one every publishMs. */
  publishMs: number;
  kills: number;
  /** Each child is killed a random time in [minLifeMs, maxLifeMs] after it reported ready… */
  minLifeMs: number;
  maxLifeMs: number;
  /** …except every n-th, killed during start-up (a random time in its first 400 ms). */
  startupKillEvery: number;
  seed: number;
  drainTimeoutMs: number;
}

export interface CrashReport {
  kills: number;
  killedBeforeReady: number;
  messages: number;
  /** Per chat: item id → how many times it arrived. */
  perChat: Map<string, Map<string, number>>;
  missing: number;
  /** Extra arrivals of an item beyond the first. */
  duplicates: number;
  /** Messages that arrived more than once, identical (an in-doubt message sent again). */
  repeatedMessages: number;
  /** Items that arrived inside two different messages: never acceptable. */
  splitDuplicates: number;
  /** "In doubt" reports of the children, per chat key (telegram:<id>). */
  inDoubt: Map<string, number>;
  /** Idempotency keys a kill left unwritten beside their chat document, written at the next open. */
  reservationsFinished: number;
  /** (alert, follow-up) item pairs over all chats, and how many arrived as a reply to the other's message. */
  followUps: { pairs: number; threaded: number };
  seconds: number;
}

/**
 * Item n's title: made-up words of its own, so that no two items cluster into one story — except
 * every fourth, which tells the story of the item before it in the same words (a follow-up).
 */
function itemTitle(n: number): string {
  const rng = mulberry32((n % 4 === 0 ? n - 1 : n) * 7919);
  const syl = ['ka', 'ru', 'mi', 'lo', 'te', 'sa', 'na', 'bi', 'do', 'fe', 'gu', 'ha', 'jo', 'ne', 'pa', 'qi', 'zu', 'ti', 'vo', 'ze'];
  const word = () => Array.from({ length: 3 }, () => syl[Math.floor(rng() * syl.length)]).join('');
  return `Iraq ${Array.from({ length: 7 }, word).join(' ')} [item-${String(n).padStart(3, '0')}]`;
}

export async function startFeed(total: number, everyMs: number, window = Infinity): Promise<{ url: string; rss: string; close(): Promise<void> }> {
  const t0 = Date.now();
  const server: Server = createServer((req, res) => {
    const visible = Math.min(total, Math.floor((Date.now() - t0) / everyMs) + 1);
    const items = Array.from({ length: visible }, (_, i) => ({ id: `item-${String(i + 1).padStart(3, '0')}`, title: itemTitle(i + 1) }));
    if (req.url?.startsWith('/rss')) {
      // Newest first, every item published so far: a fixed window (12 s of publishing) let items
      // scroll off while a restart took 10 s on a loaded machine, and they counted as lost. This
      // test is about what raqib loses, so the feed never drops one.
      const xml = items
        .slice(-Math.min(window, items.length))
        .reverse()
        .map(
          (it) =>
            `<item><title>${it.title}</title><link>https://news.example.com/${it.id}</link><guid>${it.id}</guid><description>${it.title}</description><pubDate>${new Date().toUTCString()}</pubDate></item>`,
        )
        .join('');
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>crash</title><link>https://news.example.com/</link><description>x</description>${xml}</channel></rss>`,
        );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(items));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/items`,
    rss: `${origin}/rss.xml`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export function spawnDriver(
  args: string[],
  env: Record<string, string>,
  onErr: (line: string) => void,
  readyMarker: string,
): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const lines = (stream: NodeJS.ReadableStream, each: (l: string) => void) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const l = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (l.includes(readyMarker)) resolveReady();
        each(l);
      }
    });
  };
  lines(child.stdout!, () => {});
  lines(child.stderr!, onErr);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, ready, exited };
}

/** A config for the real `raqib start`: the local feed, one topic, the chats subscribed instant. */
export function raqibConfig(dir: string, feedUrl: string, chats: string[]): string {
  const file = join(dir, 'raqib.yaml');
  const subs = chats.map((c) => `  - { topic: iraq, platform: telegram, chat: "${c}", mode: instant }`).join('\n');
  writeFileSync(
    file,
    `feeds:\n  - { url: "${feedUrl}", interval: 1s, alertOnFirstPoll: true }\ntopics:\n  - { id: iraq, query: iraq }\nsubscriptions:\n${subs}\nsettings:\n  defaultPack: false\n  batchWindow: 3s\n  allowPrivateNetworks: ["127.0.0.1"]\n`,
  );
  return file;
}

export const RAQIB_BIN = join(ROOT, 'bin', 'raqib.js');

export async function runCrashTest(o: CrashOptions): Promise<CrashReport & { fake: FakeTelegram }> {
  const started = Date.now();
  const target = o.target ?? 'driver';
  const fake = await startFakeTelegram();
  const feed = await startFeed(o.items, o.publishMs);
  const work = mkdtempSync(join(tmpdir(), 'raqib-crash-run-'));
  let driver: { args: string[]; cleanup(): void };
  let env: Record<string, string>;
  let readyMarker: string;
  if (target === 'raqib') {
    driver = { args: [RAQIB_BIN, 'start'], cleanup: () => {} };
    // `raqib start` keeps its Redis keys under "raqib:"; the caller gives it a database of its own.
    // PORT 0: the HTTP server takes a free port, so a busy 3000 (another raqib on this machine) cannot stall the run.
    env = {
      RAQIB_CONFIG: raqibConfig(work, feed.rss, o.chats),
      RAQIB_STORE: o.storeUrl,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      LOG_LEVEL: 'info',
      PORT: '0',
    };
    readyMarker = 'raqib started';
  } else {
    const store = await openStore(o.storeUrl, { redisPrefix: o.prefix });
    const subs = new SubscriptionStore(store);
    for (const chat of o.chats) {
      await subs.upsert({
        platform: 'telegram',
        chat,
        topic: 'iraq',
        mode: { kind: 'instant' },
        timezone: 'Asia/Baghdad',
        createdAt: new Date().toISOString(),
        source: 'config',
      });
    }
    await store.close();
    driver = await driverCommand();
    env = { CRASH_STORE: o.storeUrl, CRASH_PREFIX: o.prefix ?? '', CRASH_FEED: feed.url, CRASH_TG_ROOT: fake.url, CRASH_TG_TOKEN: fake.token };
    readyMarker = 'ready';
  }
  const rng = mulberry32(o.seed);
  const inDoubt = new Map<string, number>();
  let reservationsFinished = 0;
  const errors: string[] = [];
  const onErr = (l: string) => {
    if (process.env.CRASH_VERBOSE === '1') console.log(`child: ${l}`);
    if (l.includes('message in doubt')) {
      const chat = (JSON.parse(l) as { chat: string }).chat;
      inDoubt.set(chat, (inDoubt.get(chat) ?? 0) + 1);
    } else if (l.includes('a crash left unwritten')) reservationsFinished += (JSON.parse(l) as { keys: number }).keys;
    else if (/^\{"level":("error"|50|60)\b/.test(l) || !l.startsWith('{')) errors.push(l);
  };
  let killedBeforeReady = 0;
  try {
    for (let k = 0; k < o.kills; k++) {
      const d = spawnDriver(driver.args, env, onErr, readyMarker);
      let ready = false;
      void d.ready.then(() => (ready = true));
      if ((k + 1) % o.startupKillEvery === 0) {
        await new Promise((r) => setTimeout(r, 50 + rng() * 350));
        if (!ready) killedBeforeReady++;
      } else {
        await Promise.race([d.ready, d.exited, new Promise((r) => setTimeout(r, 15_000))]);
        await new Promise((r) => setTimeout(r, o.minLifeMs + rng() * (o.maxLifeMs - o.minLifeMs)));
      }
      d.child.kill('SIGKILL');
      await d.exited;
    }
    const last = spawnDriver(driver.args, env, onErr, readyMarker);
    await last.ready;
    const expected = o.items * o.chats.length;
    const deadline = Date.now() + o.drainTimeoutMs;
    const delivered = () => o.chats.reduce((n, c) => n + new Set(fake.sent(Number(c)).flatMap((m) => itemsIn(m.text))).size, 0);
    while (Date.now() < deadline && delivered() < expected) await new Promise((r) => setTimeout(r, 100));
    // A little longer: a duplicate would show up now, not later.
    await new Promise((r) => setTimeout(r, 1_500));
    last.child.kill('SIGTERM');
    await last.exited;
  } finally {
    await feed.close();
    driver.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
  if (errors.length > 0) throw new Error(`crash driver reported errors:\n${errors.slice(0, 5).join('\n')}`);
  const perChat = new Map<string, Map<string, number>>();
  let missing = 0;
  let duplicates = 0;
  let messages = 0;
  let repeatedMessages = 0;
  let splitDuplicates = 0;
  for (const chat of o.chats) {
    const counts = new Map<string, number>();
    const texts = new Map<string, number>();
    for (const m of fake.sent(Number(chat))) {
      messages++;
      texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
      for (const id of itemsIn(m.text)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const n of texts.values()) repeatedMessages += n - 1;
    const inTexts = new Map<string, number>();
    for (const t of texts.keys()) for (const id of itemsIn(t)) inTexts.set(id, (inTexts.get(id) ?? 0) + 1);
    for (const n of inTexts.values()) if (n > 1) splitDuplicates += n - 1;
    for (let i = 1; i <= o.items; i++) {
      const n = counts.get(`item-${String(i).padStart(3, '0')}`) ?? 0;
      if (n === 0) missing++;
      if (n > 1) duplicates += n - 1;
    }
    perChat.set(chat, counts);
  }
  const followUps = threadedPairs(fake, o.chats, o.items);
  return {
    fake,
    kills: o.kills,
    killedBeforeReady,
    messages,
    perChat,
    missing,
    duplicates,
    repeatedMessages,
    splitDuplicates,
    inDoubt,
    reservationsFinished,
    followUps,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Pairs whose one item arrived in a reply to the alert carrying the other (either way round: in
 * `raqib start` the story index decides which of the two came first). A long alert batch is split
 * into several messages; follow-ups reply to the first, so the alert is that message and the
 * unthreaded ones right after it.
 */
function threadedPairs(fake: FakeTelegram, chats: string[], items: number): { pairs: number; threaded: number } {
  let pairs = 0;
  let threaded = 0;
  for (const chat of chats) {
    const sent = fake.sent(Number(chat));
    const alertIds = (replyTo: number | undefined): string[] => {
      const at = sent.findIndex((m) => m.message_id === replyTo);
      if (at < 0) return [];
      const out = itemsIn(sent[at]!.text);
      for (let i = at + 1; i < sent.length && sent[i]!.reply_to_message_id === undefined && !sent[i]!.text.startsWith('raqib'); i++)
        out.push(...itemsIn(sent[i]!.text));
      return out;
    };
    const repliesTo = (m: (typeof sent)[number]) => alertIds(m.reply_to_message_id);
    for (const [a, f] of followUpPairs(items)) {
      pairs++;
      const ok = sent.some((m) => (itemsIn(m.text).includes(f) && repliesTo(m).includes(a)) || (itemsIn(m.text).includes(a) && repliesTo(m).includes(f)));
      if (ok) threaded++;
    }
  }
  return { pairs, threaded };
}
