// Builds a digest from the store: select the window's articles for the topics (from the compact
// index), group them into stories, rank, and load only what the top stories show.
import type { StoredArticle, TopicDef } from '../core/types.ts';
import type { ArticleIndexEntry, ArticleStore } from '../store/article-store.ts';
import { clusterStories, type ClusterItem } from '../stories/cluster.ts';
import { sketchOf } from '../stories/sketch.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { hostLabel, safeHttpUrl } from './escape.ts';
import { cleanText } from './rich-text.ts';
import { headlineOf, summaryOf } from './summarise.ts';
import { MAX_LISTED_SOURCES, type Digest, type DigestSource, type DigestStory, type UiLang } from './types.ts';

export interface BuildDigestOptions {
  /** Topic ids (a subscription's topics, or the one asked for). */
  topics: string[];
  sinceMs: number;
  untilMs: number;
  /** Most stories listed (default 10); the rest are counted in `more`. */
  maxStories?: number;
  /** One page of the ranked stories instead (page past the end → the last); maxStories is then ignored. */
  page?: { number: number; size: number };
  articles: ArticleStore;
  /** For first-seen times of stories that began before the window. */
  stories?: StoryIndex;
  /** Topic names for the header (ids are used when missing). */
  topicDefs?: readonly TopicDef[];
  /** Display name of a feed (e.g. the config's `name`); the article's host is used when undefined. */
  feedName?: (feedId: string) => string | undefined;
  /** Language of the digest's own words. */
  lang?: UiLang;
  /**
   * Above this many matching articles in the window, only articles without a story id are
   * clustered here (those with one keep the story assigned at ingest). Default 3000.
   */
  clusterLimit?: number;
  /** A chat's own filter (a subscription's exclude terms): only articles it keeps are counted and shown. */
  keep?: (s: StoredArticle) => boolean;
}

/** Articles treated as one story while a digest is built. */
export interface Group {
  entries: ArticleIndexEntry[];
  storyId: string;
  matchNorm: number;
  matchScore: number;
  latest: number;
  earliest: number;
  feeds: Set<string>;
  rankScore: number;
}

const HOUR = 3_600_000;

/** Scores every story (match, recency, sources) and sorts best first, ties by recency then id. */
function rankGroups(groups: Group[], hits: readonly ArticleIndexEntry[], opts: Pick<BuildDigestOptions, 'topics' | 'sinceMs' | 'untilMs'>): void {
  // Match scores are comparable within a topic only: normalise by each topic's best in the window.
  const best = new Map<string, number>();
  for (const e of hits) for (const t of opts.topics) if (e.topics[t] !== undefined) best.set(t, Math.max(best.get(t) ?? 0, e.topics[t]!));
  const windowMs = Math.max(HOUR, opts.untilMs - opts.sinceMs);
  const halfLife = Math.min(7 * 24 * HOUR, Math.max(3 * HOUR, windowMs / 2));
  for (const g of groups) {
    for (const e of g.entries) {
      for (const t of opts.topics) {
        const s = e.topics[t];
        if (s === undefined) continue;
        g.matchScore = Math.max(g.matchScore, s);
        const top = best.get(t) ?? 0;
        g.matchNorm = Math.max(g.matchNorm, top > 0 ? s / top : 1);
      }
    }
    const recency = Math.pow(0.5, Math.max(0, opts.untilMs - g.latest) / halfLife);
    const sources = 1 + 0.5 * Math.log2(g.feeds.size);
    g.rankScore = (0.5 + 0.5 * g.matchNorm) * (0.5 + 0.5 * recency) * sources;
  }
  groups.sort((a, b) => b.rankScore - a.rankScore || b.latest - a.latest || (a.storyId < b.storyId ? -1 : 1));
}

