// Day expressions in news text, in both languages, resolved against the publication time:
// weekdays ("on Monday", "الاثنين"), relative days ("yesterday", "أمس", "today", "اليوم",
// "last night", "الليلة الماضية") and explicit dates ("25 December", "Dec. 25, 2023",
// "25 كانون الأول", "25 ديسمبر"). Days are whole UTC days since the epoch.
import { foldArabic } from './arabic.ts';

export const DAY_MS = 86_400_000;

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const AR_WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'].map((w) => foldArabic(w));

const EN_MONTHS_RAW: Record<string, number> = {
  january: 0,
  jan: 0,
  february: 1,
  feb: 1,
  march: 2,
  mar: 2,
  april: 3,
  apr: 3,
  may: 4,
  june: 5,
  jun: 5,
  july: 6,
  jul: 6,
  august: 7,
  aug: 7,
  september: 8,
  sept: 8,
  sep: 8,
  october: 9,
  oct: 9,
  november: 10,
  nov: 10,
  december: 11,
  dec: 11,
};
// Both month-name families used in Arabic news: the Levantine/Iraqi (كانون الثاني …) and the
// transliterated (يناير …). "كانون"/"تشرين" need the following word to tell which month.
const AR_MONTHS_RAW: Record<string, number> = {
  يناير: 0,
  فبراير: 1,
  مارس: 2,
  أبريل: 3,
  ابريل: 3,
  مايو: 4,
  يونيو: 5,
  يوليو: 6,
  أغسطس: 7,
  اغسطس: 7,
  سبتمبر: 8,
  أكتوبر: 9,
  اكتوبر: 9,
  نوفمبر: 10,
  ديسمبر: 11,
  شباط: 1,
  آذار: 2,
  نيسان: 3,
  أيار: 4,
  حزيران: 5,
  تموز: 6,
  آب: 7,
  أيلول: 8,
};
// Maps, not objects: "constructor" or "toString" in a text must not find Object.prototype.
const EN_MONTHS = new Map(Object.entries(EN_MONTHS_RAW));
const AR_MONTHS = new Map(Object.entries(AR_MONTHS_RAW).map(([k, v]) => [foldArabic(k), v]));
const AR_FIRST = foldArabic('الأول');
const AR_SECOND = foldArabic('الثاني');

/** A word of the text, folded (Arabic) or lower-cased (Latin), with Arabic prefixes stripped as alternatives. */
export interface DayWord {
  /** The folded word. */
  norm: string;
  /** Readings with attached prefixes removed (و, ب, ال …); includes norm. */
  forms: readonly string[];
}

const RELATIVE = new Map<string, number>(
  Object.entries({ yesterday: -1, today: 0, tonight: 0, [foldArabic('أمس')]: -1, [foldArabic('البارحة')]: -1, [foldArabic('اليوم')]: 0 }),
);
const FUTURE = new Set(['next', 'coming', foldArabic('المقبل'), foldArabic('القادم'), foldArabic('المقبلة'), foldArabic('القادمة')]);
const PAST_NIGHT = new Set([foldArabic('الماضية'), foldArabic('الفائتة')]);
const PAST_DAY = new Set([foldArabic('الماضي'), foldArabic('الفائت'), foldArabic('المنصرم')]);

function monthOf(words: readonly DayWord[], i: number): number | undefined {
  const w = words[i];
  if (!w) return undefined;
  const en = EN_MONTHS.get(w.norm);
  if (en !== undefined) return en;
  for (const f of w.forms) {
    const m = AR_MONTHS.get(f);
    if (m !== undefined) return m;
  }
  const next = words[i + 1]?.norm;
  if (w.forms.includes(foldArabic('كانون'))) return next === AR_SECOND ? 0 : next === AR_FIRST ? 11 : undefined;
  if (w.forms.includes(foldArabic('تشرين'))) return next === AR_SECOND ? 10 : next === AR_FIRST ? 9 : undefined;
  return undefined;
}

const dayNumber = (w: DayWord | undefined): number | undefined => {
  if (!w || !/^\d{1,2}(?:st|nd|rd|th)?$/.test(w.norm)) return undefined;
  const n = parseInt(w.norm, 10);
  return n >= 1 && n <= 31 ? n : undefined;
};
const yearNumber = (w: DayWord | undefined): number | undefined => (w && /^(19|20)\d\d$/.test(w.norm) ? Number(w.norm) : undefined);

