// /topics — the topics raqib watches, and this chat's own (personal) topics, marked; fifteen a page.
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { topicName } from './topic-names.ts';
import { askedPage, pageButtons, pageLine, pageOf } from './paging.ts';

export const TOPICS_PAGE_SIZE = 15;

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
    const page = pageOf(list, askedPage(ctx), TOPICS_PAGE_SIZE);
    const lines = page.items.map((x) => `• ${x.id} — ${topicName(x, ctx.lang)}${mark(x)}`);
    return ok([head, ...lines, ...pageLine(ctx.lang, page), hint].join('\n'), { ephemeral: true, buttons: pageButtons(ctx.lang, 'topics', argText, page) });
  },
};
