// Pages of a command's answer (/digest, /search, /topics, /subscriptions). Pages are not kept
// anywhere: a "Next ›" press re-runs the command with its arguments for that page (action-page.ts),
// so a page always shows the current data, and a page past the end shows the last one.
import { t } from '../src/i18n/catalogue.ts';
import type { ButtonRow, CommandContext, UiLang } from './types.ts';

export interface Page<T> {
  items: T[];
  /** 1-based, within 1..pages. */
  number: number;
  pages: number;
  /** Index of the page's first item in the whole list. */
  offset: number;
}

/** The commands whose answers page; a page button for any other command is refused. */
export const PAGED_COMMANDS = new Set(['digest', 'search', 'topics', 'subscriptions']);

/** The page asked for, clamped to 1..pages (beyond the end → the last page). */
export function clampPage(asked: number | undefined, total: number, size: number): { number: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const number = Math.min(Math.max(1, Math.floor(asked ?? 1)), pages);
  return { number, pages, offset: (number - 1) * size };
}

export function pageOf<T>(all: readonly T[], asked: number | undefined, size: number): Page<T> {
  const p = clampPage(asked, all.length, size);
  return { ...p, items: all.slice(p.offset, p.offset + size) };
}

/** "‹ Prev" / "Next ›" for a command's page; no row when everything fits on one page. */
export function pageButtons(lang: UiLang, command: string, args: string, page: { number: number; pages: number }): ButtonRow[] {
  if (page.pages <= 1) return [];
  const row: ButtonRow = [];
  if (page.number > 1) row.push({ label: t(lang, 'paging.prev'), action: { kind: 'page', command, args, page: page.number - 1 } });
  if (page.number < page.pages) row.push({ label: t(lang, 'paging.next'), action: { kind: 'page', command, args, page: page.number + 1 } });
  return [row];
}

/** "Page 2 of 5" when there is more than one. */
export function pageLine(lang: UiLang, page: { number: number; pages: number }): string[] {
  return page.pages > 1 ? [t(lang, 'paging.pageOf', { page: page.number, pages: page.pages })] : [];
}

/** The page a command was asked for (a page button), else the first. */
export const askedPage = (ctx: CommandContext): number => ctx.page ?? 1;
