// Generated articles and topics for the matching bench and the matcher's corpus test: words made of
// Arabic and Latin syllables (no real article text in the project), seeded so that every run sees
// the same corpus. Articles are mostly everyday vocabulary with a few words from a large vocabulary
// of names, places and jargon; topics draw their terms from that large vocabulary, so more topics
// means more of an article's words are topic terms (as with real topic packs).
import type { TopicDef } from '../../src/core/types.ts';
import { mulberry32 } from './random.ts';

export interface Article {
  title: string;
  text: string;
}

export interface TopicCorpus {
  /** The next generated article (350–650 words; the first ten are the title). */
  article(): Article;
  /** `count` topics, all of the bench's shape; the same seed gives the same topics. */
  topics(count: number, seed: number): TopicDef[];
  /** `count` topics in turn of every operator shape (NEAR, BEFORE, NOT NEAR, ATLEAST, title:, prefixes, exact words, phrases). */
  variedTopics(count: number, seed: number): TopicDef[];
}

const LATIN = ['ka', 'ri', 'to', 'mel', 'dan', 'sor', 'vi', 'ne', 'lu', 'sta', 'ber', 'gon', 'pha', 'quin', 'tre', 'zo'];
const ARABIC = ['قا', 'مد', 'سل', 'رو', 'نج', 'بي', 'فت', 'حم', 'كر', 'دي', 'طب', 'عل', 'زه', 'شم', 'غر', 'وص'];
const AR_PREFIX = ['', '', '', 'و', 'ال', 'بال', 'لل', 'ف'];

/**
 * A corpus from one seed. The defaults are the matching bench's (seed 42, 200,000 draws for the
 * large vocabulary); a test can ask for a smaller vocabulary to start faster.
 */
export function topicCorpus(seed = 42, rareDraws = 200_000): TopicCorpus {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const word = (parts: readonly string[], min: number, max: number): string => {
    let w = '';
    const n = min + Math.floor(rand() * (max - min + 1));
    for (let i = 0; i < n; i++) w += pick(parts);
    return w;
  };
  const common = Array.from({ length: 4000 }, (_, i) => (i % 2 ? word(LATIN, 1, 3) : word(ARABIC, 2, 3)));
  const rare = [...new Set(Array.from({ length: rareDraws }, (_, i) => (i % 2 ? word(LATIN, 3, 6) : word(ARABIC, 3, 5))))];

  const article = (): Article => {
    const words: string[] = [];
    const n = 350 + Math.floor(rand() * 300);
    for (let i = 0; i < n; i++) {
      const w = rand() < 0.03 ? pick(rare) : pick(common);
      const arabic = /[\u0600-\u06ff]/.test(w);
      words.push(arabic ? pick(AR_PREFIX) + w : rand() < 0.1 ? w[0]!.toUpperCase() + w.slice(1) : w);
      if (rand() < 0.08) words.push(arabic ? '،' : ',');
    }
    return { title: words.slice(0, 10).join(' '), text: words.slice(10).join(' ') };
  };

  const topics = (count: number, topicSeed: number): TopicDef[] => {
    const r = mulberry32(topicSeed);
    const take = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    return Array.from({ length: count }, (_, i) => ({
      id: `t${i}`,
      query: `(${take(rare)} OR ${take(rare)}) NEAR/8 (${take(rare)} OR "${take(common)} ${take(rare)}") OR title:${take(rare)}* -${take(rare)}`,
    }));
  };

  const variedTopics = (count: number, topicSeed: number): TopicDef[] => {
    const r = mulberry32(topicSeed);
    const take = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    // Mostly everyday words, so that the shapes meet often enough to hold, fail and overlap.
    const w = () => (r() < 0.7 ? take(common) : take(rare));
    const shapes = [
      () => `${w()} NEAR/3 ${w()}`,
      () => `(${w()} OR ${w()}) BEFORE/5 ${w()}`,
      () => `${w()} NOT NEAR/4 (${w()} OR ${w()})`,
      () => `ATLEAST/2 (${w()} OR ${w()})`,
      () => `title:(${w()} OR ${w()}) ${w()}`,
      () => `${w()}* AND NOT ${w()}`,
      () => `=${w()} OR "${w()} ${w()}"`,
      () => `("${w()} ${w()} ${w()}" OR ${w()}) NEAR/6 (${w()} NEAR/2 ${w()})`,
      () => `${w()} ${w()} -title:${w()}`,
    ];
    return Array.from({ length: count }, (_, i) => ({ id: `v${i}`, query: shapes[i % shapes.length]!() }));
  };

  return { article, topics, variedTopics };
}

/** Every term of these queries as written (phrases without quotes, no field, `-` or `*`). */
export function termsOf(defs: readonly TopicDef[]): string[] {
  const out: string[] = [];
  for (const d of defs)
    for (const m of d.query.matchAll(/"([^"]+)"|[^\s()"]+/g)) {
      const t = (m[1] ?? m[0]).replace(/^(title:|-)/, '').replace(/\*$/, '');
      if (!/^(OR|AND|NOT|NEAR\/\d+)$/.test(t)) out.push(t);
    }
  return out;
}
