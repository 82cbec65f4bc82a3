// Story sketches: a compact, storable summary of what an article is about, and a similarity
// between two of them. Two signals, because "same story" comes in two shapes:
//  - wire copy on several outlets (same body, small headline edits): a bottom-k MinHash over word
//    shingles of the body estimates their Jaccard similarity, which is near 1;
//  - the same event rewritten by another outlet: headlines and leads share the names, places and
//    numbers of the event but little phrasing, so we compare the sets of content tokens of the
//    headline and the lead (overlap weighted towards the rarer, longer tokens).
import { hash32, sketchTokenHashes } from './sketch-tokens.ts';

export { hash32 };

export interface StorySketch {
  /** Hashes of the distinct content tokens of the headline, sorted. */
  t: number[];
  /** Hashes of the distinct content tokens of headline + lead (first LEAD_TOKENS tokens), sorted. */
  l: number[];
  /** Bottom-k MinHash of the body's word 3-shingles, sorted ascending. */
  m: number[];
}

const LEAD_TOKENS = 60;
const BODY_TOKENS = 400;
const MINHASH_K = 32;

/** The distinct values of xs, ascending. */
function distinctSorted(xs: readonly number[]): number[] {
  const sorted = Uint32Array.from(xs).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

/** Order-sensitive mix of three token hashes into a shingle hash (no strings built). */
function mix3(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul((h << 13) | (h >>> 19), 5) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35) ^ c;
  h ^= h >>> 15;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface SketchInput {
  title: string;
  /** The body; the feed summary when there is no text. */
  text: string;
}

export function sketchOf(doc: SketchInput): StorySketch {
  const title = sketchTokenHashes(doc.title);
  // Wire copies share their opening: the first BODY_TOKENS tokens are enough to tell them.
  const body = sketchTokenHashes(doc.text, BODY_TOKENS);
  const lead = body.length > LEAD_TOKENS ? body.slice(0, LEAD_TOKENS) : body;
  let shingles: number[];
  if (body.length >= 3) {
    shingles = new Array<number>(body.length - 2);
    for (let i = 0; i + 2 < body.length; i++) shingles[i] = mix3(body[i]!, body[i + 1]!, body[i + 2]!);
  } else {
    // A body shorter than one shingle still deserves a sketch: fall back to its tokens.
    shingles = body;
  }
  return { t: distinctSorted(title), l: distinctSorted(title.concat(lead)), m: distinctSorted(shingles).slice(0, MINHASH_K) };
}

/** |A ∩ B| for two ascending arrays. */
function intersectCount(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Bottom-k estimate of the Jaccard similarity of two shingle sets. */
export function minhashJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const k = Math.min(MINHASH_K, Math.max(a.length, b.length));
  // Walk the k smallest of the union; count how many of them are in both sketches.
  let i = 0;
  let j = 0;
  let taken = 0;
  let both = 0;
  while (taken < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  return taken === 0 ? 0 : both / taken;
}

export interface Similarity {
  /** Estimated Jaccard of body shingles: near 1 for wire copies. */
  body: number;
  /** Dice coefficient of headline tokens. */
  title: number;
  /** Dice coefficient of headline + lead tokens. */
  lead: number;
  /** The combined score that thresholds apply to, in [0, 1]. */
  score: number;
}

const dice = (a: readonly number[], b: readonly number[]) => (a.length + b.length === 0 ? 0 : (2 * intersectCount(a, b)) / (a.length + b.length));

export function similarity(a: StorySketch, b: StorySketch): Similarity {
  const body = minhashJaccard(a.m, b.m);
  const title = dice(a.t, b.t);
  const lead = dice(a.l, b.l);
  // Rewrites share lead vocabulary more reliably than headline words; a shared headline adds
  // evidence. Wire copies are caught by the body alone.
  const rewritten = 0.7 * lead + 0.3 * title;
  return { body, title, lead, score: Math.max(body, rewritten) };
}

/** Score at or above which two articles are the same story (measured on tests/stories pairs). */
export const SAME_STORY_THRESHOLD = 0.36;
/** Articles further apart than this in time are never the same story. */
export const STORY_WINDOW_MS = 72 * 3_600_000;

/** Packs a sketch for storage: each array as base64 of little-endian uint32s (~5.3 chars a hash). */
export function packSketch(s: StorySketch): PackedSketch {
  return { t: packU32(s.t), l: packU32(s.l), m: packU32(s.m) };
}

export function unpackSketch(p: PackedSketch): StorySketch {
  return { t: unpackU32(p.t), l: unpackU32(p.l), m: unpackU32(p.m) };
}

export interface PackedSketch {
  t: string;
  l: string;
  m: string;
}

function packU32(xs: readonly number[]): string {
  const buf = Buffer.allocUnsafe(xs.length * 4);
  xs.forEach((x, i) => buf.writeUInt32LE(x >>> 0, i * 4));
  return buf.toString('base64');
}

function unpackU32(s: string): number[] {
  const buf = Buffer.from(s, 'base64');
  const out: number[] = new Array(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
