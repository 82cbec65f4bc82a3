// The persistent story index: decides at ingest whether an article starts a new story or joins
// one seen in the last few days, so that a story is alerted once and later outlets only add to
// its sources. Recent article sketches and event signatures live in hour buckets
// (story-buckets.ts: append-only lists on Redis, keyv arrays on SQLite); a candidate is any
// article within STORY_WINDOW_MS, compared exactly (no LSH false negatives) by the same-story
// decision in decide.ts. Ingest assigns inside the article store's cross-process section, so one
// assignment's read, decision and write cannot interleave with another process's.
import type Keyv from 'keyv';
import type { StoredArticle } from '../core/types.ts';
import type { Store } from '../store/open-store.ts';
import { STORY_WINDOW_MS, packSketch, sketchOf } from './sketch.ts';
import { extractSignature } from './signature.ts';
import { JOIN_SCORE, MERGE_SCORE, compare, type Decision } from './decide.ts';
import { changeOf, mergeInto, mergedOf, type MergedSignature, type SignatureChange } from './story-signature.ts';
import { MAX_LISTED, MergedStories } from './story-merge.ts';
import { HOUR_MS, KeyvStoryBuckets, hourKey, type Entry, type StoryBuckets, type StoryBucketsOptions } from './story-buckets.ts';
import { RedisStoryBuckets } from './story-buckets-redis.ts';

/** Buckets are only read this far ahead of an article: late-published items are rare. */
const LOOK_AHEAD_MS = 24 * HOUR_MS;
/**
 * Two stories merge only while together they hold at most this many reports. A happening split in
 * two is found within its first reports; stories that large still apart are different news, and
 * folding them would let one campaign's stories chain into one.
 */
const MERGED_MAX_REPORTS = 30;
/** Reports of each story compared before two stories merge (noConflict). */
const MERGE_CHECKED = 4;
/** Stories one report may fold into the one it joins (a report tying many stories together is a round-up). */
const MAX_MERGED_AT_ONCE = 2;

export interface StoryRecord {
  id: string;
  /** ISO time of the earliest article in the story: the story keeps it when others join. */
  firstSeen: string;
  /** ISO time of the latest article that joined. */
  lastSeen: string;
  firstArticleId: string;
  title: string;
  /** Article ids in join order (at most MAX_LISTED). */
  articleIds: string[];
  /** Distinct feed ids (outlets) in join order (at most MAX_LISTED). */
  feedIds: string[];
  /** How many articles joined, including those past the listed cap. */
  articleCount: number;
  /** Languages of its reports, in join order (absent on records written before signatures). */
  languages?: string[];
  /** What its reports together say: places, actors, kinds, highest counts, event days. */
  signature?: MergedSignature;
  /** Set when a later report showed this story and another to be one: the story it was merged into. */
  mergedInto?: string;
}

export interface AssignResult {
  storyId: string;
  /** True when this article started the story (alert it); false when it joined one (don't). */
  isNew: boolean;
  /** Why it joined (when it joined): "same place: ain-al-asad", "same day", "text 0.52". */
  joined?: string[];
  /** What this report adds to the story (when it joined and added something). */
  changed?: SignatureChange;
  /** ISO time of the story's latest report, this one included. */
  latest?: string;
  /** Stories this report showed to be the same happening, merged into storyId (already alerted on their own). */
  merged?: string[];
  /** When the merged stories' reports were published (first and last): the days whose counts name them. */
  mergedSpan?: { sinceMs: number; untilMs: number };
}

export interface AssignOptions {
  /** False when the article's published time is only the time of reading (`raqib stories` without "published"). */
  publishedKnown?: boolean;
}

export interface StoryIndexOptions {
  /** Decision score at or above which an article joins a story (default JOIN_SCORE). */
  threshold?: number;
  windowMs?: number;
  /** Injected clock for tests; used only for cache expiry. */
  now?: () => number;
  /** How long articles are kept (settings.retention): on Redis the story buckets expire a little after. */
  retentionMs?: number;
  /** Where the buckets live; by default lists on Redis, keyv arrays otherwise (story-buckets.ts). */
  buckets?: StoryBuckets;
}

/** The time an article is placed at: its publication, else when it was fetched, else now. */
export function articleTimeMs(stored: StoredArticle, fallback = Date.now()): number {
  const p = Date.parse(stored.article.published);
  if (Number.isFinite(p)) return p;
  const f = Date.parse(stored.article.fetchedAt);
  return Number.isFinite(f) ? f : fallback;
}

