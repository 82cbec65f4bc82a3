// Feedback and "Why?" for the buttons under alerts and digest stories (commands/action-*.ts): a
// verdict is stored with the story's lead article (URL, headline, language) as it is at the tap,
// and a story's match is explained again from that article with the topic as it is now.
import type { FeedbackServices, StoryExplanation } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { compileTopics } from '../topics/index.ts';
import { excludeSuggestions } from './suggest-services.ts';
import { leadArticle } from './lead-article.ts';

export interface FeedbackDeps {
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
  stories?: StoryIndex;
  feedback: FeedbackStore;
  /** Told of each new or changed verdict (the /metrics feedback counter). */
  onVerdict?: (topic: string, verdict: string) => void;
}

const CLAUSE_MAX = 60;

export function feedbackServices(deps: FeedbackDeps): FeedbackServices {
  return {
    async record(v) {
      const lead = await leadArticle(deps, v.story);
      const r = await deps.feedback.record({
        topic: v.topic,
        story: v.story,
        url: lead?.article.url ?? '',
        title: lead?.article.title ?? '',
        lang: lead?.article.lang ?? '',
        verdict: v.verdict,
        platform: v.platform,
        chat: v.chat,
        user: v.user,
        at: new Date(v.atMs).toISOString(),
      });
      if (r !== 'same') deps.onVerdict?.(v.topic, v.verdict);
      return r;
    },
    summary: (topic, sinceMs, untilMs) => deps.feedback.summary(topic, sinceMs, untilMs),
    suggestExcludes: (topic, sinceMs, untilMs, limit) => excludeSuggestions(deps, topic, sinceMs, untilMs, limit),
  };
}

export async function explainStory(deps: Omit<FeedbackDeps, 'feedback'>, topic: string, story: string): Promise<StoryExplanation | undefined> {
  const def = (await deps.topics()).find((x) => x.id === topic);
  const lead = def ? await leadArticle(deps, story) : undefined;
  if (!def || !lead) return undefined;
  const doc = { title: lead.article.title, text: lead.article.text || lead.article.summary };
  const e = compileTopics([def])
    .explain(doc)
    .find((x) => x.id === topic);
  const clauses = (e?.clauses ?? [])
    .filter((c) => c.held && !c.negated && c.role !== 'part')
    .map((c) => {
      const flat = (c.name ?? c.clause).replace(/\s+/g, ' ').trim();
      return flat.length > CLAUSE_MAX ? `${flat.slice(0, CLAUSE_MAX - 1)}…` : flat;
    });
  return { title: lead.article.title, terms: e?.terms ?? [], clauses };
}
