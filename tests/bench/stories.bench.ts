// Story assignment cost per article with 100,000 stored articles (30 days, SQLite in a temp
// folder): the event-signature index (src/stories/story-index.ts) against the text-only sketch
// index it replaced (tests/bench/baseline/), over the same stored buckets, in the same run.
// Each assignment extracts the sketch and signature, reads the hour buckets around the article
// (cached after the first), compares with every stored article in the window and writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { StoryIndex } from '../../src/stories/story-index.ts';
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

/** Writes 100k bucket entries (sketch + signature of pool texts at random times) straight into the store. */
async function populate(store: Store): Promise<void> {
  // Sketches and signatures are computed once per pool text; each stored copy gets its own day.
  const pool = Array.from({ length: POOL }, () => {
    const doc = { title: words(10), text: words(200) };
    return { k: packSketch(sketchOf(doc)), sig: extractSignature({ ...doc, publishedMs: NOW, topics: ['iraq'], lang: 'en' }) };
  });
  const buckets = new Map<string, unknown[]>();
  for (let i = 0; i < N; i++) {
    const doc = pool[i % POOL]!;
    const p = NOW - rand() * DAYS * 24 * HOUR;
    const sig = { ...doc.sig, day: dayOf(p) - (doc.sig.dayExplicit ? (rand() < 0.5 ? 1 : 0) : 0) };
    const key = new Date(p).toISOString().slice(0, 13);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push({ a: `s${i}`, s: `s-s${i}`, p, k: doc.k, g: sig });
  }
  const ns = store.namespace<unknown[]>('story_buckets');
  for (const [k, v] of buckets) await ns.set(k, v);
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
}
