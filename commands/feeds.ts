// /feeds list|add|remove|preview|export URL — admins manage the feeds raqib polls. With a fetcher
// wired (the running bot), add and preview discover: a page gives its feeds to choose from (one
// line each with the exact /feeds add command), a feed gives its preview. New URLs pass the
// fetcher's own guard (scheme, private networks, every redirect hop) before they are stored.
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs, usageReply } from './args.ts';
import { choicesText, previewText, type DiscoveryView } from './feeds-text.ts';
import { ok, tr, type CommandContext, type CommandDef, type FeedView, type Reply, type UiLang } from './types.ts';

const SPEC = argSpec([
  {
    name: 'ACTION',
    kind: 'enum',
    values: ['list', 'add', 'remove', 'preview', 'export'],
    description: {
      en: 'list the feeds, add, remove or preview one, or export them all as OPML',
      ar: 'عرض المصادر أو إضافة مصدر أو حذفه أو معاينته أو تصديرها كلها بصيغة OPML',
    },
  },
  {
    name: 'URL',
    kind: 'url',
    optional: true,
    description: {
      en: 'a feed, or a site page to find feeds on (add, remove, preview)',
      ar: 'رابط مصدر أو صفحة موقع يُبحث فيها عن مصادر (للإضافة والحذف والمعاينة)',
    },
  },
]);

export const feeds: CommandDef = {
  name: 'feeds',
  spec: SPEC,
  description: { en: 'List, add, preview, remove or export feeds (admins)', ar: 'عرض المصادر أو إضافتها أو معاينتها أو حذفها أو تصديرها (للمشرفين)' },
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: verb, URL: url } = p.values;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (verb === 'list' || verb === 'export')
      return url === undefined ? (verb === 'list' ? ok(formatList(await ctx.services.feeds.list(), lang), { ephemeral: true }) : exportReply(ctx)) : usage();
    if (url === undefined) return usage(tr(lang, `URL is missing: /feeds ${verb} needs the feed's URL.`, `URL مفقود: يلزم رابط المصدر مع /feeds ${verb}.`));
    const checked = await ctx.services.feeds.check(url);
    if (!checked.ok) return usage(tr(lang, `Cannot use "${clip(url, 100)}": ${checked.reason}.`, `لا يمكن استخدام «${clip(url, 100)}»: ${checked.reason}.`));
    const list = await ctx.services.feeds.list();
    const known = list.find((f) => sameUrl(f.url, checked.url));
    if (verb === 'preview') return preview(ctx, checked.url);
    if (verb === 'add') {
      if (known) return usage(tr(lang, `Already polled: ${checked.url}`, `المصدر موجود: ${checked.url}`));
      return add(ctx, checked.url, list);
    }
    if (!known) return usage(tr(lang, `No feed ${checked.url}. See /feeds list.`, `لا يوجد مصدر ${checked.url}. راجع /feeds list.`));
    if (known.source === 'config') {
      return {
        status: 'denied',
        ephemeral: true,
        text: tr(lang, `${checked.url} comes from the config file; remove it there.`, `${checked.url} معرّف في ملف الإعدادات؛ احذفه هناك.`),
      };
    }
    await ctx.services.feeds.remove(known.url);
    return ok(tr(lang, `Removed feed ${checked.url}.`, `حُذف المصدر ${checked.url}.`));
  },
};

/** Why a URL gives no feed, phrased; undefined when it does. */
function notAFeed(found: DiscoveryView, url: string, lang: UiLang): Reply | undefined {
  if (found.kind === 'failed')
    return { status: 'error', ephemeral: true, text: tr(lang, `Cannot use ${url}: ${found.reason}.`, `لا يمكن استخدام ${url}: ${found.reason}.`) };
  if (found.kind === 'none')
    return {
      status: 'error',
      ephemeral: true,
      text: tr(
        lang,
        `${found.pageUrl} is a web page, not a feed, and ${found.reason}.`,
        `${found.pageUrl} صفحة ويب وليست مصدراً، ولم يُعثر فيها على مصدر (${found.reason}).`,
      ),
    };
  return undefined;
}

async function preview(ctx: CommandContext, url: string): Promise<Reply> {
  const lang = ctx.lang;
  if (!ctx.services.feeds.discover)
    return { status: 'error', ephemeral: true, text: tr(lang, 'Previews need the running bot (no fetcher here).', 'المعاينة تحتاج البوت قيد التشغيل.') };
  const found = await ctx.services.feeds.discover(url);
  const bad = notAFeed(found, url, lang);
  if (bad) return bad;
  if (found.kind === 'page') return ok(choicesText(found.pageUrl, found.feeds, lang, 'preview'), { ephemeral: true });
  if (found.kind !== 'feed') return bad!;
  return ok(previewText(found.preview, lang), { ephemeral: true });
}

/**
 * A URL that is itself a feed is added, and its preview shown with the confirmation; a page's
 * feeds are offered (with the preview when there is one), to be added by their exact URL.
 */
async function add(ctx: CommandContext, url: string, list: FeedView[]): Promise<Reply> {
  const lang = ctx.lang;
  const by = `${ctx.platform}:${ctx.user.id}`;
  if (!ctx.services.feeds.discover) {
    await ctx.services.feeds.add(url, by);
    return ok(tr(lang, `Added feed ${url}; it is polled from the next round.`, `أُضيف المصدر ${url}؛ يُجلب من الجولة القادمة.`));
  }
  const found = await ctx.services.feeds.discover(url);
  const bad = notAFeed(found, url, lang);
  if (bad) return bad;
  if (found.kind === 'page') return ok(choicesText(found.pageUrl, found.feeds, lang, 'add'), { ephemeral: true });
  if (found.kind !== 'feed') return bad!;
  if (found.feed.via !== 'given') {
    const also = tr(lang, `${url} is a page; its feed is:`, `${url} صفحة؛ مصدرها:`);
    const how = tr(lang, `Add it with: /feeds add ${found.feed.url}`, `أضفه بـ: /feeds add ${found.feed.url}`);
    return ok(`${also}\n${previewText(found.preview, lang)}\n\n${how}`, { ephemeral: true });
  }
  if (list.some((f) => sameUrl(f.url, found.feed.url)))
    return ok(tr(lang, `Already polled: ${found.feed.url}`, `المصدر موجود: ${found.feed.url}`), { ephemeral: true });
  await ctx.services.feeds.add(found.feed.url, by);
  const done = tr(
    lang,
    `Added feed ${found.feed.url}; it is polled from the next round. What it brings:`,
    `أُضيف المصدر ${found.feed.url}؛ يُجلب من الجولة القادمة. ما يأتي به:`,
  );
  return ok(`${done}\n${previewText(found.preview, lang)}`);
}

async function exportReply(ctx: CommandContext): Promise<Reply> {
  const lang = ctx.lang;
  if (!ctx.services.feeds.exportOpml) return { status: 'error', ephemeral: true, text: tr(lang, 'Export is not available here.', 'التصدير غير متاح هنا.') };
  const opml = await ctx.services.feeds.exportOpml();
  const count = (opml.match(/<outline /g) ?? []).length;
  // The OPML is in the text too, so that platforms without file sending still deliver it.
  const head = tr(lang, `${count} feeds as OPML (raqib-feeds.opml):`, `${count} مصدراً بصيغة OPML (raqib-feeds.opml):`);
  return ok(`${head}\n${opml}`, { ephemeral: true, file: { name: 'raqib-feeds.opml', mime: 'text/x-opml', text: opml } });
}
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
