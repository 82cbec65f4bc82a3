// /search QUERY [since] — the topic query language over stored articles, without a topic; ten
// results a page, each with its outlet, "‹ Prev" / "Next ›" past the first ten.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { askedPage, clampPage, pageButtons, pageLine } from './paging.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const DEFAULT_SINCE_MS = 7 * 86_400_000;
export const SEARCH_PAGE_SIZE = 10;

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
    const req = { query: p.values.QUERY, sinceMs: now - (p.values.SINCE ?? DEFAULT_SINCE_MS), untilMs: now, limit: SEARCH_PAGE_SIZE };
    let found = await ctx.services.search({ ...req, offset: (askedPage(ctx) - 1) * SEARCH_PAGE_SIZE });
    if (found.total === 0) return ok(t(lang, 'search.noStoredArticle'), { ephemeral: true });
    const page = clampPage(askedPage(ctx), found.total, SEARCH_PAGE_SIZE);
    // Fewer results than when the page button was made: the last page there is now.
    if (found.hits.length === 0) found = await ctx.services.search({ ...req, offset: page.offset });
    const head =
      found.total > found.hits.length
        ? t(lang, 'search.articlesMatchThe', { total: found.total, from: page.offset + 1, to: page.offset + found.hits.length })
        : t(lang, 'search.articlesMatch', { total: found.total });
    // The outlet is data in its own script: isolated so that it keeps its order in either language.
    const lines = found.hits.map((h) => `• ${h.title} — \u2068${h.source}\u2069 (${h.published.slice(0, 10)})\n  ${h.url}`);
    return ok([head, ...lines, ...pageLine(lang, page)].join('\n'), { ephemeral: true, buttons: pageButtons(lang, 'search', argText, page) });
  },
};
