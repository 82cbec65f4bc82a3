// Parse throughput over the feed corpus (../shared/fixtures/feeds, 435 files): raqib's full path
// (charset detection → XML hardening → feedsmith or lenient fallback → normalise to Articles with
// clean text, canonical URLs, dates and language) against feedsmith alone on the same files in
// the same run (UTF-8 decode + parseFeed, failures caught). Median of 3 rounds after a warm-up.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFeed } from 'feedsmith';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedBytes } from '../../src/feeds/parse.ts';

const FEEDS = resolve(process.cwd(), '../shared/fixtures/feeds');
const ROUNDS = 3;

interface Lane {
  name: string;
  fn: (b: Buffer) => number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  if (!existsSync(join(FEEDS, 'manifest.jsonl'))) {
    console.log(`parse bench skipped: ${FEEDS} is absent`);
    return;
  }
  const files = readFileSync(join(FEEDS, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => readFileSync(join(FEEDS, (JSON.parse(l) as { file: string }).file)));
  const bytes = files.reduce((n, b) => n + b.length, 0);
  const mb = bytes / 1048576;
  const fetchedAt = Date.now();

  const lanes: Lane[] = [
    {
      name: 'feedsmith alone',
      fn: (b) => {
        try {
          const f = parseFeed(b.toString('utf8'));
          return f.format === 'atom' ? (f.feed.entries?.length ?? 0) : (f.feed.items?.length ?? 0);
        } catch {
          return 0;
        }
      },
    },
    {
      name: 'raqib parse (decode+harden+parse)',
      fn: (b) => {
        const r = parseFeedBytes(b);
        return r.ok ? r.feed.items.length : 0;
      },
    },
    {
      name: 'raqib full path (… + normalise)',
      fn: (b) => {
        const r = parseFeedBytes(b);
        return r.ok ? normaliseFeed(r.feed, { feedId: 'bench', feedUrl: 'https://bench.example/feed', fetchedAt }).length : 0;
      },
    },
  ];

  const results = new Map<string, { ms: number[]; items: number }>();
  for (const lane of lanes) for (const b of files) lane.fn(b); // warm-up: JIT and caches for every lane
  for (let round = 0; round < ROUNDS; round++) {
    // Interleave lanes per round so that machine noise hits them alike.
    for (const lane of lanes) {
      const t0 = performance.now();
      let items = 0;
      for (const b of files) items += lane.fn(b);
      const ms = performance.now() - t0;
      const r = results.get(lane.name) ?? { ms: [], items };
      r.ms.push(ms);
      results.set(lane.name, r);
    }
  }

  console.log(`corpus: ${files.length} files, ${mb.toFixed(1)} MB; median of ${ROUNDS} rounds`);
  const base = median(results.get('feedsmith alone')!.ms);
  for (const lane of lanes) {
    const r = results.get(lane.name)!;
    const ms = median(r.ms);
    console.log(
      `  ${lane.name.padEnd(36)} ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  ${ms.toFixed(0).padStart(6)} ms  ${String(r.items).padStart(6)} items  ×${(base / ms).toFixed(2)} of feedsmith's throughput`,
    );
  }
}
