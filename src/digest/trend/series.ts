// Stories per day per topic, split by language, for trend charts. A story counts once per day
// however many outlets covered it (articles carry the story id the story index gave them; an
// article without one is a story of its own). Built from the ArticleStore's compact hour index,
// which holds topic, story and language per article: no article is loaded except the few whose
// headlines label the chart (tests/bench/trend.bench.ts measures it against a full scan).
import type { Lang, TopicDef } from '../../core/types.ts';
import type { ArticleIndexEntry, ArticleStore } from '../../store/article-store.ts';
import type { StoryIndex } from '../../stories/story-index.ts';
import type { UiLang } from '../types.ts';

export const DAY_MS = 86_400_000;
export const DEFAULT_TREND_DAYS = 30;
export const MAX_TREND_DAYS = 90;
/** Stories labelled on the chart. */
export const TOP_STORIES = 3;

/** How a story's coverage on one day splits by language; the four add up to the day's stories. */
export type LangBucket = 'ar' | 'en' | 'both' | 'other';
export const LANG_BUCKETS: readonly LangBucket[] = ['ar', 'en', 'both', 'other'];

export interface TopicTrend {
  id: string;
  name: string;
  /** Stories per day, one number per entry of TrendSeries.days. */
  perDay: number[];
  /** The same, split by the languages the story was reported in that day. */
  byLang: Record<LangBucket, number[]>;
  /** Distinct stories in the window (a story over three days counts once here). */
  total: number;
  /** Distinct stories in the same number of days just before the window. */
  previous: number;
}

export interface TopStory {
  storyId: string;
  topic: string;
  /** UTC day (YYYY-MM-DD) with most of its articles in the window. */
  day: string;
  articles: number;
  sources: number;
  /** Short headline, in the chat's language when an article in it exists. */
  headline: string;
  headlineLang: Lang;
}

export interface TrendSeries {
  /** UTC days, oldest first. */
  days: string[];
  sinceMs: number;
  untilMs: number;
  /** Set when the requested window was longer than MAX_TREND_DAYS and was cut to it. */
  clampedFrom?: number;
  topics: TopicTrend[];
  top: TopStory[];
}

export interface TrendRequest {
  topics: readonly string[];
  /** Requested window in days (clamped to 1…MAX_TREND_DAYS). */
  days: number;
  untilMs: number;
  lang: UiLang;
}

/** Where the index entries come from: the fast path (hour index) or a baseline (full scan). */
export type EntrySource = (sinceMs: number, untilMs: number) => Promise<ArticleIndexEntry[]>;

export interface TrendDeps {
  articles: ArticleStore;
  stories?: StoryIndex;
  topicDefs: readonly TopicDef[];
  /** Defaults to the hour index (articles.listIndexBetween). */
  entries?: EntrySource;
}

const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The window: whole UTC days ending with the day of untilMs; days clamped to 1…MAX_TREND_DAYS. */
export function trendWindow(days: number, untilMs: number): { days: string[]; sinceMs: number; clampedFrom?: number } {
  const n = Math.max(1, Math.min(MAX_TREND_DAYS, Math.ceil(days)));
  const sinceMs = Math.floor(untilMs / DAY_MS) * DAY_MS - (n - 1) * DAY_MS;
  const list = Array.from({ length: n }, (_, i) => dayKey(sinceMs + i * DAY_MS));
  return { days: list, sinceMs, ...(days > MAX_TREND_DAYS ? { clampedFrom: Math.ceil(days) } : {}) };
}

export async function buildTrend(req: TrendRequest, deps: TrendDeps): Promise<TrendSeries> {
  const win = trendWindow(req.days, req.untilMs);
  const span = win.days.length * DAY_MS;
  const source: EntrySource = deps.entries ?? ((a, b) => deps.articles.listIndexBetween(a, b));
  const wanted = new Set(req.topics);
  const all = await source(win.sinceMs - span, req.untilMs);
  const relevant = all.filter((e) => Object.keys(e.topics).some((t) => wanted.has(t)));
  await fillMissingLangs(relevant, deps.articles);
  const inWindow = relevant.filter((e) => e.published >= win.sinceMs);
  const before = relevant.filter((e) => e.published < win.sinceMs);
  const dayIndex = new Map(win.days.map((d, i) => [d, i]));
  const names = new Map(deps.topicDefs.map((t) => [t.id, t.name ?? t.id]));
  const topics = req.topics.map((id) => topicTrend(id, names.get(id) ?? id, inWindow, before, dayIndex));
  const top = await topStories(inWindow, req, deps);
  return { days: win.days, sinceMs: win.sinceMs, untilMs: req.untilMs, ...(win.clampedFrom ? { clampedFrom: win.clampedFrom } : {}), topics, top };
}

