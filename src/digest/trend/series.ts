// Stories per day per topic, split by language, for trend charts. A story counts once per day
// however many outlets covered it (articles carry the story id the story index gave them; an
// article without one is a story of its own). Built from the ArticleStore's compact hour index,
// which holds topic, story and language per article: no article is loaded except the few whose
// headlines label the chart (tests/bench/trend.bench.ts measures it against a full scan).
import type { Lang, TopicDef } from '../../core/types.ts';
import type { ArticleStore } from '../../store/article-store.ts';
import { LANG_BIT, type StoryDay, type TrendDay } from '../../store/trend-days.ts';
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

/** Where day records come from: the trend index (default) or a baseline built from a scan. */
export type DaySource = (dayKeys: readonly string[]) => Promise<TrendDay[]>;

export interface TrendDeps {
  articles: ArticleStore;
  stories?: StoryIndex;
  topicDefs: readonly TopicDef[];
  /** Defaults to articles.trendDays. */
  days?: DaySource;
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
  const n = win.days.length;
  const before = Array.from({ length: n }, (_, i) => dayKey(win.sinceMs - (n - i) * DAY_MS));
  const source: DaySource = deps.days ?? ((keys) => deps.articles.trendDays(keys));
  const records = await source([...before, ...win.days]);
  const previous = records.slice(0, n);
  const current = records.slice(n);
  const names = new Map(deps.topicDefs.map((t) => [t.id, t.name ?? t.id]));
  const topics = req.topics.map((id) => topicTrend(id, names.get(id) ?? id, current, previous));
  const top = await topStories(current, win.days, req, deps);
  return { days: win.days, sinceMs: win.sinceMs, untilMs: req.untilMs, ...(win.clampedFrom ? { clampedFrom: win.clampedFrom } : {}), topics, top };
}

function topicTrend(id: string, name: string, current: readonly TrendDay[], previous: readonly TrendDay[]): TopicTrend {
  const n = current.length;
  const byLang: Record<LangBucket, number[]> = { ar: zeros(n), en: zeros(n), both: zeros(n), other: zeros(n) };
  const perDay = zeros(n);
  const stories = new Set<string>();
  current.forEach((day, i) => {
    const m = day.t[id];
    if (!m) return;
    for (const story in m) {
      stories.add(story);
      perDay[i]! += 1;
      byLang[bucketOf(m[story]![0])][i]! += 1;
    }
  });
  const prev = new Set<string>();
  for (const day of previous) for (const story in day.t[id] ?? {}) prev.add(story);
  return { id, name, perDay, byLang, total: stories.size, previous: prev.size };
}

function bucketOf(mask: number): LangBucket {
  if (mask === LANG_BIT.ar) return 'ar';
  if (mask === LANG_BIT.en) return 'en';
  return (mask & LANG_BIT.ar) !== 0 && (mask & LANG_BIT.en) !== 0 ? 'both' : 'other';
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);

interface StoryTally {
  key: string;
  topic: string;
  articles: number;
  feeds: Set<string>;
  peak: { day: string; n: number };
}

/** Calls fn once per story and day (a story in two topics once, under the first requested topic). */
function eachStoryDay(current: readonly TrendDay[], topics: readonly string[], fn: (key: string, topic: string, i: number, s: StoryDay) => void): void {
  current.forEach((day, i) => {
    const seen = new Set<string>();
    for (const topic of topics) {
      const m = day.t[topic];
      if (!m) continue;
      for (const key in m) {
        if (seen.has(key)) continue;
        seen.add(key);
        fn(key, topic, i, m[key]!);
      }
    }
  });
}

/** The biggest stories of the window (most articles, then most outlets), with a headline each. */
async function topStories(current: readonly TrendDay[], days: readonly string[], req: TrendRequest, deps: TrendDeps): Promise<TopStory[]> {
  // Pass 1 counts articles only; outlets (the tie-break) are gathered for the leaders alone.
  const counts = new Map<string, number>();
  eachStoryDay(current, req.topics, (key, _t, _i, s) => counts.set(key, (counts.get(key) ?? 0) + s[1]));
  const cut = [...counts.values()].sort((a, b) => b - a)[TOP_STORIES - 1] ?? 0;
  const tallies = new Map<string, StoryTally>();
  eachStoryDay(current, req.topics, (key, topic, i, [, n, feeds]) => {
    if (counts.get(key)! < cut) return;
    const t = tallies.get(key) ?? { key, topic, articles: 0, feeds: new Set<string>(), peak: { day: days[i]!, n: 0 } };
    t.articles += n;
    for (const f of feeds) t.feeds.add(f);
    if (n > t.peak.n) t.peak = { day: days[i]!, n };
    tallies.set(key, t);
  });
  const biggest = [...tallies.values()]
    .sort((a, b) => b.articles - a.articles || b.feeds.size - a.feeds.size || (a.key < b.key ? -1 : 1))
    .slice(0, TOP_STORIES);
  const out: TopStory[] = [];
  for (const t of biggest) {
    const h = await headlineFor(t.key, req.lang, deps);
    out.push({ storyId: t.key, topic: t.topic, day: t.peak.day, articles: t.articles, sources: t.feeds.size, headline: h.text, headlineLang: h.lang });
  }
  return out;
}

const HEADLINE_MAX = 48;
/** Articles read to find a headline in the chat's language. */
const HEADLINE_CANDIDATES = 20;

/** A headline in the chat's language when one of the story's articles is in it, else the first. */
async function headlineFor(storyKey: string, lang: UiLang, deps: TrendDeps): Promise<{ text: string; lang: Lang }> {
  const record = storyKey.startsWith('a-') ? undefined : await deps.stories?.get(storyKey);
  const ids = record ? record.articleIds.slice(0, HEADLINE_CANDIDATES) : storyKey.startsWith('a-') ? [storyKey.slice(2)] : [];
  const arts = await deps.articles.getMany(ids);
  const pick = arts.find((a) => a.article.lang === lang) ?? arts[0];
  if (pick) return { text: clipHeadline(pick.article.title), lang: pick.article.lang };
  return { text: clipHeadline(record?.title ?? ''), lang: 'other' };
}

/** Cuts at a word boundary so that a label fits over a bar on a phone screen. */
export function clipHeadline(title: string, max = HEADLINE_MAX): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
