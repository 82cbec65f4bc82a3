// Argument parsing shared by the commands. Strict by design: anything not understood is an error
// that the command answers with its usage line, and nothing is changed.
import { parseDuration } from '../src/core/duration.ts';
import { tr, type UiLang } from './types.ts';

/** Chat clients "smarten" quotes (Slack, macOS, iOS): treat them as the ASCII ones. */
export function straightenQuotes(s: string): string {
  return s.replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"').replace(/[\u2018\u2019\u201A\u201B]/g, "'");
}

export type Tokens = { ok: true; tokens: string[] } | { ok: false; error: string };

/** Splits on white space; "double" or 'single' quotes group words. An open quote is an error. */
export function splitArgs(input: string, lang: UiLang = 'en'): Tokens {
  const s = straightenQuotes(input);
  const tokens: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) return { ok: false, error: tr(lang, `Unclosed ${q} at character ${i + 1}.`, `علامة تنصيص ${q} غير مغلقة عند الحرف ${i + 1}.`) };
      tokens.push(s.slice(i + 1, end));
      i = end + 1;
      if (i < s.length && !/\s/.test(s[i]!)) return { ok: false, error: tr(lang, `Expected a space after the closing ${q}.`, `يلزم فراغ بعد علامة التنصيص ${q}.`) };
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]!)) j++;
      tokens.push(s.slice(i, j));
      i = j;
    }
  }
  return { ok: true, tokens };
}

/** Topic ids as the config schema defines them. */
export const TOPIC_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function normaliseTopicId(s: string): string | undefined {
  const id = s.trim().toLowerCase();
  return TOPIC_ID_RE.test(id) ? id : undefined;
}

export const MAX_WINDOW_MS = 30 * 86_400_000;

/** A look-back window such as 24h or 7d, at most 30 days. */
export function parseSince(s: string, lang: UiLang = 'en'): { ok: true; ms: number } | { ok: false; error: string } | undefined {
  const ms = parseDuration(s);
  if (ms === undefined) return undefined;
  if (ms > MAX_WINDOW_MS) return { ok: false, error: tr(lang, `"${clip(s)}" is longer than 30d.`, `«${clip(s)}» أطول من 30 يوماً (30d).`) };
  return { ok: true, ms };
}

/** Shortens user-supplied text quoted back in an error message. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
