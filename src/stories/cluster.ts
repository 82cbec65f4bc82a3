// In-memory clustering of the articles in a digest window: the same similarity the persistent
// StoryIndex uses at ingest, applied to whatever arrives here (articles stored before the index
// existed, or by a pipeline that does not assign stories). Single-link within a time window.
import { SAME_STORY_THRESHOLD, STORY_WINDOW_MS, similarity, type StorySketch } from './sketch.ts';

export interface ClusterItem {
  key: string;
  publishedMs: number;
  sketch: StorySketch;
  /** A story already assigned at ingest: items sharing one are always together. */
  storyId?: string;
}

export interface ClusterOptions {
  threshold?: number;
  windowMs?: number;
  /**
   * Two items that both carry a story id were already compared at ingest (same similarity): do
   * not compare them again, only join those sharing an id. Default true; this is what keeps a
   * digest over thousands of articles fast.
   */
  trustStoryIds?: boolean;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    // Path compression keeps later finds flat.
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index wins so that a group's root is its first item (deterministic output).
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/**
 * The most the rewrite score (0.7 lead Dice + 0.3 headline Dice) can be when the lead sets share
 * at most n tokens (headline tokens are part of the lead set, so they share at most n too).
 * Candidates must share lead vocabulary: wire copies do, since their leads are the same text.
 */
function upperBound(a: ClusterItem, b: ClusterItem, n: number): number {
  const lead = (2 * n) / (a.sketch.l.length + b.sketch.l.length || 1);
  const title = Math.min(1, (2 * n) / (a.sketch.t.length + b.sketch.t.length || 1));
  return 0.7 * Math.min(1, lead) + 0.3 * title;
}

/**
 * Groups items into stories; returns groups of item indexes, each group in input order, groups
 * ordered by their first item. Candidate pairs come from an inverted index over lead tokens
 * (tokens shared by a large part of the window are skipped as uninformative), so the cost stays
 * near-linear for windows of thousands of articles.
 */
export function clusterStories(items: readonly ClusterItem[], opts: ClusterOptions = {}): number[][] {
  const threshold = opts.threshold ?? SAME_STORY_THRESHOLD;
  const windowMs = opts.windowMs ?? STORY_WINDOW_MS;
  const uf = joinByStoryId(items);
  const trust = opts.trustStoryIds ?? true;
  // Postings hold the items still to be compared: all of them, or only those without a story id.
  const open = (it: ClusterItem) => !trust || !it.storyId;
  const { postings, openCount } = leadPostings(items, open);
  if (openCount === 0) return groupsOf(items.length, uf);
  const maxPosting = Math.max(256, Math.ceil(items.length / 3));
  // Shared-token counts per candidate: a typed array and the list of touched slots (no Map).
  const counts = new Int32Array(items.length);
  const touched: number[] = [];
  for (let i = 0; i < items.length; i++) {
    touched.length = 0;
    const a = items[i]!;
    const aOpen = open(a);
    // Tokens shared by much of the window are skipped for speed; `skipped` keeps the bound honest.
    let skipped = 0;
    for (const h of a.sketch.l) {
      const p = postings.get(h);
      if (!p) continue;
      if (p.length > maxPosting) {
        skipped++;
        continue;
      }
      // Each open pair once (j > i); a settled item against every open one.
      for (const j of p) {
        if (aOpen ? j <= i : j === i) continue;
        if (counts[j]!++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const n = counts[j]!;
      counts[j] = 0;
      const b = items[j]!;
      if (upperBound(a, b, n + skipped) < threshold || uf.find(i) === uf.find(j)) continue;
      if (Math.abs(a.publishedMs - b.publishedMs) > windowMs) continue;
      if (similarity(a.sketch, b.sketch).score >= threshold) uf.union(i, j);
    }
  }

  return groupsOf(items.length, uf);
}

/** Items that already share a story id start in one group. */
function joinByStoryId(items: readonly ClusterItem[]): UnionFind {
  const uf = new UnionFind(items.length);
  const byStory = new Map<string, number>();
  items.forEach((it, i) => {
    if (!it.storyId) return;
    const first = byStory.get(it.storyId);
    if (first === undefined) byStory.set(it.storyId, i);
    else uf.union(first, i);
  });
  return uf;
}

/** The inverted index: each lead token of an open item → the indexes of the open items that have it. */
function leadPostings(items: readonly ClusterItem[], open: (it: ClusterItem) => boolean): { postings: Map<number, number[]>; openCount: number } {
  const postings = new Map<number, number[]>();
  let openCount = 0;
  items.forEach((it, i) => {
    if (!open(it)) return;
    openCount++;
    for (const h of it.sketch.l) {
      let p = postings.get(h);
      if (!p) postings.set(h, (p = []));
      p.push(i);
    }
  });
  return { postings, openCount };
}

function groupsOf(n: number, uf: UnionFind): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
}