/** The story a report joins, and the others it showed to be the same happening. */
interface Best {
  s: string;
  decision: Decision;
  p: number;
  entry: Entry;
  others: string[];
}

export class StoryIndex {
  private readonly buckets: StoryBuckets;
  private readonly stories: Keyv<StoryRecord>;
  private readonly storyOf: Keyv<string>;
  private readonly merges: MergedStories;
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Assignments run one at a time in this process: each must see the previous one's story. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(store: Store, opts: StoryIndexOptions = {}) {
    this.stories = store.namespace<StoryRecord>('stories');
    this.storyOf = store.namespace<string>('story_of');
    this.merges = new MergedStories(this.stories);
    this.threshold = opts.threshold ?? JOIN_SCORE;
    this.windowMs = opts.windowMs ?? STORY_WINDOW_MS;
    this.now = opts.now ?? Date.now;
    this.buckets = opts.buckets ?? openStoryBuckets(store, { now: this.now, ...(opts.retentionMs ? { retentionMs: opts.retentionMs } : {}) });
  }

  /**
   * Places an article in a story. Idempotent: assigning the same article again returns the same
   * story, with isNew true only when this article started it. The caller stores `storyId` on the StoredArticle and alerts only when isNew.
   */
  assign(stored: StoredArticle, opts: AssignOptions = {}): Promise<AssignResult> {
    const run = this.chain.then(() => this.assignNow(stored, opts));
    this.chain = run.catch(() => {});
    return run;
  }

  /** Records the story an article was placed in; isNew when the article started it (as assign). */
  private async finish(articleId: string, storyId: string): Promise<AssignResult> {
    await this.storyOf.set(articleId, storyId);
    const rec = await this.stories.get(storyId);
    return { storyId, isNew: rec?.firstArticleId === articleId, ...(rec ? { latest: rec.lastSeen } : {}) };
  }

  /** The story's record; for a story merged into another, the record of the one it lives on in. */
  async get(storyId: string): Promise<StoryRecord | undefined> {
    return (await this.merges.records([storyId])).get(storyId);
  }

  /** Records by the ids asked for (a merged story's id maps to the record it was merged into). */
  async getMany(storyIds: readonly string[]): Promise<Map<string, StoryRecord>> {
    return storyIds.length === 0 ? new Map() : this.merges.records(storyIds);
  }

  async storyOfArticle(articleId: string): Promise<string | undefined> {
    const id = await this.storyOf.get(articleId);
    return id === undefined ? undefined : (await this.merges.resolve([id])).get(id);
  }

  /**
   * Each story id → the story it now lives on in (itself unless merged). Stories merge when a later
   * report shows two of them to be one happening (see assignNow); digests and `raqib stories`
   * group by the resolved id.
   */
  resolve(storyIds: Iterable<string>): Promise<Map<string, string>> {
    return this.merges.resolve(storyIds);
  }

  /**
   * Forgets what is wholly older than beforeMs (call it with the article retention): the hour
   * buckets, the article → story entries of their articles, and the records of stories whose
   * newest article is older. Returns how many articles were forgotten.
   */
  async purgeOlderThan(beforeMs: number, lookBackMs = 400 * 86_400_000): Promise<number> {
    const keys: string[] = [];
    for (let t = Math.floor(beforeMs / HOUR_MS) * HOUR_MS - HOUR_MS; t >= beforeMs - lookBackMs; t -= HOUR_MS) keys.push(hourKey(t));
    let forgotten = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const { present: gone, entries } = await this.buckets.stored(keys.slice(i, i + 500));
      if (gone.length === 0) continue;
      const storyIds = [...new Set(entries.map((e) => e.s))];
      // Each record as it is, not the one it was merged into: a merged story goes with its own reports.
      const records = await this.stories.getMany(storyIds);
      const oldStories = storyIds.filter((_, j) => {
        const r = records[j];
        return r !== undefined && Date.parse(r.lastSeen) < beforeMs;
      });
      if (oldStories.length > 0) await this.stories.deleteMany(oldStories);
      if (entries.length > 0) await this.storyOf.deleteMany(entries.map((e) => e.a));
      await this.buckets.remove(gone);
      forgotten += entries.length;
    }
    return forgotten;
  }

  private async assignNow(stored: StoredArticle, opts: AssignOptions): Promise<AssignResult> {
    const art = stored.article;
    const p = articleTimeMs(stored, this.now());
    // Both reads in one round trip; the window's buckets are wasted only on an article assigned before.
    const [known, around] = await Promise.all([this.storyOf.get(art.id), this.entriesAround(p)]);
    if (known) {
      // Assigned before (a crash came between assigning and storing, then the item was read
      // again): the article that started the story still "starts" it, so its alert is offered
      // again; the outbox's alert key keeps it from being sent twice.
      const rec = await this.stories.get(known);
      const out: AssignResult = { storyId: known, isNew: rec?.firstArticleId === art.id };
      if (rec) out.latest = rec.lastSeen;
      return out;
    }

    const me: Entry = {
      a: art.id,
      s: '',
      p,
      sketch: sketchOf({ title: art.title, text: art.text || art.summary }),
      sig: extractSignature({
        title: art.title,
        text: art.text || art.summary,
        publishedMs: p,
        topics: stored.matches.map((m) => m.id),
        lang: art.lang,
        publishedKnown: opts.publishedKnown,
      }),
    };
    // A half-done assignment (the process died after the bucket write, before story_of): finish
    // it as it was decided. Compared with its own entry, the article would join its own story and
    // lose its alert, and the articles joining it their follow-ups.
    const mine = around.find((e) => e.a === art.id);
    if (mine) return this.finish(art.id, mine.s);
    const best = this.bestStory(me, around);
    // The records as they now stand: a story merged since its reports were written leads to the survivor.
    const records = best ? await this.merges.records([best.s, ...best.others]) : new Map<string, StoryRecord>();
    const existing = best ? records.get(best.s) : undefined;
    const result = best && existing ? await this.join(existing, me, compare(me, best.entry, true), art.feedId) : await this.start(stored, me);
    const others = new Map<string, StoryRecord>();
    for (const s of best?.others ?? []) {
      const rec = records.get(s);
      if (rec && rec.id !== existing?.id && rec.articleCount + (existing?.articleCount ?? 0) <= MERGED_MAX_REPORTS) others.set(rec.id, rec);
    }
    if (existing && others.size > 0) {
      // Their times before the fold (it moves into's): where their reports stand in per-day counts.
      const spans = [...others.values()].map((r) => [Date.parse(r.firstSeen), Date.parse(r.lastSeen)] as const);
      const merged = await this.merges.fold(existing, [...others.values()]);
      if (merged.length > 0) {
        result.merged = merged;
        result.mergedSpan = { sinceMs: Math.min(...spans.map((x) => x[0])), untilMs: Math.max(...spans.map((x) => x[1])) };
      }
    }
    me.s = result.storyId;

    await this.buckets.append(hourKey(p), { a: art.id, s: me.s, p, k: packSketch(me.sketch), g: me.sig });
    // Written last: an interrupted assignment is redone in full next time, not half-skipped.
    await this.storyOf.set(art.id, me.s);
    return result;
  }

  /**
   * The story this entry joins: the highest-scoring story among the candidates whose best entry
   * passes the decision. A story most of whose reports conflict with the entry (another place,
   * another day) is not joined through one loosely-worded member: that is how one campaign's
   * attacks would chain into one story.
   */
  private bestStory(me: Entry, candidates: readonly Entry[]): Best | undefined {
    const perStory = new Map<string, { n: number; vetoes: number; best?: { decision: Decision; p: number; entry: Entry } }>();
    for (const e of candidates) {
      if (Math.abs(e.p - me.p) > this.windowMs) continue;
      const d = compare(me, e);
      // A story known to be merged counts as the one it lives on in: its reports are that story's.
      const s = this.merges.follow(e.s);
      let st = perStory.get(s);
      if (!st) perStory.set(s, (st = { n: 0, vetoes: 0 }));
      st.n++;
      if (d.veto) st.vetoes++;
      else if (d.score >= this.threshold && (!st.best || d.score > st.best.decision.score || (d.score === st.best.decision.score && e.p < st.best.p))) {
        st.best = { decision: d, p: e.p, entry: e };
      }
    }
    let best: Best | undefined;
    // Stories this report ties to the one it joins: no report of theirs conflicts with it, and one
    // agrees at MERGE_SCORE. Two outlets' first reports (often one per language) start two stories
    // when they cannot be compared well; a later report that plainly belongs to both shows they are one.
    // (Which of them survive the check against the joined story's own reports is decided below.)
    const bridged: string[] = [];
    for (const [s, st] of perStory) {
      if (!st.best || st.vetoes * 2 > st.n) continue;
      if (st.vetoes === 0 && st.best.decision.score >= MERGE_SCORE) bridged.push(s);
      const score = st.best.decision.score;
      // Highest score wins; on a tie the older story (stable across re-runs).
      if (!best || score > best.decision.score || (score === best.decision.score && st.best.p < best.p)) best = { s, ...st.best, others: [] };
    }
    if (!best) return undefined;
    const others = bridged.filter((s) => s !== best!.s);
    if (others.length === 0) return best;
    const reportsOf = (s: string) => candidates.filter((e) => Math.abs(e.p - me.p) <= this.windowMs && this.merges.follow(e.s) === s);
    const mine = reportsOf(best.s);
    // A round-up that tells a strike and the attack it answers, or two strikes of one night, agrees
    // with both stories: they merge only when no report of one conflicts with a report of the other.
    // The best-agreeing first; a report agreeing with more stories than that is a round-up, and
    // checking every pair of their reports would cost more than the decision itself.
    best.others = others
      .sort((a, b) => perStory.get(b)!.best!.decision.score - perStory.get(a)!.best!.decision.score)
      .slice(0, MAX_MERGED_AT_ONCE)
      .filter((s) => noConflict(reportsOf(s), mine));
    return best;
  }

  private async join(existing: StoryRecord, me: Entry, decision: Decision, feedId: string): Promise<AssignResult> {
    const iso = new Date(me.p).toISOString();
    const art = { id: me.a, lang: me.sig.lang };
    const languages = existing.languages ?? [];
    const merged = existing.signature ?? mergedOf({ ...me.sig, places: [], actors: [], kinds: [], counts: {} });
    const changed = changeOf(merged, me.sig, languages);
    mergeInto(merged, me.sig);
    existing.signature = merged;
    if (art.lang && !languages.includes(art.lang)) languages.push(art.lang);
    existing.languages = languages;
    if (existing.articleIds.length < MAX_LISTED) existing.articleIds.push(art.id);
    if (!existing.feedIds.includes(feedId) && existing.feedIds.length < MAX_LISTED) existing.feedIds.push(feedId);
    existing.articleCount += 1;
    if (iso < existing.firstSeen) existing.firstSeen = iso;
    if (iso > existing.lastSeen) existing.lastSeen = iso;
    await this.stories.set(existing.id, existing);
    const out: AssignResult = { storyId: existing.id, isNew: false, joined: decision.reasons, latest: existing.lastSeen };
    if (Object.keys(changed).length > 0) out.changed = changed;
    return out;
  }

  private async start(stored: StoredArticle, me: Entry): Promise<AssignResult> {
    const art = stored.article;
    const iso = new Date(me.p).toISOString();
    const storyId = `s-${art.id}`;
    await this.stories.set(storyId, {
      id: storyId,
      firstSeen: iso,
      lastSeen: iso,
      firstArticleId: art.id,
      title: art.title,
      articleIds: [art.id],
      feedIds: [art.feedId],
      articleCount: 1,
      languages: art.lang ? [art.lang] : [],
      signature: mergedOf(me.sig),
    });
    return { storyId, isNew: true, latest: iso };
  }

  /** Bucket entries from STORY_WINDOW_MS before p to LOOK_AHEAD_MS after. */
  private entriesAround(p: number): Promise<Entry[]> {
    const keys: string[] = [];
    const end = p + Math.min(this.windowMs, LOOK_AHEAD_MS);
    for (let t = Math.floor((p - this.windowMs) / HOUR_MS) * HOUR_MS; t <= end; t += HOUR_MS) keys.push(hourKey(t));
    return this.buckets.entries(keys);
  }
}

/** The layout for this store: append-only lists on Redis (several processes), keyv arrays otherwise. */
function openStoryBuckets(store: Store, o: StoryBucketsOptions): StoryBuckets {
  return store.kind === 'redis' && store.redis ? new RedisStoryBuckets(store, o) : new KeyvStoryBuckets(store, o);
}

/**
 * No report of one story conflicts with a report of the other (place, day, count, cause and response).
 * The first MERGE_CHECKED reports of each are compared (those that began them): a long-running story
 * would otherwise cost a comparison per pair of reports, and its early reports say what it is.
 */
function noConflict(xs: readonly Entry[], ys: readonly Entry[]): boolean {
  const first = (es: readonly Entry[]) => [...es].sort((a, b) => a.p - b.p).slice(0, MERGE_CHECKED);
  const ys1 = first(ys);
  return first(xs).every((x) => ys1.every((y) => !compare(x, y).veto));
}
