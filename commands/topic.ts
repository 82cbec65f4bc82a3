// /topic TOPIC — one topic's query and how often it matched lately.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { topicName } from './topic-names.ts';

const DAY_MS = 86_400_000;

const SPEC = argSpec([{ name: 'TOPIC', kind: 'topic', description: describe('describe.topic.TOPIC') }]);

export const topic: CommandDef = {
  name: 'topic',
  spec: SPEC,
  description: describe('describe.topic.topic'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const id = p.values.TOPIC;
    const def = (await ctx.services.topics()).find((t) => t.id === id)!;
    const now = ctx.now();
    const [day, week] = await Promise.all([
      ctx.services.topicHits(id, now - DAY_MS, now),
      ctx.services.topicHits(id, now - 7 * DAY_MS, now),
    ]);
    const lines = [
      `${def.id} — ${topicName(def, lang)}`,
      // The query is the topic's own text (Latin or Arabic): isolated so that it keeps its order.
      `${t(lang, 'topic.query')}: ${lang === 'ar' ? `\u2068${def.query}\u2069` : def.query}`,
      t(lang, 'topic.matchesInThe', { day, week }),
    ];
    return ok(lines.join('\n'), { ephemeral: true });
  },
};
