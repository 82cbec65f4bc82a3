// The text of a /watch preview: what the change is, how many of the last 7 days' stored articles
// it adds and removes, two examples of each, and how to confirm it.
import type { UiLang, WatchChange, WatchPreview } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

const TITLE_MAX = 100;

export function describeChange(c: WatchChange, lang: UiLang): string {
  const list = (xs: string[]) => xs.map((x) => `«${x}»`).join(t(lang, 'watch-preview.listSep'));
  if (c.kind === 'remove') return t(lang, 'watch-preview.removeTopic', { id: c.id });
  if (c.kind === 'put') {
    return c.action === 'add'
      ? t(lang, 'watch-preview.addTopic', { id: c.topic.id, query: c.topic.query })
      : t(lang, 'watch-preview.changeTopicTo', { id: c.topic.id, query: c.topic.query });
  }
  const parts: string[] = [];
  if (c.include.length > 0) parts.push(t(lang, 'watch-preview.alsoMatch', { include: list(c.include) }));
  if (c.exclude.length > 0) parts.push(t(lang, 'watch-preview.leaveOutArticles', { exclude: list(c.exclude) }));
  return t(lang, 'watch-preview.topic', { id: c.id, v: parts.join(lang === 'ar' ? '؛ ' : '; ') });
}

function examples(xs: { title: string }[]): string[] {
  return xs.map((x) => `  – ${x.title.length > TITLE_MAX ? `${x.title.slice(0, TITLE_MAX - 1)}…` : x.title}`);
}

export function previewText(c: WatchChange, p: WatchPreview, lang: UiLang, confirmLine: string): string {
  const lines = [t(lang, 'watch-preview.previewNothingIs'), describeChange(c, lang), ''];
  lines.push(t(lang, 'watch-preview.ofTheArticles', { scanned: p.scanned }));
  lines.push(t(lang, 'watch-preview.wouldNowMatch', { added: p.added }), ...examples(p.addedExamples));
  lines.push(t(lang, 'watch-preview.wouldNoLonger', { removed: p.removed }), ...examples(p.removedExamples));
  lines.push('', t(lang, 'watch-preview.toSaveIt', { confirmLine }));
  return lines.join('\n');
}
