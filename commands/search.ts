// /search QUERY [since] — the topic query language over stored articles, without a topic.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const DEFAULT_SINCE_MS = 7 * 86_400_000;
const LIMIT = 10;

// A last word that reads as a window is the window, so "/search militia 3d" works.
const SPEC = argSpec([
  { name: 'QUERY', kind: 'query', description: describe('describe.search.QUERY') },
  { name: 'SINCE', kind: 'window', optional: true, description: describe('describe.search.SINCE') },
]);

export const search: CommandDef = {
  name: 'search',
  spec: SPEC,
  description: describe('describe.search.search'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const now = ctx.now();
    const found = await ctx.services.search({ query: p.values.QUERY, sinceMs: now - (p.values.SINCE ?? DEFAULT_SINCE_MS), untilMs: now, limit: LIMIT });
    if (found.total === 0) return ok(t(lang, 'search.noStoredArticle'), { ephemeral: true });
    const head =
      found.total > found.hits.length
        ? t(lang, 'search.articlesMatchThe', { total: found.total, length: found.hits.length })
        : t(lang, 'search.articlesMatch', { total: found.total });
    const lines = found.hits.map((h) => `• ${h.title} (${h.published.slice(0, 10)})\n  ${h.url}`);
    return ok([head, ...lines].join('\n'), { ephemeral: true });
  },
};