const storyKey = (e: ArticleIndexEntry) => e.storyId ?? `a-${e.id}`;

function topicTrend(id: string, name: string, inWindow: readonly ArticleIndexEntry[], before: readonly ArticleIndexEntry[], dayIndex: ReadonlyMap<string, number>): TopicTrend {
  const n = dayIndex.size;
  // day index → story → languages seen that day
  const perDayStories = Array.from({ length: n }, () => new Map<string, Set<Lang>>());
  const stories = new Set<string>();
  for (const e of inWindow) {
    if (!(id in e.topics)) continue;
    const i = dayIndex.get(dayKey(e.published));
    if (i === undefined) continue;
    const key = storyKey(e);
    stories.add(key);
    const langs = perDayStories[i]!.get(key) ?? new Set<Lang>();
    langs.add(e.lang ?? 'other');
    perDayStories[i]!.set(key, langs);
  }
  const byLang: Record<LangBucket, number[]> = { ar: zeros(n), en: zeros(n), both: zeros(n), other: zeros(n) };
  perDayStories.forEach((m, i) => {
    for (const langs of m.values()) byLang[bucketOf(langs)][i]! += 1;
  });
  const previous = new Set(before.filter((e) => id in e.topics).map(storyKey)).size;
  return { id, name, perDay: perDayStories.map((m) => m.size), byLang, total: stories.size, previous };
}

function bucketOf(langs: ReadonlySet<Lang>): LangBucket {
  if (langs.size > 1) return langs.has('ar') && langs.has('en') ? 'both' : 'other';
  const [only] = langs;
  return only === 'ar' || only === 'en' ? only : 'other';
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);

/** Index entries written before the index kept languages: read the language from the article. */
async function fillMissingLangs(entries: ArticleIndexEntry[], articles: ArticleStore): Promise<void> {
  const missing = entries.filter((e) => e.lang === undefined);
  if (missing.length === 0) return;
  const loaded = new Map((await articles.getMany(missing.map((e) => e.id))).map((s) => [s.article.id, s.article.lang]));
  for (const e of missing) e.lang = loaded.get(e.id) ?? 'other';
}

interface StoryTally {
  key: string;
  topic: string;
  entries: ArticleIndexEntry[];
  feeds: Set<string>;
}

/** The biggest stories of the window (most articles, then most outlets), with a headline each. */
async function topStories(inWindow: readonly ArticleIndexEntry[], req: TrendRequest, deps: TrendDeps): Promise<TopStory[]> {
  const tallies = new Map<string, StoryTally>();
  for (const e of inWindow) {
    const key = storyKey(e);
    const topic = req.topics.find((t) => t in e.topics)!;
    const t = tallies.get(key) ?? { key, topic, entries: [], feeds: new Set<string>() };
    t.entries.push(e);
    t.feeds.add(e.feedId);
    tallies.set(key, t);
  }
  const biggest = [...tallies.values()]
    .sort((a, b) => b.entries.length - a.entries.length || b.feeds.size - a.feeds.size || (a.key < b.key ? -1 : 1))
    .slice(0, TOP_STORIES);
  const out: TopStory[] = [];
  for (const t of biggest) {
    const h = await headlineFor(t, req.lang, deps);
    out.push({ storyId: t.key, topic: t.topic, day: peakDay(t.entries), articles: t.entries.length, sources: t.feeds.size, headline: h.text, headlineLang: h.lang });
  }
  return out;
}

function peakDay(entries: readonly ArticleIndexEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(dayKey(e.published), (counts.get(dayKey(e.published)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

const HEADLINE_MAX = 48;

/** A headline in the chat's language when one of the story's articles is in it, else the earliest. */
async function headlineFor(t: StoryTally, lang: UiLang, deps: TrendDeps): Promise<{ text: string; lang: Lang }> {
  const pick = t.entries.find((e) => e.lang === lang) ?? t.entries[0]!;
  const [art] = await deps.articles.getMany([pick.id]);
  const title = art?.article.title ?? (t.key.startsWith('a-') ? undefined : (await deps.stories?.get(t.key))?.title) ?? '';
  return { text: clipHeadline(title), lang: art?.article.lang ?? pick.lang ?? 'other' };
}

/** Cuts at a word boundary so that a label fits over a bar on a phone screen. */
export function clipHeadline(title: string, max = HEADLINE_MAX): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
