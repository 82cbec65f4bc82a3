// A follow-up reply to an instant alert: what a later report added to the story — its outlet, its
// language, its headline (linked) and the event details that are new or changed. Sent as a reply
// to the alert (delivery/follow-ups.ts); when the alert's message is unknown the reply cannot be
// threaded, so it starts with "Follow-up to: <the story's headline>".
import type { MessageBody, PlatformName } from '../core/outbound.ts';
import type { ChangedField, StoredArticle } from '../core/types.ts';
import { escapeSlackText, escapeTelegramHtml, slackLink, telegramLink, safeHttpUrl, hostLabel } from './escape.ts';
import { cleanText, FSI, PDI, type RichText } from './rich-text.ts';
import { headlineOf } from './summarise.ts';
import { telegramRich } from './render-telegram.ts';
import { slackRich } from './render-slack.ts';
import { textRich } from './render-text.ts';
import type { UiLang } from './types.ts';
import { t, type MsgKey } from '../i18n/catalogue.ts';

export interface FollowUpEntry {
  stored: StoredArticle;
  changed: readonly ChangedField[];
}

export interface FollowUpRenderOptions {
  lang: UiLang;
  feedName?: (feedId: string) => string | undefined;
  /** The followed story's headline, shown when the reply cannot be threaded. */
  followsTitle?: string;
}

/** Follow-ups per message: a busy story's replies stay readable and far below every limit. */
export const FOLLOW_UPS_PER_MESSAGE = 5;

/** The fields a follow-up names (src/stories' event fields), each with a catalogue entry. */
const FIELDS = new Set(['killed', 'wounded', 'drones', 'rockets', 'targets', 'troops', 'place', 'places', 'actor', 'actors', 'day', 'kind']);

/** A follow-up's own words in the reader's language. */
const wordsOf = (lang: UiLang) => ({
  followUp: t(lang, 'follow-up.followUp'),
  followsTo: t(lang, 'follow-up.followsTo'),
  news: t(lang, 'follow-up.news'),
});

export function fieldLabel(lang: UiLang, field: string): string {
  return FIELDS.has(field) ? t(lang, `follow-up.field.${field}` as MsgKey) : field;
}

/** "killed: 5 · place: Ain al-Asad" in the subscriber's words (values keep their own language). */
export function changedLabel(lang: UiLang, changed: readonly ChangedField[]): string {
  return changed.map((c) => `${fieldLabel(lang, c.field)}: ${FSI}${cleanText(lang === 'ar' && c.ar ? c.ar : c.value)}${PDI}`).join(' · ');
}

export function outletName(s: StoredArticle, feedName?: (feedId: string) => string | undefined): string {
  const name = cleanText(feedName?.(s.article.feedId) ?? hostLabel(s.article.url) ?? s.article.feedId);
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

interface Piece {
  source: string;
  lang: string;
  headline: RichText;
  url?: string;
  changed: string;
}

function pieceOf(e: FollowUpEntry, o: FollowUpRenderOptions): Piece {
  const a = e.stored.article;
  const topics = new Set(e.stored.matches.map((m) => m.id));
  const url = safeHttpUrl(a.url);
  return {
    source: outletName(e.stored, o.feedName),
    lang: a.lang === 'other' ? '' : a.lang,
    headline: headlineOf(a, e.stored.matches, topics),
    ...(url ? { url } : {}),
    changed: changedLabel(o.lang, e.changed),
  };
}

function telegramBody(pieces: Piece[], o: FollowUpRenderOptions): string {
  const w = wordsOf(o.lang);
  const lines: string[] = [];
  if (o.followsTitle) lines.push(`<i>${escapeTelegramHtml(w.followsTo)}: ${FSI}${escapeTelegramHtml(cleanText(o.followsTitle))}${PDI}</i>`);
  for (const p of pieces) {
    const meta = [w.followUp, `${FSI}${p.source}${PDI}`, p.lang].filter(Boolean).map(escapeTelegramHtml).join(' · ');
    lines.push(`<b>${meta}</b>`, telegramLink(p.url, telegramRich(p.headline)));
    if (p.changed) lines.push(`<i>${escapeTelegramHtml(w.news)}: ${escapeTelegramHtml(p.changed)}</i>`);
  }
  return lines.join('\n');
}

function slackBody(pieces: Piece[], o: FollowUpRenderOptions): { text: string; mrkdwn: string } {
  const w = wordsOf(o.lang);
  const lines: string[] = [];
  const plain: string[] = [];
  if (o.followsTitle) {
    lines.push(`_${escapeSlackText(w.followsTo)}: ${escapeSlackText(cleanText(o.followsTitle))}_`);
    plain.push(`${w.followsTo}: ${cleanText(o.followsTitle)}`);
  }
  for (const p of pieces) {
    const meta = [w.followUp, p.source, p.lang].filter(Boolean).join(' · ');
    lines.push(`*${escapeSlackText(meta)}*`, p.url ? slackLink(p.url, slackRich(p.headline), { labelMrkdwn: true }) : slackRich(p.headline));
    if (p.changed) lines.push(`_${escapeSlackText(w.news)}: ${escapeSlackText(p.changed)}_`);
    plain.push(`${meta}: ${p.headline.text}`);
  }
  return { text: escapeSlackText(plain.join('\n')).slice(0, 3000), mrkdwn: lines.join('\n').slice(0, 3000) };
}

function textBody(pieces: Piece[], o: FollowUpRenderOptions): string {
  const w = wordsOf(o.lang);
  const lines: string[] = [];
  if (o.followsTitle) lines.push(`${w.followsTo}: ${cleanText(o.followsTitle)}`);
  for (const p of pieces) {
    lines.push([w.followUp, p.source, p.lang].filter(Boolean).join(' · '), `${textRich(p.headline)}${p.url ? ` ${p.url}` : ''}`);
    if (p.changed) lines.push(`${w.news}: ${p.changed}`);
  }
  return lines.join('\n');
}

/** The reply bodies for one platform: one message per FOLLOW_UPS_PER_MESSAGE follow-ups. */
export function followUpBodies(entries: readonly FollowUpEntry[], platform: PlatformName, o: FollowUpRenderOptions): MessageBody[] {
  const pieces = entries.map((e) => pieceOf(e, o));
  const out: MessageBody[] = [];
  for (let i = 0; i < pieces.length; i += FOLLOW_UPS_PER_MESSAGE) {
    const chunk = pieces.slice(i, i + FOLLOW_UPS_PER_MESSAGE);
    // Only the first message names the followed story; the rest continue it.
    const opts = i === 0 ? o : { ...o, followsTitle: undefined };
    if (platform === 'telegram') out.push({ format: 'telegram-html', html: telegramBody(chunk, opts), disablePreview: true });
    else if (platform === 'slack') {
      const b = slackBody(chunk, opts);
      out.push({ format: 'slack', text: b.text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: b.mrkdwn } }] });
    } else out.push({ format: 'text', text: textBody(chunk, opts) });
  }
  return out;
}
