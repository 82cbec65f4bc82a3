// /search QUERY [since] — the topic query language over stored articles, without a topic.
import { parseSince } from './args.ts';
import { checkQuery } from './query-problem.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

const DEFAULT_SINCE_MS = 7 * 86_400_000;
const LIMIT = 10;

export const search: CommandDef = {
  name: 'search',
  args: 'QUERY [SINCE]',
  description: {
    en: 'Search stored articles with the topic query language (default: last 7d)',
    ar: 'البحث في المقالات المخزنة بلغة استعلام المواضيع (الافتراضي: آخر 7 أيام)',
  },
  async run(ctx, argText) {
    const lang = ctx.lang;
    let text = argText.trim();
    let sinceMs = DEFAULT_SINCE_MS;
    // A last word that reads as a duration is the window, so "/search militia 3d" works.
    const last = /(?:^|\s)(\S+)$/.exec(text);
    if (last) {
      const since = parseSince(last[1]!, lang);
      if (since && !since.ok) return usageReply(this, lang, since.error);
      if (since?.ok) {
        sinceMs = since.ms;
        text = text.slice(0, text.length - last[1]!.length).trim();
      }
    }
    if (text === '') return usageReply(this, lang);
    const q = checkQuery(text, lang);
    if (!q.ok) return usageReply(this, lang, q.error);
    const now = ctx.now();
    const found = await ctx.services.search({ query: q.query, sinceMs: now - sinceMs, untilMs: now, limit: LIMIT });
    if (found.total === 0) return ok(tr(lang, 'No stored article matches.', 'لا توجد مقالات مطابقة.'), { ephemeral: true });
    const head = found.total > found.hits.length
      ? tr(lang, `${found.total} articles match; the best ${found.hits.length}:`, `${found.total} مقالة مطابقة؛ أفضل ${found.hits.length}:`)
      : tr(lang, `${found.total} articles match:`, `${found.total} مقالة مطابقة:`);
    const lines = found.hits.map((h) => `• ${h.title} (${h.published.slice(0, 10)})\n  ${h.url}`);
    return ok([head, ...lines].join('\n'), { ephemeral: true });
  },
};
