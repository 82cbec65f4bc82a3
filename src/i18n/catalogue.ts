// Every user-facing word raqib says, looked up by key in one catalogue per language (en.json,
// ar.json). Numbers passed as parameters are formatted for the language (Arabic-Indic digits in
// Arabic); plural entries pick their form through Intl.PluralRules (Arabic has six).
import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export type Lang = 'ar' | 'en';
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
export type Entry = string | PluralForms;
export type Catalogue = Record<string, Entry>;
export type MsgKey = keyof typeof en;
export type Params = Record<string, string | number>;

export const CATALOGUES: Record<Lang, Catalogue> = { en, ar };

/** The BCP 47 locale each language formats with: Arabic numbers in Arabic-Indic digits. */
export function locale(lang: Lang): string {
  return lang === 'ar' ? 'ar-u-nu-arab' : 'en';
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

/** 24 → "24" / "٢٤". Integers stay without grouping separators so that ids and years read as typed. */
export function formatNumber(lang: Lang, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(locale(lang), { useGrouping: false, maximumFractionDigits: 1 })));
  return f.format(n);
}

/** Digits inside a text (a time "08:00", a duration "24h") in the language's digits. */
export function localDigits(lang: Lang, text: string): string {
  if (lang !== 'ar') return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

function fill(template: string, lang: Lang, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

function entry(lang: Lang, key: string): Entry {
  const e = CATALOGUES[lang][key] ?? CATALOGUES.en[key];
  if (e === undefined) throw new Error(`i18n: no message "${key}"`);
  return e;
}

/** The message `key` in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, key: MsgKey, params?: Params): string {
  const e = entry(lang, key);
  if (typeof e !== 'string') throw new Error(`i18n: "${key}" is a plural message; use plural()`);
  return fill(e, lang, params);
}

/** A counted phrase: "3 articles" / "٣ مقالات", "11 articles" / "١١ مقالة". `{n}` is the count. */
export function plural(lang: Lang, key: MsgKey, n: number, params?: Params): string {
  const e = entry(lang, key);
  if (typeof e === 'string') return fill(e, lang, { ...params, n });
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(locale(lang))));
  const form = e[rules.select(n)] ?? e.other;
  if (form === undefined) throw new Error(`i18n: "${key}" has no "other" form`);
  return fill(form, lang, { ...params, n });
}

/** The plural forms each language must give (the categories Intl.PluralRules returns for it). */
export function requiredForms(lang: Lang): Intl.LDMLPluralRule[] {
  return new Intl.PluralRules(locale(lang)).resolvedOptions().pluralCategories;
}

/**
 * What one catalogue lacks against the other: missing keys, a plural in one and a plain string in
 * the other, plural forms the language needs, and placeholders used in only one of them.
 */
export function catalogueProblems(cats: Record<Lang, Catalogue>): string[] {
  const problems: string[] = [];
  const keys = new Set([...Object.keys(cats.en), ...Object.keys(cats.ar)]);
  for (const key of keys) {
    for (const lang of ['en', 'ar'] as const) {
      const e = cats[lang][key];
      if (e === undefined) {
        problems.push(`${lang}: missing "${key}"`);
        continue;
      }
      if (typeof e === 'string') continue;
      for (const form of requiredForms(lang)) if (e[form] === undefined) problems.push(`${lang}: "${key}" lacks the plural form ${form}`);
    }
    const a = cats.en[key];
    const b = cats.ar[key];
    if (a !== undefined && b !== undefined && placeholders(a).join() !== placeholders(b).join()) {
      problems.push(`"${key}": placeholders differ (en ${placeholders(a).join(',')}; ar ${placeholders(b).join(',')})`);
    }
  }
  return problems;
}

function placeholders(e: Entry): string[] {
  const text = typeof e === 'string' ? e : Object.values(e).join(' ');
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].filter((n) => n !== 'n').sort();
}

/** Both languages of one message, for declarations read in either (command and argument descriptions). */
export function describe(key: MsgKey): Record<Lang, string> {
  return { en: t('en', key), ar: t('ar', key) };
}
