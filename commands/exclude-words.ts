// The `exclude WORDS` tail of /subscribe: the chat's own terms to leave out. Split off before the
// other arguments are parsed (the words are free text, in any script, and must not be read as a
// mode or a time zone). Quotes group a phrase; `exclude off` clears the list (quote "off" to
// exclude the word itself). Each term is checked by the same term parser as topic terms.
import { checkExcludeTerms } from '../src/topics/exclude-terms.ts';
import { straightenQuotes } from './args.ts';
import { t } from '../src/i18n/catalogue.ts';
import type { UiLang } from './types.ts';

/** The keyword in either language; Arabic speakers may write استثناء or باستثناء. */
const KEYWORD = /(^|\s)(exclude|استثناء|باستثناء)(?=\s|$)/i;
const OFF = new Set(['off', 'بلا']);

export type ExcludeTail =
  /** No `exclude`: the subscription keeps its terms. */
  | { ok: true; head: string; exclude?: undefined }
  /** `exclude …`: the new terms (empty: cleared). */
  | { ok: true; head: string; exclude: string[] }
  | { ok: false; problem: string };

/** The words of a tail: quoted phrases stay together (without their quotes), others split on spaces. */
function words(text: string): { text: string; quoted: boolean }[] | undefined {
  const out: { text: string; quoted: boolean }[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[2]?.includes('"')) return undefined;
    const w = (m[1] ?? m[2]!).trim();
    if (w !== '') out.push({ text: w, quoted: m[1] !== undefined });
  }
  return out;
}

export function splitExclude(argText: string, lang: UiLang): ExcludeTail {
  const text = straightenQuotes(argText);
  const at = KEYWORD.exec(text);
  if (!at) return { ok: true, head: argText };
  const head = text.slice(0, at.index);
  const list = words(text.slice(at.index + at[0].length));
  if (!list) return { ok: false, problem: t(lang, 'subscribe.excludeQuotes') };
  if (list.length === 0) return { ok: false, problem: t(lang, 'subscribe.excludeNeedsWords') };
  if (list.length === 1 && !list[0]!.quoted && OFF.has(list[0]!.text.toLowerCase())) return { ok: true, head, exclude: [] };
  const terms = [...new Set(list.map((w) => w.text))];
  const checked = checkExcludeTerms(terms);
  if (!checked.ok) return { ok: false, problem: t(lang, 'subscribe.excludeBadTerm', { term: checked.term, reason: checked.message }) };
  return { ok: true, head, exclude: terms };
}
