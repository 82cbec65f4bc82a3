// /subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [timezone] [images on|off]
// [chart weekly|off] [exclude WORDS…] — this chat receives the topic's digests, without articles that
// have one of its own exclude words. Modes are parsed by src/core/schedule-mode.ts, the same parser
// the config uses. Settings left out keep their value on a re-subscribe (defaults: pictures on, no
// chart, no exclude words).
import { DEFAULT_TIMEZONE, parseScheduleMode, type ScheduleMode } from '../src/core/schedule-mode.ts';
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { splitExclude } from './exclude-words.ts';
import { chatAddress, configOwned, requireChatAdmin, say } from './chat-scope.ts';
import { ok, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
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
  {
    name: 'SETTINGS',
    kind: 'options',
    optional: true,
    options: { images: ['on', 'off'], chart: ['weekly', 'off'] },
    description: describe('describe.subscribe.SETTINGS'),
  },
]);

/** As shown in usage lines and /help: the exclude tail is read by exclude-words.ts, not by parseArgs. */
const SHOWN = argSpec([
  ...SPEC.args,
  { name: 'EXCLUDE', kind: 'query', optional: true, display: 'exclude WORDS', description: describe('describe.subscribe.EXCLUDE') },
]);

export const subscribe: CommandDef = {
  name: 'subscribe',
  spec: SHOWN,
  description: describe('describe.subscribe.subscribe'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const tail = splitExclude(argText, lang);
    if (!tail.ok) return usageReply(this.name, SHOWN, lang, tail.problem);
    const p = await parseArgs(this.name, SPEC, tail.head, ctx, SHOWN);
    if (!p.ok) return p.reply;
    const topicId = p.values.TOPIC;
    const mode = p.values.MODE ?? DEFAULT_MODE;
    const timezone = p.values.TIMEZONE ?? DEFAULT_TIMEZONE;
    const { images, chart } = p.values.SETTINGS ?? {};
    // A chart rides on digests; an instant subscription has none (checked before anything changes).
    if (chart === 'weekly' && mode.kind === 'instant') return usageReply(this.name, SHOWN, lang, t(lang, 'subscribe.chartNeedsDigest'));
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const existing = (await ctx.services.subscriptions.list(where)).find((s) => s.topic === topicId);
    if (existing?.source === 'config') return configOwned(ctx, topicId);
    const settings = {
      images: images === undefined ? existing?.images !== false : images === 'on',
      chart: chart === undefined ? existing?.chart : chart === 'weekly' ? ('weekly' as const) : undefined,
      // Without `exclude`, a re-subscribe keeps the chat's exclude words.
      exclude: tail.exclude ?? existing?.exclude ?? [],
    };
    await ctx.services.subscriptions.put(where, { topic: topicId, mode, timezone, by: `${ctx.platform}:${ctx.user.id}`, lang: ctx.lang, ...settings });
    const when = describeMode(mode, timezone, lang) + settingsLabel(settings, lang);
    const done = existing ? say(ctx, 'subscribe.updatedThisChat', { topicId, when }) : say(ctx, 'subscribe.subscribedThisChat', { topicId, when });
    const words =
      settings.exclude.length > 0
        ? t(lang, 'subscribe.excluding', { terms: excludeList(settings.exclude, lang) })
        : tail.exclude && existing?.exclude?.length
          ? t(lang, 'subscribe.excludeCleared')
          : '';
    return ok(words ? `${done}\n${words}` : done);
  },
};

/** The words as the chat gave them, each quoted (a phrase stays visibly one term). */
export function excludeList(terms: readonly string[], lang: 'ar' | 'en'): string {
  return terms.map((w) => (lang === 'ar' ? `«${w}»` : `"${w}"`)).join(lang === 'ar' ? '، ' : ', ');
}

export function describeMode(mode: ScheduleMode, timezone: string, lang: 'ar' | 'en'): string {
  if (mode.kind === 'instant') return scheduleLabel(lang, mode);
  return `${scheduleLabel(lang, mode)} (${timezone})`;
}

/** " — no pictures — weekly chart": the settings that differ from the defaults. */
export function settingsLabel(s: { images?: boolean; chart?: 'weekly' }, lang: 'ar' | 'en'): string {
  return (s.images === false ? t(lang, 'subscribe.noPictures') : '') + (s.chart === 'weekly' ? t(lang, 'subscribe.weeklyChart') : '');
}