export async function buildDigest(opts: BuildDigestOptions): Promise<Digest> {
  const maxStories = Math.max(1, opts.maxStories ?? 10);
  const topicSet = new Set(opts.topics);
  const names = new Map((opts.topicDefs ?? []).map((t) => [t.id, t.names?.[opts.lang ?? 'en'] ?? t.name ?? t.id]));
  const base: Digest = {
    topics: opts.topics.map((id) => ({ id, name: cleanText(names.get(id) ?? id) })),
    sinceMs: opts.sinceMs,
    untilMs: opts.untilMs,
    lang: opts.lang ?? 'en',
    empty: true,
    totals: { stories: 0, articles: 0, sources: 0 },
    stories: [],
    more: 0,
  };

  const { hits, kept } = await windowHits(opts);
  if (hits.length === 0) return base;

  // Load what clustering needs: nothing when ingest placed every hit in a story (the usual case);
  // else every hit while that is cheap (stragglers may join an ingest story), else only those
  // without a story.
  const limit = opts.clusterLimit ?? 3000;
  const unassigned = hits.filter((e) => !e.storyId);
  const toLoad = kept || unassigned.length === 0 ? [] : hits.length <= limit ? hits : unassigned.slice(-limit);
  const loaded = kept ?? new Map((await opts.articles.getMany(toLoad.map((e) => e.id))).map((s) => [s.article.id, s]));
  const groups = groupIntoStories(hits, loaded, limit);

  rankGroups(groups, hits, opts);
  const size = opts.page ? Math.max(1, opts.page.size) : maxStories;
  const page = opts.page ? pageWindow(opts.page.number, size, groups.length) : undefined;
  const offset = page ? (page.number - 1) * size : 0;
  const top = groups.slice(offset, offset + size);

  // Full articles for what is shown: every member of the top stories.
  const need = top.flatMap((g) => g.entries.map((e) => e.id)).filter((id) => !loaded.has(id));
  for (const s of await opts.articles.getMany(need)) loaded.set(s.article.id, s);
  const records = opts.stories ? await opts.stories.getMany(top.map((g) => g.storyId).filter((id) => !id.startsWith('w-'))) : new Map();

  const stories: DigestStory[] = [];
  for (const g of top) {
    const story = renderStory(g, loaded, topicSet, opts, offset + stories.length + 1);
    if (!story) continue;
    const rec = records.get(g.storyId);
    const first = rec ? Date.parse(rec.firstSeen) : NaN;
    if (Number.isFinite(first) && first < story.firstSeenMs) story.firstSeenMs = first;
    stories.push(story);
  }
  return {
    ...base,
    empty: false,
    totals: { stories: groups.length, articles: hits.length, sources: new Set(hits.map((e) => e.feedId)).size },
    stories,
    more: Math.max(0, groups.length - offset - stories.length),
    ...(page ? { page } : {}),
  };
}

/** The page asked for within 1..pages. */
function pageWindow(asked: number, size: number, total: number): { number: number; of: number } {
  const of = Math.max(1, Math.ceil(total / size));
  return { number: Math.min(Math.max(1, Math.floor(asked)), of), of };
}

async function keptArticles(hits: ArticleIndexEntry[], articles: ArticleStore, keep: (s: StoredArticle) => boolean): Promise<Map<string, StoredArticle>> {
  const all = await articles.getMany(hits.map((e) => e.id));
  return new Map(all.filter(keep).map((s) => [s.article.id, s]));
}

function groupIntoStories(hits: ArticleIndexEntry[], loaded: Map<string, StoredArticle>, limit: number): Group[] {
  // Items with a loaded article are clustered (their story ids still bind them together); the
  // others keep the story assigned at ingest, or stand alone.
  const items: ClusterItem[] = [];
  const itemEntries: ArticleIndexEntry[] = [];
  const rest: ArticleIndexEntry[] = [];
  for (const e of hits) {
    const s = loaded.get(e.id);
    if (!s || (hits.length > limit && e.storyId)) {
      rest.push(e);
      continue;
    }
    const item: ClusterItem = { key: e.id, publishedMs: e.published, sketch: sketchOf({ title: s.article.title, text: s.article.text || s.article.summary }) };
    if (e.storyId) item.storyId = e.storyId;
    items.push(item);
    itemEntries.push(e);
  }
  const buckets: ArticleIndexEntry[][] = clusterStories(items).map((g) => g.map((i) => itemEntries[i]!));
  const byStory = new Map<string, ArticleIndexEntry[]>();
  for (const e of rest) {
    const k = e.storyId ?? `w-${e.id}`;
    const list = byStory.get(k) ?? [];
    list.push(e);
    byStory.set(k, list);
  }
  buckets.push(...byStory.values());
  return buckets.map((entries) => {
    // A group's id: the ingest story of its earliest member, else one derived from that member.
    const sorted = [...entries].sort((a, b) => a.published - b.published || (a.id < b.id ? -1 : 1));
    const withStory = sorted.find((e) => e.storyId);
    return {
      entries: sorted,
      storyId: withStory?.storyId ?? `w-${sorted[0]!.id}`,
      matchNorm: 0,
      matchScore: 0,
      latest: sorted[sorted.length - 1]!.published,
      earliest: sorted[0]!.published,
      feeds: new Set(sorted.map((e) => e.feedId)),
      rankScore: 0,
    };
  });
}

