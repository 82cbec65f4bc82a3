// Story assignment cost per article with 100,000 stored articles (30 days, SQLite in a temp
// folder): the event-signature index (src/stories/story-index.ts) against the text-only sketch
// index it replaced (tests/bench/baseline/), over the same stored buckets, in the same run.
// Each assignment extracts the sketch and signature, reads the hour buckets around the article
// (cached after the first), compares with every stored article in the window and writes.
// Then on Redis (REDIS_URL, default the local one), two index instances on two connections (two
// processes) assigning in turn: the keyv-array buckets every write invalidates (before) against
// the append-only lists (story-buckets-redis.ts), with the Redis commands each assignment sends.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
import { KeyvStoryBuckets, type BucketEntry } from '../../src/stories/story-buckets.ts';
import { RedisStoryBuckets } from '../../src/stories/story-buckets-redis.ts';
import { monitorRedis } from '../helpers/redis-monitor.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { packSketch, sketchOf } from '../../src/stories/sketch.ts';
import { StoryIndex as SketchStoryIndex } from './baseline/sketch-story-index.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import { mulberry32 } from '../helpers/random.ts';
import { dayOf } from '../../src/text/dates.ts';

const N = 100_000;
const DAYS = 30;
const HOUR = 3_600_000;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const POOL = 2_000;
const MEASURED = 150;

const rand = mulberry32(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const SYLL = ['ka', 'ra', 'mi', 'lo', 'te', 'su', 'na', 'bi', 'do', 'fe', 'gu', 'ha', 'jo', 'ne', 'pa', 'qi', 'sa', 'ti', 'vo', 'ze'];
const VOCAB = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLL)).join(''));
// Domain words including gazetteer names, counts and day words, so signatures are not empty.
const DOMAIN = [
  'Ain al-Asad',
  'Harir',
  'Erbil',
  'Baghdad airport',
  'Jurf al-Sakhr',
  'Tanf',
  'Kataib Hezbollah',
  'Nujaba',
  'CENTCOM',
  'drone',
  'strike',
  'rockets',
  'three soldiers',
  'five targets',
  'on Monday',
  'yesterday',
  'عين الأسد',
  'جرف الصخر',
  'كتائب حزب الله',
  'ثلاثة قتلى',
  'غارة',
  'أمس',
  'Iraq',
  'withdrawal',
];
const words = (n: number) => Array.from({ length: n }, () => (rand() < 0.08 ? pick(DOMAIN) : pick(VOCAB))).join(' ');

function article(i: number, p: number, title: string, text: string): StoredArticle {
  const iso = new Date(p).toISOString();
  return {
    article: { id: `m${i}`, feedId: `f${i % 50}`, url: '', title, summary: '', text, lang: 'en', published: iso, fetchedAt: iso },
    matches: [{ id: 'iraq', score: 1, terms: [], spans: [] }],
  };
}

/** n bucket entries (sketch + signature of pool texts at random times in the last DAYS), by hour. */
function bucketEntries(n: number): Map<string, BucketEntry[]> {
  // Sketches and signatures are computed once per pool text; each stored copy gets its own day.
  const pool = Array.from({ length: POOL }, () => {
    const doc = { title: words(10), text: words(200) };
    return { k: packSketch(sketchOf(doc)), sig: extractSignature({ ...doc, publishedMs: NOW, topics: ['iraq'], lang: 'en' }) };
  });
  const buckets = new Map<string, BucketEntry[]>();
  for (let i = 0; i < n; i++) {
    const doc = pool[i % POOL]!;
    const p = NOW - rand() * DAYS * 24 * HOUR;
    const sig = { ...doc.sig, day: dayOf(p) - (doc.sig.dayExplicit ? (rand() < 0.5 ? 1 : 0) : 0) };
    const key = new Date(p).toISOString().slice(0, 13);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push({ a: `s${i}`, s: `s-s${i}`, p, k: doc.k, g: sig });
  }
  return buckets;
}

/** Writes 100k bucket entries straight into the store. */
async function populate(store: Store): Promise<void> {
  const ns = store.namespace<unknown[]>('story_buckets');
  for (const [k, v] of bucketEntries(N)) await ns.set(k, v);
}

