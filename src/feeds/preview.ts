// What a feed would bring, before anyone adds it: title, language, how often it publishes (from
// its item dates), its latest items and which watched topics each would match. The topic match is
// passed in (src/feeds sits below src/topics), so the same preview serves the CLI and chats.
import type { Article } from '../core/types.ts';
import { feedIdFor } from './feed-spec.ts';
import { normaliseFeed } from './normalise.ts';
import type { FeedFormat, RawFeed } from './raw-feed.ts';

export const PREVIEW_ITEMS = 5;

export interface TopicHit {
  topic: string;
  /** The query clauses that held (as written), when the matcher can say. */
  clauses: string[];
}

export type TopicMatchFn = (article: Article) => TopicHit[];

export interface PreviewItem {
  title: string;
  url: string;
  /** ISO time; absent when the feed gave no date. */
  published?: string;
  topics: TopicHit[];
}

export interface Cadence {
  /** Items per day over the dated items' span; undefined with fewer than two dated items. */
  perDay?: number;
  datedItems: number;
  /** ISO time of the newest dated item. */
  newest?: string;
}

export interface FeedPreview {
  url: string;
  title?: string;
  /** The feed's declared language, else the most common detected item language. */
  language?: string;
  format: FeedFormat;
  itemCount: number;
  cadence: Cadence;
  items: PreviewItem[];
  /** Items (of all, not only the five shown) that match at least one topic. */
  matchingItems: number;
}

export function cadenceOf(times: readonly number[]): Cadence {
  const sorted = [...times].sort((a, b) => a - b);
  const newest = sorted.length > 0 ? new Date(sorted[sorted.length - 1]!).toISOString() : undefined;
  if (sorted.length < 2) return { datedItems: sorted.length, ...(newest ? { newest } : {}) };
  // A span of zero (every item stamped alike) says nothing about the rate.
  const spanDays = (sorted[sorted.length - 1]! - sorted[0]!) / 86_400_000;
  const perDay = spanDays > 0 ? (sorted.length - 1) / spanDays : undefined;
  return { datedItems: sorted.length, ...(perDay !== undefined ? { perDay } : {}), ...(newest ? { newest } : {}) };
}

export function buildPreview(raw: RawFeed, url: string, opts: { match?: TopicMatchFn; now?: number } = {}): FeedPreview {
  const now = opts.now ?? Date.now();
  const items = normaliseFeed(raw, { feedId: feedIdFor(url), feedUrl: url, fetchedAt: now });
  const dated = items.filter((i) => !i.dateMissing);
  const newestFirst = [...items].sort((a, b) => Date.parse(b.article.published) - Date.parse(a.article.published));
  const hits = new Map(items.map((i) => [i, opts.match ? opts.match(i.article) : []]));
  return {
    url,
    ...(raw.title?.trim() ? { title: raw.title.trim() } : {}),
    ...languageOf(
      raw,
      items.map((i) => i.article.lang),
    ),
    format: raw.format,
    itemCount: items.length,
    cadence: cadenceOf(dated.map((i) => Date.parse(i.article.published))),
    items: newestFirst.slice(0, PREVIEW_ITEMS).map((i) => ({
      title: i.article.title,
      url: i.article.url,
      ...(i.dateMissing ? {} : { published: i.article.published }),
      topics: hits.get(i) ?? [],
    })),
    matchingItems: [...hits.values()].filter((h) => h.length > 0).length,
  };
}

function languageOf(raw: RawFeed, langs: readonly string[]): { language?: string } {
  const declared = raw.language?.trim();
  if (declared) return { language: declared };
  const counts = new Map<string, number>();
  for (const l of langs) if (l && l !== 'und') counts.set(l, (counts.get(l) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top ? { language: top[0] } : {};
}

/** "about 12 items a day", "about 3 items a week", … */
export function describeCadence(c: Cadence): string {
  if (c.perDay === undefined) return c.datedItems < 2 ? 'unknown (fewer than two dated items)' : 'unknown (all items carry the same date)';
  const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
  const per = (n: number, unit: string) => `about ${round(n)} item${round(n) === 1 ? '' : 's'} ${unit === 'hour' ? 'an' : 'a'} ${unit}`;
  if (c.perDay >= 24) return per(c.perDay / 24, 'hour');
  if (c.perDay >= 1) return per(c.perDay, 'day');
  if (c.perDay * 7 >= 1) return per(c.perDay * 7, 'week');
  return per(c.perDay * 30, 'month');
}

/** Plain text for the CLI and chats (ASCII layout, no markup). */
export function formatPreview(p: FeedPreview): string {
  const lines = [
    `${p.title ?? '(untitled feed)'} — ${p.url}`,
    `  format: ${p.format}, language: ${p.language ?? 'unknown'}, ${p.itemCount} item${p.itemCount === 1 ? '' : 's'} in the feed`,
    `  publishes: ${describeCadence(p.cadence)}${p.cadence.newest ? `; newest item ${p.cadence.newest.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    `  items matching a watched topic: ${p.matchingItems} of ${p.itemCount}`,
    p.items.length > 0 ? `  latest ${p.items.length}:` : '  no items',
  ];
  for (const it of p.items) {
    const when = it.published ? it.published.slice(0, 16).replace('T', ' ') : 'undated';
    lines.push(`  - [${when}] ${it.title}${it.url ? `\n    ${it.url}` : ''}`);
    const topics = it.topics.map((t) => (t.clauses.length > 0 ? `${t.topic} (${t.clauses.join('; ')})` : t.topic));
    lines.push(`    topics: ${topics.length > 0 ? topics.join(', ') : 'none'}`);
  }
  return lines.join('\n');
}
