// /feeds list|add|remove URL — admins manage the feeds raqib polls. New URLs pass the fetcher's
// own guard (scheme, private networks) before they are stored.
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs, usageReply } from './args.ts';
import { ok, tr, type CommandDef, type FeedView, type UiLang } from './types.ts';

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['list', 'add', 'remove'], description: { en: 'list the feeds, add one or remove one', ar: 'عرض المصادر أو إضافة مصدر أو حذفه' } },
  { name: 'URL', kind: 'url', optional: true, description: { en: 'the feed URL (add and remove)', ar: 'رابط المصدر (للإضافة والحذف)' } },
]);

export const feeds: CommandDef = {
  name: 'feeds',
  spec: SPEC,
  description: { en: 'List, add or remove feeds (admins)', ar: 'عرض المصادر أو إضافتها أو حذفها (للمشرفين)' },
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: verb, URL: url } = p.values;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (verb === 'list') return url === undefined ? ok(formatList(await ctx.services.feeds.list(), lang), { ephemeral: true }) : usage();
    if (url === undefined) return usage(tr(lang, `URL is missing: /feeds ${verb} needs the feed's URL.`, `URL مفقود: يلزم رابط المصدر مع /feeds ${verb}.`));
    const checked = await ctx.services.feeds.check(url);
    if (!checked.ok) return usage(tr(lang, `Cannot use "${clip(url, 100)}": ${checked.reason}.`, `لا يمكن استخدام «${clip(url, 100)}»: ${checked.reason}.`));
    const list = await ctx.services.feeds.list();
    const known = list.find((f) => sameUrl(f.url, checked.url));
    if (verb === 'add') {
      if (known) return usage(tr(lang, `Already polled: ${checked.url}`, `المصدر موجود: ${checked.url}`));
      await ctx.services.feeds.add(checked.url, `${ctx.platform}:${ctx.user.id}`);
      return ok(tr(lang, `Added feed ${checked.url}; it is polled from the next round.`, `أُضيف المصدر ${checked.url}؛ يُجلب من الجولة القادمة.`));
    }
    if (!known) return usage(tr(lang, `No feed ${checked.url}. See /feeds list.`, `لا يوجد مصدر ${checked.url}. راجع /feeds list.`));
    if (known.source === 'config') {
      return { status: 'denied', ephemeral: true, text: tr(lang, `${checked.url} comes from the config file; remove it there.`, `${checked.url} معرّف في ملف الإعدادات؛ احذفه هناك.`) };
    }
    await ctx.services.feeds.remove(known.url);
    return ok(tr(lang, `Removed feed ${checked.url}.`, `حُذف المصدر ${checked.url}.`));
  },
};

function formatList(list: FeedView[], lang: UiLang): string {
  if (list.length === 0) return tr(lang, 'No feeds. Add one with /feeds add URL.', 'لا مصادر. أضف واحداً بـ /feeds add URL.');
  const lines = list.map((f) => {
    const h = f.health;
    const state = !h
      ? tr(lang, 'not polled yet', 'لم يُجلب بعد')
      : h.disabledReason
        ? tr(lang, `disabled: ${h.disabledReason}`, `معطّل: ${h.disabledReason}`)
        : h.failures > 0
          ? tr(lang, `failing ×${h.failures}: ${h.lastError ?? '?'}`, `فاشل ×${h.failures}: ${h.lastError ?? '?'}`)
          : tr(lang, `ok, last poll ${stamp(h.lastPollAt)}`, `سليم، آخر جلب ${stamp(h.lastPollAt)}`);
    const src = f.source === 'config' ? tr(lang, ' [config]', ' [الإعدادات]') : '';
    return `• ${f.name ? `${f.name} — ` : ''}${f.url}${src}\n  ${state}`;
  });
  return [tr(lang, `Feeds (${list.length}):`, `المصادر (${list.length}):`), ...lines].join('\n');
}

export function stamp(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

/** Config files may spell a URL loosely (upper-case host, default port); compare parsed forms. */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
