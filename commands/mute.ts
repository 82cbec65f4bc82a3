// /mute TOPIC DURATION — hold back a subscribed topic for a while ("off" lifts it; "all" mutes
// every subscription of this chat).
import { DEFAULT_TIMEZONE } from '../src/core/schedule-mode.ts';
import { durationLabel, momentLabel } from '../src/i18n/format.ts';
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs } from './args.ts';
import { chatAddress, requireChatAdmin, say } from './chat-scope.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const SPEC = argSpec([
  { name: 'TOPIC', kind: 'word', values: ['all'], description: describe('describe.mute.TOPIC') },
  { name: 'DURATION', kind: 'duration', optional: true, values: ['off'], max: 365 * 86_400_000, description: describe('describe.mute.DURATION') },
]);

export const mute: CommandDef = {
  name: 'mute',
  spec: SPEC,
  description: describe('describe.mute.mute'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { TOPIC: topicId, DURATION: duration } = p.values;
    // "/mute off" lifts every mute of the chat; "/mute iraq" alone asks for how long.
    if (duration === undefined && topicId !== 'off') return { status: 'usage', ephemeral: true, text: t(lang, 'mute.howLong', { topic: topicId }) };
    const ms = duration === 'off' || duration === undefined ? undefined : duration;
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const subs = await ctx.services.subscriptions.list(where);
    const targets = topicId === 'all' || topicId === 'off' ? subs.map((s) => s.topic) : subs.some((s) => s.topic === topicId) ? [topicId] : [];
    if (targets.length === 0) {
      return { status: 'usage', ephemeral: true, text: say(ctx, 'mute.thisChatIs', { topicId: clip(topicId) }) };
    }
    const until = ms === undefined ? undefined : new Date(ctx.now() + ms).toISOString();
    for (const t of targets) await ctx.services.subscriptions.mute(where, t, until);
    const what = targets.join(', ');
    if (!until) return ok(t(lang, 'mute.unmuted', { what }));
    const zone = subs.find((s) => s.topic === targets[0])?.timezone ?? DEFAULT_TIMEZONE;
    return ok(t(lang, 'mute.mutedForUntil', { what, span: durationLabel(lang, ms!), until: momentLabel(lang, Date.parse(until), zone) }));
  },
};
