// How a bad query is explained to a person: where (1-based character) and why, with the text
// around the spot, so that they can fix it in a chat client without a caret line.
import { validateQuery } from '../src/topics/index.ts';
import { straightenQuotes } from './args.ts';
import { type UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

const MAX_QUERY_LENGTH = 2_000;

type CheckedQuery = { ok: true; query: string } | { ok: false; error: string };

export function checkQuery(raw: string, lang: UiLang): CheckedQuery {
  const query = straightenQuotes(raw).trim();
  if (query === '') return { ok: false, error: t(lang, 'query-problem.theQueryIs') };
  if (query.length > MAX_QUERY_LENGTH) {
    return { ok: false, error: t(lang, 'query-problem.theQueryIs2', { maxQueryLength: MAX_QUERY_LENGTH }) };
  }
  let problem: ReturnType<typeof validateQuery>;
  try {
    problem = validateQuery(query);
  } catch (e) {
    // The matcher's validator must never take a command down with it.
    problem = { position: 0, message: (e as Error).message };
  }
  if (!problem) return { ok: true, query };
  const at = Math.max(0, Math.min(problem.position, query.length));
  const near = query.slice(Math.max(0, at - 12), at + 12);
  const where = at >= query.length ? t(lang, 'query-problem.atTheEnd') : t(lang, 'query-problem.atCharacter', { at: at + 1 });
  return {
    ok: false,
    error: t(lang, 'query-problem.invalidQueryNear', { where, message: problem.message, near }),
  };
}