async function measure(label: string, assign: (s: StoredArticle) => Promise<unknown>, offset: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < MEASURED; i++) {
    const p = NOW - rand() * 2 * 24 * HOUR;
    const s = article(offset + i, p, words(10), words(200));
    const t = performance.now();
    await assign(s);
    times.push(performance.now() - t);
  }
  // The first assignment of a run reads the buckets: report it apart from the steady state.
  const first = times.shift()!;
  times.sort((a, b) => a - b);
  const mean = times.reduce((x, y) => x + y, 0) / times.length;
  console.log(
    `${label.padEnd(34)} mean ${mean.toFixed(2)} ms/article  p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} ms  first (cold buckets) ${first.toFixed(0)} ms`,
  );
  return mean;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'raqib-bench-stories-'));
  const store = await openStore(`sqlite://${join(dir, 'bench.sqlite')}`);
  try {
    const t0 = performance.now();
    await populate(store);
    console.log(
      `populated ${N} stored articles over ${DAYS} days in ${((performance.now() - t0) / 1000).toFixed(1)} s; ~${Math.round((N * 4) / DAYS)} in a ±3-day window`,
    );
    const clock = () => NOW;
    const sketchOnly = new SketchStoryIndex(store, { now: clock });
    const events = new StoryIndex(store, { now: clock });
    const base = await measure('baseline: sketch index (text only)', (s) => sketchOnly.assign(s), 1_000_000);
    const mine = await measure('event-signature index', (s) => events.assign(s), 2_000_000);
    console.log(`ratio ${(mine / base).toFixed(2)}× the sketch index`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await runRedis();
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Stored articles on Redis (its memory is shared with other work): ~2,700 in an assignment's window. */
const REDIS_N = 20_000;
const REDIS_TIMED = 100;
const REDIS_COUNTED = 30;

async function runRedis(): Promise<void> {
  const entries = bucketEntries(REDIS_N);
  console.log(`\nRedis, two processes assigning in turn, ${REDIS_N} stored articles over ${DAYS} days:`);
  const before = await alternate('before: keyv arrays', entries, 'arrays', 3_000_000);
  const after = await alternate('after: append-only lists', entries, 'lists', 4_000_000);
  if (before && after) console.log(`ratio ${(after / before).toFixed(2)}× the time of keyv arrays`);
}

/** Two indexes on two connections over one prefix holding `entries`, assigning in turn; mean ms per assignment. */
async function alternate(label: string, entries: Map<string, BucketEntry[]>, layout: 'arrays' | 'lists', offset: number): Promise<number | undefined> {
  const prefix = `raqibbench${process.pid}${layout}`;
  const stores: Store[] = [];
  try {
    for (let i = 0; i < 2; i++) stores.push(await openStore(REDIS_URL, { redisPrefix: prefix }));
  } catch (e) {
    console.log(`${label}: skipped (${(e as Error).message})`);
    return undefined;
  }
  try {
    const clock = () => NOW;
    if (layout === 'arrays') for (const [k, v] of entries) await stores[0]!.namespace('story_buckets').set(k, v);
    else {
      const lists = new RedisStoryBuckets(stores[0]!, { now: clock });
      for (const [k, v] of entries) await Promise.all(v.map((e) => lists.append(k, e)));
    }
    const indexes = stores.map((s) => new StoryIndex(s, { now: clock, ...(layout === 'arrays' ? { buckets: new KeyvStoryBuckets(s, { now: clock }) } : {}) }));
    const next = (i: number) => article(offset + i, NOW - rand() * 2 * 24 * HOUR, words(10), words(200));
    // Each process's first assignment reads the window: not the steady state.
    for (let i = 0; i < 2; i++) await indexes[i]!.assign(next(i));
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 2; i < REDIS_TIMED + 2; i++) await indexes[i % 2]!.assign(next(i));
    const ms = (performance.now() - t) / REDIS_TIMED;
    const used = process.cpuUsage(cpu);
    // Counted apart: MONITOR slows the server down.
    const monitor = await monitorRedis(REDIS_URL);
    let commands = 0;
    let keys = 0;
    try {
      await monitor.take({ store: stores[0]! });
      for (let i = REDIS_TIMED + 2; i < REDIS_TIMED + 2 + REDIS_COUNTED; i++) {
        await indexes[i % 2]!.assign(next(i));
        const sent = await monitor.take({ store: stores[i % 2]! });
        commands += sent.length;
        keys += sent.filter((c) => c[0] === 'MGET' || c[0] === 'LRANGE').reduce((n, c) => n + (c[0] === 'MGET' ? c.length - 1 : 1), 0);
      }
    } finally {
      await monitor.close();
    }
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(2)} ms/assignment  CPU ${((used.user + used.system) / 1000 / REDIS_TIMED).toFixed(2)} ms  ` +
        `${(commands / REDIS_COUNTED).toFixed(1)} Redis commands, ${(keys / REDIS_COUNTED).toFixed(1)} buckets read per assignment`,
    );
    return ms;
  } finally {
    const keys: string[] = [];
    for await (const batch of stores[0]!.redis!.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...batch);
    for (let i = 0; i < keys.length; i += 500) await stores[0]!.redis!.del(keys.slice(i, i + 500));
    await Promise.all(stores.map((s) => s.close()));
  }
}
