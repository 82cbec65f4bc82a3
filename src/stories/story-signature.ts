// A story's merged signature (what all its reports together say) and what a joining report adds
// to it: the "changed" fields a follow-up message shows (a higher casualty count, a new place).
import type { EventSignature } from './signature.ts';

/** Lists kept per merged field: a long-running story must not grow without bound. */
const MAX_MERGED = 40;

export interface MergedSignature {
  places: string[];
  actors: string[];
  kinds: string[];
  /** The highest number given for each counted thing. */
  counts: Record<string, number>;
  /** Earliest and latest event day reported (UTC days since the epoch). */
  firstDay: number;
  lastDay: number;
}

/** Signature fields a joining report adds to its story (absent keys: nothing new). */
export interface SignatureChange {
  places?: string[];
  actors?: string[];
  kinds?: string[];
  /** Counts higher than the story had (or counted for the first time). */
  counts?: Record<string, number>;
  /** The report's language when the story had none in it yet. */
  lang?: string;
}

const maxOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

export function mergedOf(sig: EventSignature): MergedSignature {
  const counts: Record<string, number> = {};
  for (const [what, xs] of Object.entries(sig.counts)) counts[what] = maxOf(xs);
  return { places: [...sig.places], actors: [...sig.actors], kinds: [...sig.kinds], counts, firstDay: sig.day, lastDay: sig.day };
}

/** What sig adds to the story so far. */
export function changeOf(merged: MergedSignature, sig: EventSignature, languages: readonly string[]): SignatureChange {
  const out: SignatureChange = {};
  const places = sig.places.filter((p) => !merged.places.includes(p));
  const actors = sig.actors.filter((a) => !merged.actors.includes(a));
  const kinds = sig.kinds.filter((k) => !merged.kinds.includes(k));
  if (places.length > 0) out.places = places;
  if (actors.length > 0) out.actors = actors;
  if (kinds.length > 0) out.kinds = kinds;
  const counts: Record<string, number> = {};
  for (const [what, xs] of Object.entries(sig.counts)) {
    const v = maxOf(xs);
    if (v > (merged.counts[what] ?? 0)) counts[what] = v;
  }
  if (Object.keys(counts).length > 0) out.counts = counts;
  if (sig.lang && !languages.includes(sig.lang)) out.lang = sig.lang;
  return out;
}

/** Folds a report's signature into its story's (in place). */
export function mergeInto(merged: MergedSignature, sig: EventSignature): void {
  Object.assign(merged, mergeSignatures(merged, mergedOf(sig)));
}

/** Two stories' signatures as one (when a report shows the two stories to be one happening). */
export function mergeSignatures(a: MergedSignature, b: MergedSignature): MergedSignature {
  const add = (xs: readonly string[], ys: readonly string[]) => [...new Set([...xs, ...ys])].slice(0, MAX_MERGED);
  const counts = { ...a.counts };
  for (const [what, v] of Object.entries(b.counts)) counts[what] = Math.max(counts[what] ?? 0, v);
  return {
    places: add(a.places, b.places),
    actors: add(a.actors, b.actors),
    kinds: add(a.kinds, b.kinds),
    counts,
    firstDay: Math.min(a.firstDay, b.firstDay),
    lastDay: Math.max(a.lastDay, b.lastDay),
  };
}
