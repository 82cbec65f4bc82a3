// Telegram parse_mode HTML. Only <b>, <i> and <a href> are produced; every piece of feed text is
// escaped and isolated; messages are split between stories so that none exceeds 4096 characters
// after entity parsing and no tag is ever cut.
import { escapeTelegramHtml, telegramLink } from './escape.ts';
import { agoLabel, alertTimeLabel, countsLabel, firstSeenLabel, moreLabel, nothingNewLabel, openLabel, sourcesLabel, titleLabel, whyLabel } from './labels.ts';
import { FSI, PDI, runsOf, type RichText } from './rich-text.ts';
import type { Digest, DigestStory } from './types.ts';

export const TELEGRAM_MAX = 4096;

/** Rich text as HTML: escaped, highlights in <b>, wrapped in an isolate. */
export function telegramRich(r: RichText): string {
  const body = runsOf(r)
    .map((run) => (run.mark ? `<b>${escapeTelegramHtml(run.text)}</b>` : escapeTelegramHtml(run.text)))
    .join('');
  return `${FSI}${body}${PDI}`;
}

/**
 * The length Telegram counts: text after entity parsing (tags removed, entities decoded), in
 * UTF-16 code units (as Telegram counts message length and entity offsets).
 */
export function telegramTextLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
}

function storyHtml(d: Digest, s: DigestStory): string {
  const lines: string[] = [];
  lines.push(`<b>${s.rank}.</b> ${telegramLink(s.url, telegramRich(s.headline))}`);
  if (s.summary.text && s.summary.text !== s.headline.text) lines.push(telegramRich(s.summary));
  const meta = [`${FSI}${escapeTelegramHtml(s.source)}${PDI}`, escapeTelegramHtml(agoLabel(d.lang, s.latestMs, d.untilMs))];
  const first = firstSeenLabel(d, s.firstSeenMs);
  if (first) meta.push(escapeTelegramHtml(first));
  const more = sourcesLabel(d.lang, s.sourceCount, s.languages);
  if (more) {
    const listed = s.sources.map((src) => telegramLink(src.url, `${FSI}${escapeTelegramHtml(src.name)}${PDI}`)).join(', ');
    meta.push(listed ? `${escapeTelegramHtml(more)}: ${listed}` : escapeTelegramHtml(more));
  }
  lines.push(`<i>${meta.join(' · ')}</i>`);
  return lines.join('\n');
}

/** One alert: the headline, the summary, source and time, why it matched, the link. */
function alertHtml(d: Digest, s: DigestStory): string {
  const lines = [`<b>${telegramLink(s.url, telegramRich(s.headline))}</b>`];
  if (s.summary.text && s.summary.text !== s.headline.text) lines.push(telegramRich(s.summary));
  const meta = [`${FSI}${escapeTelegramHtml(s.source)}${PDI}`, escapeTelegramHtml(alertTimeLabel(d, s.latestMs))];
  const more = sourcesLabel(d.lang, s.sourceCount, s.languages);
  if (more) meta.push(escapeTelegramHtml(more));
  lines.push(`<i>${meta.join(' · ')}</i>`);
  if (s.why && s.why.length > 0) lines.push(`<i>${escapeTelegramHtml(whyLabel(d, s.why))}</i>`);
  if (s.url) lines.push(telegramLink(s.url, escapeTelegramHtml(openLabel(d))));
  return lines.join('\n');
}

function headerHtml(d: Digest): string {
  return `<b>${escapeTelegramHtml(titleLabel(d))}</b>\n${escapeTelegramHtml(countsLabel(d))}`;
}

/**
 * The digest as Telegram HTML messages, in order. An empty digest gives the "nothing new" message
 * (scheduled callers check `digest.empty` and post nothing).
 */
export function renderTelegram(d: Digest): string[] {
  if (d.empty) return [escapeTelegramHtml(nothingNewLabel(d))];
  if (d.kind === 'alert') {
    const [first, ...rest] = d.stories.map((s) => alertHtml(d, s));
    return pack(first!, rest);
  }
  const chunks = d.stories.map((s) => storyHtml(d, s));
  const more = moreLabel(d);
  if (more) chunks.push(`<i>${escapeTelegramHtml(more)}</i>`);
  return pack(headerHtml(d), chunks);
}

/** Chunks joined by blank lines into as few messages as the length limit allows. */
function pack(head: string, chunks: readonly string[]): string[] {
  const messages: string[] = [];
  let current = head;
  for (const chunk of chunks) {
    const joined = `${current}\n\n${chunk}`;
    if (telegramTextLength(joined) <= TELEGRAM_MAX) {
      current = joined;
      continue;
    }
    messages.push(current);
    // A single story is far below the limit (headline ≤ 300, summary ≤ 280, ≤ 5 named sources).
    current = chunk;
  }
  messages.push(current);
  return messages;
}
