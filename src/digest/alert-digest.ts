// Instant alerts: the articles the pipeline just stored for one chat, one story per story id with
// the digest's story fields (headline, summary with highlights, sources), marked as an alert so
// renderers lay each one out as an alert: headline, source, time, why it matched, link.
import type { DetailedMatch, StoredArticle, TopicDef } from '../core/types.ts';
import { renderStory, type Group } from './build-digest.ts';
import { cleanText } from './rich-text.ts';
import type { Digest, DigestStory, UiLang } from './types.ts';

export interface AlertDigestOptions {
  /** The chat's topics; matches of other topics are not shown. */
  topics: string[];
  topicDefs?: readonly TopicDef[];
  feedName?: (feedId: string) => string | undefined;
  lang?: UiLang;
  now?: number;
  /** The subscription's time zone, for the alert's time. */
  timezone?: string;
}

/** Most clause or term names shown per topic in "why it matched". */
const WHY_PARTS = 3;

/** Why a story matched: each topic's name and the clauses (structured topics) or terms that held. */
function whyOf(members: readonly StoredArticle[], story: DigestStory, name: (id: string) => string): NonNullable<DigestStory['why']> {
  return story.topics.map((id) => {
    const matches = members.flatMap((s) => s.matches.filter((m) => m.id === id));
    const clauses = matches.flatMap((m) => (m as Partial<DetailedMatch>).clauses?.map((c) => c.clause) ?? []);
    const parts = [...new Set(clauses.length > 0 ? clauses : matches.flatMap((m) => m.terms))].slice(0, WHY_PARTS).map(cleanText);
    return { topic: cleanText(name(id)), parts };
  });
}

/** One story per story id (articles of one story together), in the order they arrived. */
export function alertDigest(stored: readonly StoredArticle[], opts: AlertDigestOptions): Digest {
  const topics = new Set(opts.topics);
  const lang = opts.lang ?? 'en';
  const names = new Map((opts.topicDefs ?? []).map((t) => [t.id, t.names?.[lang] ?? t.name ?? t.id]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const loaded = new Map(stored.map((s) => [s.article.id, s]));
  const groups = new Map<string, StoredArticle[]>();
  for (const s of stored) {
    if (!s.matches.some((m) => topics.has(m.id))) continue;
    const key = s.storyId ?? `w-${s.article.id}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const now = opts.now ?? Date.now();
  const stories: DigestStory[] = [];
  const feeds = new Set<string>();
  let articles = 0;
  let since = now;
  for (const [storyId, members] of groups) {
    const times = members.map((s) => Date.parse(s.article.published) || now);
    const g: Group = {
      entries: members.map((s, i) => ({ id: s.article.id, feedId: s.article.feedId, published: times[i]!, topics: {}, storyId })),
      storyId,
      matchNorm: 1,
      matchScore: Math.max(...members.flatMap((s) => s.matches.filter((m) => topics.has(m.id)).map((m) => m.score))),
      latest: Math.max(...times),
      earliest: Math.min(...times),
      feeds: new Set(members.map((s) => s.article.feedId)),
      rankScore: 1,
    };
    const story = renderStory(g, loaded, topics, opts, stories.length + 1);
    if (!story) continue;
    stories.push({ ...story, why: whyOf(members, story, nameOf) });
    articles += members.length;
    for (const f of g.feeds) feeds.add(f);
    since = Math.min(since, g.earliest);
  }
  return {
    topics: opts.topics.map((id) => ({ id, name: cleanText(nameOf(id)) })),
    sinceMs: since,
    untilMs: now,
    lang,
    kind: 'alert',
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    empty: stories.length === 0,
    totals: { stories: stories.length, articles, sources: feeds.size },
    stories,
    more: 0,
  };
}
