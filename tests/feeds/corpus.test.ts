// The 435-file corpus (../shared/fixtures/feeds): every file goes through decode → parse →
// normalise without throwing or hanging, and where an upstream parser's expected output exists,
// item count and titles agree for ≥ 95 % of the well-formed real-world feeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/feeds/html-text.ts';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedBytes } from '../../src/feeds/parse.ts';
import { corpusPresent, expectedTitles, FEEDS_DIR, readManifest, type ManifestRow } from './corpus-expected.ts';

if (!corpusPresent) console.warn(`[raqib tests] ${FEEDS_DIR} is absent: corpus tests are skipped (CI provides ../shared).`);

const contentTypeOf = (row: ManifestRow) => row.expected?.Header?.match(/content-type:\s*(.+)/i)?.[1];

interface Outcome {
  row: ManifestRow;
  ok: boolean;
  error?: string;
  titles: string[];
  ms: number;
}

function runAll(): Outcome[] {
  return readManifest().map((row) => {
    const t0 = performance.now();
    const r = parseFeedBytes(readFileSync(join(FEEDS_DIR, row.file)), contentTypeOf(row));
    let titles: string[] = [];
    if (r.ok) {
      const items = normaliseFeed(r.feed, { feedId: 'corpus', feedUrl: 'https://corpus.example/feed', fetchedAt: Date.now() });
      // Compare what the feed said, not the title synthesised from text for untitled items.
      titles = items.map((i) => (i.titleFromText ? '' : i.article.title));
    }
    return { row, ok: r.ok, ...(r.ok ? {} : { error: r.error }), titles, ms: performance.now() - t0 };
  });
}

const norm = (s: string | null) => (s ? htmlToText(s) : '');

function disagreement(o: Outcome): string | undefined {
  const want = expectedTitles(o.row);
  if (!want) return 'expected output in an unknown shape';
  if (!o.ok) return `we failed: ${o.error}`;
  if (o.titles.length !== want.length) return `${o.titles.length} items, expected ${want.length}`;
  const i = o.titles.findIndex((t, k) => t !== norm(want[k]!));
  return i < 0 ? undefined : `item ${i}: ${JSON.stringify(o.titles[i]).slice(0, 90)} ≠ expected ${JSON.stringify(norm(want[i]!)).slice(0, 90)}`;
}

describe.skipIf(!corpusPresent)('feed corpus', () => {
  it('parses every file without crash or hang, and agrees with upstream expectations', () => {
    const t0 = performance.now();
    const outcomes = runAll();
    const totalMs = performance.now() - t0;
    expect(outcomes).toHaveLength(435);
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(`[corpus] ${outcomes.length} files in ${Math.round(totalMs)} ms; slowest ${slowest.row.file} ${Math.round(slowest.ms)} ms`);
    expect(slowest.ms).toBeLessThan(3_000);

    // Every well-formed feed document parses (the 15 refusals are HTML pages, empty files,
    // non-feed XML such as defusedxml's <bomb>, and JSON that is not a feed).
    const refused = outcomes.filter((o) => !o.ok);
    for (const o of refused) expect(o.error).toMatch(/^(empty document|an HTML page|not a feed|JSON, but not)/);
    expect(refused.filter((o) => o.row.well_formed && o.row.format !== 'other')).toEqual([]);

    const realWorld = outcomes.filter((o) => o.row.category === 'real-world' && o.row.well_formed && o.row.expected_file);
    const realDiffs = realWorld.map((o) => ({ file: o.row.file, why: disagreement(o) })).filter((d) => d.why);
    const agreement = 1 - realDiffs.length / realWorld.length;
    const all = outcomes.filter((o) => o.row.expected_file);
    const allDiffs = all.map((o) => ({ file: o.row.file, why: disagreement(o) })).filter((d) => d.why);
    console.log(
      `[corpus] real-world well-formed agreement ${(agreement * 100).toFixed(1)} % (${realWorld.length - realDiffs.length}/${realWorld.length}); ` +
        `all files with expectations ${all.length - allDiffs.length}/${all.length}\n` +
        allDiffs.map((d) => `  ≠ ${d.file}: ${d.why}`).join('\n'),
    );
    expect(realWorld.length).toBe(73);
    expect(agreement).toBeGreaterThanOrEqual(0.95);
  }, 30_000);

  it('reads the Arabic Atom feed (ysmu): 147 entries, Arabic, relative links resolved, bidi marks gone', () => {
    const bytes = readFileSync(join(FEEDS_DIR, 'ysmu/feed.atom.xml'));
    const r = parseFeedBytes(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const items = normaliseFeed(r.feed, { feedId: 'ysmu', feedUrl: 'https://www.noureddin.dev/ysmu/feed.atom', fetchedAt: Date.now() });
    expect(items).toHaveLength(147);
    expect(new Set(items.map((i) => i.article.id)).size).toBe(147);
    expect(items[0]!.article.url).toBe('https://www.noureddin.dev/');
    expect(items.every((i) => !/[\u202a-\u202e]/.test(i.article.summary))).toBe(true);
    expect(items.filter((i) => i.article.lang === 'ar').length).toBeGreaterThan(100);
  });

  it('reads the BBC Urdu feed as Arabic script that is not Arabic', () => {
    const r = parseFeedBytes(readFileSync(join(FEEDS_DIR, 'miniflux/parser/urdu_UTF8.xml')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const items = normaliseFeed(r.feed, { feedId: 'urdu', feedUrl: 'https://www.bbc.com/urdu/index.xml', fetchedAt: Date.now() });
    expect(items.length).toBeGreaterThan(10);
    const langs = items.map((i) => i.article.lang);
    expect(langs.filter((l) => l === 'other').length).toBeGreaterThan(items.length * 0.8);
  });
});
