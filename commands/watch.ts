// /watch add|edit|remove TOPIC QUERY — admins change the watched topics at run time. The query is
// validated before anything is stored; a bad one is refused with where and why.
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['add', 'edit', 'remove'], description: describe('describe.watch.ACTION') },
  { name: 'TOPIC', kind: 'topicId', description: describe('describe.watch.TOPIC') },
  { name: 'QUERY', kind: 'query', optional: true, description: describe('describe.watch.QUERY') },
]);

export const watch: CommandDef = {
  name: 'watch',
  spec: SPEC,
  description: describe('describe.watch.watch'),
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: action, TOPIC: id, QUERY: query } = p.values;
    const existing = (await ctx.services.topics()).find((t) => t.id === id);
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (action === 'remove') {
      if (query !== undefined) return usage();
      if (!existing) return usage(t(lang, 'watch.noTopic', { id }));
      await ctx.services.watch.remove(id);
      return ok(t(lang, 'watch.removedTopicSubscriptions', { id }));
    }
    if (query === undefined) return usage(t(lang, 'watch.queryNeeded'));
    if (action === 'add' && existing) return usage(t(lang, 'watch.exists', { id }));
    if (action === 'edit' && !existing) return usage(t(lang, 'watch.noTopicUseAdd', { id }));
    await ctx.services.watch.put({ id, ...(existing?.name ? { name: existing.name } : {}), query }, `${ctx.platform}:${ctx.user.id}`);
    return ok(action === 'add'
      ? t(lang, 'watch.watching', { id, query })
      : t(lang, 'watch.updated', { id, query }));
  },
};
