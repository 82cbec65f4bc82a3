// /watch add|edit|remove TOPIC QUERY — admins change the watched topics at run time. The query is
// validated before anything is stored; a bad one is refused with where and why.
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { ok, tr, type CommandDef } from './types.ts';

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['add', 'edit', 'remove'], description: { en: 'add a topic, edit its query or remove it', ar: 'إضافة موضوع أو تعديل استعلامه أو حذفه' } },
  { name: 'TOPIC', kind: 'topicId', description: { en: 'the topic id: lower-case letters, digits, dashes', ar: 'معرّف الموضوع: حروف لاتينية صغيرة وأرقام وشرطات' } },
  { name: 'QUERY', kind: 'query', optional: true, description: { en: 'the topic query (add and edit), e.g. oil OR نفط', ar: 'استعلام الموضوع (للإضافة والتعديل)، مثل oil OR نفط' } },
]);

export const watch: CommandDef = {
  name: 'watch',
  spec: SPEC,
  description: { en: 'Add, change or remove a watched topic (admins)', ar: 'إضافة موضوع متابعة أو تعديله أو حذفه (للمشرفين)' },
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: action, TOPIC: id, QUERY: query } = p.values;
    const existing = (await ctx.services.topics()).find((t) => t.id === id);
    const usage = (en?: string, ar?: string) => usageReply(this.name, SPEC, lang, en && ar ? tr(lang, en, ar) : undefined);
    if (action === 'remove') {
      if (query !== undefined) return usage();
      if (!existing) return usage(`No topic "${id}".`, `لا يوجد موضوع «${id}».`);
      await ctx.services.watch.remove(id);
      return ok(tr(lang, `Removed topic "${id}". Subscriptions to it stay, and deliver nothing until it is added again.`, `حُذف الموضوع «${id}». تبقى الاشتراكات فيه ولا يصلها شيء حتى يُضاف من جديد.`));
    }
    if (query === undefined) return usage('QUERY: A query is needed.', 'QUERY: يلزم استعلام.');
    if (action === 'add' && existing) return usage(`Topic "${id}" exists; use /watch edit.`, `الموضوع «${id}» موجود؛ استخدم /watch edit.`);
    if (action === 'edit' && !existing) return usage(`No topic "${id}"; use /watch add.`, `لا يوجد موضوع «${id}»؛ استخدم /watch add.`);
    await ctx.services.watch.put({ id, ...(existing?.name ? { name: existing.name } : {}), query }, `${ctx.platform}:${ctx.user.id}`);
    return ok(action === 'add'
      ? tr(lang, `Watching "${id}": ${query}`, `تجري متابعة «${id}»: ${query}`)
      : tr(lang, `Updated "${id}": ${query}`, `حُدّث «${id}»: ${query}`));
  },
};
