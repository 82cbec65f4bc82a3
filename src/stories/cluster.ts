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
 * Groups items into stories; returns groups of item indexes, each group in input order, groups
 * ordered by their first item. Candidate pairs come from an inverted index over lead tokens
 * (tokens shared by a large part of the window are skipped as uninformative), so the cost stays
 * near-linear for windows of thousands of articles.
 */
export function clusterStories(items: readonly ClusterItem[], opts: ClusterOptions = {}): number[][] {
  const threshold = opts.threshold ?? SAME_STORY_THRESHOLD;
  const windowMs = opts.windowMs ?? STORY_WINDOW_MS;
  const uf = new UnionFind(items.length);

  const byStory = new Map<string, number>();
  items.forEach((it, i) => {
    if (!it.storyId) return;
    const first = byStory.get(it.storyId);
    if (first === undefined) byStory.set(it.storyId, i);
    else uf.union(first, i);
  });

  const postings = new Map<number, number[]>();
  items.forEach((it, i) => {
    for (const h of it.sketch.l) {
      let p = postings.get(h);
      if (!p) postings.set(h, (p = []));
      p.push(i);
    }
  });
  const maxPosting = Math.max(64, Math.ceil(items.length / 8));
  const shared = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    shared.clear();
    const a = items[i]!;
    for (const h of a.sketch.l) {
      const p = postings.get(h)!;
      if (p.length > maxPosting) continue;
      for (const j of p) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) {
      // Two shared tokens is the least that can reach the threshold on short texts.
      if (n < 2 || uf.find(i) === uf.find(j)) continue;
      const b = items[j]!;
      if (Math.abs(a.publishedMs - b.publishedMs) > windowMs) continue;
      if (similarity(a.sketch, b.sketch).score >= threshold) uf.union(i, j);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
}
