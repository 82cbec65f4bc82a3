// The digest's own words in English and Arabic. Interpolated names (topic ids are Latin) are
// isolated so that they keep their order inside Arabic sentences.
import { locale, plural, t } from '../i18n/catalogue.ts';
import { FSI, PDI } from './rich-text.ts';
import type { Digest, DigestStory, UiLang } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Latin names inside an Arabic sentence keep their order when isolated; English needs no isolates.
const iso = (lang: UiLang, s: string) => (lang === 'ar' ? `${FSI}${s}${PDI}` : s);

/** One unit, rounded as windowLabel: "24h" / «٢٤ ساعة», "3d" / «٣ أيام». */
function span(lang: UiLang, ms: number): string {
  if (ms < HOUR) return plural(lang, 'short.minutes', Math.max(1, Math.round(ms / 60_000)));
  if (ms <= 2 * DAY) return plural(lang, 'short.hours', Math.round(ms / HOUR));
  return plural(lang, 'short.days', Math.round(ms / DAY));
}

/** "last 24h" / «آخر ٢٤ ساعة». */
function lastWindow(d: Digest): string {
  return t(d.lang, 'window.last', { span: span(d.lang, d.untilMs - d.sinceMs) });
}

/** "24h", "3d", "90m": a window as people say it (hours up to two days, then days). */
export function windowLabel(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))}m`;
  if (ms <= 2 * DAY) return `${Math.round(ms / HOUR)}h`;
  return `${Math.round(ms / DAY)}d`;
}

/** "3h ago" / «منذ ٣ ساعات», relative to the digest's end. */
export function agoLabel(lang: UiLang, ms: number, nowMs: number): string {
  const d = Math.max(0, nowMs - ms);
  if (d < HOUR) return t(lang, 'digest.ago', { span: plural(lang, 'short.minutes', Math.max(1, Math.floor(d / 60_000))) });
  if (d < DAY) return t(lang, 'digest.ago', { span: plural(lang, 'short.hours', Math.floor(d / HOUR)) });
  return t(lang, 'digest.ago', { span: plural(lang, 'short.days', Math.floor(d / DAY)) });
}

/**
 * A story's reach: "4 sources · ar, en" / «٤ مصادر · العربية، الإنجليزية». Empty for one source
 * in one language (the source is named already).
 */
export function sourcesLabel(lang: UiLang, n: number, langs: readonly string[]): string {
  const named = (['ar', 'en'] as const).filter((l) => langs.includes(l));
  if (n <= 1 && named.length <= 1) return '';
  const count = plural(lang, 'count.sources', n);
  if (named.length === 0) return count;
  const names = named.map((l) => t(lang, l === 'ar' ? 'digest.langName.ar' : 'digest.langName.en'));
  return `${count} · ${names.join(t(lang, 'digest.listSep'))}`;
}

export function topicTitle(d: Digest): string {
  return d.topics.map((x) => x.name).join(' · ');
}

/** The header line: "raqib · Iraq" / «رقيب · العراق». */
export function titleLabel(d: Digest): string {
  return t(d.lang, 'digest.title', { topics: iso(d.lang, topicTitle(d)) });
}

/** "3 stories from 7 articles · last 24 hours" / «٣ قصص من ٧ مقالات · آخر ٢٤ ساعة». */
export function countsLabel(d: Digest): string {
  const { stories, articles } = d.totals;
  return t(d.lang, 'digest.counts', {
    stories: plural(d.lang, 'count.stories', stories),
    articles: plural(d.lang, 'count.articles', articles),
    window: lastWindow(d),
  });
}

/** "+4 more stories" (with "Page 2 of 5" on a paged digest); empty when nothing was left out. */
export function moreLabel(d: Digest): string {
  const parts = d.more > 0 ? [plural(d.lang, 'count.moreStories', d.more)] : [];
  if (d.page && d.page.of > 1) parts.push(t(d.lang, 'paging.pageOf', { page: d.page.number, pages: d.page.of }));
  return parts.join(' · ');
}

/** The on-demand answer for an empty window. */
export function nothingNewLabel(d: Digest): string {
  return t(d.lang, 'digest.nothingNew', { topics: iso(d.lang, topicTitle(d)), window: lastWindow(d) });
}

/** "first seen 2 days ago" when the story began before the window; else empty. */
export function firstSeenLabel(d: Digest, firstSeenMs: number): string {
  if (firstSeenMs >= d.sinceMs) return '';
  return t(d.lang, 'digest.firstSeen', { ago: agoLabel(d.lang, firstSeenMs, d.untilMs) });
}

/** An alert story's time in the subscription's zone, in the reader's language: "Dec 6, 14:05" / «٦ ديسمبر، ١٤:٠٥». */
export function alertTimeLabel(d: Digest, ms: number): string {
  const f = new Intl.DateTimeFormat(locale(d.lang), {
    timeZone: d.timezone ?? 'UTC',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(ms);
}

/** "Matched Iraq (withdrawal, troops)" / «طابق العراق (انسحاب، القوات)»: short, for one alert story. */
export function whyLabel(d: Digest, why: NonNullable<DigestStory['why']>): string {
  const sep = t(d.lang, 'digest.listSep');
  const reasons = why.map((w) => (w.parts.length > 0 ? `${iso(d.lang, w.topic)} (${w.parts.map((p) => iso(d.lang, p)).join(sep)})` : iso(d.lang, w.topic)));
  return t(d.lang, 'alert.why', { reasons: reasons.join('; ') });
}

/** The alert's link text: "Open the article" / «افتح المقال». */
export function openLabel(d: Digest): string {
  return t(d.lang, 'alert.open');
}
