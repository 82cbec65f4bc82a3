// The text of a /watch preview: what the change is, how many of the last 7 days' stored articles
// it adds and removes, two examples of each, and how to confirm it.
import type { UiLang, WatchChange, WatchPreview } from './types.ts';
import { tr } from './types.ts';

const TITLE_MAX = 100;

export function describeChange(c: WatchChange, lang: UiLang): string {
  const list = (xs: string[]) => xs.map((x) => `«${x}»`).join(tr(lang, ', ', '، '));
  if (c.kind === 'remove') return tr(lang, `Remove topic "${c.id}".`, `حذف الموضوع «${c.id}».`);
  if (c.kind === 'put') {
    return c.action === 'add'
      ? tr(lang, `Add topic "${c.topic.id}": ${c.topic.query}`, `إضافة الموضوع «${c.topic.id}»: ${c.topic.query}`)
      : tr(lang, `Change topic "${c.topic.id}" to: ${c.topic.query}`, `تغيير الموضوع «${c.topic.id}» إلى: ${c.topic.query}`);
  }
  const parts: string[] = [];
  if (c.include.length > 0) parts.push(tr(lang, `also match ${list(c.include)}`, `مطابقة ${list(c.include)} أيضاً`));
  if (c.exclude.length > 0) parts.push(tr(lang, `leave out articles with ${list(c.exclude)}`, `استبعاد المقالات التي فيها ${list(c.exclude)}`));
  return tr(lang, `Topic "${c.id}": ${parts.join('; ')}.`, `الموضوع «${c.id}»: ${parts.join('؛ ')}.`);
}

function examples(xs: { title: string }[]): string[] {
  return xs.map((x) => `  – ${x.title.length > TITLE_MAX ? `${x.title.slice(0, TITLE_MAX - 1)}…` : x.title}`);
}

export function previewText(c: WatchChange, p: WatchPreview, lang: UiLang, confirmLine: string): string {
  const lines = [tr(lang, 'Preview — nothing is saved yet.', 'معاينة — لم يُحفظ شيء بعد.'), describeChange(c, lang), ''];
  lines.push(tr(lang, `Of the ${p.scanned} articles stored in the last 7 days:`, `من ${p.scanned} مقالة مخزنة خلال آخر 7 أيام:`));
  lines.push(tr(lang, `+ ${p.added} would now match`, `+ ${p.added} ستطابق الآن`), ...examples(p.addedExamples));
  lines.push(tr(lang, `− ${p.removed} would no longer match`, `− ${p.removed} لن تطابق بعد الآن`), ...examples(p.removedExamples));
  lines.push('', tr(lang, `To save it: ${confirmLine} (within 10 minutes).`, `للحفظ: ${confirmLine} (خلال 10 دقائق).`));
  return lines.join('\n');
}
