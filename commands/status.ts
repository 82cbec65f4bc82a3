// /status — is raqib healthy: feeds polled and failing, last poll, delivery queue, dead letters.
// Everyone sees the counts; admins also see which feeds fail and why.
import { stamp } from './feeds.ts';
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, tr, type CommandDef } from './types.ts';

const MAX_LISTED = 5;

export const status: CommandDef = {
  name: 'status',
  spec: NO_ARGS,
  description: { en: 'Feed health, last poll, delivery queue and dead letters', ar: 'حالة المصادر وآخر جلب وطابور الإرسال والرسائل المتعذرة' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const s = await ctx.services.status();
    const polled = s.feeds.filter((f) => f.health);
    const disabled = polled.filter((f) => f.health!.disabledReason);
    const failing = polled.filter((f) => !f.health!.disabledReason && f.health!.failures > 0);
    const healthy = polled.length - disabled.length - failing.length;
    const lastPoll = polled.map((f) => f.health!.lastPollAt).filter((x): x is string => !!x).sort().at(-1);
    const lines = [
      tr(lang, `Feeds: ${s.feeds.length} (${healthy} ok, ${failing.length} failing, ${disabled.length} disabled, ${s.feeds.length - polled.length} not polled yet)`,
        `المصادر: ${s.feeds.length} (${healthy} سليم، ${failing.length} فاشل، ${disabled.length} معطّل، ${s.feeds.length - polled.length} لم يُجلب بعد)`),
      tr(lang, `Last poll: ${stamp(lastPoll)}`, `آخر جلب: ${stamp(lastPoll)}`),
      tr(lang, `Delivery queue: ${s.queueDepth ?? 'n/a'}`, `طابور الإرسال: ${s.queueDepth ?? 'غير متاح'}`),
      tr(lang, `Dead letters: ${s.deadLetters ?? 'n/a'}`, `رسائل متعذرة: ${s.deadLetters ?? 'غير متاح'}`),
    ];
    if (await ctx.isAdmin()) {
      lines.push(tr(lang, `Store: ${s.store}`, `التخزين: ${s.store}`));
      const platforms = Object.entries(s.platforms ?? {}).map(([name, p]) => `${name} ${p.state}${p.reason ? ` (${p.reason})` : ''}`);
      if (platforms.length > 0) lines.push(tr(lang, `Platforms: ${platforms.join('; ')}`, `المنصات: ${platforms.join('؛ ')}`));
      for (const f of [...disabled, ...failing].slice(0, MAX_LISTED)) {
        const h = f.health!;
        lines.push(`• ${f.name ?? f.url}: ${h.disabledReason ?? `×${h.failures} ${h.lastError ?? ''}`.trim()}`);
      }
    }
    return ok(lines.join('\n'), { ephemeral: true });
  },
};
