// /search QUERY [since] — the topic query language over stored articles, without a topic.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

const DEFAULT_SINCE_MS = 7 * 86_400_000;
const LIMIT = 10;

// A last word that reads as a window is the window, so "/search militia 3d" works.
const SPEC = argSpec([
  { name: 'QUERY', kind: 'query', description: { en: 'words with AND, OR, NOT, "phrases", prefix* (as in topics)', ar: 'كلمات مع AND وOR وNOT و"عبارات" وبادئة* (كما في المواضيع)' } },
  { name: 'SINCE', kind: 'window', optional: true, description: { en: 'how far back, e.g. 3d (at most 30d, default 7d)', ar: 'المدة إلى الوراء، مثل 3d (حتى 30d، الافتراضي 7d)' } },
]);

export const search: CommandDef = {
  name: 'search',
  spec: SPEC,
  description: {
    en: 'Search stored articles with the topic query language (default: last 7d)',
    ar: 'البحث في المقالات المخزنة بلغة استعلام المواضيع (الافتراضي: آخر 7 أيام)',
  },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const now = ctx.now();
    const found = await ctx.services.search({ query: p.values.QUERY, sinceMs: now - (p.values.SINCE ?? DEFAULT_SINCE_MS), untilMs: now, limit: LIMIT });
    if (found.total === 0) return ok(t(lang, 'search.noStoredArticle'), { ephemeral: true });
    const head = found.total > found.hits.length
      ? t(lang, 'search.articlesMatchThe', { total: found.total, length: found.hits.length })
      : t(lang, 'search.articlesMatch', { total: found.total });
    const lines = found.hits.map((h) => `• ${h.title} (${h.published.slice(0, 10)})\n  ${h.url}`);
    return ok([head, ...lines].join('\n'), { ephemeral: true });
  },
};
