// /subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [timezone] — this chat receives the
// topic's digests. Modes are parsed by src/core/schedule-mode.ts, the same parser the config uses.
import { DEFAULT_TIMEZONE, formatScheduleMode, isValidTimezone, parseScheduleMode, type ScheduleMode } from '../src/core/schedule-mode.ts';
import { clip, straightenQuotes } from './args.ts';
import { chatAddress, configOwned, requireChatAdmin } from './chat-scope.ts';
import { ok, tr, usageReply, type CommandDef } from './types.ts';

const DEFAULT_MODE = 'daily 08:00';
// The mode is matched at the start of what follows the topic; what is left must be a time zone.
const MODE_RE = /^(instant|hourly|daily(?:\s+\d{1,2}:\d{2})?|cron\s+(?:"[^"]*"|'[^']*'))(?=\s|$)/i;

export const subscribe: CommandDef = {
  name: 'subscribe',
  args: 'TOPIC [instant | hourly | daily HH:MM | cron "…"] [timezone]',
  description: {
    en: 'Send this chat a topic’s digests (default: daily 08:00 Asia/Baghdad)',
    ar: 'إرسال ملخصات موضوع إلى هذه المحادثة (الافتراضي: يومياً 08:00 بتوقيت بغداد)',
  },
  async run(ctx, argText) {
    const lang = ctx.lang;
    const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(straightenQuotes(argText).trim());
    if (!m) return usageReply(this, lang);
    const topicId = m[1]!.toLowerCase();
    let rest = (m[2] ?? '').trim();
    let modeText = DEFAULT_MODE;
    const mm = MODE_RE.exec(rest);
    if (mm) {
      modeText = mm[1]!;
      rest = rest.slice(mm[0].length).trim();
    } else if (/^(instant|hourly|daily|cron)\b/i.test(rest)) {
      const r = parseScheduleMode(rest);
      return usageReply(this, lang, r.ok ? tr(lang, 'Put the cron expression in quotes.', 'ضع تعبير cron بين علامتي تنصيص.') : r.error);
    }
    const mode = parseScheduleMode(modeText);
    if (!mode.ok) return usageReply(this, lang, mode.error);
    let timezone = DEFAULT_TIMEZONE;
    if (rest !== '') {
      if (/\s/.test(rest) || !isValidTimezone(rest)) {
        return usageReply(this, lang, tr(lang, `"${clip(rest)}" is not a time zone (e.g. Asia/Baghdad, UTC).`, `«${clip(rest)}» ليست منطقة زمنية (مثل Asia/Baghdad أو UTC).`));
      }
      timezone = canonicalZone(rest);
    }
    const topics = await ctx.services.topics();
    if (!topics.some((t) => t.id === topicId)) {
      const known = topics.map((t) => t.id).join(', ');
      return usageReply(this, lang, tr(lang, `Unknown topic "${clip(topicId)}". Topics: ${known}.`, `موضوع غير معروف «${clip(topicId)}». المواضيع: ${known}.`));
    }
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const existing = (await ctx.services.subscriptions.list(where)).find((s) => s.topic === topicId);
    if (existing?.source === 'config') return configOwned(ctx, topicId);
    await ctx.services.subscriptions.put(where, { topic: topicId, mode: mode.mode, timezone, by: `${ctx.platform}:${ctx.user.id}`, lang: ctx.lang });
    const when = describeMode(mode.mode, timezone, lang);
    return ok(existing
      ? tr(lang, `Updated: this chat gets "${topicId}" ${when}.`, `تم التحديث: تصل هذه المحادثة ملخصات «${topicId}» ${when}.`)
      : tr(lang, `Subscribed: this chat gets "${topicId}" ${when}.`, `تم الاشتراك: تصل هذه المحادثة ملخصات «${topicId}» ${when}.`));
  },
};

/** "Asia/baghdad" works in Intl; store the spelling Intl reports so that lists look right. */
function canonicalZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return tz;
  }
}

export function describeMode(mode: ScheduleMode, timezone: string, lang: 'ar' | 'en'): string {
  if (mode.kind === 'instant') return tr(lang, 'as soon as articles match', 'فور ظهور مقالات مطابقة');
  return `${formatScheduleMode(mode)} (${timezone})`;
}
