// Delivery modes of a subscription: "instant", "hourly", "daily HH:MM" or cron "expr".
// Shared by the config file and /subscribe so that both accept exactly the same language.
import cron from 'node-cron';

export type ScheduleMode = { kind: 'instant' } | { kind: 'cron'; cron: string; label: string };

export const DEFAULT_TIMEZONE = 'Asia/Baghdad';

export type ModeResult = { ok: true; mode: ScheduleMode } | { ok: false; error: string };

/** Parses a mode as written by a person. Never throws. */
export function parseScheduleMode(input: string): ModeResult {
  const s = input.trim();
  if (/^instant$/i.test(s)) return { ok: true, mode: { kind: 'instant' } };
  if (/^hourly$/i.test(s)) return { ok: true, mode: { kind: 'cron', cron: '0 * * * *', label: 'hourly' } };
  const daily = /^daily(?:\s+(\d{1,2}):(\d{2}))?$/i.exec(s);
  if (daily) {
    const h = daily[1] === undefined ? 8 : Number(daily[1]);
    const m = daily[2] === undefined ? 0 : Number(daily[2]);
    if (h > 23 || m > 59) return { ok: false, error: `"${s}": the time must be HH:MM between 00:00 and 23:59` };
    const hh = String(h).padStart(2, '0');
    const mm = String(m).padStart(2, '0');
    return { ok: true, mode: { kind: 'cron', cron: `${m} ${h} * * *`, label: `daily ${hh}:${mm}` } };
  }
  const c = /^cron\s+(?:"([^"]*)"|'([^']*)'|(.+))$/i.exec(s);
  if (c) {
    const expr = (c[1] ?? c[2] ?? c[3] ?? '').trim();
    const fields = expr.split(/\s+/).length;
    if ((fields !== 5 && fields !== 6) || !cron.validate(expr)) {
      return { ok: false, error: `"${expr}" is not a valid cron expression (5 fields: minute hour day month weekday)` };
    }
    return { ok: true, mode: { kind: 'cron', cron: expr, label: `cron "${expr}"` } };
  }
  return { ok: false, error: `"${s}" is not a mode: use instant, hourly, daily HH:MM or cron "…"` };
}

export function formatScheduleMode(mode: ScheduleMode): string {
  return mode.kind === 'instant' ? 'instant' : mode.label;
}

/** True when the IANA time zone is known to this runtime. */
export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
