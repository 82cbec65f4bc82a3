// The words around a trend chart, in English and Arabic: one summary line per topic (the caption
// under the picture and the console answer), legend names, day labels and the empty-chart note.
import type { UiLang } from '../types.ts';
import type { LangBucket, TopicTrend, TrendSeries } from './series.ts';

/** "militia-threats: 46 stories in 30 days, up from 21 the 30 days before" (or its Arabic). */
export function summaryLine(t: TopicTrend, days: number, lang: UiLang): string {
  if (lang === 'ar') {
    const head = `${t.id}: ${t.total} ${t.total === 1 ? 'قصة' : 'قصص'} خلال ${days} يوماً`;
    if (t.total === t.previous) return `${head}، كما في الـ${days} يوماً السابقة`;
    return `${head}، ${t.total > t.previous ? 'ارتفاعاً' : 'انخفاضاً'} من ${t.previous} في الـ${days} يوماً السابقة`;
  }
  const head = `${t.id}: ${t.total} ${t.total === 1 ? 'story' : 'stories'} in ${days} days`;
  if (t.total === t.previous) return `${head}, the same as the ${days} days before`;
  return `${head}, ${t.total > t.previous ? 'up' : 'down'} from ${t.previous} the ${days} days before`;
}

/** The caption: one line per topic, plus a note when the window was cut to the maximum. */
export function summaryLines(s: TrendSeries, lang: UiLang): string[] {
  const lines = s.topics.map((t) => summaryLine(t, s.days.length, lang));
  if (s.clampedFrom) {
    lines.push(
      lang === 'ar'
        ? `(طُلبت ${s.clampedFrom} يوماً؛ الحد الأقصى ${s.days.length} يوماً)`
        : `(asked for ${s.clampedFrom} days; charts go back at most ${s.days.length} days)`,
    );
  }
  return lines;
}

export function legendName(b: LangBucket, lang: UiLang): string {
  const names: Record<LangBucket, [string, string]> = {
    ar: ['Arabic', 'بالعربية'],
    en: ['English', 'بالإنجليزية'],
    both: ['both languages', 'باللغتين'],
    other: ['other', 'لغات أخرى'],
  };
  return names[b][lang === 'ar' ? 1 : 0];
}

export function panelTitle(t: TopicTrend, lang: UiLang): string {
  const name = t.name && t.name !== t.id ? `${t.name} (${t.id})` : t.id;
  return lang === 'ar' ? `${name} — قصص في اليوم` : `${name} — stories per day`;
}

export function emptyNote(t: TopicTrend, days: number, lang: UiLang): string {
  return lang === 'ar' ? `لا قصص عن ${t.id} في آخر ${days} يوماً` : `No stories for ${t.id} in the last ${days} days`;
}

const formatters = new Map<UiLang, Intl.DateTimeFormat>();

/** "6 Nov" / "٦ نوفمبر" for a UTC day key. */
export function dayLabel(day: string, lang: UiLang): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    formatters.set(lang, f);
  }
  return f.format(new Date(`${day}T00:00:00Z`));
}