/** The explicit date starting near word i ("25 December [2023]", "December 25[, 2023]"), as a day. */
function explicitDate(words: readonly DayWord[], i: number, pubDay: number): number | undefined {
  const m = monthOf(words, i);
  if (m === undefined) return undefined;
  // The month-name families differ in width: كانون الثاني is two words.
  const width = words[i]!.forms.some((f) => f === foldArabic('كانون') || f === foldArabic('تشرين')) ? 2 : 1;
  let d = dayNumber(words[i - 1]);
  let y = yearNumber(words[i + width]);
  if (d === undefined) {
    d = dayNumber(words[i + width]);
    y = yearNumber(words[i + width + 1]);
  }
  if (d === undefined) return undefined;
  const pub = new Date(pubDay * DAY_MS);
  if (y !== undefined) return dayOf(Date.UTC(y, m, d));
  // No year: the nearest such date not more than a day after publication.
  let day = dayOf(Date.UTC(pub.getUTCFullYear(), m, d));
  if (day > pubDay + 1) day = dayOf(Date.UTC(pub.getUTCFullYear() - 1, m, d));
  return day;
}

function weekdayIndex(w: DayWord): number {
  const en = EN_WEEKDAYS.indexOf(w.norm);
  if (en >= 0) return en;
  for (const f of w.forms) {
    const ar = AR_WEEKDAYS.indexOf(f);
    if (ar >= 0) return ar;
  }
  return -1;
}

/** The day word i refers to, or undefined when it starts no day expression. */
export function dayAt(words: readonly DayWord[], i: number, pubDay: number): number | undefined {
  const w = words[i]!;
  const prev = words[i - 1]?.norm;
  const next = words[i + 1];
  if (prev !== undefined && FUTURE.has(prev)) return undefined;
  if (next && next.forms.some((f) => FUTURE.has(f))) return undefined;
  const rel = w.forms.map((f) => RELATIVE.get(f)).find((r) => r !== undefined);
  if (rel !== undefined) return pubDay + rel;
  if (w.norm === 'night' && prev === 'last') return pubDay - 1;
  if (w.forms.includes(foldArabic('الليلة')) && next && PAST_NIGHT.has(next.norm)) return pubDay - 1;
  const wd = weekdayIndex(w);
  // "Last Wednesday", «الأربعاء الماضي»: a report names an earlier happening so, not its own day.
  if (wd >= 0 && (prev === 'last' || (next !== undefined && next.forms.some((f) => PAST_DAY.has(f))))) return undefined;
  if (wd >= 0) {
    // The latest such weekday on or before the publication day: news reports the past.
    const pubWd = (pubDay + 4) % 7; // 1970-01-01 was a Thursday
    return pubDay - ((pubWd - wd + 7) % 7);
  }
  return explicitDate(words, i, pubDay);
}

/**
 * The first day expression among words that lies from `maxBack` days before publication to one
 * day after; undefined when there is none (the caller falls back to the publication day).
 */
export function firstDay(words: readonly DayWord[], pubMs: number, maxBack = 7): number | undefined {
  return daysIn(words, pubMs, maxBack)[0];
}

/**
 * The day expressions of the words that lie from `maxBack` days before publication to one day
 * after, in text order.
 */
export function daysIn(words: readonly DayWord[], pubMs: number, maxBack = 7): number[] {
  const pubDay = dayOf(pubMs);
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const d = dayAt(words, i, pubDay);
    if (d !== undefined && d >= pubDay - maxBack && d <= pubDay + 1) out.push(d);
  }
  return out;
}

/**
 * The day expression nearest the publication day (the earlier on a tie): a report's own day is
 * usually the latest one it names, while a photo caption or a recap names older ones.
 */
export function nearestDay(words: readonly DayWord[], pubMs: number, maxBack = 7): number | undefined {
  const pubDay = dayOf(pubMs);
  let best: number | undefined;
  for (const d of daysIn(words, pubMs, maxBack)) {
    const dist = Math.abs(d - pubDay);
    if (best === undefined || dist < Math.abs(best - pubDay) || (dist === Math.abs(best - pubDay) && d < best)) best = d;
  }
  return best;
}
