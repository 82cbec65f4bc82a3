// Telegram parse_mode HTML. Only <b>, <i> and <a href> are produced; every piece of feed text is
// escaped and isolated; messages are split between stories so that none exceeds 4096 characters
// after entity parsing and no tag is ever cut.
import { escapeTelegramHtml, telegramLink } from './escape.ts';
import { agoLabel, alertTimeLabel, countsLabel, firstSeenLabel, moreLabel, nothingNewLabel, openLabel, sourcesLabel, titleLabel, whyLabel } from './labels.ts';
import { FSI, PDI, runsOf, type RichText } from './rich-text.ts';
import type { ButtonRow, SealedButton, Sealer } from '../core/buttons.ts';
import { muteRow, storyRow } from './story-buttons.ts';
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

/** One Telegram message of a digest: its HTML and, when sealed buttons were asked for, its keyboard. */
export interface TelegramDigestMessage {
  html: string;
  /** Inline keyboard rows: 👍 / 👎 / Why? per story of this message, "Mute 6h" under the last. */
  keyboard?: SealedButton[][];
}

/**
 * The digest as Telegram HTML messages, in order. An empty digest gives the "nothing new" message
 * (scheduled callers check `digest.empty` and post nothing).
 */
export function renderTelegram(d: Digest): string[] {
  return renderTelegramMessages(d).map((m) => m.html);
}

/**
 * The messages with their stories; with a Sealer, each message carries its stories' buttons. An
 * alert has no header: its first story opens the first message.
 */
export function renderTelegramMessages(d: Digest, seal?: Sealer): TelegramDigestMessage[] {
  if (d.empty) return [{ html: escapeTelegramHtml(nothingNewLabel(d)) }];
  const alert = d.kind === 'alert';
  const chunks: { html: string; story?: DigestStory }[] = d.stories.map((s) => ({ html: alert ? alertHtml(d, s) : storyHtml(d, s), story: s }));
  const more = alert ? undefined : moreLabel(d);
  if (more) chunks.push({ html: `<i>${escapeTelegramHtml(more)}</i>` });
  const messages: { html: string; stories: DigestStory[] }[] = [];
  const head = alert ? chunks.shift()! : { html: headerHtml(d) };
  let current = { html: head.html, stories: head.story ? [head.story] : [] };
  for (const chunk of chunks) {
    const joined = `${current.html}\n\n${chunk.html}`;
    if (telegramTextLength(joined) <= TELEGRAM_MAX) {
      current = { html: joined, stories: chunk.story ? [...current.stories, chunk.story] : current.stories };
      continue;
    }
    messages.push(current);
    // A single story is far below the limit (headline ≤ 300, summary ≤ 280, ≤ 5 named sources).
    current = { html: chunk.html, stories: chunk.story ? [chunk.story] : [] };
  }
  messages.push(current);
  if (!seal) return messages.map((m) => ({ html: m.html }));
  return messages.map((m, i) => ({ html: m.html, keyboard: keyboardOf(d, m.stories, i === messages.length - 1, seal) }));
}

function keyboardOf(d: Digest, stories: DigestStory[], last: boolean, seal: Sealer): SealedButton[][] {
  const rows: ButtonRow[] = stories.map((s) => storyRow(d, s, stories.length > 1));
  if (last) rows.push(muteRow(d));
  return rows.filter((r) => r.length > 0).map((r) => r.map((b) => ({ label: b.label, data: seal(b.action) })));
}
