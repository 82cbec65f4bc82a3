// /feeds list|add|remove|preview|import|export URL — admins manage the feeds raqib polls. With a fetcher
// wired (the running bot), add and preview discover: a page gives its feeds to choose from (one
// line each with the exact /feeds add command, and a button each), a feed gives its preview, and
// /feeds add saves only once confirmed (its button, or `confirm` typed after the URL). New URLs
// pass the fetcher's own guard (scheme, private networks, every redirect hop) before they are stored.
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs, usageReply } from './args.ts';
import { choiceButtons, choicesText, confirmButtons, previewText, type DiscoveryView } from './feeds-text.ts';
import { importReply } from './feeds-import.ts';
import { ok, type CommandContext, type CommandDef, type FeedView, type Reply, type UiLang } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const SPEC = argSpec([
  {
    name: 'ACTION',
    kind: 'enum',
    values: ['list', 'add', 'remove', 'preview', 'import', 'export'],
    description: describe('describe.feeds.ACTION'),
  },
  {
    name: 'URL',
    kind: 'url',
    optional: true,
    description: describe('describe.feeds.URL'),
  },
  { name: 'CONFIRM', kind: 'enum', values: ['confirm', 'yes'], optional: true, description: describe('describe.feeds.CONFIRM') },
]);

export const feeds: CommandDef = {
  name: 'feeds',
  spec: SPEC,
  description: describe('describe.feeds.feeds'),
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: verb, URL: url, CONFIRM: confirmed } = p.values;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (confirmed !== undefined && verb !== 'add') return usage();
    if (verb === 'import') return url === undefined ? importReply(ctx) : usage();
    if (verb === 'list' || verb === 'export')
      return url === undefined ? (verb === 'list' ? ok(formatList(await ctx.services.feeds.list(), lang), { ephemeral: true }) : exportReply(ctx)) : usage();
    if (url === undefined) return usage(t(lang, 'feeds.urlIsMissing', { verb }));
    const checked = await ctx.services.feeds.check(url);
    if (!checked.ok) return usage(t(lang, 'feeds.cannotUse', { url: clip(url, 100), reason: checked.reason }));
    const list = await ctx.services.feeds.list();
    const known = list.find((f) => sameUrl(f.url, checked.url));
    if (verb === 'preview') return preview(ctx, checked.url);
    if (verb === 'add') {
      if (known) return usage(t(lang, 'feeds.alreadyPolled', { url: checked.url }));
      return add(ctx, checked.url, list, confirmed !== undefined);
    }
    if (!known) return usage(t(lang, 'feeds.noFeedSee', { url: checked.url }));
    if (known.source === 'config') {
      return {
        status: 'denied',
        ephemeral: true,
        text: t(lang, 'feeds.comesFromThe', { url: checked.url }),
      };
    }
    await ctx.services.feeds.remove(known.url);
    return ok(t(lang, 'feeds.removedFeed', { url: checked.url }));
  },
};

/** Why a URL gives no feed, phrased; undefined when it does. */
function notAFeed(found: DiscoveryView, url: string, lang: UiLang): Reply | undefined {
  if (found.kind === 'failed') return { status: 'error', ephemeral: true, text: t(lang, 'feeds.cannotUse3', { url, reason: found.reason }) };
  if (found.kind === 'none')
    return {
      status: 'error',
      ephemeral: true,
      text: t(lang, 'feeds.isAWeb', { pageUrl: found.pageUrl, reason: found.reason }),
    };
  return undefined;
}

async function preview(ctx: CommandContext, url: string): Promise<Reply> {
  const lang = ctx.lang;
  if (!ctx.services.feeds.discover) return { status: 'error', ephemeral: true, text: t(lang, 'feeds.previewsNeedThe') };
  const found = await ctx.services.feeds.discover(url);
  const bad = notAFeed(found, url, lang);
  if (bad) return bad;
  if (found.kind === 'page') return ok(choicesText(found.pageUrl, found.feeds, lang, 'preview'), { ephemeral: true });
  if (found.kind !== 'feed') return bad!;
  return ok(previewText(found.preview, lang), { ephemeral: true });
}

/**
 * A feed (the URL itself, or the one feed of a page) is previewed with a confirm button and saved
 * once confirmed; a page's several feeds are offered, a button each, to be previewed in turn.
 * Without a fetcher (no preview to show) the URL is saved at once.
 */
async function add(ctx: CommandContext, url: string, list: FeedView[], confirmed: boolean): Promise<Reply> {
  const lang = ctx.lang;
  const by = `${ctx.platform}:${ctx.user.id}`;
  if (!ctx.services.feeds.discover) {
    await ctx.services.feeds.add(url, by);
    return ok(t(lang, 'feeds.addedFeedIt', { url }));
  }
  const found = await ctx.services.feeds.discover(url);
  const bad = notAFeed(found, url, lang);
  if (bad) return bad;
  if (found.kind === 'page') return ok(choicesText(found.pageUrl, found.feeds, lang, 'add'), { ephemeral: true, buttons: choiceButtons(found.feeds) });
  if (found.kind !== 'feed') return bad!;
  const feedUrl = found.feed.url;
  if (list.some((f) => sameUrl(f.url, feedUrl))) return ok(t(lang, 'feeds.alreadyPolled', { url: feedUrl }), { ephemeral: true });
  if (!confirmed) {
    const head = found.feed.via === 'given' ? t(lang, 'feeds.notAddedYet', { url }) : t(lang, 'feeds.isAPage', { url });
    const how = t(lang, 'feeds.addItWith', { url: feedUrl });
    return ok(`${head}\n${previewText(found.preview, lang)}\n\n${how}`, { ephemeral: true, buttons: confirmButtons(feedUrl, lang) });
  }
  await ctx.services.feeds.add(feedUrl, by);
  const done = t(lang, 'feeds.addedFeedIt3', { url: feedUrl });
  return ok(`${done}\n${previewText(found.preview, lang)}`);
}

async function exportReply(ctx: CommandContext): Promise<Reply> {
  const lang = ctx.lang;
  if (!ctx.services.feeds.exportOpml) return { status: 'error', ephemeral: true, text: t(lang, 'feeds.exportIsNot') };
  const opml = await ctx.services.feeds.exportOpml();
  const count = (opml.match(/<outline /g) ?? []).length;
  // The OPML is in the text too, so that platforms without file sending still deliver it.
  const head = t(lang, 'feeds.feedsAsOpml', { count });
  return ok(`${head}\n${opml}`, { ephemeral: true, file: { name: 'raqib-feeds.opml', mime: 'text/x-opml', text: opml, caption: head } });
}
function formatList(list: FeedView[], lang: UiLang): string {
  if (list.length === 0) return t(lang, 'feeds.noFeedsAdd');
  const lines = list.map((f) => {
    const h = f.health;
    const state = !h
      ? t(lang, 'feeds.notPolledYet')
      : h.disabledReason
        ? t(lang, 'feeds.disabled', { disabledReason: h.disabledReason })
        : h.failures > 0
          ? t(lang, 'feeds.failing', { failures: h.failures, v: h.lastError ?? '?' })
          : t(lang, 'feeds.okLastPoll', { lastPollAt: stamp(h.lastPollAt) });
    const src = f.source === 'config' ? t(lang, 'feeds.config') : '';
    return `• ${f.name ? `${f.name} — ` : ''}${f.url}${src}\n  ${state}`;
  });
  return [t(lang, 'feeds.feeds', { length: list.length }), ...lines].join('\n');
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
