// /digest [topic] [since] — the digest of stored articles for one topic (or all) over a window.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import type { CommandDef } from './types.ts';

const DEFAULT_SINCE_MS = 24 * 3_600_000;

const SPEC = argSpec(
  [
    { name: 'TOPIC', kind: 'topic', optional: true, description: { en: 'a watched topic (see /topics); all topics without it', ar: 'موضوع متابَع (راجع /topics)؛ كل المواضيع دونه' } },
    { name: 'SINCE', kind: 'window', optional: true, description: { en: 'how far back, e.g. 24h or 3d (at most 30d, default 24h)', ar: 'المدة إلى الوراء، مثل 24h أو 3d (حتى 30d، الافتراضي 24h)' } },
  ],
  { anyOrder: true },
);

export const digest: CommandDef = {
  name: 'digest',
  spec: SPEC,
  description: { en: 'Digest of recent matching articles (SINCE e.g. 24h or 3d, default 24h; all topics without TOPIC)', ar: 'ملخص آخر المقالات المطابقة (المدة مثل 24h أو 3d، الافتراضي 24h؛ كل المواضيع دون TOPIC)' },
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { TOPIC, SINCE } = p.values;
    const ids = TOPIC ? [TOPIC] : (await ctx.services.topics()).map((t) => t.id);
    const now = ctx.now();
    return ctx.services.digest({ topics: ids, sinceMs: now - (SINCE ?? DEFAULT_SINCE_MS), untilMs: now, lang: ctx.lang });
  },
};
