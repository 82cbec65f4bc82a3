// /subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [timezone] — this chat receives the
// topic's digests. Modes are parsed by src/core/schedule-mode.ts, the same parser the config uses.
import { DEFAULT_TIMEZONE, parseScheduleMode, type ScheduleMode } from '../src/core/schedule-mode.ts';
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { chatAddress, configOwned, requireChatAdmin, say } from './chat-scope.ts';
import { ok, type CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';
import { scheduleLabel } from '../src/i18n/format.ts';

const DEFAULT_MODE: ScheduleMode = defaultMode('daily 08:00');

function defaultMode(text: string): ScheduleMode {
  const r = parseScheduleMode(text);
  if (!r.ok) throw new Error(`subscribe: the default mode "${text}" does not parse: ${r.error}`);
  return r.mode;
}

const SPEC = argSpec([
  { name: 'TOPIC', kind: 'topic', description: describe('describe.subscribe.TOPIC') },
  {
    name: 'MODE',
    kind: 'schedule',
    optional: true,
    display: 'instant | hourly | daily HH:MM | cron "…"',
    description: describe('describe.subscribe.MODE'),
  },
  { name: 'TIMEZONE', kind: 'timezone', optional: true, display: 'TIMEZONE', description: describe('describe.subscribe.TIMEZONE') },
]);

export const subscribe: CommandDef = {
  name: 'subscribe',
  spec: SPEC,
  description: describe('describe.subscribe.subscribe'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const topicId = p.values.TOPIC;
    const mode = p.values.MODE ?? DEFAULT_MODE;
    const timezone = p.values.TIMEZONE ?? DEFAULT_TIMEZONE;
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const existing = (await ctx.services.subscriptions.list(where)).find((s) => s.topic === topicId);
    if (existing?.source === 'config') return configOwned(ctx, topicId);
    await ctx.services.subscriptions.put(where, { topic: topicId, mode, timezone, by: `${ctx.platform}:${ctx.user.id}`, lang: ctx.lang });
    const when = describeMode(mode, timezone, lang);
    return ok(existing ? say(ctx, 'subscribe.updatedThisChat', { topicId, when }) : say(ctx, 'subscribe.subscribedThisChat', { topicId, when }));
  },
};

export function describeMode(mode: ScheduleMode, timezone: string, lang: 'ar' | 'en'): string {
  if (mode.kind === 'instant') return scheduleLabel(lang, mode);
  return `${scheduleLabel(lang, mode)} (${timezone})`;
}
