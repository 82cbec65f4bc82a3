// /watch — admins change the watched topics at run time: add or edit a topic's query, remove it,
// or edit a topic by clause (include: more terms for its main clause; exclude: terms that keep an
// article out). Every change is previewed first over the last 7 days' stored articles and saved
// by `/watch confirm` (or the same command ending in `confirm`/`yes`). Queries are validated
// before anything is stored; a bad one is refused with where and why.
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { previewText, describeChange } from './watch-preview.ts';
import { ok, tr, type CommandContext, type CommandDef, type Reply, type WatchChange } from './types.ts';
import { termsFromText } from '../src/topics/topic-overlay.ts';

const WEEK_MS = 7 * 86_400_000;

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['add', 'edit', 'remove', 'include', 'exclude', 'confirm'], description: { en: 'add, edit or remove a topic; include or exclude terms; confirm the previewed change', ar: 'إضافة موضوع أو تعديله أو حذفه؛ تضمين مصطلحات أو استبعادها؛ تأكيد التغيير المعايَن' } },
  { name: 'TOPIC', kind: 'topicId', optional: true, description: { en: 'the topic id: lower-case letters, digits, dashes', ar: 'معرّف الموضوع: حروف لاتينية صغيرة وأرقام وشرطات' } },
  { name: 'QUERY', kind: 'query', optional: true, description: { en: 'the query (add, edit), e.g. oil OR نفط, or the terms (include, exclude), e.g. Afghanistan "drawdown plan"; end with confirm to save without a preview', ar: 'الاستعلام (للإضافة والتعديل)، مثل oil OR نفط، أو المصطلحات (للتضمين والاستبعاد)، مثل أفغانستان "خطة التقليص"؛ أضف confirm في آخره للحفظ دون معاينة' } },
]);

const draftKey = (ctx: CommandContext) => `${ctx.platform}:${ctx.chat.id}:${ctx.chat.thread ?? ''}:${ctx.user.id}`;

/** Saves the change and says what was saved. */
async function save(ctx: CommandContext, change: WatchChange): Promise<Reply> {
  const lang = ctx.lang;
  await ctx.services.watch.apply(change, `${ctx.platform}:${ctx.user.id}`);
  if (change.kind === 'remove') return ok(tr(lang, `Removed topic "${change.id}". Subscriptions to it stay, and deliver nothing until it is added again.`, `حُذف الموضوع «${change.id}». تبقى الاشتراكات فيه ولا يصلها شيء حتى يُضاف من جديد.`));
  if (change.kind === 'overlay') return ok(`${tr(lang, 'Saved', 'حُفظ')}: ${describeChange(change, lang)}`);
  const { id, query } = change.topic;
  return ok(change.action === 'add' ? tr(lang, `Watching "${id}": ${query}`, `تجري متابعة «${id}»: ${query}`) : tr(lang, `Updated "${id}": ${query}`, `حُدّث «${id}»: ${query}`));
}

export const watch: CommandDef = {
  name: 'watch',
  spec: SPEC,
  description: { en: 'Add, change or remove a watched topic, previewed before it is saved (admins)', ar: 'إضافة موضوع متابعة أو تعديله أو حذفه، مع معاينة قبل الحفظ (للمشرفين)' },
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const usage = (en?: string, ar?: string) => usageReply(this.name, SPEC, lang, en && ar ? tr(lang, en, ar) : undefined);
    if (/^\s*(confirm|yes)\s*$/i.test(argText)) {
      const staged = ctx.services.watch.takeStaged(draftKey(ctx), ctx.now());
      if (!staged) return usage('Nothing to confirm: no preview from you here in the last 10 minutes.', 'لا شيء للتأكيد: لا معاينة منك هنا خلال آخر 10 دقائق.');
      return save(ctx, staged);
    }
    // A trailing confirm/yes saves without the second step (the person saw the preview before).
    const tail = /^(.*\S)\s+(?:confirm|yes)\s*$/is.exec(argText);
    const confirmed = tail !== null;
    const p = await parseArgs(this.name, SPEC, tail ? tail[1]! : argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: action, TOPIC: id, QUERY: query } = p.values;
    if (action === 'confirm' || id === undefined) return usage('TOPIC is missing: the topic id.', 'TOPIC مفقود: معرّف الموضوع.');
    const existing = (await ctx.services.topics()).find((t) => t.id === id);
    let change: WatchChange;
    if (action === 'remove') {
      if (query !== undefined) return usage();
      if (!existing) return usage(`No topic "${id}".`, `لا يوجد موضوع «${id}».`);
      change = { kind: 'remove', id };
    } else if (query === undefined) {
      return action === 'add' || action === 'edit' ? usage('QUERY: A query is needed.', 'QUERY: يلزم استعلام.') : usage('QUERY: Terms are needed.', 'QUERY: تلزم مصطلحات.');
    } else if (action === 'add' || action === 'edit') {
      if (action === 'add' && existing) return usage(`Topic "${id}" exists; use /watch edit.`, `الموضوع «${id}» موجود؛ استخدم /watch edit.`);
      if (action === 'edit' && !existing) return usage(`No topic "${id}"; use /watch add.`, `لا يوجد موضوع «${id}»؛ استخدم /watch add.`);
      change = { kind: 'put', action, topic: { id, ...(existing?.name ? { name: existing.name } : {}), query } };
    } else {
      if (!existing) return usage(`No topic "${id}".`, `لا يوجد موضوع «${id}».`);
      const terms = termsFromText(query);
      change = { kind: 'overlay', id, include: action === 'include' ? terms : [], exclude: action === 'exclude' ? terms : [] };
    }
    if (confirmed) return save(ctx, change);
    const now = ctx.now();
    const preview = await ctx.services.watch.preview(change, now - WEEK_MS, now);
    ctx.services.watch.stage(draftKey(ctx), change, now);
    return ok(previewText(change, preview, lang, '/watch confirm'), { ephemeral: true });
  },
};
