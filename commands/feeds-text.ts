// Phrasing for the sources side of /feeds (discovery, preview, import reports), in the chat's
// language. The views are plain data the services fill from src/feeds; commands only phrase.
import { tr, type UiLang } from './types.ts';

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
  if (c.perDay === undefined) return tr(lang, 'unknown', 'غير معروف');
  const r = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
  if (c.perDay >= 24) return tr(lang, `about ${r(c.perDay / 24)} an hour`, `نحو ${r(c.perDay / 24)} في الساعة`);
  if (c.perDay >= 1) return tr(lang, `about ${r(c.perDay)} a day`, `نحو ${r(c.perDay)} في اليوم`);
  if (c.perDay * 7 >= 1) return tr(lang, `about ${r(c.perDay * 7)} a week`, `نحو ${r(c.perDay * 7)} في الأسبوع`);
  return tr(lang, `about ${r(c.perDay * 30)} a month`, `نحو ${r(c.perDay * 30)} في الشهر`);
}

/** The preview block: title, language, cadence, latest items with the topics each would match. */
export function previewText(p: FeedPreviewView, lang: UiLang): string {
  const lines = [
    `${p.title ?? tr(lang, '(untitled feed)', '(مصدر بلا عنوان)')} — ${p.url}`,
    tr(
      lang,
      `Language: ${p.language ?? 'unknown'} · ${p.itemCount} items · publishes ${cadenceText(p.cadence, lang)}`,
      `اللغة: ${p.language ?? 'غير معروفة'} · ${p.itemCount} مادة · ينشر ${cadenceText(p.cadence, lang)}`,
    ),
    tr(lang, `Matching a watched topic: ${p.matchingItems} of ${p.itemCount}`, `تطابق موضوعاً مرصوداً: ${p.matchingItems} من ${p.itemCount}`),
  ];
  if (p.cadence.newest) lines.push(tr(lang, `Newest item: ${stamp(p.cadence.newest)}`, `أحدث مادة: ${stamp(p.cadence.newest)}`));
  for (const it of p.items) {
    const topics = it.topics.map((t) => (t.clauses.length > 0 ? `${t.topic} (${t.clauses.join('; ')})` : t.topic)).join(', ');
    lines.push(`• ${it.title}${it.url ? `\n  ${it.url}` : ''}\n  ${tr(lang, 'topics', 'المواضيع')}: ${topics || '—'}`);
  }
  return lines.join('\n');
}

/** Several feeds on a page: one line each, with the exact command that adds it. */
export function choicesText(pageUrl: string, feeds: readonly FeedCandidateView[], lang: UiLang, verb: 'add' | 'preview'): string {
  const head = tr(lang, `${pageUrl} is a page with ${feeds.length} feeds. Choose one:`, `${pageUrl} صفحة فيها ${feeds.length} مصادر. اختر واحداً:`);
  const lines = feeds.map((f, i) => `${i + 1}. ${f.title ?? f.url} (${f.format}, ${f.itemCount})\n   /feeds ${verb} ${f.url}`);
  return [head, ...lines].join('\n');
}

export function importReportText(r: ImportReportView, lang: UiLang): string {
  const lines = [
    tr(
      lang,
      `Added ${r.added.length}, already present ${r.present.length}, refused ${r.refused.length}.`,
      `أُضيف ${r.added.length}، موجود مسبقاً ${r.present.length}، مرفوض ${r.refused.length}.`,
    ),
  ];
  for (const u of r.added) lines.push(`+ ${u}`);
  for (const p of r.present) lines.push(`= ${p.url}`);
  for (const x of r.refused) lines.push(`✗ ${x.url || '?'}${x.line ? ` (${tr(lang, 'line', 'السطر')} ${x.line})` : ''}: ${x.reason}`);
  return lines.join('\n');
}
