// `/topic TOPIC suggestions`: the window's verdicts on a topic, one per story (the majority of the
// people who gave one; a tie counts for neither side), the lead articles of the 👎 and 👍 stories
// that the topic still matches, and the topic's stored matches of the window, handed to the term analysis in
// src/topics/exclude-suggestions.ts.
import type { ExcludeSuggestions } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedbackRecord, FeedbackStore } from '../store/feedback-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { suggestExcludes, type SuggestDoc } from '../topics/exclude-suggestions.ts';
import { compileTopics } from '../topics/index.ts';
import { leadArticle } from './lead-article.ts';

export interface SuggestDeps {
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
  stories?: StoryIndex;
  feedback: FeedbackStore;
}

/** Story → its verdict: more 👎 than 👍 is not relevant, more 👍 relevant. */
function storyVerdicts(records: readonly FeedbackRecord[]): Map<string, { verdict: 'down' | 'up'; title: string }> {
  const tally = new Map<string, { down: number; up: number; title: string }>();
  for (const r of records) {
    const t = tally.get(r.story) ?? { down: 0, up: 0, title: r.title };
    if (r.verdict === 'not-relevant') t.down++;
    else t.up++;
    tally.set(r.story, t);
  }
  const out = new Map<string, { verdict: 'down' | 'up'; title: string }>();
  for (const [story, t] of tally) if (t.down !== t.up) out.set(story, { verdict: t.down > t.up ? 'down' : 'up', title: t.title });
  return out;
}

/** The story's lead article as text; its headline as it was at the tap when the article is gone. */
async function docOf(deps: SuggestDeps, story: string, title: string): Promise<SuggestDoc> {
  const lead = await leadArticle(deps, story);
  return lead ? { title: lead.article.title, text: lead.article.text || lead.article.summary } : { title, text: '' };
}

export async function excludeSuggestions(deps: SuggestDeps, topic: string, sinceMs: number, untilMs: number, limit: number): Promise<ExcludeSuggestions> {
  const records = (await deps.feedback.list({ topic, sinceMs })).filter((r) => Date.parse(r.at) <= untilMs);
  const def = (await deps.topics()).find((t) => t.id === topic);
  // Judged against the topic as it is now: a 👎 story an exclude already keeps out is dealt with.
  const matcher = def ? compileTopics([def]) : undefined;
  const down: SuggestDoc[] = [];
  const up: SuggestDoc[] = [];
  for (const [story, v] of storyVerdicts(records)) {
    const doc = await docOf(deps, story, v.title);
    if (matcher && matcher.match(doc).length === 0) continue;
    (v.verdict === 'down' ? down : up).push(doc);
  }
  const entries = (await deps.articles.listIndexBetween(sinceMs, untilMs)).filter((e) => e.topics[topic] !== undefined);
  const stored = (await deps.articles.getMany(entries.map((e) => e.id))).map((s) => ({ title: s.article.title, text: s.article.text || s.article.summary }));
  const suggestions = down.length > 0 ? suggestExcludes({ ...(def ? { topic: def } : {}), down, up, stored }, limit) : [];
  return { down: down.length, up: up.length, stored: stored.length, suggestions };
}
