// /topic TOPIC — one topic in words: names, description, its clauses with their first terms, the
// condition, how often it matched lately and the latest headlines (topic-view.ts).
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { renderTopicView } from './topic-view.ts';
import { ok, type CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';

const DAY_MS = 86_400_000;
const LATEST = 3;

const SPEC = argSpec([{ name: 'TOPIC', kind: 'topic', description: describe('describe.topic.TOPIC') }]);

export const topic: CommandDef = {
  name: 'topic',
  spec: SPEC,
  description: describe('describe.topic.topic'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const id = p.values.TOPIC;
    const def = (await ctx.services.topics()).find((t) => t.id === id)!;
    const now = ctx.now();
    const [day, week, latest] = await Promise.all([
      ctx.services.topicHits(id, now - DAY_MS, now),
      ctx.services.topicHits(id, now - 7 * DAY_MS, now),
      ctx.services.topicLatest(id, now - 7 * DAY_MS, now, LATEST),
    ]);
    return ok(renderTopicView(def, ctx.lang, { day, week, latest }), { ephemeral: true });
  },
};
