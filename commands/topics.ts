// /topics — the topics raqib watches, and this chat's own (personal) topics, marked.
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { topicName } from './topic-names.ts';

export const topics: CommandDef = {
  name: 'topics',
  spec: NO_ARGS,
  description: describe('describe.topics.topics'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const list = await ctx.services.topics();
    if (list.length === 0) return ok(t(ctx.lang, 'topics.noTopicsAre'), { ephemeral: true });
    const head = t(ctx.lang, 'topics.topics', { length: list.length });
    const hint = t(ctx.lang, 'topics.detailsTopicTopic');
    const mark = (x: (typeof list)[number]) => (x.origin === 'personal' ? ` ${t(ctx.lang, 'topics.personalMark')}` : '');
    return ok([head, ...list.map((x) => `• ${x.id} — ${topicName(x, ctx.lang)}${mark(x)}`), hint].join('\n'), { ephemeral: true });
  },
};
