// Story sketches: a compact, storable summary of what an article is about, and a similarity
// between two of them. Two signals, because "same story" comes in two shapes:
//  - wire copy on several outlets (same body, small headline edits): a bottom-k MinHash over word
//    shingles of the body estimates their Jaccard similarity, which is near 1;
//  - the same event rewritten by another outlet: headlines and leads share the names, places and
//    numbers of the event but little phrasing, so we compare the sets of content tokens of the
//    headline and the lead (overlap weighted towards the rarer, longer tokens).
import { sketchTokens } from './sketch-tokens.ts';

export interface StorySketch {
  /** Hashes of the distinct content tokens of the headline, sorted. */
  t: number[];
  /** Hashes of the distinct content tokens of headline + lead (first LEAD_TOKENS tokens), sorted. */
  l: number[];
  /** Bottom-k MinHash of the body's word 3-shingles, sorted ascending. */
  m: number[];
}

const LEAD_TOKENS = 60;
const MINHASH_K = 32;

/** FNV-1a, 32 bits: fast, stable across processes and versions (sketches are stored). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that short strings spread over the whole range (bottom-k needs it).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function distinctSorted(xs: Iterable<number>): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

export interface SketchInput {
  title: string;
  /** The body; the feed summary when there is no text. */
  text: string;
}

export function sketchOf(doc: SketchInput): StorySketch {
  const title = sketchTokens(doc.title);
  const body = sketchTokens(doc.text);
  const lead = body.slice(0, LEAD_TOKENS);
  const shingles = new Set<number>();
  for (let i = 0; i + 2 < body.length; i++) shingles.add(hash32(`${body[i]} ${body[i + 1]} ${body[i + 2]}`));
  // A body shorter than one shingle still deserves a sketch: fall back to its tokens.
  if (shingles.size === 0) for (const w of body) shingles.add(hash32(w));
  return {
    t: distinctSorted(title.map(hash32)),
    l: distinctSorted([...title, ...lead].map(hash32)),
    m: [...shingles].sort((a, b) => a - b).slice(0, MINHASH_K),
  };
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
  // The k smallest of the union; count how many of them are in both sketches.
  const union: number[] = [];
  let i = 0;
  let j = 0;
  let both = 0;
  while (union.length < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      union.push(x);
      both++;
      i++;
      j++;
    } else if (x < y) {
      union.push(x);
      i++;
    } else {
      union.push(y);
      j++;
    }
  }
  return union.length === 0 ? 0 : both / union.length;
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

const dice = (a: readonly number[], b: readonly number[]) =>
  a.length + b.length === 0 ? 0 : (2 * intersectCount(a, b)) / (a.length + b.length);

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
