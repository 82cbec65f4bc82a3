// Text in and out of Slack. Slash-command text arrives with & < > escaped and links or mentions
// wrapped in <…>; replies go out with & < > escaped (Slack decodes exactly those three), so that
// nothing a user or a feed wrote can ping a channel or disguise a link.
import type { Reply } from '../../../commands/types.ts';
import { splitText } from '../../../commands/reply-text.ts';
import { escapeSlackText } from '../../digest/escape.ts';
import { renderSlack } from '../../digest/render-slack.ts';
import { slackifyCommandNames } from './slack-names.ts';
import type { Digest } from '../../digest/types.ts';

export { escapeSlackText };

/** Slack recommends keeping `text` short; 3,000 is also a section block's limit. */
const SLACK_TEXT_MAX = 3_000;
/** respond() may be called at most five times per response_url. */
const MAX_RESPONSES = 5;

/** What a user typed, as Slack sent it in a slash command's `text`, back to plain text. */
export function slackCommandText(raw: string): string {
  return raw
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `@${name || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name || id}`)
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_, word: string, label?: string) => label || `@${word}`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface SlackMessage {
  text: string;
  blocks?: unknown[];
}

/** Renders a digest to Slack messages (default: src/digest's renderSlack). */
export type SlackDigestRenderer = (digest: Digest) => SlackMessage[];

/** The messages that answer a command, escaped for Slack. */
export function replyToSlack(reply: Reply, renderDigest: SlackDigestRenderer = renderSlack): SlackMessage[] {
  if (reply.digest !== undefined) {
    const parts = renderDigest(reply.digest).filter((p) => p.text.trim() !== '' || (p.blocks?.length ?? 0) > 0);
    if (parts.length > 0) return parts.slice(0, MAX_RESPONSES);
  }
  const text = reply.text.trim() === '' ? '…' : slackifyCommandNames(reply.text);
  return splitText(text, SLACK_TEXT_MAX)
    .slice(0, MAX_RESPONSES)
    .map((t) => ({ text: escapeSlackText(t) }));
}

/** Plain text from Telegram HTML, for a message meant for Telegram that is routed to Slack. */
export function htmlToSlackText(html: string): string {
  const plain = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
  return escapeSlackText(plain);
}
