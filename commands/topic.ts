// /topic TOPIC — one topic in words: names, description, its clauses with their first terms, the
// condition, how often it matched lately, the latest headlines and the last 30 days' feedback
// ("41 alerts · 👍 12 · 👎 3", topic-view.ts). `/topic TOPIC suggestions` (admins): exclude terms
// drawn from that feedback (topic-suggestions.ts).
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { renderTopicView } from './topic-view.ts';
import { suggestionsReply } from './topic-suggestions.ts';
import { ok, type CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';

const DAY_MS = 86_400_000;
const LATEST = 3;
/** The feedback line covers the last 30 days (what the buttons still accept). */
const FEEDBACK_DAYS = 30;

const SPEC = argSpec([
  { name: 'TOPIC', kind: 'topic', description: describe('describe.topic.TOPIC') },
  { name: 'VIEW', kind: 'enum', values: ['suggestions'], optional: true, description: describe('describe.topic.VIEW') },
]);

export const topic: CommandDef = {
  name: 'topic',
  spec: SPEC,
  description: describe('describe.topic.topic'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const id = p.values.TOPIC;
    const def = (await ctx.services.topics()).find((t) => t.id === id)!;
    if (p.values.VIEW !== undefined) return suggestionsReply(ctx, id, def.names?.[ctx.lang] ?? def.name ?? id);
    const now = ctx.now();
    const [day, week, latest, feedback] = await Promise.all([
      ctx.services.topicHits(id, now - DAY_MS, now),
      ctx.services.topicHits(id, now - 7 * DAY_MS, now),
      ctx.services.topicLatest(id, now - 7 * DAY_MS, now, LATEST),
      ctx.services.feedback?.summary(id, now - FEEDBACK_DAYS * DAY_MS, now),
    ]);
    return ok(renderTopicView(def, ctx.lang, { day, week, latest, ...(feedback ? { feedback } : {}) }), { ephemeral: true });
  },
};
