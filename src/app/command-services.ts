// CommandServices over the stores: what slash commands may read and change.
import type { CommandServices, Reply } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import type { ArticleStore } from '../store/article-store.ts';

export interface ServiceDeps {
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
}

export function createCommandServices(deps: ServiceDeps): CommandServices {
  return {
    topics: deps.topics,
    async digest({ topics, sinceMs, untilMs, lang }): Promise<Reply> {
      // FOUNDATION VERSION: a plain list; the digests issue replaces it with stories and renderers.
      const stored = await deps.articles.listBetween(sinceMs, untilMs);
      const hits = stored.filter((s) => s.matches.some((m) => topics.includes(m.id)));
      if (hits.length === 0) return { status: 'ok', text: lang === 'ar' ? 'لا جديد في هذه الفترة.' : 'Nothing new in this window.' };
      const lines = hits.slice(0, 10).map((s) => `• ${s.article.title}\n  ${s.article.url}`);
      return { status: 'ok', text: [`${topics.join(', ')} — ${hits.length} articles`, ...lines].join('\n') };
    },
  };
}
