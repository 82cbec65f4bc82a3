// /mute TOPIC DURATION — hold back a subscribed topic for a while ("off" lifts it; "all" mutes
// every subscription of this chat).
import { formatDuration, parseDuration } from '../src/core/duration.ts';
import { clip, splitArgs } from './args.ts';
import { chatAddress, requireChatAdmin } from './chat-scope.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

const MAX_MUTE_MS = 365 * 86_400_000;

export const mute: CommandDef = {
  name: 'mute',
  args: 'TOPIC DURATION',
  description: { en: 'Pause a subscription of this chat, e.g. /mute iraq 6h (TOPIC may be all, DURATION may be off)', ar: 'إيقاف اشتراك مؤقتاً، مثل /mute iraq 6h (الموضوع يمكن أن يكون all والمدة off)' },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const split = splitArgs(argText, lang);
    if (!split.ok) return usageReply(this, lang, split.error);
    if (split.tokens.length !== 2) return usageReply(this, lang);
    const topicId = split.tokens[0]!.toLowerCase();
    const durText = split.tokens[1]!.toLowerCase();
    let ms: number | undefined;
    if (durText !== 'off') {
      ms = parseDuration(durText);
      if (ms === undefined) return usageReply(this, lang, tr(lang, `"${clip(durText)}" is not a duration (e.g. 30m, 6h, 2d) or "off".`, `«${clip(durText)}» ليست مدة (مثل 30m أو 6h أو 2d) ولا off.`));
      if (ms > MAX_MUTE_MS) return usageReply(this, lang, tr(lang, 'At most 365d.', 'الحد الأقصى 365d.'));
    }
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const subs = await ctx.services.subscriptions.list(where);
    const targets = topicId === 'all' ? subs.map((s) => s.topic) : subs.some((s) => s.topic === topicId) ? [topicId] : [];
    if (targets.length === 0) {
      return { status: 'usage', ephemeral: true, text: tr(lang, `This chat is not subscribed to "${clip(topicId)}". See /subscriptions.`, `هذه المحادثة غير مشتركة في «${clip(topicId)}». راجع /subscriptions.`) };
    }
    const until = ms === undefined ? undefined : new Date(ctx.now() + ms).toISOString();
    for (const t of targets) await ctx.services.subscriptions.mute(where, t, until);
    const what = targets.join(', ');
    if (!until) return ok(tr(lang, `Unmuted: ${what}.`, `أُلغي الكتم: ${what}.`));
    const stamp = `${until.slice(0, 16).replace('T', ' ')} UTC`;
    return ok(tr(lang, `Muted ${what} for ${formatDuration(ms!)} (until ${stamp}).`, `كُتم ${what} لمدة ${formatDuration(ms!)} (حتى ${stamp}).`));
  },
};
