// Stories per UTC day, per topic, kept as articles are indexed: what a trend chart reads. One small
// record per day (story → languages, articles, outlets) instead of every article's index entry,
// so a 90-day chart reads 180 records (the window and the 90 days before it), not 100,000 entries.
// The article ids already counted live in a namespace of their own, read only when writing:
// storing an article twice never counts it twice.
import type Keyv from 'keyv';
import type { Lang } from '../core/types.ts';
import type { ArticleIndexEntry } from './article-store.ts';
import type { Store } from './open-store.ts';

/** Bit per language, so that "reported in Arabic and English that day" is one number. */
export const LANG_BIT: Record<Lang, number> = { ar: 1, en: 2, other: 4 };

/** [languages bit mask, articles that day, distinct outlets (feed ids)]. */
export type StoryDay = [number, number, string[]];

export interface TrendDay {
  /** Topic id → story key → that story's day. */
  t: Record<string, Record<string, StoryDay>>;
}

export const trendDayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The story an entry belongs to; an article the story index never saw is a story of its own. */
export const storyKeyOf = (e: Pick<ArticleIndexEntry, 'id' | 'storyId'>) => e.storyId ?? `a-${e.id}`;

/** Adds entries not yet counted to day records (in place); returns the days that changed. */
export function addToDays(days: Map<string, TrendDay>, counted: Map<string, Set<string>>, entries: readonly ArticleIndexEntry[]): Set<string> {
  const changed = new Set<string>();
  for (const e of entries) {
    const topics = Object.keys(e.topics);
    if (topics.length === 0) continue;
    const key = trendDayKey(e.published);
    const ids = counted.get(key) ?? new Set<string>();
    counted.set(key, ids);
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    const day = days.get(key) ?? { t: {} };
    days.set(key, day);
    const story = storyKeyOf(e);
    for (const topic of topics) {
      const stories = (day.t[topic] ??= {});
      const s = (stories[story] ??= [0, 0, []]);
      s[0] |= LANG_BIT[e.lang ?? 'other'];
      s[1] += 1;
      if (!s[2].includes(e.feedId)) s[2].push(e.feedId);
    }
    changed.add(key);
  }
  return changed;
}

/** What a backfill reads, from the ArticleStore that owns this index. */
export interface BackfillSource {
  list(sinceMs: number, untilMs: number): Promise<ArticleIndexEntry[]>;
  langs(articleIds: readonly string[]): Promise<Map<string, Lang>>;
  /** Runs fn while no other write to the indexes of this process runs. */
  lock<T>(fn: () => Promise<T>): Promise<T>;
}

const DAY_MS = 86_400_000;
const EMPTY = JSON.stringify({ t: {} });
const parseDay = (text: string | undefined): TrendDay => (text === undefined ? { t: {} } : (JSON.parse(text) as TrendDay));

/** Sorted day keys split where a day is skipped: one index read per run. */
function contiguousRuns(keys: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const k of [...keys].sort()) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && Date.parse(`${k}T00:00:00Z`) - Date.parse(`${prev}T00:00:00Z`) === DAY_MS) last.push(k);
    else runs.push([k]);
  }
  return runs;
}

export class TrendDayStore {
  /**
   * Records are kept as JSON text: keyv's own deserialiser runs a reviver over every value, which
   * made reading 180 days' records several times slower than JSON.parse of one string each.
   */
  private readonly days: Keyv<string>;
  private readonly counted: Keyv<string[]>;

  constructor(store: Store) {
    this.days = store.namespace<string>('trend_days');
    this.counted = store.namespace<string[]>('trend_day_ids');
  }

  /** Counts index entries into their days; the caller serialises calls (ArticleStore's bucket lock). */
  async add(entries: readonly ArticleIndexEntry[]): Promise<void> {
    const keys = [...new Set(entries.filter((e) => Object.keys(e.topics).length > 0).map((e) => trendDayKey(e.published)))];
    if (keys.length === 0) return;
    const [records, ids] = await Promise.all([this.days.getMany(keys), this.counted.getMany(keys)]);
    const days = new Map<string, TrendDay>();
    const counted = new Map<string, Set<string>>();
    keys.forEach((k, i) => {
      if (records[i] !== undefined) days.set(k, parseDay(records[i]));
      counted.set(k, new Set(ids[i] ?? []));
    });
    const changed = [...addToDays(days, counted, entries)];
    if (changed.length === 0) return;
    await this.days.setMany(changed.map((k) => ({ key: k, value: JSON.stringify(days.get(k)!) })));
    await this.counted.setMany(changed.map((k) => ({ key: k, value: [...counted.get(k)!] })));
  }

  /**
   * The records of these days. A day without one (articles stored before this index existed, or
   * no matched article) is counted from the hour index once and then recorded, empty or not.
   */
  async read(keys: readonly string[], from: BackfillSource): Promise<TrendDay[]> {
    if (keys.length === 0) return [];
    const got = await this.days.getMany([...keys]);
    const missing = keys.filter((_, i) => got[i] === undefined);
    if (missing.length === 0) return got.map(parseDay);
    for (const run of contiguousRuns(missing)) {
      const entries = await from.list(Date.parse(`${run[0]}T00:00:00Z`), Date.parse(`${run[run.length - 1]}T23:59:59.999Z`));
      const noLang = entries.filter((e) => e.lang === undefined && Object.keys(e.topics).length > 0);
      const langs = await from.langs(noLang.map((e) => e.id));
      for (const e of noLang) e.lang = langs.get(e.id) ?? 'other';
      await from.lock(async () => {
        await this.add(entries);
        const now = await this.days.getMany(run);
        const empty = run.filter((_, i) => now[i] === undefined);
        if (empty.length > 0) await this.days.setMany(empty.map((k) => ({ key: k, value: EMPTY })));
      });
    }
    return (await this.days.getMany([...keys])).map(parseDay);
  }

  /**
   * Counts the stories `from` as `into` on these days (a later report showed them to be one): their
   * languages, articles and outlets are added to into's. The caller serialises calls, as for add.
   */
  async mergeStories(from: readonly string[], into: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0 || from.length === 0) return;
    const got = await this.days.getMany([...keys]);
    const changed: { key: string; value: string }[] = [];
    keys.forEach((key, i) => {
      if (got[i] === undefined) return;
      const day = parseDay(got[i]);
      let touched = false;
      for (const stories of Object.values(day.t)) {
        for (const id of from) {
          const s = stories[id];
          if (!s) continue;
          const target = (stories[into] ??= [0, 0, []]);
          target[0] |= s[0];
          target[1] += s[1];
          for (const f of s[2]) if (!target[2].includes(f)) target[2].push(f);
          delete stories[id];
          touched = true;
        }
      }
      if (touched) changed.push({ key, value: JSON.stringify(day) });
    });
    if (changed.length > 0) await this.days.setMany(changed);
  }

  async deleteDays(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.days.deleteMany([...keys]);
    await this.counted.deleteMany([...keys]);
  }
}
