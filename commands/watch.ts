// /watch add|edit|remove TOPIC QUERY — admins change the watched topics at run time. The query is
// validated before anything is stored; a bad one is refused with where and why.
import { clip, normaliseTopicId, straightenQuotes } from './args.ts';
import { checkQuery } from './query-problem.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

export const watch: CommandDef = {
  name: 'watch',
  args: 'add|edit|remove TOPIC [QUERY]',
  description: { en: 'Add, change or remove a watched topic (admins)', ar: 'إضافة موضوع متابعة أو تعديله أو حذفه (للمشرفين)' },
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const m = /^(\S+)\s+(\S+)(?:\s+([\s\S]*))?$/.exec(straightenQuotes(argText).trim());
    if (!m) return usageReply(this, lang);
    const action = m[1]!.toLowerCase();
    const rawQuery = (m[3] ?? '').trim();
    if (action !== 'add' && action !== 'edit' && action !== 'remove') return usageReply(this, lang);
    const id = normaliseTopicId(m[2]!);
    if (!id) {
      return usageReply(this, lang, tr(lang, `"${clip(m[2]!)}" is not a topic id: use lower-case letters, digits and dashes (e.g. us-strikes).`, `«${clip(m[2]!)}» ليس معرّف موضوع: استخدم حروفاً لاتينية صغيرة وأرقاماً وشرطات (مثل us-strikes).`));
    }
    const existing = (await ctx.services.topics()).find((t) => t.id === id);
    if (action === 'remove') {
      if (rawQuery !== '') return usageReply(this, lang);
      if (!existing) return usageReply(this, lang, tr(lang, `No topic "${id}".`, `لا يوجد موضوع «${id}».`));
      await ctx.services.watch.remove(id);
      return ok(tr(lang, `Removed topic "${id}". Subscriptions to it stay, and deliver nothing until it is added again.`, `حُذف الموضوع «${id}». تبقى الاشتراكات فيه ولا يصلها شيء حتى يُضاف من جديد.`));
    }
    if (rawQuery === '') return usageReply(this, lang, tr(lang, 'A query is needed.', 'يلزم استعلام.'));
    if (action === 'add' && existing) return usageReply(this, lang, tr(lang, `Topic "${id}" exists; use /watch edit.`, `الموضوع «${id}» موجود؛ استخدم /watch edit.`));
    if (action === 'edit' && !existing) return usageReply(this, lang, tr(lang, `No topic "${id}"; use /watch add.`, `لا يوجد موضوع «${id}»؛ استخدم /watch add.`));
    const q = checkQuery(rawQuery, lang);
    if (!q.ok) return usageReply(this, lang, q.error);
    await ctx.services.watch.put({ id, ...(existing?.name ? { name: existing.name } : {}), query: q.query }, `${ctx.platform}:${ctx.user.id}`);
    return ok(action === 'add'
      ? tr(lang, `Watching "${id}": ${q.query}`, `تجري متابعة «${id}»: ${q.query}`)
      : tr(lang, `Updated "${id}": ${q.query}`, `حُدّث «${id}»: ${q.query}`));
  },
};
