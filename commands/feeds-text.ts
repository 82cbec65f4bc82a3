// Phrasing for the sources side of /feeds (discovery, preview, import reports), in the chat's
// language. The views are plain data the services fill from src/feeds; commands only phrase.
import { type ButtonRow, type UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

export interface FeedCandidateView {
  url: string;
  title?: string;
  format: string;
  itemCount: number;
  /** 'given': the URL asked about is this feed; otherwise it was found on a page. */
  via: 'given' | 'link' | 'path';
}

export interface FeedPreviewView {
  url: string;
  title?: string;
  language?: string;
  format: string;
  itemCount: number;
  cadence: { perDay?: number; datedItems: number; newest?: string };
  items: { title: string; url: string; published?: string; topics: { topic: string; clauses: string[] }[] }[];
  matchingItems: number;
}

export type DiscoveryView =
  | { kind: 'feed'; feed: FeedCandidateView; preview: FeedPreviewView }
  | { kind: 'page'; pageUrl: string; feeds: FeedCandidateView[] }
  | { kind: 'none'; pageUrl: string; reason: string }
  | { kind: 'failed'; reason: string };

export interface ImportReportView {
  added: string[];
  present: { url: string; existing: string }[];
  refused: { url: string; line?: number; reason: string }[];
}

const stamp = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function cadenceText(c: FeedPreviewView['cadence'], lang: UiLang): string {
  if (c.perDay === undefined) return t(lang, 'feeds-text.unknown');
  const r = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
  if (c.perDay >= 24) return t(lang, 'feeds-text.aboutAnHour', { n: r(c.perDay / 24) });
  if (c.perDay >= 1) return t(lang, 'feeds-text.aboutADay', { perDay: r(c.perDay) });
  if (c.perDay * 7 >= 1) return t(lang, 'feeds-text.aboutAWeek', { n: r(c.perDay * 7) });
  return t(lang, 'feeds-text.aboutAMonth', { n: r(c.perDay * 30) });
}

/** The preview block: title, language, cadence, latest items with the topics each would match. */
export function previewText(p: FeedPreviewView, lang: UiLang): string {
  const lines = [
    `${p.title ?? t(lang, 'feeds-text.untitledFeed')} — ${p.url}`,
    t(lang, 'feeds-text.languageItemsPublishes', {
      v: p.language ?? t(lang, 'feeds-text.unknownLanguage'),
      itemCount: p.itemCount,
      lang: cadenceText(p.cadence, lang),
    }),
    t(lang, 'feeds-text.matchingAWatched', { matchingItems: p.matchingItems, itemCount: p.itemCount }),
  ];
  if (p.cadence.newest) lines.push(t(lang, 'feeds-text.newestItem', { newest: stamp(p.cadence.newest) }));
  for (const it of p.items) {
    const topics = it.topics.map((t) => (t.clauses.length > 0 ? `${t.topic} (${t.clauses.join('; ')})` : t.topic)).join(', ');
    lines.push(`• ${it.title}${it.url ? `\n  ${it.url}` : ''}\n  ${t(lang, 'feeds-text.topics')}: ${topics || '—'}`);
  }
  return lines.join('\n');
}

/** Several feeds on a page: one line each, with the exact command that adds it. */
export function choicesText(pageUrl: string, feeds: readonly FeedCandidateView[], lang: UiLang, verb: 'add' | 'preview'): string {
  const head = t(lang, 'feeds-text.isAPage', { pageUrl, length: feeds.length });
  const lines = feeds.map((f, i) => `${i + 1}. ${f.title ?? f.url} (${f.format}, ${f.itemCount})\n   /feeds ${verb} ${f.url}`);
  return [head, ...lines].join('\n');
}

/** Button labels stay short: Slack cuts button text at 75 characters, phones far sooner. */
const LABEL_MAX = 60;

function label(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= LABEL_MAX ? chars.join('') : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}

/** One button per feed found on a page (its title, else its URL): pressing previews it for adding. */
export function choiceButtons(feeds: readonly FeedCandidateView[]): ButtonRow[] {
  return feeds.map((f) => [{ label: label(f.title?.trim() || f.url), action: { kind: 'run', command: 'feeds', args: `add ${f.url}` } }]);
}

/** Under a feed's preview: add it (the same as typing /feeds add URL confirm), or give up. */
export function confirmButtons(url: string, lang: UiLang): ButtonRow[] {
  return [
    [
      { label: t(lang, 'feeds.addThisFeed'), action: { kind: 'run', command: 'feeds', args: `add ${url} confirm` } },
      { label: t(lang, 'feeds.cancel'), action: { kind: 'cancel', what: 'feed-add' } },
    ],
  ];
}

export function importReportText(r: ImportReportView, lang: UiLang): string {
  const lines = [t(lang, 'feeds-text.addedAlreadyPresent', { length: r.added.length, length2: r.present.length, length3: r.refused.length })];
  for (const u of r.added) lines.push(`+ ${u}`);
  for (const p of r.present) lines.push(`= ${p.url}`);
  for (const x of r.refused) lines.push(`✗ ${x.url || '?'}${x.line ? ` (${t(lang, 'feeds-text.line')} ${x.line})` : ''}: ${x.reason}`);
  return lines.join('\n');
}
