// /subscriptions — what this chat receives, when, and what is muted; ten a page.
import { describeMode, excludeList, settingsLabel } from './subscribe.ts';
import { chatAddress, say } from './chat-scope.ts';
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { momentLabel } from '../src/i18n/format.ts';
import { askedPage, pageButtons, pageLine, pageOf } from './paging.ts';

export const SUBSCRIPTIONS_PAGE_SIZE = 10;

export const subscriptions: CommandDef = {
  name: 'subscriptions',
  spec: NO_ARGS,
  description: describe('describe.subscriptions.subscriptions'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const subs = await ctx.services.subscriptions.list(chatAddress(ctx));
    if (subs.length === 0) return ok(say(ctx, 'subscriptions.thisChatHas'), { ephemeral: true });
    const now = ctx.now();
    const page = pageOf(subs, askedPage(ctx), SUBSCRIPTIONS_PAGE_SIZE);
    const lines = page.items.map((s) => {
      const muted =
        s.mutedUntil && Date.parse(s.mutedUntil) > now
          ? t(lang, 'subscriptions.mutedUntil', { until: momentLabel(lang, Date.parse(s.mutedUntil), s.timezone) })
          : '';
      const src = s.source === 'config' ? t(lang, 'subscriptions.config') : '';
      const exclude = s.exclude?.length ? t(lang, 'subscriptions.excluding', { terms: excludeList(s.exclude, lang) }) : '';
      return `• ${s.topic}: ${describeMode(s.mode, s.timezone, lang)}${settingsLabel(s, lang)}${exclude}${muted}${src}`;
    });
    const text = [t(lang, 'subscriptions.subscriptions', { length: subs.length }), ...lines, ...pageLine(lang, page)].join('\n');
    return ok(text, { ephemeral: true, buttons: pageButtons(lang, 'subscriptions', argText, page) });
  },
};