function sourceName(s: StoredArticle, opts: Pick<BuildDigestOptions, 'feedName'>): string {
  const named = opts.feedName?.(s.article.feedId);
  const name = cleanText(named ?? hostLabel(s.article.url) ?? s.article.feedId);
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

export function renderStory(
  g: Group,
  loaded: Map<string, StoredArticle>,
  topics: Set<string>,
  opts: Pick<BuildDigestOptions, 'feedName' | 'lang'>,
  rank: number,
): DigestStory | undefined {
  const members = g.entries.map((e) => loaded.get(e.id)).filter((s): s is StoredArticle => s !== undefined);
  if (members.length === 0) return undefined;
  const scoreOf = (s: StoredArticle) => Math.max(...s.matches.filter((m) => topics.has(m.id)).map((m) => m.score), -Infinity);
  // The lead (headline, summary, link): the earliest report in the reader's language; with none,
  // the best match for these topics, on a tie the earliest (members are oldest first).
  let lead = members[0]!;
  for (const s of members) if (scoreOf(s) > scoreOf(lead)) lead = s;
  lead = members.find((s) => s.article.lang === (opts.lang ?? 'en')) ?? lead;
  const leadMatches = lead.matches.filter((m) => topics.has(m.id));

  const sources: DigestSource[] = [];
  const seenFeeds = new Set([lead.article.feedId]);
  for (const s of members) {
    if (seenFeeds.has(s.article.feedId)) continue;
    seenFeeds.add(s.article.feedId);
    if (sources.length >= MAX_LISTED_SOURCES) continue;
    const src: DigestSource = { name: sourceName(s, opts) };
    const url = safeHttpUrl(s.article.url);
    if (url) src.url = url;
    sources.push(src);
  }
  const terms = [...new Set(members.flatMap((s) => s.matches.filter((m) => topics.has(m.id)).flatMap((m) => m.terms)))];
  const story: DigestStory = {
    storyId: g.storyId,
    rank,
    score: Math.round(g.rankScore * 1000) / 1000,
    matchScore: g.matchScore,
    topics: [...new Set(members.flatMap((s) => s.matches.map((m) => m.id).filter((id) => topics.has(id))))],
    terms,
    lang: lead.article.lang,
    headline: headlineOf(lead.article, leadMatches, topics),
    summary: summaryOf(lead.article, leadMatches, topics),
    source: sourceName(lead, opts),
    firstSeenMs: g.earliest,
    latestMs: g.latest,
    articleCount: g.entries.length,
    sourceCount: g.feeds.size,
    languages: (['ar', 'en'] as const).filter((l) => members.some((s) => s.article.lang === l)),
    sources,
  };
  const url = safeHttpUrl(lead.article.url);
  if (url) story.url = url;
  return story;
}

/** The window's index entries for the topics (and the chat's filter), story ids resolved. */
async function windowHits(opts: BuildDigestOptions) {
  const index = await opts.articles.listIndexBetween(opts.sinceMs, opts.untilMs);
  let hits = index.filter((e) => opts.topics.some((t) => e.topics[t] !== undefined));
  // A chat's own filter reads the articles: all of the window's hits are loaded, then filtered.
  const kept = opts.keep && hits.length > 0 ? await keptArticles(hits, opts.articles, opts.keep) : undefined;
  if (kept) hits = hits.filter((e) => kept.has(e.id));
  // Stories merged after ingest (a later report showed two to be one event) are listed as one.
  if (opts.stories && hits.length > 0) hits = await mergedStories(hits, opts.stories);
  return { hits, kept };
}

/** The hits with each story id resolved to the story it now lives on in. */
async function mergedStories<T extends { storyId?: string }>(hits: T[], stories: StoryIndex): Promise<T[]> {
  const ids = new Set(hits.flatMap((e) => (e.storyId ? [e.storyId] : [])));
  if (ids.size === 0) return hits;
  const canon = await stories.resolve(ids);
  return hits.map((e) => (e.storyId && canon.get(e.storyId) !== e.storyId ? { ...e, storyId: canon.get(e.storyId)! } : e));
}
