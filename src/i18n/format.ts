// Times, durations and schedules as the reader says them: «آخر ٢٤ ساعة», «يومياً ٠٨:٠٠», "every
// hour", mute end times in the subscription's time zone.
import type { ScheduleMode } from '../core/schedule-mode.ts';
import { locale, localDigits, plural, t, type Lang } from './catalogue.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** "6 hours", "3 days 12 hours" / «٦ ساعات», «٣ أيام و١٢ ساعة»: whole weeks, days, hours, minutes. */
export function durationLabel(lang: Lang, ms: number): string {
  let rest = Math.max(MINUTE, Math.round(ms / MINUTE) * MINUTE);
  const parts: string[] = [];
  for (const [key, size] of [
    ['count.weeks', WEEK],
    ['count.days', DAY],
    ['count.hours', HOUR],
    ['count.minutes', MINUTE],
  ] as const) {
    // Weeks only when the duration is whole weeks: "10 days" reads better than "1 week 3 days".
    if (key === 'count.weeks' && rest % WEEK !== 0) continue;
    // Up to two days people count hours: «آخر ٢٤ ساعة», not «آخر يوم».
    if (key === 'count.days' && rest <= 2 * DAY) continue;
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(plural(lang, key, n));
      rest -= n * size;
    }
  }
  return parts.join(lang === 'ar' ? ' و' : ' ');
}

/** "last 24 hours" / «آخر ٢٤ ساعة». */
export function windowText(lang: Lang, ms: number): string {
  return t(lang, 'window.last', { span: durationLabel(lang, ms) });
}

/** "every day at 08:00" / «يومياً ٠٨:٠٠», "every hour" / «كل ساعة», "as soon as articles match". */
export function scheduleLabel(lang: Lang, mode: ScheduleMode): string {
  if (mode.kind === 'instant') return t(lang, 'schedule.instant');
  if (mode.label === 'hourly') return t(lang, 'schedule.hourly');
  const daily = /^daily (\d\d:\d\d)$/.exec(mode.label);
  if (daily) return t(lang, 'schedule.daily', { time: localDigits(lang, daily[1]!) });
  return t(lang, 'schedule.cron', { expr: mode.cron });
}

/** A moment in the reader's language and the subscription's time zone: "6 Dec, 14:30 (Asia/Baghdad)". */
export function momentLabel(lang: Lang, ms: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat(locale(lang), { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${f.format(ms)} (${timeZone})`;
}

/** "14:30" in the zone: a story's time in an alert. */
export function timeLabel(lang: Lang, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}
