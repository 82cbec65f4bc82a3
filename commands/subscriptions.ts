// /subscriptions — what this chat receives, when, and what is muted.
import { describeMode } from './subscribe.ts';
import { chatAddress } from './chat-scope.ts';
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, tr, type CommandDef } from './types.ts';

export const subscriptions: CommandDef = {
  name: 'subscriptions',
  spec: NO_ARGS,
  description: { en: "This chat's subscriptions", ar: 'اشتراكات هذه المحادثة' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const subs = await ctx.services.subscriptions.list(chatAddress(ctx));
    if (subs.length === 0) return ok(tr(lang, 'This chat has no subscriptions. Try /subscribe TOPIC.', 'لا اشتراكات لهذه المحادثة. جرّب /subscribe TOPIC.'), { ephemeral: true });
    const now = ctx.now();
    const lines = subs.map((s) => {
      const muted = s.mutedUntil && Date.parse(s.mutedUntil) > now
        ? tr(lang, ` — muted until ${s.mutedUntil.slice(0, 16).replace('T', ' ')} UTC`, ` — مكتوم حتى ${s.mutedUntil.slice(0, 16).replace('T', ' ')} UTC`)
        : '';
      const src = s.source === 'config' ? tr(lang, ' [config]', ' [الإعدادات]') : '';
      return `• ${s.topic}: ${describeMode(s.mode, s.timezone, lang)}${muted}${src}`;
    });
    return ok([tr(lang, `Subscriptions (${subs.length}):`, `الاشتراكات (${subs.length}):`), ...lines].join('\n'), { ephemeral: true });
  },
};
