// The digest's own words in English and Arabic. Interpolated names (topic ids are Latin) are
// isolated so that they keep their order inside Arabic sentences.
import { FSI, PDI } from './rich-text.ts';
import type { Digest, UiLang } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const iso = (s: string) => `${FSI}${s}${PDI}`;

/** "24h", "3d", "90m": a window as people say it (hours up to two days, then days). */
export function windowLabel(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))}m`;
  if (ms <= 2 * DAY) return `${Math.round(ms / HOUR)}h`;
  return `${Math.round(ms / DAY)}d`;
}

function arabicCount(n: number, one: string, two: string, few: string, many: string): string {
  if (n === 1) return one;
  if (n === 2) return two;
  if (n >= 3 && n <= 10) return `${n} ${few}`;
  return `${n} ${many}`;
}

/** "3h ago" / "منذ 3 ساعات", relative to the digest's end. */
export function agoLabel(lang: UiLang, ms: number, nowMs: number): string {
  const d = Math.max(0, nowMs - ms);
  if (lang === 'ar') {
    if (d < HOUR) return `منذ ${arabicCount(Math.max(1, Math.floor(d / 60_000)), 'دقيقة', 'دقيقتين', 'دقائق', 'دقيقة')}`;
    if (d < DAY) return `منذ ${arabicCount(Math.floor(d / HOUR), 'ساعة', 'ساعتين', 'ساعات', 'ساعة')}`;
    return `منذ ${arabicCount(Math.floor(d / DAY), 'يوم', 'يومين', 'أيام', 'يومًا')}`;
  }
  if (d < HOUR) return `${Math.max(1, Math.floor(d / 60_000))}m ago`;
  if (d < DAY) return `${Math.floor(d / HOUR)}h ago`;
  return `${Math.floor(d / DAY)}d ago`;
}

const LANG_NAMES: Record<UiLang, Record<'ar' | 'en', string>> = {
  en: { ar: 'ar', en: 'en' },
  ar: { ar: 'العربية', en: 'الإنجليزية' },
};

/**
 * A story's reach: "4 sources · ar, en" / "4 مصادر · العربية، الإنجليزية". Empty for one source
 * in one language (the source is named already).
 */
export function sourcesLabel(lang: UiLang, n: number, langs: readonly string[]): string {
  const named = (['ar', 'en'] as const).filter((l) => langs.includes(l));
  if (n <= 1 && named.length <= 1) return '';
  const count = lang === 'ar' ? arabicCount(n, 'مصدر واحد', 'مصدران', 'مصادر', 'مصدرًا') : `${n} source${n === 1 ? '' : 's'}`;
  if (named.length === 0) return count;
  return `${count} · ${named.map((l) => LANG_NAMES[lang][l]).join(lang === 'ar' ? '، ' : ', ')}`;
}

export function topicTitle(d: Digest): string {
  return d.topics.map((t) => t.name).join(' · ');
}

/** The header line: "raqib · Iraq". */
export function titleLabel(d: Digest): string {
  return d.lang === 'ar' ? `رقيب · ${iso(topicTitle(d))}` : `raqib · ${topicTitle(d)}`;
}

/** "3 stories from 7 articles · last 24h". */
export function countsLabel(d: Digest): string {
  const w = windowLabel(d.untilMs - d.sinceMs);
  const { stories, articles } = d.totals;
  if (d.lang === 'ar') return `القصص: ${stories} · المقالات: ${articles} · آخر ${iso(w)}`;
  return `${stories} stor${stories === 1 ? 'y' : 'ies'} from ${articles} article${articles === 1 ? '' : 's'} · last ${w}`;
}

/** "+4 more stories"; empty when nothing was left out. */
export function moreLabel(d: Digest): string {
  if (d.more <= 0) return '';
  if (d.lang === 'ar') return `و${arabicCount(d.more, 'قصة أخرى', 'قصتان أخريان', 'قصص أخرى', 'قصة أخرى')}`;
  return `+${d.more} more stor${d.more === 1 ? 'y' : 'ies'}`;
}

/** The on-demand answer for an empty window. */
export function nothingNewLabel(d: Digest): string {
  const w = windowLabel(d.untilMs - d.sinceMs);
  if (d.lang === 'ar') return `لا جديد في ${iso(topicTitle(d))} خلال آخر ${iso(w)}.`;
  return `Nothing new for ${topicTitle(d)} in the last ${w}.`;
}

/** "first seen 2d ago" when the story began before the window; else empty. */
export function firstSeenLabel(d: Digest, firstSeenMs: number): string {
  if (firstSeenMs >= d.sinceMs) return '';
  return d.lang === 'ar' ? `ظهرت أول مرة ${agoLabel('ar', firstSeenMs, d.untilMs)}` : `first seen ${agoLabel('en', firstSeenMs, d.untilMs)}`;
}
