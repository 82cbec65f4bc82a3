// Stories: story identity (event signatures, the same-story decision, sketches, in-window
// clustering, the persistent index).
// URL canonicalisation also belongs to this stage but lives in src/feeds/ (the feeds engineer's).
export { sketchTokens, sketchTokenHashes, foldText } from './sketch-tokens.ts';
export {
  sketchOf,
  similarity,
  minhashJaccard,
  hash32,
  packSketch,
  unpackSketch,
  SAME_STORY_THRESHOLD,
  STORY_WINDOW_MS,
  type StorySketch,
  type PackedSketch,
  type Similarity,
  type SketchInput,
} from './sketch.ts';
export { clusterStories, type ClusterItem, type ClusterOptions } from './cluster.ts';
export { StoryIndex, articleTimeMs, type AssignResult, type AssignOptions, type StoryRecord, type StoryIndexOptions } from './story-index.ts';
export { extractSignature, type EventSignature, type SignatureInput } from './signature.ts';
export { compare, joins, JOIN_SCORE, WEIGHTS, type Decision, type Comparable } from './decide.ts';
export { changeOf, mergeInto, mergedOf, type MergedSignature, type SignatureChange } from './story-signature.ts';
