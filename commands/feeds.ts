// /feeds list|add|remove URL — admins manage the feeds raqib polls. New URLs pass the fetcher's
// own guard (scheme, private networks) before they are stored.
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs, usageReply } from './args.ts';
import { ok, type CommandDef, type FeedView, type UiLang } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['list', 'add', 'remove'], description: describe('describe.feeds.ACTION') },
  { name: 'URL', kind: 'url', optional: true, description: describe('describe.feeds.URL') },
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
    const { ACTION: verb, URL: url } = p.values;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (verb === 'list') return url === undefined ? ok(formatList(await ctx.services.feeds.list(), lang), { ephemeral: true }) : usage();
    if (url === undefined) return usage(t(lang, 'feeds.urlIsMissing', { verb }));
    const checked = await ctx.services.feeds.check(url);
    if (!checked.ok) return usage(t(lang, 'feeds.cannotUse', { url: clip(url, 100), reason: checked.reason }));
    const list = await ctx.services.feeds.list();
    const known = list.find((f) => sameUrl(f.url, checked.url));
    if (verb === 'add') {
      if (known) return usage(t(lang, 'feeds.alreadyPolled', { url: checked.url }));
      await ctx.services.feeds.add(checked.url, `${ctx.platform}:${ctx.user.id}`);
      return ok(t(lang, 'feeds.addedFeedIt', { url: checked.url }));
    }
    if (!known) return usage(t(lang, 'feeds.noFeedSee', { url: checked.url }));
    if (known.source === 'config') {
      return { status: 'denied', ephemeral: true, text: t(lang, 'feeds.comesFromThe', { url: checked.url }) };
    }
    await ctx.services.feeds.remove(known.url);
    return ok(t(lang, 'feeds.removedFeed', { url: checked.url }));
  },
};

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
